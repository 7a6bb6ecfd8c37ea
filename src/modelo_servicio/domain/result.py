"""The result of advising one company: the JSON contract of ``score --format json``.

Built from a language-neutral ``Evaluation`` by resolving every text in one language, so the
renderers (table, JSON, markdown) only format; they never decide.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from modelo_servicio.domain.plan_model import Plan


class _Out(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")


class Reason(_Out):
    rule: str
    points: int
    text: str
    values: dict[str, Any] = Field(default_factory=dict)


class Limit(_Out):
    rule: str
    text: str
    values: dict[str, Any] = Field(default_factory=dict)


class ComponentOut(_Out):
    model: str
    name: str
    channels: list[str]
    segments: list[str] = Field(default_factory=list)
    score: float


class Ranked(_Out):
    model: str
    name: str
    score: float
    feasible: bool
    limits: list[Limit] = Field(default_factory=list)
    reasons: list[Reason] = Field(default_factory=list)
    base: float = 0.0
    raw: float = 0.0
    components: list[ComponentOut] = Field(default_factory=list)


class Recommendation(_Out):
    model: str
    components: list[ComponentOut] = Field(default_factory=list)
    margin: float
    robust: bool
    runner_up: str | None = None


class Sensitivity(_Out):
    field: str
    value: Any
    model: str
    current: Any = None


class Versions(_Out):
    tool: str
    rules: str


class Result(_Out):
    schema_version: int = 1
    company: str
    language: str
    ranking: list[Ranked]
    recommendation: Recommendation
    sensitivity: list[Sensitivity] = Field(default_factory=list)
    plan: Plan = Field(default_factory=Plan)
    versions: Versions

    def ranked(self, model: str) -> Ranked:
        return next(r for r in self.ranking if r.model == model)
