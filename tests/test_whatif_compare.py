"""What-if (``--set`` on score/report/explain, ``whatif``) and follow-up assessments
(``compare``) through the CLI, their outputs pinned in both languages under tests/golden/."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from modelo_servicio.cli.app import app

from .conftest import FIXTURES, PROFILES

GOLDEN = Path(__file__).resolve().parent / "golden"
KIOSKO = PROFILES / "kiosko-24h.yaml"
BEFORE = FIXTURES / "followup/kiosko-2026-01.yaml"
AFTER = FIXTURES / "followup/kiosko-2026-04.yaml"
ENV = {"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}
SETS = [
    "--set",
    "demand.contacts_per_month.phone=3000",
    "--set",
    "constraints.cost_per_fte_month=2100",
    "--set",
    "constraints.monthly_budget=15000",
]
SUFFIX = {"table": "txt", "markdown": "md", "json": "json", "html": "html"}


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env=ENV, color=False)
    return result.exit_code, result.stdout, result.stderr


def check_golden(folder: str, name: str, text: str) -> None:
    golden = GOLDEN / folder / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8"), f"{golden} differs; UPDATE_GOLDEN=1"


CASES = [(fmt, lang) for fmt in SUFFIX for lang in ("es", "en")]


@pytest.mark.parametrize(("fmt", "lang"), CASES)
def test_whatif_golden(fmt: str, lang: str) -> None:
    code, out, err = run("whatif", str(KIOSKO), *SETS, "--format", fmt, "--lang", lang)
    assert code == 0, err
    check_golden("whatif", f"kiosko-sets.{lang}.{SUFFIX[fmt]}", out)


@pytest.mark.parametrize(("fmt", "lang"), CASES)
def test_whatif_compare_models_golden(fmt: str, lang: str) -> None:
    args = ["whatif", str(KIOSKO), "--compare-models", "convenient,one-to-one"]
    code, out, err = run(*args, *SETS[2:], "--format", fmt, "--lang", lang)
    assert code == 0, err
    check_golden("whatif", f"kiosko-models.{lang}.{SUFFIX[fmt]}", out)


@pytest.mark.parametrize(("fmt", "lang"), CASES)
def test_compare_golden(fmt: str, lang: str) -> None:
    code, out, err = run("compare", str(BEFORE), str(AFTER), "--format", fmt, "--lang", lang)
    assert code == 0, err
    check_golden("compare", f"kiosko.{lang}.{SUFFIX[fmt]}", out)


SET_COMMANDS: dict[str, list[str]] = {
    "score-table": ["score", "--format", "table"],
    "score-json": ["score", "--format", "json"],
    "explain": ["explain"],
    "report": ["report", "--date", "2026-01-15"],
}
SET_SUFFIX = {"score-table": "txt", "score-json": "json", "explain": "txt", "report": "md"}
PLAIN_GOLDEN = {
    "score-table": "table",
    "score-json": "json",
    "explain": "explain",
}


@pytest.mark.parametrize("kind", list(SET_COMMANDS))
@pytest.mark.parametrize("lang", ["es", "en"])
def test_set_outputs_golden(kind: str, lang: str) -> None:
    """``--set`` on score, explain and report: the outputs of the changed profile, pinned,
    different from the file's own, and said to be a what-if on stderr."""
    code, out, err = run(*SET_COMMANDS[kind], str(KIOSKO), *SETS, "--lang", lang)
    assert code == 0, err
    assert "demand.contacts_per_month.phone=3000" in err
    check_golden("whatif", f"kiosko-set-{kind}.{lang}.{SET_SUFFIX[kind]}", out)
    if kind in PLAIN_GOLDEN:
        plain = (
            GOLDEN / "cli" / f"profile-kiosko-24h.{PLAIN_GOLDEN[kind]}.{lang}.{SET_SUFFIX[kind]}"
        )
        assert out != plain.read_text(encoding="utf-8")


