"""``modelo-servicio report``: the recommendation report of one profile, in markdown, HTML or
PDF, for the client or (with the audit trail) for the consultant."""

from __future__ import annotations

from enum import StrEnum
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
    StartOpt,
    note_changes,
)


class DocFormat(StrEnum):
    markdown = "markdown"
    md = "md"
    html = "html"
    pdf = "pdf"


class Audience(StrEnum):
    client = "client"
    consultant = "consultant"


SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
SUFFIXES[".pdf"] = "pdf"


def report(
    profile: ProfileArg,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="File to write (atomically): .md, .html or .pdf; '-' or none: stdout.",
            dir_okay=False,
        ),
    ] = None,
    fmt: Annotated[
        DocFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="markdown, html or pdf; default: from the -o suffix, else markdown.",
            case_sensitive=False,
        ),
    ] = None,
    audience: Annotated[
        Audience,
        typer.Option(
            "--audience",
            help="client (default) or consultant (adds the audit trail).",
            case_sensitive=False,
        ),
    ] = Audience.client,
    brand: Annotated[
        Path | None,
        typer.Option(
            "--brand",
            help="Brand file (YAML): name, logo, accent colour, contact, footer.",
            dir_okay=False,
        ),
    ] = None,
    lang: LangOpt = LangChoice.es,
    rules: RulesOpt = None,
    date: DateOpt = None,
    sets: SetOpt = None,
    start: StartOpt = None,
) -> None:
    """Write the recommendation report of a profile, ready to send to the client."""
    from modelo_servicio.app.advisor import Advisor
    from modelo_servicio.app.service import advise_profile, render
    from modelo_servicio.app.whatif import load_changed
    from modelo_servicio.cli.options import language as chosen
    from modelo_servicio.cli.options import start_day
    from modelo_servicio.cli.output import check, emit, say, write
    from modelo_servicio.domain.i18n import t
    from modelo_servicio.domain.output import is_stdout
    from modelo_servicio.render.markdown import report_date

    language = chosen(lang)
    check(output, language)
    kind = document_format(fmt, output)
    day = report_date(date)
    first = start_day(start)
    identity = None
    if brand is not None:
        from modelo_servicio.domain.brand import load_brand

        identity = load_brand(brand, language)
    if kind == "pdf" and output is None:
        from modelo_servicio.domain.errors import UsageError

        raise UsageError(t("report.pdf_terminal", language))
    advisor = Advisor.build(rules)
    changed = load_changed(profile, language, sets or (), advisor.catalogue)
    advice = advise_profile(changed, language, advisor=advisor, start=first)
    page = render(
        advice, "markdown" if kind == "markdown" else "html", day, 100, audience.value, identity
    )
    document: str | bytes = page
    if kind == "pdf":
        from modelo_servicio.render.pdf import pdf_bytes

        document = pdf_bytes(page, language)
    note_changes(profile, sets, language)
    if output is None or (is_stdout(output) and isinstance(document, str)):
        emit(page)
        return
    write(output, document, language)
    if not is_stdout(output):
        say(t("report.written", language, path=output))


def document_format(fmt: DocFormat | None, output: Path | None) -> str:
    """``--format`` when given, else the suffix of ``-o`` (.md, .html, .pdf; none or .txt is
    markdown); any other suffix is a usage error rather than a guess."""
    if fmt is not None:
        return "markdown" if fmt == DocFormat.md else fmt.value
    if output is None or not output.suffix or output.suffix.lower() == ".txt":
        return "markdown"
    kind = SUFFIXES.get(output.suffix.lower())
    if kind is None:  # a .docx of markdown would only fail later, in the client's hands
        from modelo_servicio.domain.errors import UsageError
        from modelo_servicio.domain.i18n import msg

        raise UsageError(msg("report.unknown_suffix", path=output, suffix=output.suffix))
    return kind


def register(app: typer.Typer) -> None:
    app.command("report")(report)
