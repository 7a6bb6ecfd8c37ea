"""What the HTML template lays out: sections of plain text, tables and charts."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

if TYPE_CHECKING:
    from modelo_servicio.render.report_rows import Rows

_BOLD = re.compile(r"\*\*(.+?)\*\*")


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]
    right: tuple[int, ...] = ()
    strong_first_row: bool = False
    strong: frozenset[tuple[int, int]] = frozenset()
    """(row, column) cells shown in bold."""


@dataclass
class Section:
    """One part of the report: heading, paragraphs, tables, lists, a chart, subsections."""

    ident: str
    title: str
    paras: list[Markup | str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    chart: Markup | None = None
    chart_caption: str = ""
    chart_data: Table | None = None
    after: list[Markup | str] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)
    """A numbered list, after the bullet items (a path, next steps)."""
    steps_intro: str = ""
    """The sentence that introduces the numbered list."""
    closing: list[Markup | str] = field(default_factory=list)
    """Paragraphs after the lists (what the markdown report says after its bullets)."""
    closing_items: list[str] = field(default_factory=list)
    closing_tables: list[Table] = field(default_factory=list)
    subsections: list[Section] = field(default_factory=list)
    page_break: bool = False


def rich(message: str) -> Markup:
    """A message of the catalogue with its ``**bold**`` as ``<strong>``; everything else
    escaped (the catalogue's own text and the user's alike)."""
    return Markup(_BOLD.sub(r"<strong>\1</strong>", str(escape(message))))


def table(rows: Rows, strong_first_row: bool = False) -> Table:
    """The report's shared rows (``render.report_rows``) as a table of the page."""
    return Table(list(rows.headers), rows.rows, rows.right, strong_first_row, rows.strong)
