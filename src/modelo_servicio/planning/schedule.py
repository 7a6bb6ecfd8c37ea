"""Phases in weeks, fitted into the time available, and the indicators that follow the plan.

A phase starts the week after all its predecessors in the plan end. When the plan is longer
than ``constraints.weeks``, the critical path is shortened one week at a time, always on the
phase with the most room above its ``min_weeks`` (training moves to the intensive pace); what
still does not fit is reported, never silently cut.

The fitting is a pure function of the phases' ids, dependencies and lengths, memoized
(bounded): a batch fits the same few phase sets into the same few horizons again and again.
The phases, tasks and indicators of the knowledge base are compiled once (``Playbook``), so a
plan tests its conditions on ready-made sets.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple, get_args

from modelo_servicio.domain.i18n import Lang, fill, t
from modelo_servicio.domain.plan_model import Timeline
from modelo_servicio.domain.profile import ServiceLevel
from modelo_servicio.knowledge.loader import KnowledgeBase
from modelo_servicio.planning import kb as pkb
from modelo_servicio.planning.kb import PhaseSpec, ServiceLevelSpec, When

LEVELS: tuple[str, ...] = get_args(get_args(ServiceLevel)[0])


@dataclass(frozen=True)
class Facts:
    """What the plan's conditions test."""

    models: frozenset[str]
    channels: frozenset[str]
    needs: frozenset[str]
    goal: str


class Test(NamedTuple):
    """A ``When`` compiled: sets to test against, the goal as a rank (-1: any goal)."""

    models: frozenset[str]
    channels: frozenset[str]
    needs: frozenset[str]
    goal: int


def compile_when(when: When) -> Test | None:
    """``None`` for a condition that always holds (most of them), so nothing is tested."""
    if not (when.models or when.channels or when.needs or when.goal_at_least):
        return None
    goal = -1 if when.goal_at_least is None else LEVELS.index(when.goal_at_least)
    return Test(frozenset(when.models), frozenset(when.channels), frozenset(when.needs), goal)


def matches(test: Test | None, facts: Facts) -> bool:
    """Whether ``facts`` pass ``test`` (``None`` always does; hot loops test that inline)."""
    if test is None:
        return True
    if test.models and test.models.isdisjoint(facts.models):
        return False
    if test.channels and test.channels.isdisjoint(facts.channels):
        return False
    if not test.needs <= facts.needs:
        return False
    return not (test.goal >= 0 and LEVELS.index(facts.goal) < test.goal)


class PhaseRule(NamedTuple):
    spec: PhaseSpec
    test: Test | None
    name: str
    after: tuple[str, ...]
    tasks: tuple[tuple[str, bool, Test | None], ...]
    """(text, whether it has placeholders to fill, condition)."""
    fixed: tuple[str, ...] | None
    """The tasks when none is conditional or has placeholders (the same in every plan)."""


class KpiRule(NamedTuple):
    id: str
    name: str
    target: str
    template: bool
    test: Test | None


@dataclass(frozen=True)
class Playbook:
    """The plan file of one knowledge base in one language, conditions compiled and texts
    picked, so that a plan only tests and fills what applies (see ``compile_playbook``)."""

    phases: tuple[PhaseRule, ...]
    kpis: tuple[KpiRule, ...]
    practices: dict[tuple[str, str], tuple[str, ...]]
    """Current level, goal -> the practices that climb to the goal (``_climb``)."""


def compile_playbook(kb: KnowledgeBase, lang: Lang) -> Playbook:
    """The compiled plan file of ``kb`` in ``lang`` (built once, by ``PlanTables``)."""
    phases: list[PhaseRule] = []
    for spec in pkb.phases(kb).values():
        texts = [x.text(lang) for x in spec.tasks]
        tasks = tuple(
            (text, "{" in text, compile_when(x.when))
            for text, x in zip(texts, spec.tasks, strict=True)
        )
        fixed = None
        if all(test is None and not template for _, template, test in tasks):
            fixed = tuple(texts)
        test = compile_when(spec.when)
        phases.append(PhaseRule(spec, test, spec.name(lang), tuple(spec.after), tasks, fixed))
    kpis = tuple(
        KpiRule(k.id, k.name(lang), k.target(lang), "{" in k.target(lang), compile_when(k.when))
        for k in pkb.kpis(kb).values()
    )
    levels = pkb.service_levels(kb)
    practices = {(a, b): _climb(levels, a, b, lang) for a in LEVELS for b in LEVELS}
    return Playbook(tuple(phases), kpis, practices)


