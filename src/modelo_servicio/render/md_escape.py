"""Markdown building blocks that cannot be broken by the text put into them.

Every string that is not the report's own markup (company and staff names, free-text
answers, and also knowledge-base texts, since a consultancy may replace them with ``--rules``)
goes through ``text`` or ``cell``: whitespace collapses to one line, control characters go,
and every character that CommonMark, GFM or common renderers (math, autolinks) would
interpret is backslash-escaped, so ``A | B <script>`` neither splits a table cell nor becomes
HTML. Code blocks pick a fence longer than any backtick run inside them; mermaid labels drop
the few characters mermaid's grammar reacts to.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Sequence
from functools import lru_cache

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#!~$&@{}])")
_SPACE = re.compile(r"\s+")
_BLOCK_START = re.compile(r"^(?:[-+](?=[\s\-+*]|$)|=)")
_ORDERED_START = re.compile(r"^(\d+)([.)])(?=\s|$)")
_BACKTICKS = re.compile(r"`+")
_MERMAID_BAD = re.compile(r"[:;#<>{}\[\]\"`%]")
_WWW = re.compile(r"(?i)(www)\.")


def one_line(value: object) -> str:
    """The value as a single trimmed line without control characters."""
    raw = "" if value is None else str(value)
    if raw.isprintable():
        return " ".join(raw.split()) if "  " in raw or raw != raw.strip() else raw
    cleaned = "".join(
        " " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch
        for ch in raw
        if unicodedata.category(ch) != "Cf" or ch == "\u200d"
    )
    return _SPACE.sub(" ", cleaned).strip()


def text(value: object) -> str:
    """Inline text that renders literally wherever it is placed (paragraph, list, heading)."""
    return _escape(value if value.__class__ is str else one_line(value))


@lru_cache(maxsize=8192)
def _escape(value: str) -> str:
    """Cached: a report escapes the knowledge base's same few hundred texts every time.

    Besides ``_SPECIAL``, a colon before ``//`` and a dot after ``www`` (any case) get a
    backslash (no autolinks), and so does what would start a list, a heading underline or a
    numbered item. Each of these rules runs only when a plain substring test says it can
    apply: on the long unique sentences of a report (assumptions, tasks, notes) the one
    regular expression they used to share, with its lookbehind, took longer than all the
    rest."""
    line = _SPECIAL.sub(r"\\\1", one_line(value))
    if "://" in line:
        line = line.replace("://", "\\://")
    if "." in line and ("w" in line or "W" in line):
        line = _WWW.sub(r"\1\\.", line)
    if line[:1] in ("-", "+", "="):
        line = _BLOCK_START.sub(lambda m: "\\" + m.group(0), line)
    elif line[:1].isdecimal():
        line = _ORDERED_START.sub(r"\1\\\2", line)
    return line


def cell(value: object) -> str:
    """A table cell: escaped text, never empty (an empty cell reads as a missing answer)."""
    return _escape(value if value.__class__ is str else one_line(value)) or "—"


def code(value: object) -> str:
    """An inline code span for identifiers (field paths, rule ids) that stays inside a cell."""
    return _code(value if isinstance(value, str) else one_line(value))


@lru_cache(maxsize=4096)
def _code(value: str) -> str:
    line = one_line(value)
    if not line:
        return ""
    longest = max((len(run) for run in _BACKTICKS.findall(line)), default=0)
    ticks = "`" * (longest + 1)
    pad = " " if line.startswith("`") or line.endswith("`") else ""
    inner = line.replace("|", "\\|")
    return f"{ticks}{pad}{inner}{pad}{ticks}"


def fenced(info: str, lines: Sequence[str]) -> str:
    """A fenced code block whose fence no line inside can close."""
    body = [line.rstrip() for line in lines]
    longest = max(
        (len(run) for line in body if "`" in line for run in _BACKTICKS.findall(line)),
        default=0,
    )
    fence = "`" * max(3, longest + 1)
    return "\n".join([f"{fence}{info}", *body, fence])


def mermaid_label(value: object) -> str:
    """A label mermaid prints as is: no statement separators, comments, markup or quotes."""
    return _mermaid(value if isinstance(value, str) else one_line(value))


@lru_cache(maxsize=1024)
def _mermaid(value: str) -> str:
    """Cached: every report labels the same phases of the knowledge base."""
    return _SPACE.sub(" ", _MERMAID_BAD.sub(" ", one_line(value))).strip() or "-"


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[int] = ()) -> str:
    """A GFM table; cells must already be escaped (``cell``) or be the report's own markup."""
    return table_of_rows(headers, [table_row(cells) for cells in rows], right)


def table_of_rows(headers: Sequence[str], rows: Sequence[str], right: Sequence[int] = ()) -> str:
    """A GFM table of rows already made by ``table_row`` (so that they can be remembered)."""
    return "\n".join([_head(tuple(headers), tuple(right)), *rows])


def table_row(cells: Sequence[str]) -> str:
    """One table row; an empty cell shows as a dash."""
    if "" in cells:
        cells = [c or "—" for c in cells]
    return "| " + " | ".join(cells) + " |"


@lru_cache(maxsize=256)
def _head(headers: tuple[str, ...], right: tuple[int, ...]) -> str:
    """Header and alignment rows: the same few per language, built once."""
    aligns = ["---:" if i in right else "---" for i in range(len(headers))]
    return "| " + " | ".join(headers) + " |\n| " + " | ".join(aligns) + " |"


def bullets(items: Sequence[str]) -> str:
    return "\n".join([f"- {item}" for item in items])


def plain_row(cells: Sequence[str]) -> str:
    """One table row of plain-text cells, each escaped (``cell``)."""
    return table_row([cell(value) for value in cells])


def plain_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    right: Sequence[int] = (),
    strong: Collection[tuple[int, int]] = (),
) -> str:
    """A GFM table of plain-text cells (``render.report_rows``): each escaped, and the
    (row, column) cells in ``strong`` in bold. Headers are the report's own text."""
    out = []
    for r, cells in enumerate(rows):
        escaped = [cell(value) for value in cells]
        if strong:
            escaped = [f"**{v}**" if (r, i) in strong else v for i, v in enumerate(escaped)]
        out.append(table_row(escaped))
    return table_of_rows(headers, out, right)
