"""``modelo-servicio batch``: score many profiles, one report each, plus the summaries."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from modelo_servicio.cli.options import DateOpt, LangChoice, LangOpt, RulesOpt

if TYPE_CHECKING:
    from collections.abc import Callable

    from modelo_servicio.app.batch import Options, Outcome, Summary
    from modelo_servicio.domain.i18n import Lang

    Listener = Callable[[int, int, list[tuple[Outcome, str | None]]], None]


class ReportFormat(StrEnum):
    markdown = "markdown"
    json = "json"
    html = "html"


class CsvDialect(StrEnum):
    default = "default"
    excel_es = "excel-es"


def batch(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Profiles: files (several YAML documents each allowed), folders, glob patterns.",
            metavar="PATH",
            show_default=False,
        ),
    ],
    out_dir: Annotated[
        Path,
        typer.Option(
            "--out-dir",
            "-o",
            help="Folder for the reports, index.md and summaries.",
            file_okay=False,
        ),
    ] = Path("reports"),
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=1, max=256, help="Worker processes.")
    ] = 1,
    fmt: Annotated[
        ReportFormat,
        typer.Option(
            "--format",
            "-f",
            help="Format of each report: markdown, json or html.",
            case_sensitive=False,
        ),
    ] = ReportFormat.markdown,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Replace files in --out-dir that have a report's name although no batch wrote "
            "them.",
        ),
    ] = False,
    csv_dialect: Annotated[
        CsvDialect,
        typer.Option(
            "--csv-dialect",
            help="summary.csv as written: default (commas, decimal point) or excel-es "
            "(semicolons, decimal comma, UTF-8 BOM: what a Spanish Excel opens right).",
            case_sensitive=False,
        ),
    ] = CsvDialect.default,
    lang: LangOpt = LangChoice.es,
    rules: RulesOpt = None,
    date: DateOpt = None,
) -> None:
    """Score every profile found in PATH... and write one report each, index.md, summary.csv,
    summary.json and summary.xlsx to --out-dir. Exit code 1 when some input failed (the rest
    is written)."""
    from modelo_servicio.app import batch as batch_lib
    from modelo_servicio.cli.options import language as chosen
    from modelo_servicio.domain.i18n import t
    from modelo_servicio.render.markdown import report_date

    language = chosen(lang)
    options = batch_lib.Options(
        lang=language,
        rules=rules,
        date=report_date(date),
        format=fmt.value,
        csv_dialect="excel-es" if csv_dialect == CsvDialect.excel_es else "default",
    )
    if sys.stderr.isatty():
        summary = _with_bar(paths, out_dir, options, jobs, force)
    else:
        summary = batch_lib.run(paths, out_dir, options, jobs, _plain_lines(language), force)
    if summary.failures:
        raise batch_lib.PartialBatchError(
            t(
                "batch.failed",
                language,
                failures=summary.failures,
                profiles=summary.profiles,
                out_dir=out_dir,
            )
        )
    index = out_dir / ("index.html" if options.format == "html" else "index.md")
    from modelo_servicio.cli.output import emit

    emit(t("batch.done", language, reports=summary.reports, out_dir=out_dir, index=index) + "\n")


def _line(lang: Lang, index: int, total: int, outcome: Outcome, name: str | None) -> str:
    from modelo_servicio.domain.i18n import t

    where = outcome.source if outcome.document <= 1 else f"{outcome.source} #{outcome.document}"
    if name is None:
        from modelo_servicio.render.md_index import error_line

        return t("batch.line.error", lang, index=index, total=total, error=error_line(outcome))
    model = outcome.row.get("model_name", "")
    return t(
        "batch.line.ok", lang, index=index, total=total, source=where, model=model, report=name
    )


def _plain_lines(lang: Lang) -> Listener:
    from modelo_servicio.cli.output import say

    def listen(index: int, total: int, named: list[tuple[Outcome, str | None]]) -> None:
        for outcome, name in named:
            say(_line(lang, index, total, outcome, name))

    return listen


def _with_bar(
    paths: list[str], out_dir: Path, options: Options, jobs: int, force: bool = False
) -> Summary:
    """A rich progress bar on stderr; failures are printed above it as they happen."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    from modelo_servicio.app import batch as batch_lib
    from modelo_servicio.domain.i18n import t
    from modelo_servicio.domain.text import visible

    console = Console(stderr=True, highlight=False)
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=False,
    )
    task = progress.add_task(t("batch.progress", options.lang), total=None)

    def listen(index: int, total: int, named: list[tuple[Outcome, str | None]]) -> None:
        if not progress.live.is_started:
            progress.start()
        progress.update(task, completed=index, total=total)
        for outcome, name in named:
            if name is None:
                line = visible(_line(options.lang, index, total, outcome, name))
                console.print(line, markup=False, soft_wrap=True)

    try:
        return batch_lib.run(paths, out_dir, options, jobs, listen, force)
    finally:
        progress.stop()


def register(app: typer.Typer) -> None:
    app.command("batch")(batch)
