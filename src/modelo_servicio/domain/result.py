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
    share: float = 0.0
    """Share of the assisted contacts it serves (for the help centre: of the needs it meets)."""
    by_segment: bool = False
    """It serves customer segments apart: its score is on those segments' own answers."""


class ChannelModel(_Out):
    """The model that serves one channel best (``recommendation.channels``)."""

    channel: str
    model: str | None
    share: float
    """Share of assisted contacts; for ``self_service``, the share of needs it meets."""
    name: str = ""
    score: float = 0.0
    component: bool = False
    """Whether a component of the recommended hybrid owns this channel."""
    runner_up: str | None = None
    runner_up_score: float | None = None
    reasons: list[str] = Field(default_factory=list)
    """The chosen model's strongest rules: its trace for this channel."""


class SegmentModel(_Out):
    """The model that serves one customer segment best (``recommendation.segments``): only
    when the profile describes its segments (``customers.segments``)."""

    segment: str
    share: float
    """Share of the assisted contacts."""
    model: str | None
    name: str = ""
    score: float = 0.0
    apart: bool = False
    """Whether the recommendation serves this segment with components of its own."""
    described: bool = True
    """Whether the profile gives answers of its own for it (else the company's serve)."""
    channels: list[str] = Field(default_factory=list)
    runner_up: str | None = None
    runner_up_score: float | None = None
    reasons: list[str] = Field(default_factory=list)
    """The chosen model's strongest rules on the segment's answers: its trace."""


class Ideal(_Out):
    """The seed's step 3: the best model before cost, and whether it fits the constraints."""

    model: str
    name: str = ""
    components: list[ComponentOut] = Field(default_factory=list)
    fits: bool = True
    reasons: list[str] = Field(default_factory=list)
    """Why it does not fit now (empty when it fits)."""
    score: float = 0.0
    margin: float = 0.0
    """Its lead over the runner-up in the ranking before cost."""


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
    channels: list[ChannelModel] = Field(default_factory=list)
    segments: list[SegmentModel] = Field(default_factory=list)
    """The model per customer segment, when the profile describes them."""
    ideal: Ideal | None = None
    path: list[str] = Field(default_factory=list)
    """Steps from what fits now (``model``) to the ideal; empty when the ideal fits."""
    close_call: bool = False
    """The lead is under ``settings.close_call_margin`` points."""


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
