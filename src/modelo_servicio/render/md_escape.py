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
from collections.abc import Sequence
from functools import lru_cache

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#!~$&@{}])")
_SPACE = re.compile(r"\s+")
_BLOCK_START = re.compile(r"^(?:[-+](?=[\s\-+*]|$)|=)")
_ORDERED_START = re.compile(r"^(\d+)([.)])(?=\s|$)")
_URL = re.compile(r"(?i)(:)(?=//)|(?<=www)(\.)")
_BACKTICKS = re.compile(r"`+")
_MERMAID_BAD = re.compile(r"[:;#<>{}\[\]\"`%]")


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
    return _escape(value if isinstance(value, str) else one_line(value))


@lru_cache(maxsize=8192)
def _escape(value: str) -> str:
    line = one_line(value)
    line = _SPECIAL.sub(r"\\\1", line)
    line = _URL.sub(lambda m: "\\" + (m.group(1) or m.group(2)), line)
    line = _BLOCK_START.sub(lambda m: "\\" + m.group(0), line)
    return _ORDERED_START.sub(r"\1\\\2", line)


def cell(value: object) -> str:
    """A table cell: escaped text, never empty (an empty cell reads as a missing answer)."""
    escaped = text(value)
    return escaped or "—"


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
        (len(run) for line in body for run in _BACKTICKS.findall(line)),
        default=0,
    )
    fence = "`" * max(3, longest + 1)
    return "\n".join([f"{fence}{info}", *body, fence])


def mermaid_label(value: object) -> str:
    """A label mermaid prints as is: no statement separators, comments, markup or quotes."""
    return _SPACE.sub(" ", _MERMAID_BAD.sub(" ", one_line(value))).strip() or "-"


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[int] = ()) -> str:
    """A GFM table; cells must already be escaped (``cell``) or be the report's own markup."""
    aligns = ["---:" if i in right else "---" for i in range(len(headers))]
    lines = [_row(headers), _row(aligns)]
    lines.extend(_row([c or "—" for c in row]) for row in rows)
    return "\n".join(lines)


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def bullets(items: Sequence[str]) -> str:
    return "\n".join(f"- {item}" for item in items)
