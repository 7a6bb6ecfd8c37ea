"""Options shared by several commands (``--lang``, ``--rules``, ``--format``)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer


class LangChoice(StrEnum):
    es = "es"
    en = "en"


class Format(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"


class ListFormat(StrEnum):
    table = "table"
    json = "json"


LangOpt = Annotated[
    LangChoice,
    typer.Option(
        "--lang",
        envvar="MODELO_SERVICIO_LANG",
        help="Output language / idioma de salida.",
        case_sensitive=False,
    ),
]
RulesOpt = Annotated[
    Path | None,
    typer.Option(
        "--rules",
        help="Folder of extra or replacement rule files, merged over the packaged ones.",
        file_okay=False,
    ),
]
ProfileArg = Annotated[Path, typer.Argument(help="Company profile (YAML).", show_default=False)]
FormatOpt = Annotated[
    Format, typer.Option("--format", "-f", help="table, json or markdown.", case_sensitive=False)
]
ListFormatOpt = Annotated[
    ListFormat, typer.Option("--format", "-f", help="table or json.", case_sensitive=False)
]
DateOpt = Annotated[
    str | None,
    typer.Option(
        "--date",
        help="Date printed in reports (YYYY-MM-DD); default SOURCE_DATE_EPOCH or today.",
    ),
]
SetOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--set",
        metavar="KEY=VALUE",
        help="Try a change without editing the file, in the interview's syntax "
        "(constraints.budget=high, demand.contacts_per_month.chat=4000). Repeatable.",
        show_default=False,
    ),
]


def note_changes(path: Path, sets: list[str] | None, lang: str) -> None:
    """Say on stderr that the output is a what-if (``--set``), not the file as it is."""
    if sets:
        from modelo_servicio.app.whatif import applied_note

        typer.echo(applied_note(path, sets, "en" if lang == "en" else "es"), err=True)
