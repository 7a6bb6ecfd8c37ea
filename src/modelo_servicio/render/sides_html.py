"""Side-by-side documents (``render.sides``: a follow-up assessment, a what-if) as one
self-contained HTML page, and the HTML pieces of the batch's index.

The report's machinery, not a second one: the same Jinja2 environment (``render.html``,
autoescaping on), the same stylesheet, ``render.svg`` for charts, ``domain.brand`` for
``--brand``. The page is laid out by the macros of ``templates/tools.html.j2``, which a batch
can call piece by piece to stream its index; every value handed to them is plain text, put
on one line without control or bidi characters first (``one_line``, as the markdown outputs
do), then escaped by the template.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from modelo_servicio.domain.brand import NEUTRAL, Brand
from modelo_servicio.domain.figures import Figures
from modelo_servicio.domain.i18n import Lang, t
from modelo_servicio.domain.numbers import num
from modelo_servicio.render.md_escape import one_line
from modelo_servicio.render.sides import Document


@dataclass(frozen=True)
class Chart:
    """An SVG chart (``render.svg``) shown under a section, with its caption."""

    svg: Markup
    caption: str


def macros() -> Any:
    """The macros of ``tools.html.j2``, from the report's environment."""
    from modelo_servicio.render.html import _environment

    return _environment().get_template("tools.html.j2").module


def page(
    document: Document,
    lang: Lang,
    brand: Brand | None = None,
    charts: Mapping[int, Chart] | None = None,
) -> str:
    """``document`` as a page; ``charts`` maps a section's index to the chart shown in it."""
    brand = brand or NEUTRAL
    charts = charts or {}
    m = macros()
    parts = [m.open(lang, one_line(document.title), lines(document.lines), brand)]
    for index, s in enumerate(document.sections):
        chart = charts.get(index)
        parts.append(
            m.section(
                f"section-{index + 1}",
                one_line(s.title),
                lines(s.headers),
                [lines(row) for row in s.rows],
                lines(s.items),
                one_line(s.empty),
                chart.svg if chart else None,
                chart.caption if chart else "",
            )
        )
    parts.append(m.close(brand))
    return "".join(str(p) for p in parts)


def staff_chart(columns: Sequence[tuple[str, Figures]], lang: Lang, brand: Brand | None) -> Chart:
    """Two bars per column (a before and an after, or a model): the staff its plan needs and
    the staff on hand, in FTE, in the brand's colour."""
    from modelo_servicio.render import svg

    rows = [
        svg.Pair(label, f.fte_needed, f.fte_today, num(f.fte_needed, lang), num(f.fte_today, lang))
        for label, f in columns
    ]
    title = t("sides.chart_staff", lang)
    desc = t("sides.chart_staff_desc", lang)
    legend = (t("portfolio.col.fte_needed", lang), t("portfolio.col.fte_today", lang))
    accent = (brand or NEUTRAL).accent
    return Chart(svg.pairs("chart-staff", title, desc, rows, legend, accent), desc)


def lines(texts: Sequence[object]) -> list[str]:
    """Each text on one line, without control or bidi characters."""
    return [one_line(text) for text in texts]
