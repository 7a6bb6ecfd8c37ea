"""Options shared by several commands (``--lang``, ``--rules``, ``--format``).

The command's language is resolved here and nowhere else: ``--lang``, else
``MODELO_SERVICIO_LANG``, else Spanish. The library takes it as a parameter; errors carry
messages that ``cli.app``'s error handler writes in it.
"""

from __future__ import annotations

import datetime
import os
import re
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:  # the library's types only: `--help` must not import pydantic
    from modelo_servicio.domain.i18n import Lang

ENV_LANG = "MODELO_SERVICIO_LANG"
_CHOSEN = "modelo_servicio.lang"
"""Where ``--lang`` leaves the command's language for the error handler (``ctx.meta`` is
shared by a command's context and its parents')."""


class LangChoice(StrEnum):
    es = "es"
    en = "en"


class Format(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"


class SidesFormat(StrEnum):
    """``whatif`` and ``compare``: the side-by-side document as a table, JSON, markdown or one
    HTML page."""

    table = "table"
    json = "json"
    markdown = "markdown"
    html = "html"


class ListFormat(StrEnum):
    table = "table"
    json = "json"


def language(choice: LangChoice) -> Lang:
    """The ``--lang`` choice as the library's language."""
    return "en" if choice == LangChoice.en else "es"


def _remember(ctx: typer.Context, choice: LangChoice) -> LangChoice:
    ctx.meta[_CHOSEN] = language(choice)
    return choice


def error_language(ctx: typer.Context) -> Lang:
    """The language to write an error in: the command's ``--lang`` once it has been read,
    else the environment's (an error before the options are read), else Spanish."""
    chosen: Lang | None = ctx.meta.get(_CHOSEN)
    if chosen is not None:
        return chosen
    raw = os.environ.get(ENV_LANG, "").strip().lower()
    return "en" if raw.startswith("en") else "es"


LangOpt = Annotated[
    LangChoice,
    typer.Option(
        "--lang",
        envvar=ENV_LANG,
        help="Output language / idioma de salida.",
        case_sensitive=False,
        callback=_remember,
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
SidesFormatOpt = Annotated[
    SidesFormat,
    typer.Option("--format", "-f", help="table, json, markdown or html.", case_sensitive=False),
]
BrandOpt = Annotated[
    Path | None,
    typer.Option(
        "--brand",
        help="Brand file (YAML): name, logo, accent colour, contact, footer.",
        dir_okay=False,
    ),
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
StartOpt = Annotated[
    str | None,
    typer.Option(
        "--start",
        metavar="YYYY-MM-DD",
        help="First week of the plan's calendar; closed weeks (Christmas, August) are skipped.",
        show_default=False,
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


def start_day(value: str | None) -> datetime.date | None:
    """``--start`` as a date (``None`` when not given); anything but a real ``YYYY-MM-DD``
    is a usage error (exit 2) that names the option and shows the expected form."""
    if value is None:
        return None
    raw = value.strip()
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
            raise ValueError(raw)
        return datetime.date.fromisoformat(raw)
    except ValueError:
        from modelo_servicio.domain.errors import UsageError
        from modelo_servicio.domain.i18n import msg

        raise UsageError(msg("plan.bad_start", value=value)) from None


def note_changes(path: Path, sets: list[str] | None, lang: str) -> None:
    """Say on stderr that the output is a what-if (``--set``), not the file as it is."""
    if sets:
        from modelo_servicio.app.whatif import applied_note

        typer.echo(applied_note(path, sets, "en" if lang == "en" else "es"), err=True)
