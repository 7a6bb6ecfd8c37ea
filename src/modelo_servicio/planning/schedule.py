"""Phases in weeks, fitted into the time available, and the indicators that follow the plan.

A phase starts the week after all its predecessors in the plan end. When the plan is longer
than ``constraints.weeks``, the critical path is shortened one week at a time, always on the
phase with the most room above its ``min_weeks`` (training moves to the intensive pace); what
still does not fit is reported, never silently cut.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import get_args

from modelo_servicio.i18n import Lang, fill, t
from modelo_servicio.plan_model import Kpi, Phase, Timeline
from modelo_servicio.planning.kb import KpiSpec, PhaseSpec, ServiceLevelSpec, When
from modelo_servicio.profile import ServiceLevel

LEVELS: tuple[str, ...] = get_args(get_args(ServiceLevel)[0])


@dataclass(frozen=True)
class Facts:
    """What the plan's conditions test."""

    models: frozenset[str]
    channels: frozenset[str]
    needs: frozenset[str]
    goal: str


def matches(when: When, facts: Facts) -> bool:
    if when.models and not facts.models & set(when.models):
        return False
    if when.channels and not facts.channels & set(when.channels):
        return False
    if any(n not in facts.needs for n in when.needs):
        return False
    return not (
        when.goal_at_least is not None
        and LEVELS.index(facts.goal) < LEVELS.index(when.goal_at_least)
    )


def training_weeks(hours: float, pace: float, max_pace: float) -> tuple[int, int]:
    """(weeks at the normal pace, weeks at the intensive pace) for the longest programme."""
    return max(1, math.ceil(hours / pace)), max(1, math.ceil(hours / max_pace))


def _order(specs: list[PhaseSpec]) -> list[PhaseSpec]:
    by_id = {s.id: s for s in specs}
    done: dict[str, PhaseSpec] = {}

    def visit(spec: PhaseSpec) -> None:
        if spec.id in done:
            return
        for dep in spec.after:
            if dep in by_id:
                visit(by_id[dep])
        done[spec.id] = spec

    for spec in specs:
        visit(spec)
    return list(done.values())


def _dates(
    specs: list[PhaseSpec], weeks: dict[str, int]
) -> tuple[dict[str, int], dict[str, int], dict[str, str | None]]:
    start: dict[str, int] = {}
    end: dict[str, int] = {}
    pred: dict[str, str | None] = {}
    for spec in specs:
        deps = [d for d in spec.after if d in end]
        last = max(deps, key=lambda d: end[d], default=None)
        start[spec.id] = end[last] + 1 if last else 1
        end[spec.id] = start[spec.id] + weeks[spec.id] - 1
        pred[spec.id] = last
    return start, end, pred


def fit(
    specs: list[PhaseSpec], weeks: dict[str, int], floor: dict[str, int], available: int
) -> tuple[list[PhaseSpec], dict[str, int], dict[str, int], Timeline]:
    """Start and end week of every phase, shortened along the critical path if needed."""
    ordered = _order(specs)
    length = dict(weeks)
    compressed = False
    while True:
        start, end, pred = _dates(ordered, length)
        total = max(end.values(), default=0)
        if total <= available:
            break
        path: list[str] = []
        node: str | None = max(end, key=lambda k: end[k])
        while node is not None:
            path.append(node)
            node = pred[node]
        room = [p for p in path if length[p] > floor[p]]
        if not room:
            break
        pick = max(room, key=lambda p: (length[p] - floor[p], -path.index(p)))
        length[pick] -= 1
        compressed = True
    timeline = Timeline(
        weeks_needed=total,
        weeks_available=available,
        fits=total <= available,
        compressed=compressed,
    )
    return ordered, start, end, timeline


def phases_out(
    ordered: list[PhaseSpec],
    start: dict[str, int],
    end: dict[str, int],
    facts: Facts,
    params: dict[str, object],
    practices: list[str],
    lang: Lang,
) -> list[Phase]:
    out: list[Phase] = []
    for spec in ordered:
        tasks = [fill(task.text(lang), params) for task in spec.tasks if matches(task.when, facts)]
        if spec.practices:
            tasks.extend(practices)
        out.append(
            Phase(
                id=spec.id,
                name=spec.name(lang),
                start_week=start[spec.id],
                end_week=end[spec.id],
                tasks=tasks,
            )
        )
    return sorted(out, key=lambda p: (p.start_week, p.end_week))


def climb_practices(
    levels: dict[str, ServiceLevelSpec], now: str, goal: str, lang: Lang
) -> list[str]:
    """Practices of every level above ``now`` up to ``goal``; at or past it, those that keep it."""
    lo, hi = LEVELS.index(now), LEVELS.index(goal)
    steps = LEVELS[lo + 1 : hi + 1] if hi > lo else (goal,)
    out: list[str] = []
    for level_id in steps:
        level = levels.get(level_id)
        if level is None:
            continue
        for practice in level.practices:
            out.append(t("plan.practice", lang, level=level.name(lang), practice=practice(lang)))
    return out


def kpis_out(
    specs: list[KpiSpec], facts: Facts, params: dict[str, object], lang: Lang
) -> list[Kpi]:
    return [
        Kpi(id=k.id, name=k.name(lang), target=fill(k.target(lang), params))
        for k in specs
        if matches(k.when, facts)
    ]
