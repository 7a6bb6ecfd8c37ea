"""``modelo-servicio rules check|test``: validate a rule set, run the examples in its files.

Both build an ``Advisor`` like every other command: the packaged rules with ``--rules DIR``
merged over them, read afresh, so a consultant editing a file sees each save. Errors that stop
the rules loading are a ``RuleError`` (exit 2, every problem as ``file:line``); failing
examples exit 1.
"""

from __future__ import annotations

from typing import Annotated

import typer

from modelo_servicio.cli.options import LangChoice, LangOpt, RulesOpt

rules_app = typer.Typer(
    help="Validar y probar reglas / validate and test rule sets.", no_args_is_help=True
)


@rules_app.command("check")
def check(rules: RulesOpt = None, lang: LangOpt = LangChoice.es) -> None:
    """Load and compile the rules: every error with file:line; rules that can never fire warn."""
    from modelo_servicio.app.advisor import Advisor
    from modelo_servicio.app.service import use_language
    from modelo_servicio.domain.i18n import t

    language = use_language(lang.value)
    advisor = Advisor.build(rules)
    kb, engine = advisor.kb, advisor.engine
    warnings = engine.warnings(language)
    if warnings:
        typer.echo(t("rules.check.warnings", language, count=len(warnings)))
        for warning in warnings:
            typer.echo(f"  {warning}")
    summary = t(
        "rules.check.ok",
        language,
        files=len(kb.files),
        rules=len(engine.all_rules()),
        examples=len(kb.examples),
    )
    typer.echo(summary)


@rules_app.command("test")
def test(
    rules: RulesOpt = None,
    lang: LangOpt = LangChoice.es,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict", help="Fail also when a rule is never exercised / falla si sobra una regla."
        ),
    ] = False,
) -> None:
    """Run the examples embedded in the rule files; list the rules no example makes fire."""
    from modelo_servicio.app.advisor import Advisor
    from modelo_servicio.app.service import use_language
    from modelo_servicio.domain.i18n import t
    from modelo_servicio.engine.examples import run

    language = use_language(lang.value)
    advisor = Advisor.build(rules)
    kb, engine = advisor.kb, advisor.engine
    report = run(kb, engine, language)
    if report.failures:
        typer.echo(t("rules.test.failures", language, count=len(report.failures)))
        for problem in report.failures:
            typer.echo(f"  {problem}")
    if report.unexercised:
        typer.echo(t("rules.test.unexercised_header", language, count=len(report.unexercised)))
        for problem in report.unexercised:
            typer.echo(f"  {problem}")
    summary = t(
        "rules.test.summary",
        language,
        examples=report.examples,
        failures=len(report.failures),
        exercised=len(report.exercised & set(report.rules)),
        rules=len(report.rules),
    )
    typer.echo(summary)
    if not report.ok or (strict and report.unexercised):
        raise typer.Exit(1)
