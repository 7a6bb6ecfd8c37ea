"""From a language-neutral ``Evaluation`` to the ``Result`` types in one language: every text
resolved here, so the renderers only format (and ``explain`` shows the same components)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from modelo_servicio import __version__
from modelo_servicio.domain.i18n import Lang
from modelo_servicio.domain.plan_model import Plan
from modelo_servicio.domain.result import (
    ChannelModel,
    ComponentOut,
    Ideal,
    Limit,
    Ranked,
    Reason,
    Recommendation,
    Result,
    SegmentModel,
    Sensitivity,
    Versions,
)
from modelo_servicio.engine.scoring import Component, Engine, Evaluation, ModelScore
from modelo_servicio.engine.sensitivity import Robustness
from modelo_servicio.knowledge.loader import KnowledgeBase

if TYPE_CHECKING:
    from modelo_servicio.engine.affordable import Decision


def complete(
    engine: Engine,
    evaluation: Evaluation,
    solid: Robustness,
    plan: Plan,
    lang: Lang,
    decision: Decision | None = None,
) -> Result:
    """The result of the three analyses of one profile (``Advisor.advise`` runs them; a
    benchmark times each on its own). ``decision``: the ideal and the path
    (``engine/affordable``); ``evaluation`` then ranks the model to do now first."""
    same_top = decision is None or decision.scored.ranking[0] == evaluation.ranking[0]
    return assemble(
        engine,
        evaluation,
        lang,
        margin=solid.margin if same_top else 0.0,
        robust=solid.robust and (decision is None or decision.fits),
        sensitivity=sensitivity_out(solid),
        decision=decision,
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
    decision: Decision | None = None,
) -> Result:
    """The result; the ranking is shown best score first, whatever model leads
    ``evaluation.ranking`` (the model to do now, which may rank lower when the best one
    does not fit the constraints)."""
    kb = engine.kb
    now = evaluation.ranking[0]
    order = sorted(evaluation.scores, key=lambda m: engine.rank_key(evaluation.scores[m]))
    ranking = [_ranked(kb, evaluation.scores[m], lang) for m in order]
    best = next(r for r in ranking if r.model == now)
    runner = next((m for m in order if m != now), None)
    ideal_eval = decision.ideal if decision is not None else evaluation
    ideal_best = ideal_eval.best
    ideal = Ideal(
        model=ideal_best.model,
        name=kb.models[ideal_best.model].name(lang),
        components=[component_out(kb, c, lang) for c in ideal_best.components]
        if ideal_best.model == "hybrid"
        else [],
        fits=decision.fits if decision is not None else True,
        reasons=decision.reasons if decision is not None else [],
        score=ideal_best.score,
        margin=max(0.0, ideal_eval.margin),
    )
    return Result(
        company=evaluation.profile.company.name,
        language=lang,
        ranking=ranking,
        recommendation=Recommendation(
            model=best.model,
            components=best.components,
            margin=margin,
            robust=robust,
            runner_up=runner,
            channels=channel_models(engine, evaluation, lang),
            segments=segment_models(kb, evaluation, lang),
            ideal=ideal,
            path=decision.path if decision is not None else [],
            close_call=ideal.margin < engine.settings.close_call_margin,
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


def _strongest(score: ModelScore | None, lang: Lang) -> list[str]:
    """A choice's trace: the three rules that gave the chosen model the most points."""
    if score is None:
        return []
    fired = sorted(
        (f for f in score.fired if f.rule.spec.points > 0), key=lambda f: -f.rule.spec.points
    )
    return [f.rule.spec.text(lang) for f in fired[:3]]


def segment_models(kb: KnowledgeBase, evaluation: Evaluation, lang: Lang) -> list[SegmentModel]:
    """The model per customer segment with its trace, scored on the segment's answers."""
    out: list[SegmentModel] = []
    for choice in evaluation.segments:
        runner = choice.alternatives[0] if choice.alternatives else None
        out.append(
            SegmentModel(
                segment=choice.segment,
                share=choice.share,
                model=choice.model,
                name=kb.models[choice.model].name(lang) if choice.model else "",
                score=choice.score,
                apart=choice.apart,
                described=choice.described,
                channels=list(choice.channels),
                runner_up=runner[0] if runner else None,
                runner_up_score=runner[1] if runner else None,
                reasons=_strongest(choice.scores.get(choice.model or ""), lang),
            )
        )
    return out


def channel_models(engine: Engine, evaluation: Evaluation, lang: Lang) -> list[ChannelModel]:
    """The model per channel with its trace: the chosen model's strongest reasons."""
    kb = engine.kb
    # a channel served by a segment's component: its trace is that segment's score
    by_segment: dict[str, ModelScore] = {}
    for segment in evaluation.segments:
        if segment.apart:
            for model in (segment.model, *(g.model for g in segment.parts)):
                if model is not None:
                    by_segment.setdefault(model, segment.scores[model])
    out: list[ChannelModel] = []
    for choice in engine.channel_models(evaluation):
        score = evaluation.scores.get(choice.model or "")
        if choice.component and choice.model in by_segment:
            score = by_segment[choice.model]
        reasons = _strongest(score, lang)
        runner = choice.alternatives[0] if choice.alternatives else None
        out.append(
            ChannelModel(
                channel=choice.channel,
                model=choice.model,
                share=choice.share,
                name=kb.models[choice.model].name(lang) if choice.model else "",
                score=choice.score,
                component=choice.component,
                runner_up=runner[0] if runner else None,
                runner_up_score=runner[1] if runner else None,
                reasons=reasons,
            )
        )
    return out


def component_out(kb: KnowledgeBase, component: Component, lang: Lang) -> ComponentOut:
    return ComponentOut(
        model=component.model,
        name=kb.models[component.model].name(lang),
        channels=list(component.channels),
        segments=list(component.segments),
        score=component.score,
        share=component.share,
        by_segment=component.by_segment,
    )
