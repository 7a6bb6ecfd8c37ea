"""Safe YAML reading: a text without aliases or tags is checked while it is built, any other
text (or any doubt) the thorough way; both ways must give the same data and the same errors."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from modelo_servicio.domain import yamlio
from modelo_servicio.domain.errors import InputError


def outcome(text: str) -> tuple[Any, ...]:
    try:
        docs = list(yamlio.iter_documents(text, "p.yaml"))
    except InputError as exc:
        return ("error", exc.render("es"))
    except Exception as exc:
        return ("crash", type(exc).__name__, str(exc))
    return ("ok", [(repr(d.data), d.index, d.line_of(())) for d in docs])


def thorough(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, ...]:
    with monkeypatch.context() as patch:
        patch.setattr(yamlio, "_plain", lambda _text: False)
        return outcome(text)


def duplicate(line: int, field: str, first: int) -> tuple[str, str]:
    return (
        "error",
        f"p.yaml:{line}: la clave '{field}' aparece dos veces (la primera en la línea {first})",
    )


def test_plain_text_takes_the_quick_way() -> None:
    assert yamlio._plain("a: 1\nb: [x, y]\n")
    assert not yamlio._plain("a: &x 1\nb: *x\n")
    assert not yamlio._plain("a: !!str 1\n")
    assert yamlio._plain("a: [" + "1," * yamlio.MAX_NODES + "]\n")  # no alias: nothing expands


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1\na: 2\n", duplicate(2, "a", 1)),
        ("a: {b: 1}\nc:\n  d: 1\n  d: 2\n", duplicate(4, "d", 3)),
        ("a: 1\n---\nb: 2\nb: 3\n", duplicate(4, "b", 3)),
        ("1: x\n'1': y\n", duplicate(2, "1", 1)),
        ("c:\n  <<: {a: 1, a: 2}\n  b: 1\n", duplicate(2, "a", 2)),
        ("!!str {=: x, a: {k: 1, k: 2}}\n", duplicate(1, "k", 1)),
    ],
)
def test_duplicate_keys_either_way(
    text: str, expected: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert outcome(text) == expected
    assert thorough(text, monkeypatch) == expected


def test_of_several_duplicates_the_same_one_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "a: {b: 1, b: 2}\nc:\n  d: 1\n  d: 2\ne: {f: 1, f: 2}\n"
    assert outcome(text)[0] == "error"
    assert outcome(text) == thorough(text, monkeypatch)


@pytest.mark.parametrize("quick", [False, True])
def test_a_big_plain_tree_loads_whichever_way_it_is_read(
    quick: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if quick:  # a big text goes the thorough way; the quick one hands it over
        monkeypatch.setattr(yamlio, "_plain", lambda _text: True)
    big = "a: [" + ",".join(["1"] * (yamlio.MAX_NODES + 10)) + "]\n"
    assert outcome(big)[0] == "ok"


def test_the_node_limit_counts_what_aliases_add() -> None:
    limit = yamlio.MAX_NODES
    base = "x: &x [" + ",".join(["1"] * 999) + "]\n"  # 1,000 nodes written once
    fits = base + "y: [" + ", ".join(["*x"] * (limit // 1000 - 1)) + "]\n"
    assert outcome(fits)[0] == "ok"
    bomb = base + "y: [" + ", ".join(["*x"] * (limit // 1000 + 2)) + "]\n"
    assert outcome(bomb) == (
        "error",
        f"p.yaml:2: el documento se expande a más de {limit} valores "
        "(¿anclas y alias usados como bomba?)",
    )


def test_merge_keys_still_merge() -> None:
    inline = "c:\n  <<: {a: 1, b: 1}\n  b: 2\n"
    assert yamlio.parse(inline, "p.yaml")[0].data == {"c": {"a": 1, "b": 2}}
    aliased = "base: &b {a: 1}\nc:\n  <<: *b\n  b: 2\n"
    assert yamlio.parse(aliased, "p.yaml")[0].data["c"] == {"a": 1, "b": 2}


def test_documents_before_an_error_are_read() -> None:
    docs = yamlio.iter_documents("a: 1\n---\nb: 1\nb: 2\n", "p.yaml")
    assert next(docs).data == {"a": 1}
    with pytest.raises(InputError) as caught:
        next(docs)
    assert "'b' aparece dos veces" in caught.value.render("es")


ATOMS = ["a", "b", "1", "'1'", "-0.0", "=", "<<", "~", "[", "]", "{", "}", ", ", ": ", "\n",
         "\n  ", "- ", "? ", "---\n", "2024-01-01", "\t", "#c", '"q"', "|\n  x"]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(ATOMS), max_size=30).map("".join))
def test_the_quick_way_reads_like_the_thorough_way(text: str) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert outcome(text) == thorough(text, monkeypatch)


def test_a_float_like_grouped_thousands_stays_text_and_is_saved_unambiguously() -> None:
    """``2.650`` is 2650 to a Spanish writer and 2.65 to YAML: it stays the text (validation
    asks which); a float the tool saves in that shape gets one more zero so it reads back."""
    data = yamlio.parse("a: 2.650\nb: 0.125\nc: 2.65\n", "x")[0].data
    assert data == {"a": "2.650", "b": 0.125, "c": 2.65}
    saved = yamlio.dump({"hours": 6.125, "ratio": 0.125})
    assert saved == "hours: 6.1250\nratio: 0.125\n"
    assert yamlio.parse(saved, "x")[0].data == {"hours": 6.125, "ratio": 0.125}
