"""How solid a recommendation is: the margin, the single answers that would change it, a verdict.

Sensitivity tries one answer at a time: every other value of each enum and yes/no answer, and
the plausible errors of the numeric answers named in the settings (``sensitivity_scaled``
multiplied by each of ``sensitivity_steps``; ``sensitivity_shifts`` moved down and up by their
amount; always within the field's range). Each change whose new top model differs from the
recommended one is listed with that model.

Margin: the recommended model's score minus the runner-up's, never below 0 (a feasible model
ranks above an infeasible one whatever their scores).

Verdict (the rule the README states): a recommendation is **robust** when it leads the
runner-up by at least ``settings.robust_margin`` points **and** no change of an answer listed in
``settings.robust_fields`` (the client's budget and hiring constraints, and the estimates that
are easily off by half: customers, volumes, FAQ share) changes it. Otherwise it is fragile.
Other answers describe the business itself (ticket, complexity...): their flips are shown, but
a different business rightly gets a different model, so they do not make the advice fragile.

Order of ``flips``: changes of ``robust_fields`` first, then the rest; within each group by the
profile's field order, then by value (enum order, numbers ascending). Deterministic.

Speed: the engine is not re-run per change. The evaluation's context is patched with the new
value, the facts that read that answer (``FactBook.reading``) are recomputed, and only the
rules reading the answer or those facts are re-tested with their compiled predicates; the
hybrid is re-derived from the new base scores unless a bound shows it cannot lead. Tests
compare this with a full ``Engine.evaluate`` of every changed profile.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import Any, NamedTuple

from modelo_servicio.domain.fields import FieldType, profile_fields
from modelo_servicio.domain.profile import Profile
from modelo_servicio.engine.conditions import Predicate
from modelo_servicio.engine.facts import LATE_FACTS, FactBook, answers
from modelo_servicio.engine.scoring import HYBRID, CompiledRule, Engine, Evaluation
from modelo_servicio.knowledge.schema import Settings

SKIPPED = ("schema_version", "company.name", "company.sector")


@dataclass(frozen=True)
class Flip:
    field: str
    value: Any
    current: Any
    model: str


@dataclass(frozen=True)
class Robustness:
    margin: float
    robust: bool
    flips: list[Flip]


def analyse(plans: Plans, evaluation: Evaluation) -> Robustness:
    """Margin, every single-answer change that changes the top model, and the verdict."""
    engine = plans.engine
    settings = engine.settings
    rescorer = _Rescorer(plans, evaluation)
    top = evaluation.ranking[0]
    flips: list[Flip] = []
    for path, value in _changes(evaluation.context, plans.tried):
        model = rescorer.top_after(path, value)
        if model != top:
            flips.append(Flip(path, value, evaluation.context.get(path), model))
    core = [f for f in flips if matches(f.field, settings.robust_fields)]
    flips = core + [f for f in flips if not matches(f.field, settings.robust_fields)]
    margin = max(0.0, evaluation.margin)
    return Robustness(
        margin=margin, robust=margin >= settings.robust_margin and not core, flips=flips
    )


def matches(path: str, patterns: list[str]) -> bool:
    return any(fnmatchcase(path, p) for p in patterns)


def changes(profile: Profile, settings: Settings) -> list[tuple[str, Any]]:
    """Every single-answer change tried under ``settings``, in profile field order."""
    return _changes(answers(profile), answers_tried(settings))


def _changes(values: Mapping[str, Any], tried: list[Tried]) -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    for path, kind, scaled, shifts in tried:
        if path in values:
            found = _alternatives(kind, values[path], scaled, shifts)
            out.extend((path, v) for v in found)
    return out


Tried = tuple[str, FieldType, tuple[float, ...], tuple[float, ...]]


def answers_tried(settings: Settings) -> list[Tried]:
    """Each answer tried, with its scale steps and shifts (matched once, by ``Plans``)."""
    plan: list[Tried] = []
    for path, kind in profile_fields().items():
        if path in SKIPPED:
            continue
        scaled = settings.sensitivity_steps if matches(path, settings.sensitivity_scaled) else []
        shifts = [a for p, a in settings.sensitivity_shifts.items() if fnmatchcase(path, p)]
        plan.append((path, kind, tuple(scaled), tuple(shifts)))
    return plan


def _alternatives(
    kind: FieldType, value: Any, scaled: tuple[float, ...], shifts: tuple[float, ...]
) -> list[Any]:
    if kind.kind == "enum":
        return [v for v in kind.values if v != value]
    if kind.kind == "bool":
        return [not value]
    if not kind.numeric or value is None or isinstance(value, bool):
        return []
    found: set[float] = {value * step for step in scaled}
    for amount in shifts:
        found.update((value - amount, value + amount))
    out: list[Any] = []
    lo = kind.lo if kind.lo is not None else -math.inf
    hi = kind.hi if kind.hi is not None else math.inf
    for raw in sorted(found):
        clipped = min(hi, max(lo, raw))
        new: Any = math.floor(clipped + 0.5) if kind.kind == "int" else round(clipped, 4)
        if new != value and new not in out:
            out.append(new)
    return out


class Standing(NamedTuple):
    """What ranking needs of a re-scored model (the engine's ``ModelScore`` has the same)."""

    model: str
    score: float
    feasible: bool


Entry = tuple[Predicate, str, int, bool]
"""A rule to re-test: its predicate, its id, its points, whether it is a limit."""


@dataclass(frozen=True)
class _Touch:
    """What a change of one answer recomputes (``facts``), puts back afterwards (``restore``)
    and re-tests: the base models' rules, the hybrid's (``hybrid``), and the hybrid's once its
    late facts are recomputed too (``hybrid_late``)."""

    facts: tuple[tuple[str, str], ...]
    restore: tuple[str, ...]
    entries: dict[str, tuple[Entry, ...]]
    hybrid: tuple[Entry, ...]
    hybrid_late: tuple[Entry, ...]
    variable: frozenset[str]
    shares: bool


class Plans:
    """Per compiled engine: the answers tried and what a change of each re-tests, found once
    by the ``Advisor`` and shared by every profile it advises."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.tried = answers_tried(engine.settings)
        self.readers: dict[str, list[CompiledRule]] = {}
        for rule in engine.all_rules():
            for path in rule.reads:
                self.readers.setdefault(path, []).append(rule)
        self.late = tuple(f"facts.{name}" for name in LATE_FACTS)
        self.touches = {path: self._touch(path, engine.facts) for path, *_ in self.tried}

    def _touch(self, path: str, book: FactBook) -> _Touch:
        """The rules that may change when the answer at ``path`` does: those reading it or a
        fact computed from it (a superset of what a given value changes, which keeps this
        table as small as the profile's list of answers)."""
        names = book.reading(path)
        changed = (path, *(f"facts.{name}" for name in names))
        entries = self._entries(changed)
        late = self._entries((*changed, *self.late)).get(HYBRID, ())
        return _Touch(
            facts=tuple((name, f"facts.{name}") for name in names),
            restore=(*changed, *self.late),
            entries={m: e for m, e in entries.items() if m != HYBRID},
            hybrid=entries.get(HYBRID, ()),
            hybrid_late=late,
            variable=frozenset(entry[1] for entry in late),
            shares=any(p.startswith("facts.share_") for p in changed),
        )

    def _entries(self, changed: tuple[str, ...]) -> dict[str, tuple[Entry, ...]]:
        rules: dict[str, dict[str, CompiledRule]] = {}
        for path in changed:
            for rule in self.readers.get(path, ()):
                rules.setdefault(rule.spec.model, {})[rule.id] = rule
        return {
            model: tuple((r.test, r.id, r.spec.points, r.spec.limit) for r in found.values())
            for model, found in rules.items()
        }


class _Rescorer:
    """Re-scores one evaluation after a single change, re-testing only the rules that read a
    changed value; the others keep the state they had in the evaluation. One working copy of
    the context is patched for each change and restored after it; a re-scored model is only
    its score and feasibility, which is all the ranking and the hybrid's second pass read.

    The hybrid's second pass is the dearest step, so it is skipped when the hybrid cannot
    reach the best base model: its base is the mean of two or more components (at most the
    mean of the two best feasible scores) or the model's own base, and only the rules it may
    toggle can add their positive points to the ones that stay on."""

    def __init__(self, plans: Plans, evaluation: Evaluation) -> None:
        engine = plans.engine
        self.engine = engine
        self.evaluation = evaluation
        self.book = engine.facts
        self.staff = evaluation.profile.staff
        self.ctx = dict(evaluation.context)
        self.plans = plans
        self.top = evaluation.ranking[0]
        scores = evaluation.scores
        self.standing = {m: Standing(m, s.score, s.feasible) for m, s in scores.items()}
        self.base = {m: s.base for m, s in scores.items()}
        self.limits = {m: len(s.limits) for m, s in scores.items()}
        self.points = {m: sum(f.rule.spec.points for f in s.fired) for m, s in scores.items()}
        self.on = {f.rule.id for s in scores.values() for f in s.fired + s.limits}
        tie = engine.settings.tie_order
        self.tie = {m: tie.index(m) if m in tie else 99 for m in scores}
        self.hybrid_default = float(engine.models[HYBRID].base)
        self.hybrid_fired = [(f.rule.id, f.rule.spec.points) for f in scores[HYBRID].fired]

    def top_after(self, path: str, value: Any) -> str:
        ctx, facts, staff = self.ctx, self.book.facts, self.staff
        touch = self.plans.touches[path]
        ctx[path] = value
        try:
            for name, key in touch.facts:
                ctx[key] = facts[name].compute(ctx, staff)
            return self._top(touch)
        finally:
            before = self.evaluation.context
            for key in touch.restore:
                ctx[key] = before[key]

    def _top(self, touch: _Touch) -> str:
        moved: dict[str, Standing] = {}
        for model, entries in touch.entries.items():
            found = self._rescore(model, self.base[model], entries)
            if found is not None:
                moved[model] = found
        if moved or touch.shares:
            scores = {**self.standing, **moved}
            del scores[HYBRID]
            best = self._best(scores)
            if not self._hybrid_may_lead(scores, scores[best], touch):
                return best
            scores[HYBRID] = self._hybrid(touch, scores)
        elif touch.hybrid:
            hybrid = self._rescore(HYBRID, self.base[HYBRID], touch.hybrid)
            if hybrid is None:
                return self.top
            scores = {**self.standing, HYBRID: hybrid}
        else:
            return self.top
        return self._best(scores)

    def _best(self, scores: dict[str, Standing]) -> str:
        best: tuple[bool, float, int] | None = None
        top = self.top
        for entry in scores.values():  # min() by rank key, without a lambda per model
            key = (not entry.feasible, -entry.score, self.tie[entry.model])
            if best is None or key < best:
                best, top = key, entry.model
        return top

    def _hybrid_may_lead(self, scores: dict[str, Standing], best: Standing, touch: _Touch) -> bool:
        """False only when the hybrid's score surely stays below the best base model's."""
        if not best.feasible:
            return True
        first = second = -math.inf
        for entry in scores.values():
            if entry.feasible:
                if entry.score > first:
                    first, second = entry.score, first
                elif entry.score > second:
                    second = entry.score
        base = max(self.hybrid_default, (first + second) / 2)
        kept = sum(points for rule, points in self.hybrid_fired if rule not in touch.variable)
        gain = sum(max(0, points) for _, _, points, limit in touch.hybrid_late if not limit)
        return base + 0.1 + kept + gain >= best.score  # 0.1: the base is rounded

    def _rescore(self, model: str, base: float, entries: tuple[Entry, ...]) -> Standing | None:
        """``model`` with ``entries`` re-tested; None when nothing about it changed."""
        ctx, on = self.ctx, self.on
        points = 0
        limits = self.limits[model]
        toggled = False
        for test, rule, value, limit in entries:
            was = rule in on
            if test(ctx) is not was:
                toggled = True
                if limit:
                    limits += -1 if was else 1
                else:
                    points += -value if was else value
        if not toggled and base == self.base[model]:
            return None
        total = base + self.points[model] + points
        return Standing(model, self.engine.clamp(total)[1], limits == 0)

    def _hybrid(self, touch: _Touch, scores: dict[str, Standing]) -> Standing:
        # The second pass of Engine.evaluate, on the new base scores. The profile only names
        # the components' segments, which no score reads, so the unchanged one serves.
        engine, ctx = self.engine, self.ctx
        components = engine.components(self.evaluation.profile, ctx, scores)
        ctx.update(engine.late_facts(components, scores, ctx))
        found = self._rescore(HYBRID, engine.hybrid_base(components), touch.hybrid_late)
        return found if found is not None else self.standing[HYBRID]
