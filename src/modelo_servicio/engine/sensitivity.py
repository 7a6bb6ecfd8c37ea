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

Speed: the profile is not rebuilt and re-evaluated per change. The evaluation's context is
patched with the new value, the facts that read that answer (declared: ``FactBook.reading``)
are recomputed, and only the models with a rule reading the answer or those facts are scored
again, by the engine's own ``rescore`` of the rules reading them; the hybrid's second pass
(``score_hybrid``) runs again when a base model's standing or a channel share moved or its
own rules read the change, unless the engine's ``hybrid_ceiling`` shows it cannot lead; the
engine's ``top`` says who leads. No rule of scoring, ranking or the hybrid is written here.
Tests compare this with a full ``Engine.evaluate`` of every changed profile.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import Any

from modelo_servicio.domain.catalogue import HYBRID, Catalogue
from modelo_servicio.domain.fields import FieldType, profile_fields
from modelo_servicio.domain.profile import Profile
from modelo_servicio.domain.segments import PREFIX as SEGMENT_ANSWERS
from modelo_servicio.engine.channels import READS as COMPONENT_READS
from modelo_servicio.engine.facts import LATE_FACTS, answers
from modelo_servicio.engine.scoring import CompiledRule, Engine, Evaluation
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


def changes(profile: Profile, settings: Settings, catalogue: Catalogue) -> list[tuple[str, Any]]:
    """Every single-answer change tried under ``settings``, in profile field order."""
    return _changes(answers(profile), answers_tried(settings, catalogue))


def _changes(values: Mapping[str, Any], tried: list[Tried]) -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    for path, kind, scaled, shifts in tried:
        if path in values:
            found = _alternatives(kind, values[path], scaled, shifts)
            out.extend((path, v) for v in found)
    return out


Tried = tuple[str, FieldType, tuple[float, ...], tuple[float, ...]]


def answers_tried(settings: Settings, catalogue: Catalogue) -> list[Tried]:
    """Each answer tried, with its scale steps and shifts (matched once, by ``Plans``)."""
    plan: list[Tried] = []
    for path, kind in profile_fields(catalogue).items():
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


@dataclass(frozen=True)
class Touch:
    """What a change of the answer at one path recomputes: ``facts`` (in book order), the
    rules of each base model that read the answer or one of those facts (``retest``),
    whether the hybrid's rules or the channel shares it is built from do (``hybrid``), the
    hybrid's rules that may then fire otherwise (``hybrid_rules``: those reading a changed
    value or a late fact), and the context keys put back afterwards (``restore``: the
    answer, those facts and the hybrid's late facts)."""

    facts: tuple[str, ...]
    retest: dict[str, tuple[CompiledRule, ...]]
    hybrid: bool
    hybrid_rules: frozenset[str]
    restore: tuple[str, ...]


class Plans:
    """Per compiled engine: the answers tried and what a change of each re-scores, found once
    by the ``Advisor`` and shared by every profile it advises."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.tried = answers_tried(engine.settings, engine.catalogue)
        late = tuple(f"facts.{name}" for name in LATE_FACTS)
        self.touches: dict[str, Touch] = {}
        for path, *_ in self.tried:
            names = engine.facts.reading(path)
            changed = {path, *(f"facts.{name}" for name in names)}
            reading = {
                model: tuple(r for r in engine.rules[model] if changed.intersection(r.reads))
                for model in (*engine.base_models, HYBRID)
            }
            variable = changed.union(late)
            self.touches[path] = Touch(
                facts=names,
                retest={m: reading[m] for m in engine.base_models if reading[m]},
                hybrid=bool(reading[HYBRID])
                or any(k.startswith("facts.share_") or k in COMPONENT_READS for k in changed),
                hybrid_rules=frozenset(
                    r.id for r in engine.rules[HYBRID] if variable.intersection(r.reads)
                ),
                restore=(path, *(f"facts.{name}" for name in names), *late),
            )


class _Rescorer:
    """Re-scores one evaluation after a single change: one working copy of the context is
    patched for each change and put back after it; the models the change cannot reach keep
    the scores they had in the evaluation."""

    def __init__(self, plans: Plans, evaluation: Evaluation) -> None:
        self.engine = plans.engine
        self.touches = plans.touches
        self.evaluation = evaluation
        self.ctx = dict(evaluation.context)
        self.base = {m: s for m, s in evaluation.scores.items() if m != HYBRID}
        self.segmented = bool(evaluation.segments)
        """Customer segments are scored on their own answers: any change a rule reads may
        move them, and their components may score above every company-wide score."""

    def top_after(self, path: str, value: Any) -> str:
        engine, ctx, evaluation = self.engine, self.ctx, self.evaluation
        touch = self.touches[path]
        facts, staff = engine.facts.facts, evaluation.profile.staff
        ctx[path] = value
        try:
            for name in touch.facts:
                ctx[f"facts.{name}"] = facts[name].compute(ctx, staff)
            scores = self.base
            moved = touch.hybrid or (
                self.segmented and (bool(touch.retest) or path.startswith(SEGMENT_ANSWERS))
            )
            for model, retest in touch.retest.items():
                was = scores[model]
                now = engine.rescore(was, ctx, retest)
                if now is not was and (now.score, now.feasible) != (was.score, was.feasible):
                    scores = {**scores, model: now}
                    moved = True
            if not moved:  # every model stands where it stood: so does the ranking
                return evaluation.ranking[0]
            best = engine.top(scores)
            ceiling = engine.hybrid_ceiling(scores, evaluation.scores[HYBRID], touch.hybrid_rules)
            if best.feasible and ceiling < best.score and not self.segmented:
                # the hybrid's second pass cannot lead
                return best.model
            # The profile only names the components' segments, which no score reads, so the
            # unchanged one serves.
            hybrid = engine.score_hybrid(evaluation.profile, ctx, scores)
            return engine.top({best.model: best, HYBRID: hybrid}).model
        finally:
            original = evaluation.context
            for key in touch.restore:
                ctx[key] = original[key]
