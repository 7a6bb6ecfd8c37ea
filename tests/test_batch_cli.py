"""``modelo-servicio batch`` through the real application: exit codes and messages."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from modelo_servicio.cli.app import app

from .test_report_helpers import DATE, FIXTURES

FOLDER = FIXTURES / "folder"


def _batch(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["batch", *args, "--date", DATE])
    return result.exit_code, result.stdout, result.stderr


def test_folder_with_broken_files_exits_1_naming_each_with_its_reason(
    runner: CliRunner, tmp_path: Path
) -> None:
    code, _, err = _batch(runner, str(FOLDER), "--out-dir", str(tmp_path), "--lang", "en")
    assert code == 1
    expected = {
        "binary.yaml:2: binary data": 1,
        "empty.yaml: the file holds no profile": 1,
        "missing-name.yaml:1: company.name: this required field is missing": 1,
        "broken-syntax.yaml:4: ": 1,
        "multi.yml:6: customers.tiket: unknown field (did you mean 'ticket'?)": 1,
    }
    for fragment, count in expected.items():
        assert err.count(fragment) >= count, fragment
    assert "5 of 8 profiles failed" in err
    assert "Traceback" not in err
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == [
        "index.md",
        "papeleria-sol-2.md",
        "papeleria-sol.md",
        "summary.csv",
        "summary.json",
        "summary.xlsx",
        "taller-rueda.md",
    ]


def test_all_good_exits_0_with_plain_progress_lines(runner: CliRunner, tmp_path: Path) -> None:
    code, out, err = _batch(
        runner,
        str(FIXTURES / "boutique.yaml"),
        str(FIXTURES / "hybrid.yaml"),
        "--out-dir",
        str(tmp_path),
        "--jobs",
        "2",
        "--lang",
        "es",
    )
    assert code == 0, err
    assert "[1/2] " in err and "[2/2] " in err and "-> joyeria-ebano.md" in err
    assert "2 informes escritos" in out
    assert (tmp_path / "index.md").is_file()


def test_missing_path_alone_is_a_failed_input(runner: CliRunner, tmp_path: Path) -> None:
    code, _, err = _batch(runner, "nope.yaml", "--out-dir", str(tmp_path), "--lang", "en")
    assert code == 1
    assert "nope.yaml: no file or folder by that name" in err


def test_usage_errors_exit_2(runner: CliRunner, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, err = _batch(runner, str(empty), "--out-dir", str(tmp_path / "o"), "--lang", "en")
    assert code == 2 and "No YAML profile found" in err
    result = runner.invoke(app, ["batch", str(FOLDER), "--date", "2024-13-01", "--lang", "en"])
    assert result.exit_code == 2 and "--date" in result.stderr
    result = runner.invoke(app, ["batch", str(FOLDER), "--jobs", "0"])
    assert result.exit_code == 2
    bad_rules = tmp_path / "rules"
    bad_rules.mkdir()
    (bad_rules / "x.yaml").write_text("kind: nonsense\n", encoding="utf-8")
    code, _, err = _batch(
        runner, str(FOLDER), "--rules", str(bad_rules), "--out-dir", str(tmp_path / "o")
    )
    assert code == 2 and "x.yaml:1" in err
    assert not (tmp_path / "o").exists()


def test_progress_bar_path_reports_failures_above_the_bar(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from modelo_servicio.app.batch import Options
    from modelo_servicio.cli.batch import _with_bar

    summary = _with_bar([str(FOLDER)], tmp_path, Options(lang="en", date=DATE), 1)
    assert (summary.reports, summary.failures) == (3, 5)
    err = capsys.readouterr().err
    assert "ERROR" in err and "multi.yml:6" in err
    assert "6/6" in err


def test_unwritable_output_folder_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    target = blocker / "reports"
    code, _, err = _batch(
        runner, str(FIXTURES / "boutique.yaml"), "-o", str(target), "--lang", "en"
    )
    assert code == 2
    assert "cannot write" in err and "Traceback" not in err
