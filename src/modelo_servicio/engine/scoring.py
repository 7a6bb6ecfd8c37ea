"""Scoring: compiled rules applied to a profile, every point traced to a rule.

Score of a model = its base + the points of every rule that fired, clamped to 0..100.
A fired ``limit`` rule makes the model infeasible (ranked after the feasible ones) with a
reason. ``hybrid`` is scored in a second pass: its components are the models per channel
grouped by model (``engine/channels.py``) that carry a meaningful share of the assisted
contacts; its base is the best component's score, and its own rules add points or limits
reading ``facts.hybrid_components``. Ties break by ``settings.tie_order``.

``evaluate(profile, ideal=True)`` is the seed's step 3, first half: the rules that read the
client's constraints (budget, hiring, weeks) are left out, so the ranking says what would
serve customers best before cost; ``engine/affordable.py`` then weighs what fits.
"""

from __future__ import annotations

from collections.abc import Container, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any, NamedTuple

from modelo_servicio.domain.catalogue import HYBRID, SELF_SERVICE
from modelo_servicio.domain.errors import Problem, RuleError, RuleWarning
from modelo_servicio.domain.fields import FieldType, profile_fields
from modelo_servicio.domain.i18n import Lang, msg, t
from modelo_servicio.domain.profile import Profile
from modelo_servicio.domain.profile_io import complete
from modelo_servicio.domain.segments import SEGMENTS, segment_views
from modelo_servicio.engine import channels as per_channel
from modelo_servicio.engine import segments as per_segment
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
    share: float = 0.0
    by_segment: bool = False
    """Found by serving customer segments apart (its score is on a segment's answers)."""


