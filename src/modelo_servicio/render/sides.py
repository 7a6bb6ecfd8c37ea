"""Side-by-side documents for the terminal and for markdown: what-if (before/after), two
models' plans, a follow-up assessment. Each is a title and sections; a section is a table
(headers and rows of text) or a list. The same document prints as a rich table or as markdown,
so the two never disagree.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from modelo_servicio.domain.figures import Figures
from modelo_servicio.domain.i18n import Lang, t
from modelo_servicio.domain.numbers import amount, money, num
from modelo_servicio.render import md_escape


@dataclass(frozen=True)
class Section:
    title: str
    headers: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    empty: str = ""
    """Said instead of an empty table or list."""


@dataclass(frozen=True)
class Document:
    title: str
    lines: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)


def figure_rows(columns: Sequence[Figures], lang: Lang, first: str = "model") -> list[list[str]]:
    """One row per figure (label, then a cell per column). Figures no column has (cost without
    a cost per FTE, risks before the plan names any) are left out rather than shown empty."""
    rows: list[list[str]] = []

    def add(key: str, cells: list[str]) -> None:
        rows.append([t(f"row.{key}", lang), *cells])

    def model(f: Figures) -> str:
        return f.model_name + (": " + " + ".join(f.components) if f.components else "")

    add(first, [model(f) for f in columns])
    add("score", [num(f.score, lang, 1) for f in columns])
    add("feasible", [_yes(f.feasible, lang) for f in columns])
    for key in ("ideal", "affordable"):
        if any(getattr(f, key) for f in columns):
            add(key, [getattr(f, f"{key}_name") or "—" for f in columns])
    add("fte_today", [num(f.fte_today, lang, 1) for f in columns])
    add("fte_needed", [num(f.fte_needed, lang, 1) for f in columns])
    add("hires_needed", [str(f.hires_needed) for f in columns])
    add("hires", [str(f.hires) for f in columns])
    add("hire_limit", [_limit(f.hire_limit, lang) for f in columns])
    if any(f.monthly_cost is not None for f in columns):
        add("monthly_cost", [_money(f.monthly_cost, f, lang) for f in columns])
        add("required_monthly_cost", [_money(f.required_monthly_cost, f, lang) for f in columns])
    if any(f.one_off_cost is not None for f in columns):
        add("one_off_cost", [_money(f.one_off_cost, f, lang) for f in columns])
    if any(f.monthly_budget is not None for f in columns):
        add("monthly_budget", [_money(f.monthly_budget, f, lang) for f in columns])
        add("over_budget", [_maybe(f.over_budget, lang) for f in columns])
    add("training_hours", [num(f.training_hours, lang, 0) for f in columns])
    if any(f.weeks is not None for f in columns):
        add("weeks", [str(f.weeks) if f.weeks is not None else "—" for f in columns])
    add("warnings", [str(f.warnings) for f in columns])
    if any(f.risks for f in columns):
        add("risks", ["; ".join(f.risks) or t("row.none", lang) for f in columns])
    return rows


def recommendation_rows(columns: Sequence[Figures], lang: Lang) -> list[list[str]]:
    """The recommendation's standing: its lead, robustness and the three best models."""

    def top(f: Figures) -> str:
        return ", ".join(f"{name} {num(score, lang, 1)}" for _, name, score in f.top)

    return [
        [t("row.margin", lang), *(num(f.margin, lang, 1) for f in columns)],
        [t("row.robust", lang), *(_yes(f.robust, lang) for f in columns)],
        [t("row.top", lang), *(top(f) for f in columns)],
    ]


def _yes(value: bool, lang: Lang) -> str:
    return t("report.yes" if value else "report.no", lang)


def _maybe(value: bool | None, lang: Lang) -> str:
    return "—" if value is None else _yes(value, lang)


def _money(value: float | None, f: Figures, lang: Lang) -> str:
    """An amount with its currency sign, as the reports write it (``amount``); bare only when
    the plan names no currency."""
    if value is None:
        return "—"
    return money(value, lang) if f.currency is None else amount(value, lang, f.currency)


def _limit(value: int | None, lang: Lang) -> str:
    return t("row.unlimited", lang) if value is None else str(value)


# --- output ------------------------------------------------------------------------------


def markdown(document: Document) -> str:
    out = [f"# {md_escape.text(document.title)}", ""]
    for line in document.lines:
        out += [md_escape.text(line), ""]
    for section in document.sections:
        out += [f"## {md_escape.text(section.title)}", ""]
        if section.headers and section.rows:
            headers = [md_escape.cell(h) for h in section.headers]
            rows = [[md_escape.cell(c) for c in row] for row in section.rows]
            out += [md_escape.table(headers, rows), ""]
        elif section.items:
            out += [md_escape.bullets([md_escape.text(i) for i in section.items]), ""]
        else:
            out += [md_escape.text(section.empty), ""]
    return "\n".join(out).rstrip("\n") + "\n"


def terminal(document: Document, width: int = 100) -> str:
    """The document as rich tables, plain (no colour), ``width`` columns wide."""
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    buffer = io.StringIO()
    console = Console(
        file=buffer, width=width, color_system=None, force_terminal=False, highlight=False
    )
    console.print(Text(document.title, style="bold"))
    for line in document.lines:
        console.print(Text(line))
    for section in document.sections:
        console.print()
        console.print(Text(section.title, style="bold"))
        if section.headers and section.rows:
            table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
            for header in section.headers:
                table.add_column(header, overflow="fold")
            for row in section.rows:
                table.add_row(*(Text(c) for c in row))
            console.print(table)
        elif section.items:
            for item in section.items:
                console.print(Text("• " + item))
        else:
            console.print(Text(section.empty))
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())
