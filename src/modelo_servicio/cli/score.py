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
    from modelo_servicio.cli.output import emit, width
    from modelo_servicio.service import advise_file

    result = advise_file(profile, lang.value, rules)
    from modelo_servicio.render import formatter

    emit(formatter(format.value, width=width(), date=date).format(result))


def register(app: typer.Typer) -> None:
    app.command("score")(score)
