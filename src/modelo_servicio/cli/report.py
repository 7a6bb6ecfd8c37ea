"""``modelo-servicio report``: the markdown recommendation report of one profile."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from modelo_servicio.cli.options import (
    DateOpt,
    LangChoice,
    LangOpt,
    ProfileArg,
    RulesOpt,
    SetOpt,
    note_changes,
)


def report(
    profile: ProfileArg,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Markdown file to write (atomically; '-' is stdout); without it the report "
            "goes to stdout.",
            dir_okay=False,
        ),
    ] = None,
    lang: LangOpt = LangChoice.es,
    rules: RulesOpt = None,
    date: DateOpt = None,
    sets: SetOpt = None,
) -> None:
    """Write the markdown recommendation report of a profile, ready to hand to the client."""
    from modelo_servicio.app.service import report_markdown
    from modelo_servicio.app.whatif import load_changed
    from modelo_servicio.cli.options import language as chosen
    from modelo_servicio.cli.output import check, emit, say, write
    from modelo_servicio.domain.i18n import t
    from modelo_servicio.domain.output import is_stdout
    from modelo_servicio.render.markdown import report_date

    language = chosen(lang)
    check(output, language)
    day = report_date(date)
    text = report_markdown(load_changed(profile, language, sets or ()), language, rules, day)
    note_changes(profile, sets, language)
    if output is None or is_stdout(output):
        emit(text)
        return
    write(output, text, language)
    say(t("report.written", language, path=output))


def register(app: typer.Typer) -> None:
    app.command("report")(report)
