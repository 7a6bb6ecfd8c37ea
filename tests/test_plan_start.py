"""``--start YYYY-MM-DD`` on score, report and interview: the plan's calendar starts that week
and steps over the closed weeks of ``rules/costs.yaml`` (Christmas and August); a date that
is not a real ``YYYY-MM-DD`` is a usage error (exit 2) naming the option."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from modelo_servicio.cli.app import app

from .conftest import PROFILES

BIKES = str(PROFILES / "taller-bicis.yaml")


@pytest.fixture(autouse=True)
def _no_lang_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MODELO_SERVICIO_LANG", raising=False)


def _phases(output: str) -> list[dict[str, object]]:
    phases: list[dict[str, object]] = json.loads(output)["plan"]["phases"]
    return phases


def test_score_dates_the_phases_from_start_and_skips_christmas(runner: CliRunner) -> None:
    result = runner.invoke(app, ["score", BIKES, "-f", "json", "--start", "2026-12-14"])
    assert result.exit_code == 0, result.output
    phases = _phases(result.stdout)
    # week 1 is that of 14 December; weeks 21 Dec, 28 Dec and 4 Jan are closed, so a phase
    # of weeks 1-2 ends on the Friday of the week of 11 January
    first = next(p for p in phases if p["start_week"] == 1 and p["end_week"] == 2)
    assert first["start_date"] == "2026-12-14"
    assert first["end_date"] == "2027-01-15"
    notes = json.loads(result.stdout)["plan"]["notes"]
    assert any("2026-12-14" in n and "Navidad" in n for n in notes)


def test_without_start_the_phases_carry_no_dates(runner: CliRunner) -> None:
    result = runner.invoke(app, ["score", BIKES, "-f", "json"])
    assert result.exit_code == 0, result.output
    assert all(p["start_date"] is None for p in _phases(result.stdout))


def test_a_start_in_spring_crosses_no_closed_week(runner: CliRunner) -> None:
    args = ["score", BIKES, "-f", "json", "--start", "2027-03-03", "--lang", "en"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    phases = _phases(result.stdout)
    # a Wednesday: week 1 is its week, starting on Monday 1 March
    assert min(str(p["start_date"]) for p in phases) == "2027-03-01"
    last = max(int(str(p["end_week"])) for p in phases)
    friday = datetime.date(2027, 3, 5) + datetime.timedelta(weeks=last - 1)
    assert max(str(p["end_date"]) for p in phases) == friday.isoformat()
    notes = json.loads(result.stdout)["plan"]["notes"]
    assert any("no closed week falls within the plan" in n for n in notes)


def test_report_dates_the_phases_table_and_the_timeline(runner: CliRunner) -> None:
    args = ["report", BIKES, "--date", "2026-11-30", "--start", "2026-12-14", "--lang", "en"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "(2026-12-14 → 2027-01-15)" in result.stdout
    assert "Timeline from 2026-12-14" in result.stdout
    assert "skips the closed weeks (Christmas)" in result.stdout


def test_interview_passes_start_to_the_report(runner: CliRunner, tmp_path: Path) -> None:
    out, report = tmp_path / "p.yaml", tmp_path / "r.md"
    args = ["interview", str(out), "--defaults", "--set", "company.name=Acme"]
    args += ["--report", str(report), "--date", "2027-07-01", "--start", "2027-07-19"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    text = report.read_text(encoding="utf-8")
    # the week of 19 July works; August's do not: the plan jumps to September
    assert "2027-07-19 →" in text
    assert "Agosto" in text and "2027-08-02 →" not in text


@pytest.mark.parametrize("command", ["score", "report", "interview"])
@pytest.mark.parametrize(
    ("lang", "expected"),
    [("es", "no es una fecha AAAA-MM-DD válida"), ("en", "is not a valid YYYY-MM-DD date")],
)
@pytest.mark.parametrize("value", ["2026-13-01", "14/12/2026", "2026-02-30", "mañana"])
def test_a_bad_start_is_a_usage_error(
    runner: CliRunner, tmp_path: Path, command: str, lang: str, expected: str, value: str
) -> None:
    target = str(tmp_path / "p.yaml") if command == "interview" else BIKES
    args = [command, target, "--start", value, "--lang", lang]
    if command == "interview":
        args += ["--defaults", "--set", "company.name=Acme"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert f"--start: '{value}' {expected}" in result.stderr
    assert "Traceback" not in result.output
    if command == "interview":
        assert not (tmp_path / "p.yaml").exists()


def test_a_consultancy_sets_its_own_closed_weeks(runner: CliRunner, tmp_path: Path) -> None:
    """``calendar.closed`` is data: a --rules file replaces the list (here Easter week only,
    no Christmas), and the calendar follows it."""
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "calendar.yaml").write_text(
        "kind: plan\ncalendar:\n  closed:\n"
        '    - {name: {es: Semana Santa, en: Easter}, start: "03-22", end: "03-26"}\n',
        encoding="utf-8",
    )
    args = ["score", BIKES, "-f", "json", "--start", "2026-12-14", "--rules", str(rules)]
    result = runner.invoke(app, [*args, "--lang", "en"])
    assert result.exit_code == 0, result.output
    first = next(p for p in _phases(result.stdout) if p["start_week"] == 1)
    assert first["end_date"] == f"2026-12-{18 + 7 * (int(str(first['end_week'])) - 1)}"
    easter = runner.invoke(app, [*args[:-4], "--start", "2027-03-15", "--rules", str(rules)])
    assert easter.exit_code == 0, easter.output
    notes = json.loads(easter.stdout)["plan"]["notes"]
    assert any("Semana Santa" in n for n in notes)
