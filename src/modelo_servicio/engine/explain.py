"""Why each model scored what it did: every rule, its points, the values it read, where it
is written, and for one model the rules that did not fire with the comparison that failed."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from modelo_servicio.domain.i18n import Lang, t
from modelo_servicio.domain.result import ComponentOut, Sensitivity
from modelo_servicio.engine.conditions import Failure, show_value
from modelo_servicio.engine.outcome import component_out, sensitivity_out
from modelo_servicio.engine.scoring import CompiledRule, Engine, Evaluation, Fired
from modelo_servicio.engine.sensitivity import Robustness


class _Out(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")


class RuleTrace(_Out):
    rule: str
    fired: bool
    limit: bool
    points: int
    text: str
    source: str
    values: dict[str, Any] = Field(default_factory=dict)
    failed: list[str] = Field(default_factory=list)


class ModelTrace(_Out):
    model: str
    name: str
    rank: int
    score: float
    base: float
    raw: float
    feasible: bool
    rules: list[RuleTrace]
    components: list[ComponentOut] = Field(default_factory=list)


class Explanation(_Out):
    company: str
    language: str
    recommended: str
    margin: float
    robust: bool
    models: list[ModelTrace]
    sensitivity: list[Sensitivity] = Field(default_factory=list)
    segment: str | None = None
    """``explain --segment``: the customer segment whose own answers were scored."""
    segment_share: float | None = None


def explain(
    engine: Engine,
    evaluation: Evaluation,
    solid: Robustness,
    lang: Lang,
    model: str | None = None,
) -> Explanation:
    """Every model's trace (``model``: that one only, with the rules that did not fire and the
    comparison that failed), beside the verdict ``solid`` of the robustness analysis."""
    kb = engine.kb
    traces: list[ModelTrace] = []
    for rank, model_id in enumerate(evaluation.ranking, 1):
        if model is not None and model_id != model:
            continue
        score = evaluation.scores[model_id]
        rules = [_fired(f, lang, limit=False) for f in score.fired]
        rules += [_fired(f, lang, limit=True) for f in score.limits]
        if model is not None:
            rules += [
                _missed(rule, failed, lang) for rule, failed in engine.why_not(evaluation, model_id)
            ]
        traces.append(
            ModelTrace(
                model=model_id,
                name=kb.models[model_id].name(lang),
                rank=rank,
                score=score.score,
                base=score.base,
                raw=score.raw,
                feasible=score.feasible,
                rules=rules,
                components=[component_out(kb, c, lang) for c in score.components],
            )
        )
    return Explanation(
        company=evaluation.profile.company.name,
        language=lang,
        recommended=evaluation.ranking[0],
        margin=solid.margin,
        robust=solid.robust,
        models=traces,
        sensitivity=sensitivity_out(solid),
    )


def _where(rule: CompiledRule) -> str:
    if rule.origin is None:
        return ""
    line = rule.origin.line
    return f"{rule.origin.source}:{line}" if line else rule.origin.source


def _fired(fired: Fired, lang: Lang, limit: bool) -> RuleTrace:
    spec = fired.rule.spec
    return RuleTrace(
        rule=spec.id,
        fired=True,
        limit=limit,
        points=spec.points,
        text=spec.text(lang),
        source=_where(fired.rule),
        values=fired.values,
    )


def _missed(rule: CompiledRule, failed: list[Failure], lang: Lang) -> RuleTrace:
    return RuleTrace(
        rule=rule.id,
        fired=False,
        limit=rule.spec.limit,
        points=rule.spec.points,
        text=rule.spec.text(lang),
        source=_where(rule),
        failed=[describe_failure(f, lang) for f in failed],
    )


def describe_failure(failure: Failure, lang: Lang) -> str:
    key = "explain.failed_not" if failure.negated else "explain.failed"
    return t(key, lang, condition=failure.leaf.describe(), value=show_value(failure.actual))
