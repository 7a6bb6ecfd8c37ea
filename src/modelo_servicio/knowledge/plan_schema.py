"""Pydantic models of ``kind: plan`` files: the implementation plan's phases and tasks, its
KPIs, and the service levels a company climbs through."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from modelo_servicio.domain.catalogue import ChannelId, ModelId, ServiceLevelId
from modelo_servicio.domain.i18n import Text, invalid
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
    "no_roster",
    "key_person",
    "hiring_capped",
    "budget_gap",
    "training_load",
    "too_long",
    "all_customers_languages",
    "walk_in",
    "appointments",
]


class When(Strict):
    """Include a phase, task or KPI only in plans that match every given test."""

    models: list[ModelId] = Field(default_factory=list)
    channels: list[ChannelId] = Field(default_factory=list)
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
    owner: Text | None = None
    """The role that answers for the phase (a client's job title, not a person)."""
    deliverables: list[Text] = Field(default_factory=list)
    milestone: Text | None = None
    cost: list[Literal["hiring", "training", "tooling"]] = Field(default_factory=list)
    """One-off costs the phase carries."""

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
    """A level of service, the levels worst first in file order (a profile's
    ``organization.service_level_now`` and ``_goal`` name one)."""

    name: Text
    description: Text
    satisfaction: float = Field(gt=0, le=1)
    """Share of satisfied customers in the survey that this level stands for."""
    practices: list[Text] = Field(default_factory=list)
    """What it takes to reach this level from the one below."""


class CostSettings(Strict):
    """Prices the plan uses when the profile gives none (``constraints.cost_per_fte_month``
    replaces every staff price)."""

    cost_per_fte_month: dict[str, float]
    """Role id -> monthly cost of one FTE, employer's social charges included; ``default``
    for any role not listed."""
    hire_one_off: float = Field(ge=0)
    training_hour_cost: float = Field(ge=0)
    source: Text


class ToolSpec(Item):
    """A tool the model needs: a monthly price (per agent or flat) and a one-off setup."""

    name: Text
    monthly: float = Field(ge=0)
    per_agent: bool = False
    one_off: float = Field(0, ge=0)
    range: tuple[float, float] | None = None
    source: Text
    when: When = Field(default_factory=When)


class RiskSpec(Item):
    risk: Text
    likelihood: Literal["low", "medium", "high"]
    impact: Literal["low", "medium", "high"]
    mitigation: Text
    owner: Text
    when: When = Field(default_factory=When)


class ClosedWeeks(Strict):
    """Weeks nobody implements anything (``MM-DD`` to ``MM-DD``, both included)."""

    name: Text
    start: str = Field(pattern=r"^\d{2}-\d{2}$")
    end: str = Field(pattern=r"^\d{2}-\d{2}$")


class CalendarSettings(Strict):
    closed: list[ClosedWeeks] = Field(default_factory=list)


class PlanFile(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")
    kind: Literal["plan"]
    costs: CostSettings | None = None
    calendar: CalendarSettings | None = None
    tooling: list[ToolSpec] = Field(default_factory=list)
    risks: list[RiskSpec] = Field(default_factory=list)
    plan_phases: list[PhaseSpec] = Field(default_factory=list)
    plan_kpis: list[KpiSpec] = Field(default_factory=list)
    service_levels: list[ServiceLevelSpec] = Field(default_factory=list)
    disable: list[str] = Field(default_factory=list)
