"""Charts as inline SVG, drawn from the numbers of a result: no script, no network, so a
report prints and mails as one file. Every text is escaped here; the caller gives plain text.

Each chart is an ``<svg role="img">`` labelled by its ``<title>`` and ``<desc>``; the report
puts a data table beside it for readers that cannot see it.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from markupsafe import Markup

WIDTH = 640
ROW = 26
LABEL = 270
GREY = "#9aa3ad"
LIGHT = "#d5dae0"
INK = "#1b1f24"
FONT = 11
"""Label size in chart units; with the label column below, 28 characters fit."""


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    shown: str
    """The value as the reader sees it (number style of the report's language)."""
    muted: bool = False


@dataclass(frozen=True)
class Pair:
    label: str
    first: float
    second: float
    first_shown: str
    second_shown: str


@dataclass(frozen=True)
class Span:
    label: str
    start: int
    end: int


def _svg(ident: str, title: str, desc: str, height: int, body: list[str]) -> Markup:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart" id="{ident}" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" font-size="{FONT}" '
        f'aria-labelledby="{ident}-t {ident}-d" aria-label="{escape(title)}">'
        f'<title id="{ident}-t">{escape(title)}</title><desc id="{ident}-d">{escape(desc)}</desc>'
    )
    return Markup(head + "".join(body) + "</svg>")


def _text(x: float, y: float, value: str, anchor: str = "start", cls: str = "") -> str:
    extra = f' class="{cls}"' if cls else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{extra}>{escape(_clip(value))}</text>'
    )


def _clip(value: str, most: int = 38) -> str:
    return value if len(value) <= most else value[: most - 1].rstrip() + "…"


def bars(ident: str, title: str, desc: str, rows: list[Bar], top: float, accent: str) -> Markup:
    """Horizontal bars, one a row, scaled to ``top``; muted rows drawn grey."""
    span = WIDTH - LABEL - 60
    body: list[str] = []
    for i, row in enumerate(rows):
        y = 8 + i * ROW
        width = 0.0 if top <= 0 else max(0.0, min(1.0, row.value / top)) * span
        colour = GREY if row.muted else accent
        body.append(_text(LABEL - 8, y + 15, row.label, "end"))
        body.append(f'<rect x="{LABEL}" y="{y + 3}" width="{span}" height="16" fill="#f1f3f5"/>')
        body.append(
            f'<rect x="{LABEL}" y="{y + 3}" width="{width:.1f}" height="16" fill="{colour}"/>'
        )
        body.append(_text(LABEL + width + 6, y + 16, row.shown))
    return _svg(ident, title, desc, 16 + len(rows) * ROW, body)


def pairs(
    ident: str,
    title: str,
    desc: str,
    rows: list[Pair],
    legend: tuple[str, str],
    accent: str,
    line: tuple[float, str] | None = None,
) -> Markup:
    """Two bars a row (e.g. staff needed, staff today), with a legend; ``line`` draws a
    dashed limit (e.g. the budget) with its label."""
    top = max([max(r.first, r.second) for r in rows] + [line[0] if line else 0.0, 1e-9])
    span = WIDTH - LABEL - 70
    step = 2 * ROW - 8
    body = [
        f'<rect x="{LABEL}" y="4" width="12" height="12" fill="{accent}"/>',
        _text(LABEL + 18, 14, legend[0]),
        f'<rect x="{LABEL + 200}" y="4" width="12" height="12" fill="{GREY}"/>',
        _text(LABEL + 218, 14, legend[1]),
    ]
    for i, row in enumerate(rows):
        y = 26 + i * step
        body.append(_text(LABEL - 8, y + 19, row.label, "end"))
        for j, (value, shown, colour) in enumerate(
            ((row.first, row.first_shown, accent), (row.second, row.second_shown, GREY))
        ):
            width = max(0.0, value / top) * span
            yy = y + 4 + j * 18
            body.append(
                f'<rect x="{LABEL}" y="{yy}" width="{width:.1f}" height="15" fill="{colour}"/>'
            )
            body.append(_text(LABEL + width + 6, yy + 12, shown))
    height = 34 + len(rows) * step
    if line is not None:
        x = LABEL + line[0] / top * span
        body.append(
            f'<line x1="{x:.1f}" y1="22" x2="{x:.1f}" y2="{height - 4}" stroke="{INK}" '
            'stroke-dasharray="4 3"/>'
        )
        body.append(_text(x, height + 8, line[1], "middle"))
        height += 14
    return _svg(ident, title, desc, height, body)


def gantt(
    ident: str, title: str, desc: str, spans: list[Span], weeks: int, week_label: str, accent: str
) -> Markup:
    """Phases on a week axis; ``weeks`` is the axis length (the deadline when longer)."""
    weeks = max([weeks, *(s.end for s in spans), 1])
    span = WIDTH - LABEL - 12
    unit = span / weeks
    body: list[str] = []
    step = max(1, -(-weeks // 10))
    for week in range(1, weeks + 1, step):
        x = LABEL + (week - 1) * unit
        body.append(f'<line x1="{x:.1f}" y1="18" x2="{x:.1f}" y2="{22 + len(spans) * ROW}" ')
        body[-1] += f'stroke="{LIGHT}"/>'
        body.append(_text(x + 2, 12, f"{week_label}{week}", cls="small"))
    for i, phase in enumerate(spans):
        y = 20 + i * ROW
        start = max(phase.start, 1)
        end = max(phase.end, start)
        x = LABEL + (start - 1) * unit
        width = (end - start + 1) * unit
        body.append(_text(LABEL - 8, y + 15, phase.label, "end"))
        body.append(
            f'<rect x="{x:.1f}" y="{y + 3}" width="{width:.1f}" height="16" rx="2" '
            f'fill="{accent}"/>'
        )
    return _svg(ident, title, desc, 28 + len(spans) * ROW, body)
