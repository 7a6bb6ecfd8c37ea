"""Cross-file checks of the plan's knowledge base: everything the planner relies on exists and
refers only to things that exist (run by the loader after merging every rule file). Problems
carry messages (``i18n.Msg``), written in the reader's language where they are shown."""

from __future__ import annotations

from typing import TYPE_CHECKING, get_args

from modelo_servicio.domain.errors import Problem
from modelo_servicio.domain.i18n import Message, msg
from modelo_servicio.domain.profile import Coverage
from modelo_servicio.knowledge.plan_schema import PhaseSpec
from modelo_servicio.knowledge.roles_schema import RoleSpec, TrainingModule, TrainingSettings
from modelo_servicio.knowledge.schema import complete, incomplete
from modelo_servicio.knowledge.staffing_schema import StaffingSettings

if TYPE_CHECKING:
    from modelo_servicio.knowledge.loader import KnowledgeBase


def staffing_settings(kb: KnowledgeBase) -> StaffingSettings:
    return complete(kb, "staffing", StaffingSettings)


def training_settings(kb: KnowledgeBase) -> TrainingSettings:
    return complete(kb, "training", TrainingSettings)


def _at(kb: KnowledgeBase, collection: str, item_id: str, message: Message) -> Problem:
    origin = kb.origin(collection, item_id)
    if origin is None:
        return Problem("rules", message, path=f"{collection}.{item_id}")
    return origin.problem(message)


def _settings_problems(kb: KnowledgeBase) -> list[Problem]:
    out = incomplete(kb, "staffing", StaffingSettings)
    out += incomplete(kb, "training", TrainingSettings)
    if not out:
        factors = staffing_settings(kb).concurrency_factors
        from modelo_servicio.staffing import StaffingInputError, concurrency_factor

        try:
            concurrency_factor(1, factors)
        except StaffingInputError:
            text = msg("rules.plan.concurrency_factors", factors=dict(factors))
            out.append(Problem("rules", text, path="staffing.concurrency_factors"))
        pace = training_settings(kb)
        if pace.max_hours_per_week < pace.hours_per_week:
            text = msg("rules.plan.training_pace")
            out.append(Problem("rules", text, path="training.max_hours_per_week"))
    return out


def _missing(kb: KnowledgeBase, collection: str, wanted: tuple[str, ...]) -> list[Problem]:
    have = kb.collections.get(collection, {})
    gone = [w for w in wanted if w not in have]
    if not gone:
        return []
    text = msg("rules.file.missing_entries", entries=", ".join(gone))
    return [Problem("rules", text, path=collection)]


def check_plan(kb: KnowledgeBase) -> list[Problem]:
    """Everything the planner relies on exists and refers only to things that exist."""
    out = _settings_problems(kb)
    catalogue = kb.catalogue
    out += _missing(kb, "channel_staffing", catalogue.channels)
    out += _missing(kb, "coverage", get_args(get_args(Coverage)[0]))
    role_specs = kb.collection("roles", RoleSpec)
    for model_id, model in kb.models.items():
        for role_id in model.roles:
            if role_id not in role_specs:
                origin = kb.origin("models", model_id)
                note = msg("rules.plan.unknown_role", role=role_id)
                out.append(origin.problem(note, ("roles",)) if origin else Problem("rules", note))
    owners: dict[str, list[str]] = {c: [] for c in catalogue.channels}
    for role in role_specs.values():
        for channel in role.default_for:
            owners.setdefault(channel, []).append(role.id)
    for channel_id, ids in owners.items():
        if len(ids) != 1:
            found: Message = ", ".join(ids) or msg("rules.none")
            note = msg("rules.plan.default_role", channel=channel_id, found=found)
            out.append(Problem("rules", note, path="roles"))
    training = kb.collection("training_modules", TrainingModule)
    general = {m.skill for m in training.values() if not m.channels}
    for skill in catalogue.skills:
        if skill not in general:
            note = msg("rules.plan.no_general_module", skill=skill)
            out.append(Problem("rules", note, path="training_modules"))
    phase_specs = kb.collection("plan_phases", PhaseSpec)
    for phase in phase_specs.values():
        for dep in phase.after:
            if dep not in phase_specs:
                note = msg("rules.plan.unknown_phase", phase=dep)
                out.append(_at(kb, "plan_phases", phase.id, note))
    out += _cycles(kb, phase_specs)
    if not phase_specs:
        out.append(Problem("rules", msg("rules.plan.no_phases"), path="plan_phases"))
    return out


def _cycles(kb: KnowledgeBase, specs: dict[str, PhaseSpec]) -> list[Problem]:
    state: dict[str, int] = {}

    def visit(pid: str) -> bool:
        if state.get(pid) == 1:
            return True
        if state.get(pid) == 2 or pid not in specs:
            return False
        state[pid] = 1
        looped = any(visit(dep) for dep in specs[pid].after)
        state[pid] = 2
        return looped

    return [
        _at(kb, "plan_phases", pid, msg("rules.plan.phase_loop"))
        for pid in specs
        if pid not in state and visit(pid)
    ]
