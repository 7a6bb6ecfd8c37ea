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
