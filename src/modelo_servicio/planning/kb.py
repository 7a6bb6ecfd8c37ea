"""Knowledge-base files of the implementation plan: staffing defaults, roles, training, phases.

Four file kinds (``staffing``, ``roles``, ``training``, ``plan``), registered in
``kb.loader.KINDS``. Per-channel defaults, coverage options, roles, training modules, phases,
KPIs and service levels are collections merged by id, so a consultancy's ``--rules DIR`` can
replace one item; the two settings sections merge key by key. The settings are declared twice:
a partial form for files (any key may be overridden alone) and a complete form that ``check``
demands after merging, so no default is buried in code.
"""

from __future__ import annotations

from typing import Annotated, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, model_validator

from modelo_servicio.domain.errors import Problem
from modelo_servicio.domain.i18n import Text, invalid
from modelo_servicio.domain.profile import Channel, Coverage, ModelId, SkillName
from modelo_servicio.domain.profile import ServiceLevel as ServiceLevelId
from modelo_servicio.knowledge.loader import KnowledgeBase
from modelo_servicio.knowledge.schema import Item

Share = Annotated[float, Field(gt=0, le=1)]
Level = Annotated[int, Field(ge=1, le=5)]
Method = Literal["erlang_c", "backlog", "visits", "self_service"]
Basis = Literal["active_customers", "dedicated_customers", "agents", "departments", "locations"]
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
]


