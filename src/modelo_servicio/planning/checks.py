"""Cross-file checks of the plan's knowledge base: everything the planner relies on exists and
refers only to things that exist (run by the loader after merging every rule file)."""

from __future__ import annotations

from pydantic import ValidationError

from modelo_servicio.errors import Problem
from modelo_servicio.kb.loader import KnowledgeBase
from modelo_servicio.planning.kb import (
    PhaseSpec,
    modules,
    phases,
    roles,
    staffing_settings,
    training_settings,
)
from modelo_servicio.profile import CHANNELS, SKILLS


def _at(kb: KnowledgeBase, collection: str, item_id: str, message: str) -> Problem:
    origin = kb.origin(collection, item_id)
    if origin is None:
        return Problem("rules", f"{collection}.{item_id}: {message}")
    return origin.problem(message)


def _settings_problems(kb: KnowledgeBase) -> list[Problem]:
    out: list[Problem] = []
    for name, read in (("staffing", staffing_settings), ("training", training_settings)):
        try:
            read(kb)
        except ValidationError as exc:
            for err in exc.errors(include_url=False):
                where = ".".join(str(p) for p in err["loc"])
                out.append(Problem("rules", f"{name}.{where}: {err['msg']}"))
    if not out:
        factors = staffing_settings(kb).concurrency_factors
        from modelo_servicio.staffing import StaffingInputError, concurrency_factor

        try:
            concurrency_factor(1, factors)
        except StaffingInputError as exc:
            out.append(Problem("rules", f"staffing.concurrency_factors: {exc}"))
        pace = training_settings(kb)
        if pace.max_hours_per_week < pace.hours_per_week:
            out.append(Problem("rules", "training.max_hours_per_week: below hours_per_week"))
    return out


def _missing(kb: KnowledgeBase, collection: str, wanted: tuple[str, ...]) -> list[Problem]:
    have = kb.collections.get(collection, {})
    gone = [w for w in wanted if w not in have]
    if not gone:
        return []
    return [Problem("rules", f"{collection}: missing entries: {', '.join(gone)}")]


def check_plan(kb: KnowledgeBase) -> list[Problem]:
    """Everything the planner relies on exists and refers only to things that exist."""
    out = _settings_problems(kb)
    out += _missing(kb, "channel_staffing", CHANNELS)
    out += _missing(kb, "coverage", ("business_hours", "extended", "always"))
    out += _missing(kb, "service_levels", ("unsatisfactory", "meets", "exceptional", "exceeds"))
    role_specs = roles(kb)
    for model_id, model in kb.models.items():
        for role_id in model.roles:
            if role_id not in role_specs:
                origin = kb.origin("models", model_id)
                msg = f"role '{role_id}' is not defined in any roles file"
                out.append(origin.problem(msg, ("roles",)) if origin else Problem("rules", msg))
    owners: dict[str, list[str]] = {c: [] for c in CHANNELS}
    for role in role_specs.values():
        for channel in role.default_for:
            owners[channel].append(role.id)
    for channel_id, ids in owners.items():
        if len(ids) != 1:
            found = ", ".join(ids) or "none"
            out.append(
                Problem("rules", f"roles: channel {channel_id} needs one default role ({found})")
            )
    general = {m.skill for m in modules(kb).values() if not m.channels}
    for skill in SKILLS:
        if skill not in general:
            out.append(Problem("rules", f"training_modules: no general module for skill {skill}"))
    phase_specs = phases(kb)
    for phase in phase_specs.values():
        for dep in phase.after:
            if dep not in phase_specs:
                out.append(_at(kb, "plan_phases", phase.id, f"after: unknown phase '{dep}'"))
    out += _cycles(kb, phase_specs)
    if not phase_specs:
        out.append(Problem("rules", "plan_phases: no phases defined"))
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
        _at(kb, "plan_phases", pid, "after: phases depend on each other in a loop")
        for pid in specs
        if pid not in state and visit(pid)
    ]
