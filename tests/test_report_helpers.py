"""Helpers shared by the report and batch tests (no tests here): fixture paths and a
CommonMark/GFM parse that checks the structure of a generated document (markdown-it-py,
already installed with rich)."""

from __future__ import annotations

import itertools
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

FIXTURES = Path(__file__).parent / "fixtures" / "batch"
GOLDEN = Path(__file__).parent / "golden"
DATE = "2024-05-06"

_MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def parse(markdown: str) -> list[Token]:
    return _MD.parse(markdown)


def html(markdown: str) -> str:
    return str(_MD.render(markdown))


def structure_problems(markdown: str) -> list[str]:
    """What a careful reviewer (and markdownlint's default rules) would object to."""
    problems: list[str] = []
    tokens = parse(markdown)
    levels = [int(t.tag[1]) for t in tokens if t.type == "heading_open"]
    if not levels or levels[0] != 1 or levels.count(1) != 1:
        problems.append(f"expected exactly one h1, first: {levels[:1]}")
    for before, after in itertools.pairwise(levels):
        if after > before + 1:
            problems.append(f"heading level jumps from h{before} to h{after}")
    for token in tokens:
        if token.type in ("html_block", "html_inline"):
            problems.append(f"raw HTML: {token.content!r}")
        if token.type == "fence" and not token.info.strip():
            problems.append("fenced code block without a language")
        for child in token.children or []:
            if child.type == "html_inline":
                problems.append(f"raw HTML: {child.content!r}")
    problems.extend(_table_problems(tokens))
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    duplicates = {h for h in headings if headings.count(h) > 1}
    if duplicates:
        problems.append(f"duplicate headings: {sorted(duplicates)}")
    lines = markdown.split("\n")
    if not markdown.endswith("\n") or markdown.endswith("\n\n"):
        problems.append("file must end with exactly one newline")
    for number, line in enumerate(lines, 1):
        if line != line.rstrip():
            problems.append(f"line {number}: trailing whitespace")
        if "\t" in line:
            problems.append(f"line {number}: hard tab")
    if "\n\n\n" in markdown:
        problems.append("several blank lines in a row")
    return problems


def _table_problems(tokens: list[Token]) -> list[str]:
    problems: list[str] = []
    width: int | None = None
    cells = 0
    for token in tokens:
        if token.type == "table_open":
            width = None
        elif token.type == "tr_open":
            cells = 0
        elif token.type in ("th_open", "td_open"):
            cells += 1
        elif token.type == "tr_close":
            if width is None:
                width = cells
            elif cells != width:
                problems.append(f"table row with {cells} cells, header has {width}")
    return problems


def inline_text(tokens: list[Token], index: int) -> str:
    """The plain text of the inline token at ``index``, refusing any markup inside it."""
    inline = tokens[index]
    assert inline.type == "inline", inline.type
    kinds = {child.type for child in inline.children or []}
    assert kinds <= {"text", "softbreak"}, kinds
    return "".join(child.content for child in inline.children or [])
