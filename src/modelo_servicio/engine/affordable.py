"""The seed's step 3: the ideal first, then what the company can afford, and the path between.

seeds/002 says to decide what would be most effective *without worrying yet about what the
company can pay*, then to balance what customers want, what the team can do and what the
company can afford, and that the change can be incremental. So:

1. **Ideal**: the engine's ranking with the rules that read the client's constraints left out
   (``Engine.evaluate(ideal=True)``): the best model, or mix, for customers and team.
2. **Does it fit?** It fits when it is also what the constraints-aware ranking puts first
   and its plan keeps within the constraints (``problems``): the hires it needs against
   ``hiring``/``max_new_hires``, its fully staffed monthly cost against ``monthly_budget``,
   its weeks against ``weeks``, and a high-cost model against a low budget. ``problems`` is
   the one place that judges "fits"; it reads the plan only.
3. **Now**: when the ideal does not fit, the best model of the constraints-aware ranking
   whose plan fits (trying the first ``TRIES``; never a dearer model, nor one more than
   ``settings.fallback_max_gap`` points below the ideal, when the constraints did not change
   the ranking); if none does, the ideal itself, with the constraints to lift.
4. **Path**: the steps from now to the ideal, in order: what to lift (hires, budget, weeks),
   the training, then each part of the ideal to add.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from modelo_servicio.domain.catalogue import HYBRID
from modelo_servicio.domain.i18n import Lang, t
from modelo_servicio.domain.numbers import amount, listing
from modelo_servicio.engine.scoring import Component, Engine, Evaluation
from modelo_servicio.knowledge.schema import COSTS

if TYPE_CHECKING:
    from modelo_servicio.domain.plan_model import Plan
    from modelo_servicio.domain.profile import Profile
    from modelo_servicio.knowledge.loader import KnowledgeBase
    from modelo_servicio.planning.tables import PlanTables

TRIES = 3
"""Candidates whose plan is built while looking for the best one that fits now."""

Problem = tuple[str, dict[str, Any]]
"""A message key of ``locale/advice.yaml`` and its parameters."""


@dataclass
class Decision:
    """What the client should do now, the ideal, and the way from one to the other."""

    evaluation: Evaluation
    """The constraints-aware evaluation, ranked with the model to do now first."""
    plan: Plan
    ideal: Evaluation
    fits: bool
    scored: Evaluation
    """The constraints-aware evaluation as ranked by score (robustness reads this one)."""
    reasons: list[str] = field(default_factory=list)
    path: list[str] = field(default_factory=list)

    @property
    def ideal_model(self) -> str:
        return self.ideal.ranking[0]

    @property
    def ideal_components(self) -> list[Component]:
        return self.ideal.best.components if self.ideal_model == HYBRID else []


def cost_level(kb: KnowledgeBase, model: str, components: list[Component]) -> str:
    """The catalogue's cost of ``model``; a hybrid costs what its dearest component does."""
    if model == HYBRID and components:
        return max((kb.models[c.model].cost for c in components), key=COSTS.index)
    return kb.models[model].cost


def problems(
    plan: Plan, profile: Profile, kb: KnowledgeBase, model: str, components: list[Component]
) -> list[Problem]:
    """Why the plan of ``model`` does not fit the constraints (empty when it fits). The one
    judgement of "fits"; the cost test reads ``plan.costs`` (the full model's monthly cost,
    tooling included, against ``monthly_budget``)."""
    found: list[Problem] = []
    needed = hires_short(plan, profile)
    if needed:
        found.append(
            (
                "advice.unfit.hires",
                {"needed": needed + plan.staffing.hires, "allowed": plan.staffing.hires},
            )
        )
    costs = plan.costs
    if costs is not None and costs.budget is not None and costs.full_model_fits is False:
        found.append(
            (
                "advice.unfit.cost",
                {
                    "cost": costs.full_model_monthly,
                    "budget": costs.budget,
                    "currency": costs.currency,
                },
            )
        )
    if plan.timeline is not None and not plan.timeline.fits:
        found.append(
            (
                "advice.unfit.weeks",
                {
                    "needed": plan.timeline.weeks_needed,
                    "available": plan.timeline.weeks_available,
                },
            )
        )
    if profile.constraints.budget == "low" and cost_level(kb, model, components) == "high":
        found.append(("advice.unfit.budget_level", {}))
    return found


def hires_short(plan: Plan, profile: Profile) -> int:
    """Hires the plan needs beyond those the constraints allow (the plan already counts the
    people ``organization.team_size`` adds to the roster as today's team, not as hires)."""
    return max(0, plan.staffing.hires_needed - plan.staffing.hires)


def _say(problem: Problem, lang: Lang) -> str:
    key, params = problem
    currency = str(params.get("currency", "EUR"))
    shown = {
        k: amount(v, lang, currency) if k in ("cost", "budget") else v for k, v in params.items()
    }
    return t(key, lang, **shown)


def _first(evaluation: Evaluation, model: str) -> Evaluation:
    rest = [m for m in evaluation.ranking if m != model]
    return replace(evaluation, ranking=[model, *rest])


