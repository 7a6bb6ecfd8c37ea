"""The implementation plan's view of the knowledge base: typed access to the staffing, roles,
training and plan files, each derived value computed once per knowledge base.

The file schemas live in ``knowledge`` (``staffing_schema``, ``roles_schema``,
``plan_schema``) with the loader that validates them; they are re-exported here for the
planner's modules.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar, cast

from pydantic import BaseModel

from modelo_servicio.domain.errors import Problem
from modelo_servicio.knowledge.loader import KnowledgeBase
from modelo_servicio.knowledge.plan_schema import (
    KpiSpec,
    Need,
    PhaseSpec,
    PlanFile,
    ServiceLevelSpec,
    TaskSpec,
    When,
)
from modelo_servicio.knowledge.roles_schema import (
    Basis,
    LanguageCourse,
    Level,
    Ratio,
    RolesFile,
    RoleSpec,
    Sizing,
    TrainingFile,
    TrainingModule,
    TrainingSection,
    TrainingSettings,
)
from modelo_servicio.knowledge.staffing_schema import (
    ChannelDefaults,
    CoverageDefaults,
    Method,
    Share,
    StaffingFile,
    StaffingSection,
    StaffingSettings,
    complete,
)

__all__ = [
    "Basis",
    "ChannelDefaults",
    "CoverageDefaults",
    "KpiSpec",
    "LanguageCourse",
    "Level",
    "Method",
    "Need",
    "PhaseSpec",
    "PlanFile",
    "Ratio",
    "RoleSpec",
    "RolesFile",
    "ServiceLevelSpec",
    "Share",
    "Sizing",
    "StaffingFile",
    "StaffingSection",
    "StaffingSettings",
    "TaskSpec",
    "TrainingFile",
    "TrainingModule",
    "TrainingSection",
    "TrainingSettings",
    "When",
]


S = TypeVar("S", bound=BaseModel)
T = TypeVar("T")
_DERIVED: dict[tuple[int, str], tuple[KnowledgeBase, object]] = {}
_DERIVED_SIZE = 64


def derived(kb: KnowledgeBase, name: str, build: Callable[[KnowledgeBase], T]) -> T:
    """``build(kb)``, computed once per knowledge base (a loaded one is never changed).

    Keyed by identity, since a knowledge base is not hashable; each entry holds its knowledge
    base, so an id is never reused while cached. Emptied when full: memory stays bounded
    however many knowledge bases a process loads (tests load hundreds).
    """
    key = (id(kb), name)
    cached = _DERIVED.get(key)
    if cached is not None and cached[0] is kb:
        return cast(T, cached[1])
    value = build(kb)
    if len(_DERIVED) >= _DERIVED_SIZE:
        _DERIVED.clear()
    _DERIVED[key] = (kb, value)
    return value


def _complete(kb: KnowledgeBase, name: str, kind: type[S]) -> S:
    """The merged section ``name`` as its complete model; resolved once per knowledge base."""

    return derived(kb, name, lambda kb: complete(kb, name, kind))


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
    """Skill -> its training modules, in file order (indexed once per knowledge base)."""

    def index(kb: KnowledgeBase) -> dict[str, list[TrainingModule]]:
        out: dict[str, list[TrainingModule]] = {}
        for m in modules(kb).values():
            out.setdefault(m.skill, []).append(m)
        return out

    return derived(kb, "modules_by_skill", index)


def phases(kb: KnowledgeBase) -> dict[str, PhaseSpec]:
    return kb.collection("plan_phases", PhaseSpec)


def kpis(kb: KnowledgeBase) -> dict[str, KpiSpec]:
    return kb.collection("plan_kpis", KpiSpec)


def service_levels(kb: KnowledgeBase) -> dict[str, ServiceLevelSpec]:
    return kb.collection("service_levels", ServiceLevelSpec)


def check(kb: KnowledgeBase) -> list[Problem]:
    """Cross-file checks of the plan's files (``knowledge.plan_checks``, run by the loader)."""
    from modelo_servicio.knowledge.plan_checks import check_plan

    return check_plan(kb)
