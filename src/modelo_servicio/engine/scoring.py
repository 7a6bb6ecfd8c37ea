"""Scoring: compiled rules applied to a profile, every point traced to a rule.

Score of a model = its base + the points of every rule that fired, clamped to 0..100.
A fired ``limit`` rule makes the model infeasible (ranked after the feasible ones) with a
reason. ``hybrid`` is scored in a second pass: its components are, for each channel that
carries a real share of the contacts, the best feasible base model that serves that
channel; its base is the mean score of those components, and its own rules add points or
limits reading ``facts.hybrid_components``. Ties break by ``settings.tie_order``.
"""

from __future__ import annotations

from collections.abc import Container, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, NamedTuple

from modelo_servicio.domain.errors import Problem, RuleError, RuleWarning
from modelo_servicio.domain.fields import FieldType, profile_fields
from modelo_servicio.domain.i18n import Lang, active, t
from modelo_servicio.domain.profile import CHANNELS, MODEL_IDS, Profile
from modelo_servicio.engine.conditions import (
    CompileError,
    Failure,
    Node,
    Predicate,
    Reduced,
    compile_condition,
    failures,
    never_fires,
    paths,
)
from modelo_servicio.engine.facts import FactBook
from modelo_servicio.knowledge.loader import KnowledgeBase, Origin
from modelo_servicio.knowledge.schema import RuleSpec

HYBRID = "hybrid"
BASE_MODELS = tuple(m for m in MODEL_IDS if m != HYBRID)