@dataclass
class ModelScore:
    model: str
    base: float
    raw: float = 0.0
    score: float = 0.0
    fired: list[Fired] = field(default_factory=list)
    limits: list[Fired] = field(default_factory=list)
    components: list[Component] = field(default_factory=list)
    segments: list[per_segment.SegmentChoice] = field(default_factory=list)
    """For the hybrid: the model per customer segment, when the profile describes them."""
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
    ideal: bool = False

    @property
    def best(self) -> ModelScore:
        return self.scores[self.ranking[0]]

    @property
    def segments(self) -> list[per_segment.SegmentChoice]:
        """The model per customer segment (none unless the profile describes them)."""
        hybrid = self.scores.get(HYBRID)
        return hybrid.segments if hybrid is not None else []

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
        self.catalogue = kb.catalogue
        fields = profile_fields(self.catalogue)
        types: dict[str, FieldType] = {**fields, **self.facts.types(late=True)}
        early: dict[str, FieldType] = {**fields, **self.facts.types(late=False)}
        problems: list[Problem] = []
        self.base_models = tuple(m for m in self.catalogue.models if m != HYBRID)
        """Every model but the hybrid, which is scored after them, in the catalogue's order."""
        self.rules: dict[str, list[CompiledRule]] = {m: [] for m in self.catalogue.models}
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
            raise RuleError(msg("rules.invalid"), problems)
        self._position = {
            rule.id: i for rules in self.rules.values() for i, rule in enumerate(rules)
        }
        self._tie: dict[str, int] = {m: i for i, m in enumerate(self.settings.tie_order)}
        self.models = kb.models
        self.serving = per_channel.servers(self.models, self._tie, self.catalogue.channels)
        self._cost_rules = frozenset(
            r.id for r in self.all_rules() if any(p.startswith("constraints.") for p in r.reads)
        )

    def all_rules(self) -> list[CompiledRule]:
        return [r for rules in self.rules.values() for r in rules]

    def warnings(self, lang: Lang) -> list[RuleWarning]:
        """Rules no profile can make fire, in ``lang``."""
        language = lang
        out: list[RuleWarning] = []
        for rule in self.all_rules():
            if never_fires(rule.node):
                src = rule.origin.source if rule.origin else "rules"
                line = rule.origin.line if rule.origin else None
                message = t("rules.check.never_fires", language, rule=rule.id)
                out.append(RuleWarning(src, message, line))
        return out

    def evaluate(self, profile: Profile, ideal: bool = False) -> Evaluation:
        """Score every model; ``ideal`` leaves out the rules reading the constraints."""
        profile = complete(profile, self.catalogue)
        ctx = self.facts.context(profile)
        skip = self._cost_rules if ideal else frozenset()
        scores: dict[str, ModelScore] = {}
        for model in self.base_models:
            scores[model] = self.score_model(model, ctx, skip)
        scores[HYBRID] = self.score_hybrid(profile, ctx, scores, skip)
        ranking = sorted(scores, key=lambda m: self.rank_key(scores[m]))
        return Evaluation(profile=profile, context=ctx, scores=scores, ranking=ranking, ideal=ideal)

    def reads_constraints(self, rule_id: str) -> bool:
        """Whether the rule reads the client's constraints (left out of the ideal)."""
        return rule_id in self._cost_rules

    def channel_models(self, evaluation: Evaluation) -> list[per_channel.ChannelChoice]:
        """The model serving each channel, marked where a hybrid component owns it."""
        choices = per_channel.choose(evaluation.context, evaluation.scores, self.serving)
        return per_channel.mark(choices, evaluation.scores[HYBRID].components)

    def score_model(
        self, model: str, ctx: dict[str, Any], skip: frozenset[str] = frozenset()
    ) -> ModelScore:
        """A base model scored on ``ctx`` (the answers and the facts), without ``skip``."""
        return self._score(model, float(self.models[model].base), ctx, skip)

    def score_hybrid(
        self,
        profile: Profile,
        ctx: dict[str, Any],
        scores: Mapping[str, ModelScore],
        skip: frozenset[str] = frozenset(),
    ) -> ModelScore:
        """The hybrid's second pass, on the base models' ``scores``: its components, the late
        facts only its rules read (written into ``ctx``), then its own rules."""
        segments = self.segment_choices(profile, ctx, skip)
        apart = per_segment.split(segments, self.settings, self.catalogue.channels)
        if apart:
            segments = [replace(c, apart=True) for c in segments]
        components = self.components(profile, ctx, scores, apart)
        ctx.update(self.late_facts(components, scores, ctx))
        hybrid = self._score(HYBRID, self.hybrid_base(components), ctx, skip)
        hybrid.components = components
        hybrid.segments = segments
        return hybrid

    def segment_evaluation(self, evaluation: Evaluation, segment: str) -> Evaluation | None:
        """The base models as scored on one customer segment's answers, ranked: what
        ``explain --segment`` shows (None when the profile does not describe segments)."""
        choice = next((c for c in evaluation.segments if c.segment == segment), None)
        if choice is None:
            return None
        scores = dict(choice.scores)
        ranking = sorted(scores, key=lambda m: self.rank_key(scores[m]))
        return Evaluation(
            evaluation.profile, dict(choice.context), scores, ranking, evaluation.ideal
        )

    def segment_choices(
        self, profile: Profile, ctx: dict[str, Any], skip: frozenset[str] = frozenset()
    ) -> list[per_segment.SegmentChoice]:
        """Each customer segment the profile describes, scored on its own answers (the
        context patched with them) by every base model, and the model that serves it."""
        out: list[per_segment.SegmentChoice] = []
        for view in segment_views(ctx):
            mine = self.facts.patched(ctx, view.changes, profile.staff)
            scores = {m: self.score_model(m, mine, skip) for m in self.base_models}
            parts = per_channel.components(mine, scores, self.serving, self.settings)
            out.append(per_segment.choose(view, mine, scores, parts, self.models, self._tie))
        return out

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
        """The best component's score: a hybrid is that model where it serves best, plus
        the others where they serve better (its own rules add or take away from there).
        Components that serve customer segments apart were scored on each segment's own
        answers, which fit their model better than the company's blended answers fit any
        model: their scores are weighed by the segments' shares, so the base stays
        comparable with the company-wide scores it is ranked against."""
        if len(components) < 2:
            return float(self.models[HYBRID].base)
        if all(c.by_segment for c in components):
            total = sum(c.share for c in components) or 1.0
            return round(sum(c.score * c.share for c in components) / total, 1)
        return round(max(c.score for c in components), 1)

    @staticmethod
    def late_facts(
        components: list[Component], scores: Mapping[str, ModelScore], ctx: dict[str, Any]
    ) -> dict[str, Any]:
        """Facts only hybrid rules read, known once the base models are scored. The
        secondary share is the part served by every component but the largest (for the
        help centre, the share of needs it meets)."""
        base = [s.score for m, s in scores.items() if m != HYBRID]
        secondary = sum(c.share for c in components[1:])
        return {
            "facts.hybrid_components": len(components),
            "facts.hybrid_secondary_share": round(min(1.0, secondary), 4),
            "facts.best_base_score": max(base, default=0.0),
            "facts.hybrid_help_centre": len(components) >= 2
            and any(c.model == SELF_SERVICE for c in components),
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
        Its base (``hybrid_base``) is its own, or its best component's score: at most the best
        feasible score. Its rules keep their points, or gain at most their positive ones."""
        feasible = [s.score for m, s in scores.items() if m != HYBRID and s.feasible]
        base = float(self.models[HYBRID].base)
        if feasible:
            base = max(base, max(feasible))
        points = sum(f.rule.spec.points for f in hybrid.fired if f.rule.id not in retest)
        points += sum(
            max(0, rule.spec.points)
            for rule in self.rules[HYBRID]
            if rule.id in retest and not rule.spec.limit
        )
        return self.clamp(base + points)[1]

    def _score(
        self, model: str, base: float, ctx: dict[str, Any], skip: frozenset[str] = frozenset()
    ) -> ModelScore:
        fired = [
            Fired(rule, {p: ctx.get(p) for p in rule.reads})
            for rule in self.rules[model]
            if rule.id not in skip and rule.test(ctx)
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
        self,
        profile: Profile,
        ctx: dict[str, Any],
        scores: Mapping[str, ModelScore],
        apart: list[per_segment.Part] | None = None,
    ) -> list[Component]:
        """The hybrid's components, the largest share first: the customer segments served
        apart when they differ (``apart``, from ``engine/segments.split``), else the models
        per channel grouped by model, each carrying a meaningful share
        (``engine/channels.py``)."""
        if apart:
            return [
                Component(p.model, p.channels, p.segments, p.score, p.share, by_segment=True)
                for p in apart
            ]
        parts = per_channel.components(ctx, scores, self.serving, self.settings)
        if len(parts) < 2:
            return [Component(g.model, g.channels, (), g.score, g.share) for g in parts]
        wanted = {"both": SEGMENTS}.get(profile.customers.segment, (profile.customers.segment,))
        out = [
            Component(
                model=g.model,
                channels=g.channels,
                segments=tuple(s for s in self.models[g.model].segments if s in wanted),
                score=scores[g.model].score,
                share=g.share,
            )
            for g in parts
        ]
        return sorted(out, key=lambda c: (-c.share, self._tie.get(c.model, 99)))

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
