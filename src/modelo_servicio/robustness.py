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
models with a rule reading a changed value are re-scored with the compiled rules; the hybrid
is re-derived from the new base scores. Tests compare this
with a full ``Engine.evaluate`` of every changed profile.
"""

from __future__ import annotations

import math
import weakref
from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import Any, cast

from pydantic import BaseModel

from modelo_servicio.engine import HYBRID, CompiledRule, Engine, Evaluation, Fired, ModelScore
from modelo_servicio.fields import FieldType, profile_fields
from modelo_servicio.kb.schema import Settings
from modelo_servicio.profile import Profile

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


def analyse(engine: Engine, evaluation: Evaluation) -> Robustness:
    """Margin, every single-answer change that changes the top model, and the verdict."""
    settings = engine.settings
    rescorer = _Rescorer(engine, evaluation)
    top = evaluation.ranking[0]
    flips: list[Flip] = []
    for path, value in changes(evaluation.profile, settings):
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
    """Every single-answer change tried, in profile field order."""
    current = _flat(profile)
    out: list[tuple[str, Any]] = []
    for path, kind in profile_fields().items():
        if path in SKIPPED or path not in current:
            continue
        out.extend((path, v) for v in _alternatives(path, kind, current[path], settings))
    return out


def _alternatives(path: str, kind: FieldType, value: Any, settings: Settings) -> list[Any]:
    if kind.kind == "enum":
        return [v for v in kind.values if v != value]
    if kind.kind == "bool":
        return [not value]
    if not kind.numeric or value is None or isinstance(value, bool):
        return []
    found: set[float] = set()
    if matches(path, settings.sensitivity_scaled):
        found.update(value * step for step in settings.sensitivity_steps)
    for pattern, amount in settings.sensitivity_shifts.items():
        if fnmatchcase(path, pattern):
            found.update((value - amount, value + amount))
    out: list[Any] = []
    for raw in sorted(found):
        lo = kind.lo if kind.lo is not None else -math.inf
        hi = kind.hi if kind.hi is not None else math.inf
        clipped = min(hi, max(lo, raw))
        new: Any = math.floor(clipped + 0.5) if kind.kind == "int" else round(clipped, 4)
        if new != value and new not in out:
            out.append(new)
    return out


def _flat(profile: Profile) -> dict[str, Any]:
    out: dict[str, Any] = {}

    def walk(model: BaseModel, prefix: str) -> None:
        for name in type(model).model_fields:
            value = getattr(model, name)
            if isinstance(value, BaseModel):
                walk(value, f"{prefix}{name}.")
            else:
                out[f"{prefix}{name}"] = value

    walk(profile, "")
    return out


def replaced(profile: Profile, path: str, value: Any) -> Profile:
    """``profile`` with one answer changed (copies only the sections on the path)."""

    def go(model: BaseModel, parts: list[str]) -> BaseModel:
        head, *rest = parts
        new = value if not rest else go(getattr(model, head), rest)
        return model.model_copy(update={head: new})

    return cast(Profile, go(profile, path.split(".")))


class _Rescorer:
    """Re-scores one evaluation after a single change, re-testing only the rules that read a
    changed value; the others keep the state they had in the evaluation. One working copy of
    the context is patched for each change and restored after it."""

    def __init__(self, engine: Engine, evaluation: Evaluation) -> None:
        self.engine = engine
        self.evaluation = evaluation
        self.book = engine.facts
        self.staff = evaluation.profile.staff
        self.ctx = dict(evaluation.context)
        self.readers = _readers(engine)
        self.order = list(evaluation.scores)
        self.on = {f.rule.id for s in evaluation.scores.values() for f in s.fired + s.limits}
        self.points = {
            m: sum(f.rule.spec.points for f in s.fired) for m, s in evaluation.scores.items()
        }
        self._touched_by: dict[tuple[str, ...], dict[str, list[CompiledRule]]] = {}

    def top_after(self, path: str, value: Any) -> str:
        ctx, before = self.ctx, self.evaluation.context
        ctx[path] = value
        changed: dict[str, Any] = {path: value}
        try:
            for name in self.book.reading(path):
                key = f"facts.{name}"
                new = self.book.facts[name].compute(ctx, self.staff)
                if new != before[key]:
                    changed[key] = ctx[key] = new
            return self._top(changed)
        finally:
            ctx.update(before)

    def _top(self, changed: dict[str, Any]) -> str:
        ev, ctx = self.evaluation, self.ctx
        touched = self._touched(tuple(changed))
        scores = dict(ev.scores)
        for model, rules in touched.items():
            if model != HYBRID:
                scores[model] = self._rescore(model, scores[model].base, rules, ctx)
        moved = any(scores[m] is not ev.scores[m] for m in touched)
        if moved or any(p.startswith("facts.share_") for p in changed):
            scores[HYBRID] = self._hybrid(changed, ctx, scores)
        elif HYBRID in touched:
            scores[HYBRID] = self._rescore(HYBRID, ev.scores[HYBRID].base, touched[HYBRID], ctx)
        else:
            return ev.ranking[0]
        return min(self.order, key=lambda m: self.engine.rank_key(scores[m]))

    def _touched(self, changed: tuple[str, ...]) -> dict[str, list[CompiledRule]]:
        found = self._touched_by.get(changed)
        if found is None:
            out: dict[str, dict[str, CompiledRule]] = {}
            for path in changed:
                for rule in self.readers.get(path, ()):
                    out.setdefault(rule.spec.model, {})[rule.id] = rule
            found = {model: list(rules.values()) for model, rules in out.items()}
            self._touched_by[changed] = found
        return found

    def _rescore(
        self, model: str, base: float, rules: list[CompiledRule], ctx: dict[str, Any]
    ) -> ModelScore:
        """``model`` with the rules in ``rules`` re-tested; the same object if none changed."""
        old = self.evaluation.scores[model]
        toggled = [(r, not was) for r in rules if r.test(ctx) != (was := r.id in self.on)]
        if not toggled and base == old.base:
            return old
        ids = {r.id for r, _ in toggled}
        limits = [f for f in old.limits if f.rule.id not in ids]
        limits.extend(Fired(r, {}) for r, now in toggled if r.spec.limit and now)
        total = base + self.points[model]
        total += sum(r.spec.points if now else -r.spec.points for r, now in toggled)
        raw, score = self.engine.clamp(total)
        return ModelScore(model=model, base=base, raw=raw, score=score, limits=limits)

    def _hybrid(
        self, changed: dict[str, Any], ctx: dict[str, Any], scores: dict[str, ModelScore]
    ) -> ModelScore:
        # The second pass of Engine.evaluate, on the new base scores. The profile only names
        # the components' segments, which no score reads, so the unchanged one serves.
        engine = self.engine
        base_scores = {m: s for m, s in scores.items() if m != HYBRID}
        components = engine.components(self.evaluation.profile, ctx, base_scores)
        late = engine.late_facts(components, base_scores, ctx)
        ctx.update(late)
        touched = self._touched((*changed, *late)).get(HYBRID, [])
        return self._rescore(HYBRID, engine.hybrid_base(components), touched, ctx)


_READERS: weakref.WeakKeyDictionary[Engine, dict[str, tuple[CompiledRule, ...]]] = (
    weakref.WeakKeyDictionary()
)


def _readers(engine: Engine) -> dict[str, tuple[CompiledRule, ...]]:
    """The rules reading each path (once per compiled engine)."""
    found = _READERS.get(engine)
    if found is None:
        out: dict[str, list[CompiledRule]] = {}
        for rule in engine.all_rules():
            for path in rule.reads:
                out.setdefault(path, []).append(rule)
        found = _READERS[engine] = {k: tuple(v) for k, v in out.items()}
    return found