@dataclass(frozen=True)
class CompiledRule:
    spec: RuleSpec
    node: Node
    reads: tuple[str, ...]
    origin: Origin | None
    id: str = field(init=False)
    test: Predicate = field(init=False, repr=False, compare=False)
    """The condition's compiled test (``node.test``), at hand for the scoring loop."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "id", self.spec.id)
        object.__setattr__(self, "test", self.node.test)

    def __reduce__(self) -> Reduced:
        return (CompiledRule, (self.spec, self.node, self.reads, self.origin))


class Fired(NamedTuple):
    """A rule that fired, with the values it read."""

    rule: CompiledRule
    values: dict[str, Any]


@dataclass(frozen=True)
class Component:
    model: str
    channels: tuple[str, ...]
    segments: tuple[str, ...]
    score: float


@dataclass
class ModelScore:
    model: str
    base: float
    raw: float = 0.0
    score: float = 0.0
    fired: list[Fired] = field(default_factory=list)
    limits: list[Fired] = field(default_factory=list)
    components: list[Component] = field(default_factory=list)
    feasible: bool = True
    """No limit fired (set with the limits, by ``Engine._tally``)."""

    @cached_property
    def firing(self) -> frozenset[str]:
        """The ids of the rules that fired, limits included (read once scored)."""
        return frozenset(f.rule.id for f in (*self.fired, *self.limits))


@dataclass
class Evaluation:
    profile: Profile
    context: dict[str, Any]
    scores: dict[str, ModelScore]
    ranking: list[str]

    @property
    def best(self) -> ModelScore:
        return self.scores[self.ranking[0]]

    @property
    def margin(self) -> float:
        if len(self.ranking) < 2:
            return 100.0
        return round(self.scores[self.ranking[0]].score - self.scores[self.ranking[1]].score, 1)


class Engine:
    """The knowledge base's rules, compiled once; ``evaluate`` is cheap and side-effect free."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.settings = kb.settings
        self.facts = FactBook.of(kb)
        types: dict[str, FieldType] = {**profile_fields(), **self.facts.types(late=True)}
        early: dict[str, FieldType] = {**profile_fields(), **self.facts.types(late=False)}
        problems: list[Problem] = []
        self.rules: dict[str, list[CompiledRule]] = {m: [] for m in MODEL_IDS}
        for rule_id, spec in kb.rules.items():
            origin = kb.origin("rules", rule_id)
            try:
                node = compile_condition(spec.when, types if spec.model == HYBRID else early)
            except CompileError as exc:
                if origin is None:  # pragma: no cover - every rule comes from a file
                    problems.append(Problem("rules", exc.message, path=rule_id))
                else:
                    problems.append(origin.problem(exc.message, exc.loc))
                continue
            rule = CompiledRule(spec, node, tuple(paths(node)), origin)
            self.rules[spec.model].append(rule)
        if problems:
            raise RuleError(t("rules.invalid", active()), problems)
        self._position = {
            rule.id: i for rules in self.rules.values() for i, rule in enumerate(rules)
        }
        self._tie: dict[str, int] = {m: i for i, m in enumerate(self.settings.tie_order)}
        self.models = kb.models
        self._servers = tuple(
            (
                f"facts.share_{ch}",
                ch,
                sorted(
                    (m for m in BASE_MODELS if ch in self.models[m].channels),
                    key=lambda m: self._tie.get(m, 99),
                ),
            )
            for ch in CHANNELS
        )

    def all_rules(self) -> list[CompiledRule]:
        return [r for m in MODEL_IDS for r in self.rules[m]]

    def warnings(self, lang: Lang | None = None) -> list[RuleWarning]:
        """Rules no profile can make fire, in ``lang`` (by default the active language)."""
        language = lang or active()
        out: list[RuleWarning] = []
        for rule in self.all_rules():
            if never_fires(rule.node):
                src = rule.origin.source if rule.origin else "rules"
                line = rule.origin.line if rule.origin else None
                message = t("rules.check.never_fires", language, rule=rule.id)
                out.append(RuleWarning(src, message, line))
        return out

    def evaluate(self, profile: Profile) -> Evaluation:
        ctx = self.facts.context(profile)
        scores: dict[str, ModelScore] = {}
        for model in BASE_MODELS:
            scores[model] = self.score_model(model, ctx)
        scores[HYBRID] = self.score_hybrid(profile, ctx, scores)
        ranking = sorted(scores, key=lambda m: self.rank_key(scores[m]))
        return Evaluation(profile=profile, context=ctx, scores=scores, ranking=ranking)

    def score_model(self, model: str, ctx: dict[str, Any]) -> ModelScore:
        """A base model scored on ``ctx`` (the answers and the facts)."""
        return self._score(model, float(self.models[model].base), ctx)

    def score_hybrid(
        self, profile: Profile, ctx: dict[str, Any], scores: Mapping[str, ModelScore]
    ) -> ModelScore:
        """The hybrid's second pass, on the base models' ``scores``: its components, the late
        facts only its rules read (written into ``ctx``), then its own rules."""
        components = self.components(profile, ctx, scores)
        ctx.update(self.late_facts(components, scores, ctx))
        hybrid = self._score(HYBRID, self.hybrid_base(components), ctx)
        hybrid.components = components
        return hybrid

    def top(self, scores: Mapping[str, ModelScore]) -> ModelScore:
        """The score that ranks first (what ``evaluate``'s ranking starts with)."""
        return min(scores.values(), key=self.rank_key)

    def rank_key(self, score: ModelScore) -> tuple[bool, float, int]:
        """Feasible first, then higher score, then ``settings.tie_order``."""
        return (not score.feasible, -score.score, self._tie.get(score.model, 99))

    @staticmethod
    def clamp(total: float) -> tuple[float, float]:
        """(raw, score): the sum of base and points, and that sum limited to 0..100."""
        return round(total, 1), round(min(100.0, max(0.0, total)), 1)

    def hybrid_base(self, components: list[Component]) -> float:
        if len(components) >= 2:
            return round(sum(c.score for c in components) / len(components), 1)
        return float(self.models[HYBRID].base)

    @staticmethod
    def late_facts(
        components: list[Component], scores: Mapping[str, ModelScore], ctx: dict[str, Any]
    ) -> dict[str, Any]:
        """Facts only hybrid rules read, known once the base models are scored. The
        secondary share is the part of the contacts served by every component but the
        strongest: a combination whose extra models serve a sliver is not worth running."""
        base = [s.score for m, s in scores.items() if m != HYBRID]
        secondary = sum(
            ctx.get(f"facts.share_{ch}", 0.0) for c in components[1:] for ch in c.channels
        )
        return {
            "facts.hybrid_components": len(components),
            "facts.hybrid_secondary_share": round(secondary, 4),
            "facts.best_base_score": max(base, default=0.0),
        }

    def rescore(
        self, score: ModelScore, ctx: dict[str, Any], retest: tuple[CompiledRule, ...]
    ) -> ModelScore:
        """``score`` (of a base model) once its rules ``retest`` are tested again on ``ctx``:
        what ``score_model`` gives when no other rule of the model reads a changed value, for
        a fraction of the tests (robustness tries dozens of changes a profile). When no rule
        fires otherwise, ``score`` itself (the values its rules read are then the old ones)."""
        was = score.firing
        again: list[CompiledRule] = []
        toggled = False
        for rule in retest:
            on = rule.test(ctx)
            if on:
                again.append(rule)
            if on is not (rule.id in was):
                toggled = True
        if not toggled:
            return score
        ids = {rule.id for rule in retest}
        fired = [f for f in (*score.fired, *score.limits) if f.rule.id not in ids]
        fired += [Fired(rule, {p: ctx.get(p) for p in rule.reads}) for rule in again]
        fired.sort(key=lambda f: self._position[f.rule.id])
        return self._tally(score.model, score.base, fired)

    def hybrid_ceiling(
        self, scores: Mapping[str, ModelScore], hybrid: ModelScore, retest: Container[str]
    ) -> float:
        """No hybrid built from the base models' ``scores`` scores more than this, when of its
        rules only those named in ``retest`` may fire otherwise than they did in ``hybrid``.
        Its base (``hybrid_base``) is its own, or the mean of two or more components' scores,
        rounded like that mean: at most the rounded mean of the two best feasible scores. Its
        rules keep their points, or gain at most their positive ones."""
        first = second = None
        for model, score in scores.items():
            if model != HYBRID and score.feasible:
                if first is None or score.score > first:
                    first, second = score.score, first
                elif second is None or score.score > second:
                    second = score.score
        base = float(self.models[HYBRID].base)
        if first is not None and second is not None:
            base = max(base, round((first + second) / 2, 1))
        points = sum(f.rule.spec.points for f in hybrid.fired if f.rule.id not in retest)
        points += sum(
            max(0, rule.spec.points)
            for rule in self.rules[HYBRID]
            if rule.id in retest and not rule.spec.limit
        )
        return self.clamp(base + points)[1]

    def _score(self, model: str, base: float, ctx: dict[str, Any]) -> ModelScore:
        fired = [
            Fired(rule, {p: ctx.get(p) for p in rule.reads})
            for rule in self.rules[model]
            if rule.test(ctx)
        ]
        return self._tally(model, base, fired)

    def _tally(self, model: str, base: float, fired: list[Fired]) -> ModelScore:
        """The score of ``model`` whose ``fired`` rules (in rule order) fired: its base plus
        their points, clamped; a fired limit makes it infeasible."""
        points: list[Fired] = []
        limits: list[Fired] = []
        total = base
        for one in fired:
            spec = one.rule.spec
            if spec.limit:
                limits.append(one)
            else:
                points.append(one)
                total += spec.points
        raw, score = self.clamp(total)
        return ModelScore(model, base, raw, score, points, limits, feasible=not limits)

    def components(
        self, profile: Profile, ctx: dict[str, Any], scores: Mapping[str, ModelScore]
    ) -> list[Component]:
        """For each channel with a real share of contacts, the best feasible base model
        serving it (within ``hybrid_max_gap`` of the best); channels grouped by model."""
        feasible = {m: s.score for m in BASE_MODELS if (s := scores[m]).feasible}
        if not feasible:
            return []
        floor = max(feasible.values()) - self.settings.hybrid_max_gap
        least = self.settings.hybrid_min_channel_share
        chosen: dict[str, list[str]] = {}
        for key, channel, servers in self._servers:
            share = ctx.get(key, 0.0)
            if share <= 0 or share < least:
                continue
            pick, best = None, floor
            for model in servers:  # in tie order: the first of equal scores wins
                score = feasible.get(model)
                if score is not None and score >= best and (pick is None or score > best):
                    pick, best = model, score
            if pick is not None:
                chosen.setdefault(pick, []).append(channel)
        wanted = {"both": ("consumers", "businesses")}.get(
            profile.customers.segment, (profile.customers.segment,)
        )
        out = [
            Component(
                model=m,
                channels=tuple(chs),
                segments=tuple(s for s in self.models[m].segments if s in wanted),
                score=scores[m].score,
            )
            for m, chs in chosen.items()
        ]
        return sorted(out, key=lambda c: (-c.score, self._tie.get(c.model, 99)))

    def why_not(
        self, evaluation: Evaluation, model: str
    ) -> list[tuple[CompiledRule, list[Failure]]]:
        """Rules of ``model`` that did not fire, each with the comparisons that failed."""
        fired = {
            f.rule.id for f in evaluation.scores[model].fired + evaluation.scores[model].limits
        }
        return [
            (rule, failures(rule.node, evaluation.context))
            for rule in self.rules[model]
            if rule.id not in fired
        ]
