"""Options shared by several commands (``--lang``, ``--rules``, ``--format``)."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer


class LangChoice(str, Enum):
    es = "es"
    en = "en"


class Format(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"


class ListFormat(str, Enum):
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
DateOpt = Annotated[
    str | None,
    typer.Option(
        "--date",
        help="Date printed in reports (YYYY-MM-DD); default SOURCE_DATE_EPOCH or today.",
    ),
]
