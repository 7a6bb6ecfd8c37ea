"""Rule files that test themselves: the library behind ``modelo-servicio rules test``.

An entry of a rule file's ``examples:`` is a partial profile and what must follow from it. The
partial profile is merged over ``BASE`` (a company name and nothing else, so every other answer
takes the profile's documented default) and validated like any profile: an invalid example is
a failure located in the rule file. Then ``fires`` rules must fire (points or limit),
``not_fires`` rules must not, ``limited`` models must carry a limit, ``feasible`` models none,
and ``recommends`` must be the top model.

A rule counts as *exercised* when it fired in at least one example. Listing it under
``not_fires`` is not enough: only a firing example shows its condition can be met by a real
profile and lets a reader check its points against a concrete case.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from modelo_servicio.domain.errors import Problem, ProfileError
from modelo_servicio.domain.i18n import Lang, t
from modelo_servicio.domain.profile_io import profile_from_data
from modelo_servicio.engine.conditions import failures
from modelo_servicio.engine.scoring import CompiledRule, Engine, Evaluation
from modelo_servicio.knowledge.loader import KnowledgeBase, Origin
from modelo_servicio.knowledge.schema import ExampleSpec

BASE: dict[str, Any] = {"company": {"name": "Ejemplo"}}
"""What every example starts from; an example may override any of it."""


@dataclass
class ExampleReport:
    """Everything ``rules test`` prints; ``ok`` when no example failed."""

    examples: int = 0
    failures: list[Problem] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
    exercised: set[str] = field(default_factory=set)
    unexercised: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


def run(kb: KnowledgeBase, engine: Engine, lang: Lang = "es") -> ExampleReport:
    """Run every example of ``kb`` against its compiled ``engine``."""
    report = ExampleReport(examples=len(kb.examples), rules=[r.id for r in engine.all_rules()])
    rules = {r.id: r for r in engine.all_rules()}
    for example, origin in kb.examples:
        evaluation = _evaluate(example, origin, engine, lang, report)
        if evaluation is None:
            continue
        fired = {f.rule.id for s in evaluation.scores.values() for f in s.fired + s.limits}
        report.exercised |= fired
        report.failures.extend(_check(example, origin, evaluation, rules, fired, lang))
    for rule in engine.all_rules():
        if rule.id not in report.exercised:
            message = t("rules.test.unexercised", lang, rule=rule.id)
            report.unexercised.append(_at(rule.origin, message))
    return report


def merged(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """``over`` laid on ``base``, mapping into mapping; anything else replaces."""
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merged(out[key], value)
        else:
            out[key] = value
    return out


def _evaluate(
    example: ExampleSpec, origin: Origin, engine: Engine, lang: Lang, report: ExampleReport
) -> Evaluation | None:
    try:
        data = merged(BASE, example.profile)
        profile = profile_from_data(data, origin.source, engine.catalogue)
    except ProfileError as exc:
        for problem in exc.problems or [Problem(origin.source, exc.message)]:
            loc = tuple(int(p) if p.isdigit() else p for p in problem.path.split(".") if p)
            message = t(
                "rules.test.invalid_profile", lang, name=example.name, error=problem.message
            )
            report.failures.append(origin.problem(message, ("profile", *loc)))
        return None
    return engine.evaluate(profile)


def _check(
    example: ExampleSpec,
    origin: Origin,
    evaluation: Evaluation,
    rules: dict[str, CompiledRule],
    fired: set[str],
    lang: Lang,
) -> list[Problem]:
    name = example.name
    out: list[Problem] = []

    def fail(sub: tuple[str | int, ...], key: str, **params: Any) -> None:
        out.append(origin.problem(t(key, lang, name=name, **params), sub))

    for key, expected in (("fires", True), ("not_fires", False)):
        for index, rule_id in enumerate(getattr(example, key)):
            rule = rules.get(rule_id)
            if rule is None:
                fail((key, index), "rules.test.unknown_rule", rule=rule_id)
            elif (rule_id in fired) != expected:
                why = _why(rule, evaluation, lang) if expected else _values(rule, evaluation)
                message = "rules.test.not_fired" if expected else "rules.test.fired"
                fail((key, index), message, rule=rule_id, why=why)
    scores = evaluation.scores
    for index, model in enumerate(example.limited):
        if scores[model].feasible:
            fail(("limited", index), "rules.test.not_limited", model=model)
    for index, model in enumerate(example.feasible):
        if not scores[model].feasible:
            limits = ", ".join(f.rule.id for f in scores[model].limits)
            fail(("feasible", index), "rules.test.limited", model=model, rules=limits)
    top = evaluation.ranking[0]
    if example.recommends is not None and top != example.recommends:
        fail(
            ("recommends",),
            "rules.test.recommends",
            expected=example.recommends,
            expected_score=f"{scores[example.recommends].score:g}",
            model=top,
            score=f"{scores[top].score:g}",
        )
    return out


def _why(rule: CompiledRule, evaluation: Evaluation, lang: Lang) -> str:
    found = failures(rule.node, evaluation.context)
    value = t("rules.test.value", lang)
    return "; ".join(f"{f.describe()} ({value}: {_show(f.actual)})" for f in found)


def _values(rule: CompiledRule, evaluation: Evaluation) -> str:
    return "; ".join(f"{p} = {_show(evaluation.context.get(p))}" for p in rule.reads)


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "—" if value is None else str(value)


def _at(origin: Origin | None, message: str) -> Problem:
    if origin is None:  # pragma: no cover - every compiled rule comes from a file
        return Problem("rules", message)
    return Problem(origin.source, message, origin.line, "")
