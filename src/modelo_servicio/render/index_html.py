"""``index.html``: the batch's index as a page, for a batch of HTML reports.

The same columns as ``index.md`` and ``summary.xlsx`` (``md_index.index_cells``), the problem
clients first, each company linking to its report; built from the macros of
``templates/tools.html.j2`` a piece at a time, so the batch streams its rows to disk as the
reports arrive and memory stays flat. Every text from the inputs is put on one line without
control characters (``one_line``) and escaped by the template.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from modelo_servicio.domain.brand import NEUTRAL, Brand
from modelo_servicio.domain.i18n import Lang, t
from modelo_servicio.render import md_index
from modelo_servicio.render.md_escape import one_line
from modelo_servicio.render.sides_html import lines, macros

if TYPE_CHECKING:
    from modelo_servicio.domain.batch_outcome import Outcome, Summary

PROBLEM_COLUMN = 4
"""Where ``index_cells`` says why a client needs attention (shown in the warning colour)."""


class IndexHtml:
    """The pieces of ``index.html``, in the order a batch writes them: ``intro``, the errors
    (``errors_open``, ``error_item``…, ``list_close``), the reports (``reports_open``,
    ``row``…, ``reports_close``), the ``timeline`` and the ``end``."""

    def __init__(self, lang: Lang, brand: Brand | None = None) -> None:
        self.lang = lang
        self.brand = brand or NEUTRAL
        self.m: Any = macros()

    def intro(self, date: str, summary: Summary, rules: str, tool: str) -> str:
        lang = self.lang
        meta = [
            md_index.index_meta(lang, date, summary),
            t("batch.index.versions", lang, tool=tool, rules=rules),
        ]
        return str(self.m.open(lang, t("batch.index.title", lang), meta, self.brand))

    def errors_open(self) -> str:
        return str(self.m.list_open("errors", t("batch.index.errors", self.lang)))

    def error_item(self, outcome: Outcome) -> str:
        return str(self.m.list_item(one_line(md_index.error_line(outcome))))

    def list_close(self) -> str:
        return str(self.m.list_close())

    def reports_open(self, summary: Summary) -> str:
        title = t("batch.index.reports", self.lang)
        if not summary.reports:
            return str(
                self.m.paragraph_section("reports", title, t("batch.index.no_reports", self.lang))
            )
        headers = md_index.index_headers(self.lang)
        return str(self.m.table_open("reports", title, headers, md_index.INDEX_RIGHT))

    def row(self, outcome: Outcome, name: str) -> str:
        cells = lines(md_index.index_cells(outcome, self.lang))
        flagged = (PROBLEM_COLUMN,) if md_index.problems(outcome.row) else ()
        return str(self.m.linked_row(cells, quote(name), md_index.INDEX_RIGHT, flagged))

    def reports_close(self, summary: Summary) -> str:
        return str(self.m.table_close()) if summary.reports else ""

    def timeline(self, rows: list[dict[str, Any]]) -> str:
        out: list[str] = []
        headers = md_index.timeline_headers(self.lang)
        for number, dated in enumerate(md_index.timelines(rows), 1):
            title = one_line(t("timeline.title", self.lang, company=dated[-1]["company"]))
            ident = f"timeline-{number}"
            out.append(str(self.m.table_open(ident, title, headers, md_index.TIMELINE_RIGHT)))
            for r in dated:
                cells = lines(md_index.timeline_cells(r, self.lang))
                href = quote(r["report"])
                out.append(str(self.m.linked_row(cells, href, md_index.TIMELINE_RIGHT)))
            out.append(str(self.m.table_close()))
        return "".join(out)

    def end(self) -> str:
        return str(self.m.close(self.brand))
