"""``modelo-servicio template staff.csv``: the documented roster template for
``interview --staff``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from modelo_servicio.cli.options import LangChoice, LangOpt, RulesOpt


def template(
    out: Annotated[
        Path,
        typer.Argument(
            help="File to write, e.g. staff.csv (a row per person; '-' prints it).",
            metavar="FILE.csv",
            show_default=False,
            dir_okay=False,
        ),
    ],
    lang: LangOpt = LangChoice.es,
    rules: RulesOpt = None,
) -> None:
    """Write the staff roster template: one row per person, the columns explained in
    Spanish and English on its first lines (a column per skill of the knowledge base:
    ``--rules`` adds a consultancy's). Fill it in a spreadsheet and pass it to
    ``modelo-servicio interview --staff FILE.csv``."""
    from modelo_servicio.app.advisor import Advisor
    from modelo_servicio.cli.options import language as chosen
    from modelo_servicio.cli.output import emit, write
    from modelo_servicio.domain.i18n import t
    from modelo_servicio.interview.roster import template as text

    language = chosen(lang)
    content = text(Advisor.build(rules).catalogue)
    if str(out) == "-":
        emit(content)
        return
    write(out, content, language)
    typer.echo(t("template.written", language, path=out), err=True)


def register(app: typer.Typer) -> None:
    app.command("template")(template)
