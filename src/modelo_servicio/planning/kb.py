"""The implementation plan's view of the knowledge base: typed access to the staffing, roles,
training and plan files (``PlanTables`` keeps what is derived from them).

The file schemas live in ``knowledge`` (``staffing_schema``, ``roles_schema``,
``plan_schema``) with the loader that validates them; they are re-exported here for the
planner's modules.
"""

from __future__ import annotations

from modelo_servicio.domain.errors import Problem
from modelo_servicio.knowledge.loader import KnowledgeBase
from modelo_servicio.knowledge.plan_schema import (
    CalendarSettings,
    ClosedWeeks,
    CostSettings,
    KpiSpec,
    Need,
    PhaseSpec,
    PlanFile,
    RiskSpec,
    ServiceLevelSpec,
    TaskSpec,
    ToolSpec,
    When,
)
from modelo_servicio.knowledge.roles_schema import (
    Basis,
    DedicatedShare,
    LanguageCourse,
    Level,
    Ratio,
    RolesFile,
    RoleSpec,
    Sizing,
    Specialists,
    TrainingFile,
    TrainingModule,
    TrainingSection,
    TrainingSettings,
)
from modelo_servicio.knowledge.schema import complete
from modelo_servicio.knowledge.staffing_schema import (
    ChannelDefaults,
    CoverageDefaults,
    HandleTime,
    Method,
    Minutes,
    Share,
    StaffingFile,
    StaffingSection,
    StaffingSettings,
    VolumeProposals,
)

__all__ = [
    "Basis",
    "CalendarSettings",
    "ChannelDefaults",
    "ClosedWeeks",
    "CostSettings",
    "CoverageDefaults",
    "DedicatedShare",
    "HandleTime",
    "KpiSpec",
    "LanguageCourse",
    "Level",
    "Method",
    "Minutes",
    "Need",
    "PhaseSpec",
    "PlanFile",
    "Ratio",
    "RiskSpec",
    "RoleSpec",
    "RolesFile",
    "ServiceLevelSpec",
    "Share",
    "Sizing",
    "Specialists",
    "StaffingFile",
    "StaffingSection",
    "StaffingSettings",
    "TaskSpec",
    "ToolSpec",
    "TrainingFile",
    "TrainingModule",
    "TrainingSection",
    "TrainingSettings",
    "VolumeProposals",
    "When",
]


def staffing_settings(kb: KnowledgeBase) -> StaffingSettings:
    return complete(kb, "staffing", StaffingSettings)


def training_settings(kb: KnowledgeBase) -> TrainingSettings:
    return complete(kb, "training", TrainingSettings)


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


def volumes(kb: KnowledgeBase) -> VolumeProposals | None:
    found = kb.singletons.get("volumes")
    return found if isinstance(found, VolumeProposals) else None


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
    """Cross-file checks of the plan's files (``knowledge.plan_checks``, run by the loader)."""
    from modelo_servicio.knowledge.plan_checks import check_plan

    return check_plan(kb)
