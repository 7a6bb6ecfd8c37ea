"""Every output of every example profile, pinned byte for byte: JSON, the fixed-width table,
``explain`` and the markdown report, in both languages.

These files were recorded before the Advisor refactor so that moving the house around could
not change a single answer. Regenerate after a deliberate change of rules, plan or wording with
``UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_golden_outputs.py`` and read the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from modelo_servicio.cli.app import app

from .conftest import PROFILES

FIXTURES = Path(__file__).resolve().parent / "fixtures/batch"
GOLDEN = Path(__file__).resolve().parent / "golden/cli"
SOURCES = sorted(PROFILES.glob("*.yaml")) + sorted(FIXTURES.glob("*.yaml"))
COMMANDS: dict[str, list[str]] = {
    "json": ["score", "--format", "json"],
    "table": ["score", "--format", "table"],
    "explain": ["explain"],
    "markdown": ["score", "--format", "markdown", "--date", "2026-01-15"],
}
SUFFIX = {"json": "json", "table": "txt", "explain": "txt", "markdown": "md"}
CASES = [(source, kind, lang) for source in SOURCES for kind in COMMANDS for lang in ("es", "en")]
# --start: the calendar of one plan that runs over Christmas (its closed weeks skipped)
START = ["--start", "2026-12-14"]
COMMANDS["start-markdown"] = [*COMMANDS["markdown"], *START]
COMMANDS["start-json"] = [*COMMANDS["json"], *START]
SUFFIX.update({"start-markdown": "md", "start-json": "json"})
DATED = PROFILES / "taller-bicis.yaml"
CASES += [(DATED, kind, lang) for kind in ("start-markdown", "start-json") for lang in ("es", "en")]


def _name(source: Path, kind: str, lang: str) -> str:
    folder = "fixture" if source.parent == FIXTURES else "profile"
    return f"{folder}-{source.stem}.{kind}.{lang}.{SUFFIX[kind]}"


@pytest.mark.parametrize(
    ("source", "kind", "lang"), CASES, ids=[_name(s, k, lang) for s, k, lang in CASES]
)
def test_output_is_unchanged(source: Path, kind: str, lang: str) -> None:
    runner = CliRunner()
    args = [*COMMANDS[kind], str(source), "--lang", lang]
    result = runner.invoke(
        app, args, env={"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}, color=False
    )
    assert result.exit_code == 0, result.output
    golden = GOLDEN / _name(source, kind, lang)
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == golden.read_text(encoding="utf-8"), (
        f"{golden.name} differs; UPDATE_GOLDEN=1 regenerates it"
    )


def test_every_case_has_a_golden_file() -> None:
    expected = {_name(s, k, lang) for s, k, lang in CASES}
    assert expected == {p.name for p in GOLDEN.iterdir()}