def training_weeks(hours: float, pace: float, max_pace: float) -> tuple[int, int]:
    """(weeks at the normal pace, weeks at the intensive pace) for the longest programme."""
    return max(1, math.ceil(hours / pace)), max(1, math.ceil(hours / max_pace))


class _Step(NamedTuple):
    """What fitting needs of a phase (hashable, unlike ``PhaseSpec``)."""

    id: str
    after: tuple[str, ...]
    weeks: int
    floor: int


def _order(specs: Sequence[_Step]) -> list[_Step]:
    by_id = {s.id: s for s in specs}
    done: dict[str, _Step] = {}

    def visit(spec: _Step) -> None:
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
    specs: list[_Step], weeks: dict[str, int]
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
    rules: list[PhaseRule], weeks: dict[str, int], floor: dict[str, int], available: int
) -> tuple[list[PhaseRule], dict[str, int], dict[str, int], Timeline]:
    """Start and end week of every phase, shortened along the critical path if needed."""
    ids = [r.spec.id for r in rules]
    steps = tuple(_Step(i, r.after, weeks[i], floor[i]) for i, r in zip(ids, rules, strict=True))
    order, start, end, total, compressed = _fit(steps, available)
    by_id = dict(zip(ids, rules, strict=True))
    timeline = Timeline(
        weeks_needed=total,
        weeks_available=available,
        fits=total <= available,
        compressed=compressed,
    )
    starts, ends = dict(zip(order, start, strict=True)), dict(zip(order, end, strict=True))
    return [by_id[i] for i in order], starts, ends, timeline


@lru_cache(maxsize=1024)
def _fit(
    steps: tuple[_Step, ...], available: int
) -> tuple[tuple[str, ...], tuple[int, ...], tuple[int, ...], int, bool]:
    """(phase ids in order, their start weeks, their end weeks, weeks needed, compressed)."""
    ordered = _order(steps)
    length = {s.id: s.weeks for s in steps}
    floor = {s.id: s.floor for s in steps}
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
    order = tuple(s.id for s in ordered)
    return order, tuple(start[i] for i in order), tuple(end[i] for i in order), total, compressed


def phases_out(
    ordered: list[PhaseRule],
    start: dict[str, int],
    end: dict[str, int],
    facts: Facts,
    params: dict[str, object],
    practices: tuple[str, ...],
) -> list[dict[str, Any]]:
    """The fields of each ``Phase``, by start and end week."""
    out: list[dict[str, Any]] = []
    for rule in ordered:
        if rule.fixed is not None:
            tasks = list(rule.fixed)
        else:
            tasks = [
                fill(text, params) if template else text
                for text, template, test in rule.tasks
                if test is None or matches(test, facts)
            ]
        if rule.spec.practices:
            tasks.extend(practices)
        key = rule.spec.id
        out.append(
            {
                "id": key,
                "name": rule.name,
                "start_week": start[key],
                "end_week": end[key],
                "tasks": tasks,
            }
        )
    return sorted(out, key=lambda p: (p["start_week"], p["end_week"]))


def _climb(levels: dict[str, ServiceLevelSpec], now: str, goal: str, lang: Lang) -> tuple[str, ...]:
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
    return tuple(out)


def kpis_out(book: Playbook, facts: Facts, params: dict[str, object]) -> list[dict[str, str]]:
    """The fields of each ``Kpi`` that applies."""
    return [
        {"id": k.id, "name": k.name, "target": fill(k.target, params) if k.template else k.target}
        for k in book.kpis
        if k.test is None or matches(k.test, facts)
    ]