def test_whatif_json_shows_the_change_and_both_sides() -> None:
    code, out, _ = run("whatif", str(KIOSKO), *SETS, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["changes"][0] == {
        "path": "demand.contacts_per_month.phone",
        "before": 150,
        "after": 3000,
    }
    assert data["before"]["monthly_budget"] is None and data["before"]["over_budget"] is None
    assert data["after"]["monthly_budget"] == 15000
    assert data["after"]["over_budget"] is (data["after"]["monthly_cost"] > 15000)
    assert data["after"]["fte_needed"] > data["before"]["fte_needed"]


def test_set_changes_score_without_touching_the_file(tmp_path: Path) -> None:
    copy = tmp_path / "k.yaml"
    copy.write_text(KIOSKO.read_text(encoding="utf-8"), encoding="utf-8")
    code, plain, _ = run("score", str(copy), "--format", "json")
    code2, changed, err = run(
        "score", str(copy), "--format", "json", "--set", "demand.contacts_per_month.phone=3000"
    )
    assert code == code2 == 0
    assert json.loads(plain)["ranking"] != json.loads(changed)["ranking"]
    assert "demand.contacts_per_month.phone=3000" in err
    assert copy.read_text(encoding="utf-8") == KIOSKO.read_text(encoding="utf-8")


def test_set_on_report_and_explain() -> None:
    code, out, err = run("report", str(KIOSKO), "--set", "constraints.budget=high", "--lang", "en")
    assert code == 0
    assert "constraints.budget=high" in err
    assert out.startswith("#")
    code, out, err = run("explain", str(KIOSKO), "--set", "constraints.budget=high")
    assert code == 0 and out


@pytest.mark.parametrize("command", ["score", "report", "explain", "whatif"])
def test_bad_set_is_refused_like_the_interview(command: str) -> None:
    code, _, err = run(command, str(KIOSKO), "--set", "constraints.budget=hig", "--lang", "en")
    assert code == 2
    assert "constraints.budget" in err and "high" in err
    code, _, err = run(command, str(KIOSKO), "--set", "no equals sign", "--lang", "en")
    assert code == 2
    assert "no equals sign" in err


def test_whatif_needs_a_change() -> None:
    code, _, err = run("whatif", str(KIOSKO), "--lang", "en")
    assert code == 2
    assert "--set" in err


@pytest.mark.parametrize("value", ["convenient", "convenient,convenient", "convenient,concierg"])
def test_compare_models_refuses_bad_lists(value: str) -> None:
    code, _, err = run("whatif", str(KIOSKO), "--compare-models", value, "--lang", "en")
    assert code == 2
    assert "--compare-models" in err


def test_compare_models_plans_the_other_model() -> None:
    args = ["whatif", str(KIOSKO), "--compare-models", "convenient,in-depth", "-f", "json"]
    code, out, _ = run(*args)
    assert code == 0
    first, second = json.loads(out)["models"]
    assert (first["model"], second["model"]) == ("convenient", "in-depth")
    assert first["fte_needed"] != second["fte_needed"]


def test_compare_reports_progress() -> None:
    code, out, _ = run("compare", str(BEFORE), str(AFTER), "--format", "json")
    assert code == 0
    data = json.loads(out)
    progress = data["progress"]
    assert progress["joined"] == ["Nerea"]
    assert progress["hires_made"] == 1
    assert progress["channels_opened"] == ["chat"]
    done = [(i["person"], i["skill"]) for i in progress["training"] if i["done"]]
    assert ("Luis", "empathy") in done and ("Rocío", "product") in done
    assert data["before"]["date"] == "2026-01-15"
    paths = [c["path"] for c in data["answers"]]
    assert "organization.service_level_now" in paths
    assert not any(p.startswith(("staff", "assessment")) for p in paths)
    satisfaction = next(k for k in data["kpis"] if k["id"] == "satisfaction")
    assert satisfaction["met"] is True


def test_compare_refuses_two_companies() -> None:
    code, _, err = run("compare", str(BEFORE), str(PROFILES / "nubefactura.yaml"), "--lang", "en")
    assert code == 2
    assert "different companies" in err
