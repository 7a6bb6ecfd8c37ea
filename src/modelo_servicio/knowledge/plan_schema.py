"""Pydantic models of ``kind: plan`` files: the implementation plan's phases and tasks, its
KPIs, and the service levels a company climbs through."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from modelo_servicio.domain.i18n import Text, invalid
from modelo_servicio.domain.profile import Channel, ModelId
from modelo_servicio.domain.profile import ServiceLevel as ServiceLevelId
from modelo_servicio.knowledge.schema import Item, Strict

Need = Literal[
    "training",
    "hiring",
    "language_gap",
    "ready_staff",
    "reassignment",
    "uncovered",
    "no_knowledge_base",
    "climb",
]


class When(Strict):
    """Include a phase, task or KPI only in plans that match every given test."""

    models: list[ModelId] = Field(default_factory=list)
    channels: list[Channel] = Field(default_factory=list)
    needs: list[Need] = Field(default_factory=list)
    goal_at_least: ServiceLevelId | None = None


class TaskSpec(Strict):
    text: Text
    when: When = Field(default_factory=When)


class PhaseSpec(Item):
    name: Text
    after: list[str] = Field(default_factory=list)
    weeks: int = Field(ge=1, le=104)
    min_weeks: int | None = Field(None, ge=1, le=104)
    computed: Literal["training"] | None = None
    """Duration from the training hours instead of ``weeks``."""
    practices: bool = False
    """Append the practices that climb from the current service level to the goal."""
    when: When = Field(default_factory=When)
    tasks: list[TaskSpec] = Field(default_factory=list)

    @model_validator(mode="after")
    def _min_not_above(self) -> PhaseSpec:
        if self.min_weeks is not None and self.min_weeks > self.weeks:
            raise invalid("rules.plan.min_weeks")
        return self


class KpiSpec(Item):
    name: Text
    target: Text
    when: When = Field(default_factory=When)


class ServiceLevelSpec(Item):
    id: ServiceLevelId
    name: Text
    description: Text
    satisfaction: float = Field(gt=0, le=1)
    """Share of satisfied customers in the survey that this level stands for."""
    practices: list[Text] = Field(default_factory=list)
    """What it takes to reach this level from the one below."""


class PlanFile(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")
    kind: Literal["plan"]
    plan_phases: list[PhaseSpec] = Field(default_factory=list)
    plan_kpis: list[KpiSpec] = Field(default_factory=list)
    service_levels: list[ServiceLevelSpec] = Field(default_factory=list)
    disable: list[str] = Field(default_factory=list)
