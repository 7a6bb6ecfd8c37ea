"""From a language-neutral ``Evaluation`` to the ``Result`` types in one language: every text
resolved here, so the renderers only format (and ``explain`` shows the same components)."""

from __future__ import annotations

from modelo_servicio import __version__
from modelo_servicio.domain.i18n import Lang
from modelo_servicio.domain.plan_model import Plan
from modelo_servicio.domain.result import (
    ComponentOut,
    Limit,
    Ranked,
    Reason,
    Recommendation,
    Result,
    Sensitivity,
    Versions,
)
from modelo_servicio.engine.scoring import Component, Engine, Evaluation, ModelScore
from modelo_servicio.engine.sensitivity import Robustness
from modelo_servicio.knowledge.loader import KnowledgeBase


def complete(
    engine: Engine, evaluation: Evaluation, solid: Robustness, plan: Plan, lang: Lang
) -> Result:
    """The result of the three analyses of one profile (``Advisor.advise`` runs them; a
    benchmark times each on its own)."""
    return assemble(
        engine,
        evaluation,
        lang,
        margin=solid.margin,
        robust=solid.robust,
        sensitivity=sensitivity_out(solid),
    ).model_copy(update={"plan": plan})


def sensitivity_out(solid: Robustness) -> list[Sensitivity]:
    return [
        Sensitivity(field=f.field, value=f.value, model=f.model, current=f.current)
        for f in solid.flips
    ]


def assemble(
    engine: Engine,
    evaluation: Evaluation,
    lang: Lang,
    margin: float,
    robust: bool,
    sensitivity: list[Sensitivity],
) -> Result:
    kb = engine.kb
    ranking = [_ranked(kb, evaluation.scores[m], lang) for m in evaluation.ranking]
    best = ranking[0]
    return Result(
        company=evaluation.profile.company.name,
        language=lang,
        ranking=ranking,
        recommendation=Recommendation(
            model=best.model,
            components=best.components,
            margin=margin,
            robust=robust,
            runner_up=ranking[1].model if len(ranking) > 1 else None,
        ),
        sensitivity=sensitivity,
        versions=Versions(tool=__version__, rules=kb.version),
    )


def _ranked(kb: KnowledgeBase, score: ModelScore, lang: Lang) -> Ranked:
    spec = kb.models[score.model]
    return Ranked(
        model=score.model,
        name=spec.name(lang),
        score=score.score,
        feasible=score.feasible,
        limits=[
            Limit(rule=f.rule.id, text=f.rule.spec.text(lang), values=f.values)
            for f in score.limits
        ],
        reasons=[
            Reason(
                rule=f.rule.id,
                points=f.rule.spec.points,
                text=f.rule.spec.text(lang),
                values=f.values,
            )
            for f in sorted(score.fired, key=lambda f: -abs(f.rule.spec.points))
        ],
        base=score.base,
        raw=score.raw,
        components=[component_out(kb, c, lang) for c in score.components],
    )


def component_out(kb: KnowledgeBase, component: Component, lang: Lang) -> ComponentOut:
    return ComponentOut(
        model=component.model,
        name=kb.models[component.model].name(lang),
        channels=list(component.channels),
        segments=list(component.segments),
        score=component.score,
    )
