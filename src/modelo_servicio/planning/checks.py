"""Cross-file checks of the plan's knowledge base: everything the planner relies on exists and
refers only to things that exist (run by the loader after merging every rule file). Messages
are in the active language, like every problem of a rule file."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from modelo_servicio.domain.errors import Problem
from modelo_servicio.domain.i18n import Lang, active, t
from modelo_servicio.domain.profile import CHANNELS, SKILLS
from modelo_servicio.domain.validation import message
from modelo_servicio.knowledge.loader import KnowledgeBase
from modelo_servicio.planning.kb import (
    PhaseSpec,
    StaffingSettings,
    TrainingSettings,
    modules,
    phases,
    roles,
    staffing_settings,
    training_settings,
)


def _at(kb: KnowledgeBase, collection: str, item_id: str, message: str) -> Problem:
    origin = kb.origin(collection, item_id)
    if origin is None:
        return Problem("rules", message, path=f"{collection}.{item_id}")
    return origin.problem(message)


def _settings_problems(kb: KnowledgeBase, lang: Lang) -> list[Problem]:
    out: list[Problem] = []
    sections: tuple[tuple[str, Any, Any], ...] = (
        ("staffing", staffing_settings, StaffingSettings),
        ("training", training_settings, TrainingSettings),
    )
    for name, read, model in sections:
        try:
            read(kb)
        except ValidationError as exc:
            for err in exc.errors(include_url=False):
                where = ".".join(str(p) for p in err["loc"])
                out.append(Problem("rules", message(model, err, lang), path=f"{name}.{where}"))
    if not out:
        factors = staffing_settings(kb).concurrency_factors
        from modelo_servicio.staffing import StaffingInputError, concurrency_factor

        try:
            concurrency_factor(1, factors)
        except StaffingInputError:
            text = t("rules.plan.concurrency_factors", lang, factors=dict(factors))
            out.append(Problem("rules", text, path="staffing.concurrency_factors"))
        pace = training_settings(kb)
        if pace.max_hours_per_week < pace.hours_per_week:
            text = t("rules.plan.training_pace", lang)
            out.append(Problem("rules", text, path="training.max_hours_per_week"))
    return out


def _missing(
    kb: KnowledgeBase, collection: str, wanted: tuple[str, ...], lang: Lang
) -> list[Problem]:
    have = kb.collections.get(collection, {})
    gone = [w for w in wanted if w not in have]
    if not gone:
        return []
    text = t("rules.file.missing_entries", lang, entries=", ".join(gone))
    return [Problem("rules", text, path=collection)]


def check_plan(kb: KnowledgeBase) -> list[Problem]:
    """Everything the planner relies on exists and refers only to things that exist."""
    lang = active()
    out = _settings_problems(kb, lang)
    out += _missing(kb, "channel_staffing", CHANNELS, lang)
    out += _missing(kb, "coverage", ("business_hours", "extended", "always"), lang)
    levels = ("unsatisfactory", "meets", "exceptional", "exceeds")
    out += _missing(kb, "service_levels", levels, lang)
    role_specs = roles(kb)
    for model_id, model in kb.models.items():
        for role_id in model.roles:
            if role_id not in role_specs:
                origin = kb.origin("models", model_id)
                msg = t("rules.plan.unknown_role", lang, role=role_id)
                out.append(origin.problem(msg, ("roles",)) if origin else Problem("rules", msg))
    owners: dict[str, list[str]] = {c: [] for c in CHANNELS}
    for role in role_specs.values():
        for channel in role.default_for:
            owners[channel].append(role.id)
    for channel_id, ids in owners.items():
        if len(ids) != 1:
            found = ", ".join(ids) or t("rules.none", lang)
            msg = t("rules.plan.default_role", lang, channel=channel_id, found=found)
            out.append(Problem("rules", msg, path="roles"))
    general = {m.skill for m in modules(kb).values() if not m.channels}
    for skill in SKILLS:
        if skill not in general:
            msg = t("rules.plan.no_general_module", lang, skill=skill)
            out.append(Problem("rules", msg, path="training_modules"))
    phase_specs = phases(kb)
    for phase in phase_specs.values():
        for dep in phase.after:
            if dep not in phase_specs:
                msg = t("rules.plan.unknown_phase", lang, phase=dep)
                out.append(_at(kb, "plan_phases", phase.id, msg))
    out += _cycles(kb, phase_specs, lang)
    if not phase_specs:
        out.append(Problem("rules", t("rules.plan.no_phases", lang), path="plan_phases"))
    return out


def _cycles(kb: KnowledgeBase, specs: dict[str, PhaseSpec], lang: Lang) -> list[Problem]:
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
        _at(kb, "plan_phases", pid, t("rules.plan.phase_loop", lang))
        for pid in specs
        if pid not in state and visit(pid)
    ]
