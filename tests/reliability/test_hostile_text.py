"""Text from inputs never reaches a terminal with control characters intact; any encoding."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from modelo_servicio.domain.text import json_text, name_key, visible
from tests.reliability.conftest import GOOD, cli

EVIL = "Acme \x1b]52;c;aGk=\x07 \x1b[2J \u202eabc \x9b \u200b"


def _evil_profile(tmp_path: Path) -> Path:
    text = GOOD.read_text(encoding="utf-8").replace(
        "name: Ciclos Norte", "name: " + json.dumps(EVIL)
    )
    path = tmp_path / "evil.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _clean(text: str) -> bool:
    return not any(ch in text for ch in "\x1b\x07\x9b\u202e\u200b")


@pytest.mark.parametrize(
    "args",
    [["score"], ["explain"], ["score", "-f", "json"], ["explain", "-f", "json"], ["report"]],
)
def test_a_hostile_company_name_reaches_no_terminal(tmp_path: Path, args: list[str]) -> None:
    run = cli(args[0], _evil_profile(tmp_path), *args[1:])
    assert run.code == 0, run.err
    assert _clean(run.out) and _clean(run.err)
    if "json" in args:
        assert "Acme" in json.dumps(json.loads(run.out), ensure_ascii=False)


def test_unknown_keys_and_rule_kinds_are_shown_escaped(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text('company: {name: x}\n"\\e[2Jclear\\u202e": 1\n', encoding="utf-8")
    run = cli("score", bad)
    assert run.code == 2 and _clean(run.err) and "\\x1b[2Jclear\\u202e" in run.err
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "x.yaml").write_text('kind: "\\e]52;c;aGk=\\a"\n', encoding="utf-8")
    run = cli("rules", "check", "--rules", rules)
    assert run.code == 2 and _clean(run.err) and "\\x1b]52" in run.err


@pytest.mark.parametrize(
    "args",
    [
        ["score", GOOD],
        ["score", GOOD, "-f", "json"],
        ["explain", GOOD],
        ["explain", GOOD, "-f", "json"],
        ["staffing", "--contacts", "100"],
        ["staffing", "--contacts", "100", "--format", "json"],
        ["models"],
        ["models", "-f", "json"],
    ],
)
def test_any_output_encoding_works(args: list[str | Path]) -> None:
    run = cli(*args, env={"PYTHONIOENCODING": "cp1252"})
    assert run.code == 0, run.err
    if "json" in args:
        json.loads(run.out)  # valid JSON: non-ASCII as \u escapes, nothing replaced
        assert run.out.isascii()


@given(st.text())
def test_visible_leaves_no_control_or_bidi_character(text: str) -> None:
    shown = visible(text)
    assert all(ch in "\n\t" or ch.isprintable() or ch == " " for ch in shown if ord(ch) < 0xA0)
    assert not any(ch in shown for ch in "\x1b\x9b\u202a\u202b\u202c\u202d\u202e\u2066\ufeff")
    assert json.loads(json_text(json.dumps(text, ensure_ascii=False), ascii_only=True)) == text


def test_ordinary_text_is_unchanged() -> None:
    plain = "Joyería Alba · 85 % — 2.650,50 €\n\tok"
    assert visible(plain) == plain
    assert json_text(json.dumps(plain, ensure_ascii=False)) == json.dumps(plain, ensure_ascii=False)


def test_names_compare_as_people_read_them() -> None:
    assert name_key("Jose\u0301") == name_key("Jos\u00e9") == name_key("JOS\u00c9\u200b")
    assert name_key("Ana") != name_key("Anna")
