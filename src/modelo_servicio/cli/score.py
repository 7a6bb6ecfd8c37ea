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
    SetOpt,
    StartOpt,
    note_changes,
)


def score(
    profile: ProfileArg,
    format: FormatOpt = Format.table,
    lang: LangOpt = LangChoice.es,
    rules: RulesOpt = None,
    date: DateOpt = None,
    sets: SetOpt = None,
    start: StartOpt = None,
) -> None:
    """Rank the eight models for a profile, recommend one and plan it."""
    from modelo_servicio.app.advisor import Advisor
    from modelo_servicio.app.service import advise_profile, render
    from modelo_servicio.app.whatif import load_changed
    from modelo_servicio.cli.options import language as chosen
    from modelo_servicio.cli.options import start_day
    from modelo_servicio.cli.output import emit, width

    language = chosen(lang)
    first = start_day(start)
    advisor = Advisor.build(rules)
    changed = load_changed(profile, language, sets or (), advisor.catalogue)
    advice = advise_profile(changed, language, advisor=advisor, start=first)
    note_changes(profile, sets, language)
    emit(render(advice, format.value, date=date, width=width()), json=format.value == "json")


def register(app: typer.Typer) -> None:
    app.command("score")(score)
