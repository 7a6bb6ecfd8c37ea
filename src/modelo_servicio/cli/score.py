from __future__ import annotations

import typer

from modelo_servicio.cli.options import (
    DateOpt,
    Format,
    FormatOpt,
    LangChoice,
    LangOpt,
    ProfileArg,
    RulesOpt,
)


def score(
    profile: ProfileArg,
    format: FormatOpt = Format.table,
    lang: LangOpt = LangChoice.es,
    rules: RulesOpt = None,
    date: DateOpt = None,
) -> None:
    """Rank the eight models for a profile, recommend one and plan it."""
    from modelo_servicio.app.service import advise_file, render
    from modelo_servicio.cli.output import emit, width

    advice = advise_file(profile, lang.value, rules)
    emit(render(advice, format.value, date=date, width=width()), json=format.value == "json")


def register(app: typer.Typer) -> None:
    app.command("score")(score)