class _Strict(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid", frozen=True)


# --- staffing ----------------------------------------------------------------------------------


class ChannelDefaults(Item):
    """How one channel is staffed and the defaults its calculation uses."""

    id: Channel
    method: Method
    handle_minutes: float | None = Field(None, gt=0, le=600)
    answer_seconds: int | None = Field(None, ge=1, le=3600)
    profile_targets: bool = False
    """Live: the profile's ``demand.targets.answer_seconds`` replaces ``answer_seconds`` when
    the profile gives it. Backlog: ``email_response_hours`` replaces ``response_hours``."""
    per_location: bool = False
    pool: str | None = None
    """Live channels of the same pool can be served by the same people at the same time."""
    concurrency: int = Field(1, ge=1, le=10)
    response_hours: float | None = Field(None, gt=0, le=720)
    arrival_hours: float | None = Field(None, gt=0, le=24)
    travel_minutes: float | None = Field(None, ge=0, le=600)

    @model_validator(mode="after")
    def _fields_for_method(self) -> ChannelDefaults:
        needed: dict[str, tuple[str, ...]] = {
            "erlang_c": ("handle_minutes", "answer_seconds"),
            "backlog": ("handle_minutes", "response_hours", "arrival_hours"),
            "visits": ("handle_minutes", "travel_minutes"),
            "self_service": (),
        }
        missing = [f for f in needed[self.method] if getattr(self, f) is None]
        if missing:
            raise invalid("rules.plan.method_needs", method=self.method, fields=", ".join(missing))
        return self


class CoverageDefaults(Item):
    """Opening pattern of one ``demand.coverage`` option."""

    id: Coverage
    name: Text
    days_per_week: float = Field(gt=0, le=7)
    hours_per_day: float = Field(gt=0, le=24)
    days_per_month: float = Field(gt=0, le=31)

    @property
    def hours_per_week(self) -> float:
        return self.days_per_week * self.hours_per_day


class StaffingSettings(_Strict):
    """Every staffing default that is not tied to one channel (complete form)."""

    service_level: float = Field(gt=0, lt=1)
    busy_hour_share: Share
    shrinkage: float = Field(ge=0, lt=1)
    max_occupancy: Share
    productive_share: Share
    contracted_hours: float = Field(gt=0, le=80)
    weeks_per_month: float = Field(ge=4, le=4.5)
    concurrency_factors: dict[int, float]
    shared_below_occupancy: float = Field(ge=0, lt=1)
    pool_handle_ratio: float = Field(ge=1, le=100)
    hire_threshold_fte: float = Field(ge=0, lt=1)
    limited_hiring_cap: int = Field(ge=0, le=1000)


class StaffingSection(_Strict):
    """The same keys, each optional, as a file may give them."""

    service_level: float | None = Field(None, gt=0, lt=1)
    busy_hour_share: Share | None = None
    shrinkage: float | None = Field(None, ge=0, lt=1)
    max_occupancy: Share | None = None
    productive_share: Share | None = None
    contracted_hours: float | None = Field(None, gt=0, le=80)
    weeks_per_month: float | None = Field(None, ge=4, le=4.5)
    concurrency_factors: dict[int, float] | None = None
    shared_below_occupancy: float | None = Field(None, ge=0, lt=1)
    pool_handle_ratio: float | None = Field(None, ge=1, le=100)
    hire_threshold_fte: float | None = Field(None, ge=0, lt=1)
    limited_hiring_cap: int | None = Field(None, ge=0, le=1000)


Minutes = Annotated[float, Field(gt=0, le=600)]


class HandleTime(Item):
    """Typical handle minutes per channel in one sector, found by keywords of the sector."""

    name: Text
    keywords: list[str] = Field(min_length=1)
    """Matched, lower-cased and without accents, inside ``company.sector``."""
    minutes: dict[Channel, Minutes]
    range: dict[Channel, tuple[Minutes, Minutes]] = Field(default_factory=dict)
    answer_seconds: dict[Channel, Annotated[int, Field(ge=1, le=3600)]] = Field(
        default_factory=dict
    )
    """Longest wait where it differs from the channel's default: customers who come for a
    long consultation mostly book it, and a walk-in waits minutes, not seconds."""
    source: Text


class StaffingFile(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")
    kind: Literal["staffing"]
    staffing: StaffingSection | None = None
    channel_staffing: list[ChannelDefaults] = Field(default_factory=list)
    coverage: list[CoverageDefaults] = Field(default_factory=list)
    handle_times: list[HandleTime] = Field(default_factory=list)
    disable: list[str] = Field(default_factory=list)


# --- roles -------------------------------------------------------------------------------------


class Ratio(_Strict):
    """At least ``basis / per`` FTE (e.g. one account manager per 250 customers who need a
    dedicated adviser); ``text`` says it in words next to the result, ``source`` where the
    figure comes from."""

    basis: Basis
    per: float = Field(gt=0)
    text: Text | None = None
    source: Text | None = None


class DedicatedShare(_Strict):
    """Share of active customers who need a dedicated adviser: by ticket, times a factor by
    journey (``dedicated_customers`` basis of a ratio)."""

    by_ticket: dict[Literal["low", "medium", "high", "luxury"], float]
    by_journey: dict[Literal["one_off", "repeat", "consultative"], float]
    source: Text


class Sizing(_Strict):
    channels: bool = True
    """Add the workload of the channels the role serves."""
    ratio: Ratio | None = None
    minimum: float = Field(0, ge=0, le=100)


class RoleSpec(Item):
    name: Text
    description: Text
    channels: list[Channel] = Field(default_factory=list)
    share: Share = 1.0
    """Share of its channels' workload the role carries when its model splits them."""
    skills: dict[SkillName, Level] = Field(default_factory=dict)
    all_languages: bool = False
    """Serves customers from everywhere (phone, digital): should speak all their languages."""
    default_for: list[Channel] = Field(default_factory=list)
    """Channels this role staffs when the chosen model names no role for them."""
    sizing: Sizing = Field(default_factory=Sizing)
    specialism: bool = False
    """A trade of its own (department specialist, field technician): where people whose
    title names a specialism are placed first."""


class Specialists(_Strict):
    """People whose job title names a specialism (an optometrist, an audiologist, a
    technician) keep it: placed in a role marked ``specialism`` when the model has one, else
    kept in their title on the channels they serve, never trained into another trade."""

    keywords: list[str] = Field(min_length=1)


class RolesFile(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")
    kind: Literal["roles"]
    dedicated_customers: DedicatedShare | None = None
    specialists: Specialists | None = None
    roles: list[RoleSpec] = Field(default_factory=list)
    disable: list[str] = Field(default_factory=list)


# --- training ----------------------------------------------------------------------------------


class TrainingModule(Item):
    skill: SkillName
    channels: list[Channel] = Field(default_factory=list)
    """Preferred for roles serving these channels; empty = the general module of the skill."""
    name: Text
    hours_per_level: int = Field(ge=1, le=200)


class LanguageCourse(_Strict):
    name: Text
    hours: int = Field(ge=1, le=2000)
    level: Level


class TrainingSettings(_Strict):
    hours_per_week: float = Field(gt=0, le=40)
    max_hours_per_week: float = Field(gt=0, le=40)
    language: LanguageCourse
    heavy_hours_per_person: int = Field(ge=1, le=2000)
    """Training hours of one person above which the plan lists a training-load risk."""


class TrainingSection(_Strict):
    hours_per_week: float | None = Field(None, gt=0, le=40)
    max_hours_per_week: float | None = Field(None, gt=0, le=40)
    language: LanguageCourse | None = None
    heavy_hours_per_person: int | None = Field(None, ge=1, le=2000)


class TrainingFile(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")
    kind: Literal["training"]
    training: TrainingSection | None = None
    training_modules: list[TrainingModule] = Field(default_factory=list)
    disable: list[str] = Field(default_factory=list)


# --- plan --------------------------------------------------------------------------------------


class When(_Strict):
    """Include a phase, task or KPI only in plans that match every given test."""

    models: list[ModelId] = Field(default_factory=list)
    channels: list[Channel] = Field(default_factory=list)
    needs: list[Need] = Field(default_factory=list)
    goal_at_least: ServiceLevelId | None = None


class TaskSpec(_Strict):
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
    id: ServiceLevelId
    name: Text
    description: Text
    satisfaction: float = Field(gt=0, le=1)
    """Share of satisfied customers in the survey that this level stands for."""
    practices: list[Text] = Field(default_factory=list)
    """What it takes to reach this level from the one below."""


class CostSettings(_Strict):
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


class ClosedWeeks(_Strict):
    """Weeks nobody implements anything (``MM-DD`` to ``MM-DD``, both included)."""

    name: Text
    start: str = Field(pattern=r"^\d{2}-\d{2}$")
    end: str = Field(pattern=r"^\d{2}-\d{2}$")


class CalendarSettings(_Strict):
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


# --- access and cross-file checks -----------------------------------------------------------


S = TypeVar("S", bound=BaseModel)


def _complete(kb: KnowledgeBase, name: str, kind: type[S]) -> S:
    """The merged section ``name`` as its complete model (``PlanTables`` keeps the result)."""
    section = kb.singletons.get(name)
    return kind.model_validate(section.model_dump(exclude_none=True) if section else {})


def staffing_settings(kb: KnowledgeBase) -> StaffingSettings:
    return _complete(kb, "staffing", StaffingSettings)


def training_settings(kb: KnowledgeBase) -> TrainingSettings:
    return _complete(kb, "training", TrainingSettings)


def channel_defaults(kb: KnowledgeBase) -> dict[str, ChannelDefaults]:
    return kb.collection("channel_staffing", ChannelDefaults)


def coverages(kb: KnowledgeBase) -> dict[str, CoverageDefaults]:
    return kb.collection("coverage", CoverageDefaults)


def roles(kb: KnowledgeBase) -> dict[str, RoleSpec]:
    return kb.collection("roles", RoleSpec)


def modules(kb: KnowledgeBase) -> dict[str, TrainingModule]:
    return kb.collection("training_modules", TrainingModule)


def modules_by_skill(kb: KnowledgeBase) -> dict[str, list[TrainingModule]]:
    """Skill -> its training modules, in file order (``PlanTables`` keeps the index)."""
    out: dict[str, list[TrainingModule]] = {}
    for m in modules(kb).values():
        out.setdefault(m.skill, []).append(m)
    return out


def phases(kb: KnowledgeBase) -> dict[str, PhaseSpec]:
    return kb.collection("plan_phases", PhaseSpec)


def kpis(kb: KnowledgeBase) -> dict[str, KpiSpec]:
    return kb.collection("plan_kpis", KpiSpec)


def service_levels(kb: KnowledgeBase) -> dict[str, ServiceLevelSpec]:
    return kb.collection("service_levels", ServiceLevelSpec)


def handle_times(kb: KnowledgeBase) -> dict[str, HandleTime]:
    return kb.collection("handle_times", HandleTime)


def tooling(kb: KnowledgeBase) -> dict[str, ToolSpec]:
    return kb.collection("tooling", ToolSpec)


def risks(kb: KnowledgeBase) -> dict[str, RiskSpec]:
    return kb.collection("risks", RiskSpec)


def cost_settings(kb: KnowledgeBase) -> CostSettings | None:
    found = kb.singletons.get("costs")
    return found if isinstance(found, CostSettings) else None


def calendar(kb: KnowledgeBase) -> CalendarSettings:
    found = kb.singletons.get("calendar")
    return found if isinstance(found, CalendarSettings) else CalendarSettings()


def specialist_keywords(kb: KnowledgeBase) -> list[str]:
    found = kb.singletons.get("specialists")
    return list(found.keywords) if isinstance(found, Specialists) else []


def dedicated_share(kb: KnowledgeBase) -> DedicatedShare | None:
    found = kb.singletons.get("dedicated_customers")
    return found if isinstance(found, DedicatedShare) else None


def check(kb: KnowledgeBase) -> list[Problem]:
    """Cross-file checks of the plan's files (see ``planning.checks``)."""
    from modelo_servicio.planning.checks import check_plan

    return check_plan(kb)