def _components(evaluation: Evaluation, model: str) -> list[Component]:
    return evaluation.scores[model].components if model == HYBRID else []


def decide(engine: Engine, profile: Profile, tables: PlanTables, lang: Lang) -> Decision:
    """The ideal, whether it fits, what to do now, and the path (plans in ``lang``)."""
    from modelo_servicio.planning import build_plan

    kb = engine.kb
    actual = engine.evaluate(profile)
    ideal = engine.evaluate(profile, ideal=True)
    model = ideal.ranking[0]
    same = actual.ranking[0] == model and [c.model for c in _components(actual, model)] == [
        c.model for c in _components(ideal, model)
    ]
    ideal_plan = build_plan(ideal, tables, lang)
    found = problems(ideal_plan, profile, kb, model, _components(ideal, model))
    reasons = [_say(p, lang) for p in found]
    if not same:
        reasons = _constraint_reasons(engine, actual, model, lang) + reasons
    if same and not found:
        return Decision(actual, ideal_plan, ideal, True, actual)
    gap = engine.settings.fallback_max_gap
    now, now_plan = _fitting(actual, ideal, profile, kb, tables, lang, ideal_plan, same, gap)
    evaluation = _first(actual, now)
    now_fits = not problems(now_plan, profile, kb, now, _components(actual, now))
    path = _path(engine, evaluation, ideal, ideal_plan, found, lang, now_fits)
    return Decision(evaluation, now_plan, ideal, False, actual, reasons, path)


def _fitting(
    actual: Evaluation,
    ideal: Evaluation,
    profile: Profile,
    kb: KnowledgeBase,
    tables: PlanTables,
    lang: Lang,
    ideal_plan: Plan,
    same: bool,
    gap: float,
) -> tuple[str, Plan]:
    """What to do now when the ideal does not fit: the first of the constraints-aware
    ranking's best ``TRIES`` whose plan fits. When the constraints did not change the
    answer (``same``), only a model no dearer than the ideal (catalogue cost) and within
    ``gap`` points of it before cost is a fallback: a smaller shortfall of hires alone is no
    reason to serve customers another way. When nothing fits, the ideal itself (``same``)
    or the constraints-aware first, with the constraints to lift in the path."""
    from modelo_servicio.planning import build_plan

    target = ideal.ranking[0]
    ceiling = COSTS.index(cost_level(kb, target, _components(ideal, target)))
    floor = ideal.scores[target].score - gap
    candidates = [m for m in actual.ranking if actual.scores[m].feasible][:TRIES]
    for candidate in candidates:
        if candidate == target and same:
            continue
        if same and (
            COSTS.index(cost_level(kb, candidate, _components(actual, candidate))) > ceiling
            or ideal.scores[candidate].score < floor
        ):
            continue
        plan = build_plan(_first(actual, candidate), tables, lang)
        if not problems(plan, profile, kb, candidate, _components(actual, candidate)):
            return candidate, plan
    if same:
        return target, ideal_plan
    top = actual.ranking[0]
    return top, build_plan(actual, tables, lang)


def _constraint_reasons(engine: Engine, actual: Evaluation, ideal: str, lang: Lang) -> list[str]:
    """The rules reading the constraints that pushed the ideal down or another model up."""
    top = actual.ranking[0]
    out: list[str] = []
    against = actual.scores[ideal]
    for fired in against.limits + [f for f in against.fired if f.rule.spec.points < 0]:
        if engine.reads_constraints(fired.rule.id):
            out.append(fired.rule.spec.text(lang))
    if top != ideal:
        for fired in actual.scores[top].fired:
            if fired.rule.spec.points > 0 and engine.reads_constraints(fired.rule.id):
                out.append(fired.rule.spec.text(lang))
    return list(dict.fromkeys(out))


def _path(
    engine: Engine,
    now: Evaluation,
    ideal: Evaluation,
    ideal_plan: Plan,
    found: list[Problem],
    lang: Lang,
    now_fits: bool,
) -> list[str]:
    kb = engine.kb
    current = now.ranking[0]
    target = ideal.ranking[0]
    key = "advice.path.start" if now_fits else "advice.path.start_partial"
    steps = [t(key, lang, model=kb.models[current].name(lang))]
    steps.extend(_say(p, lang) + " " + t("advice.path.lift", lang) for p in found)
    hours = sum(item.hours for item in ideal_plan.training)
    if hours:
        people = len({item.staff for item in ideal_plan.training if item.staff})
        key = "advice.path.train_one" if people == 1 else "advice.path.train"
        steps.append(t(key, lang, hours=hours, people=people))
    have = {c.model for c in _components(now, current)} | {current}
    if target == HYBRID:
        for comp in ideal.best.components:
            if comp.model not in have:
                channels = listing([kb.channels[ch].name(lang) for ch in comp.channels], lang)
                steps.append(
                    t(
                        "advice.path.add",
                        lang,
                        model=kb.models[comp.model].name(lang),
                        channels=channels,
                    )
                )
    if target != current or len(steps) == 1:
        steps.append(t("advice.path.reach", lang, model=kb.models[target].name(lang)))
    return steps
