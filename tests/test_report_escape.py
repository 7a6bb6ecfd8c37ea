"""Escaping: any text placed in a paragraph, list item, heading or table cell comes back from
a CommonMark/GFM parser as exactly that text (on one line), never as markup or HTML."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from modelo_servicio.render.md_escape import (
    cell,
    code,
    fenced,
    mermaid_label,
    one_line,
    table,
    text,
)

from .test_report_helpers import html, inline_text, parse

HOSTILE = [
    "A | B <script>alert(1)</script>",
    "`code` and ``more``",
    "**bold** *em* _em_ __strong__ ~~gone~~",
    "[link](http://evil.example) ![img](x.png) [ref][1]",
    "# heading",
    "1. numbered",
    "2) numbered",
    "- item",
    "+ item",
    "> quote",
    "---",
    "===",
    "line one\nline two\r\n\tthird",
    "&amp; &lt;b&gt; &#60;",
    "trailing backslash \\",
    "<https://autolink.example>",
    "    indented code",
    "~~~ fence",
    "``` fence",
    "$x^2$ math",
    "a@b.example www.example.com https://example.com",
    "[^1] footnote",
    "| --- |",
    "\u202eRTL override\u200b zero width",
    "Ñandú Æble 東京 🚀",
]

MARKDOWN_HEAVY = st.text(
    alphabet=st.sampled_from(list("|<>`*_[]#!~$&@\\{}()-+=.:;/'\" \n\t\r1aZñ")),
    max_size=40,
)
ANY_TEXT = st.text(max_size=40)


def _contexts(escaped: str) -> dict[str, str]:
    return {
        "paragraph": f"{escaped}\n",
        "list": f"- {escaped}\n",
        "heading": f"## {escaped}\n",
        "after words": f"Value: {escaped}\n",
    }


def _check(value: str) -> None:
    expected = one_line(value)
    if not expected:
        return
    for where, markdown in _contexts(text(value)).items():
        tokens = parse(markdown)
        index = next(i for i, t in enumerate(tokens) if t.type == "inline")
        got = inline_text(tokens, index)
        if where == "after words":
            got = got.removeprefix("Value: ")
        assert got == expected, (where, markdown)
        opening = [t.type for t in tokens if t.type.endswith("_open")]
        assert opening in (
            ["paragraph_open"],
            ["bullet_list_open", "list_item_open", "paragraph_open"],
            ["heading_open"],
        ), (where, opening)
    _check_cell(value, expected)


def _check_cell(value: str, expected: str) -> None:
    markdown = table(["a", "b", "c"], [["x", cell(value), "y"]]) + "\n"
    tokens = parse(markdown)
    cells = [i + 1 for i, t in enumerate(tokens) if t.type == "td_open"]
    assert len(cells) == 3, markdown
    assert inline_text(tokens, cells[1]) == expected
    assert inline_text(tokens, cells[2]) == "y"


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_strings_render_literally(value: str) -> None:
    _check(value)
    rendered = html(f"{text(value)}\n\n" + table(["h"], [[cell(value)]]) + "\n")
    for tag in ("<script", "<a ", "<img", "<em>", "<strong>", "<code>", "<h1", "<ol", "<b>"):
        assert tag not in rendered


@settings(max_examples=300, deadline=None)
@given(MARKDOWN_HEAVY)
def test_any_markdown_heavy_text_renders_literally(value: str) -> None:
    _check(value)


@settings(max_examples=150, deadline=None)
@given(ANY_TEXT)
def test_any_unicode_text_renders_literally(value: str) -> None:
    _check(value)


_SPECIAL = re.compile(r"([\\`*_\[\]<>|#!~$&@{}])")
_URL = re.compile(r"(?i)(:)(?=//)|(?<=www)(\.)")
_BLOCK_START = re.compile(r"^(?:[-+](?=[\s\-+*]|$)|=)")
_ORDERED_START = re.compile(r"^(\d+)([.)])(?=\s|$)")


def _rules(value: str) -> str:
    """The escaping rules, one regular expression each, applied in turn: ``text`` runs only
    those that can apply, and must give the same."""
    line = _SPECIAL.sub(r"\\\1", one_line(value))
    line = _URL.sub(lambda m: "\\" + (m.group(1) or m.group(2)), line)
    line = _BLOCK_START.sub(lambda m: "\\" + m.group(0), line)
    return _ORDERED_START.sub(r"\1\\\2", line)


URLISH = st.lists(st.sampled_from([*"wW.:/-+=1)9 ٣x*", "www.", "://"]), max_size=30).map("".join)


@settings(max_examples=500, deadline=None)
@given(st.one_of(URLISH, MARKDOWN_HEAVY, ANY_TEXT))
def test_escape_applies_every_rule(value: str) -> None:
    assert text(value) == _rules(value)


def test_escape_leaves_plain_text_readable() -> None:
    assert text("Joyería Alba") == "Joyería Alba"
    assert text("0.45") == "0.45"
    assert text("-5 grados") == "-5 grados"
    assert text("A | B") == "A \\| B"
    assert text("urls: https://x.es www.y.es") == "urls: https\\://x.es www\\.y.es"


def test_one_line_drops_controls_and_collapses_space() -> None:
    assert one_line("  a \n\n b\t\x00c\u2028d ") == "a b c d"
    assert one_line(None) == ""
    assert one_line(3) == "3"


def test_code_span_survives_backticks_and_pipes() -> None:
    markdown = table(["a"], [[code("x|`y`")]]) + "\n"
    tokens = parse(markdown)
    cell_inline = next(t for t in tokens if t.type == "inline" and t.children and t.map)
    assert cell_inline is not None
    rendered = html(markdown)
    assert "<code>x|`y`</code>" in rendered


def test_fence_cannot_be_closed_from_inside() -> None:
    block = fenced("text", ["```", "````x"])
    tokens = parse(block + "\n")
    fences = [t for t in tokens if t.type == "fence"]
    assert len(fences) == 1
    assert fences[0].content == "```\n````x\n"


def test_mermaid_labels_lose_grammar_characters() -> None:
    assert mermaid_label("Fase: 1; #x <b>") == "Fase 1 x b"
    assert mermaid_label("") == "-"
