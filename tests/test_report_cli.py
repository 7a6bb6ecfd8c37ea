"""``modelo-servicio report`` and ``score --format markdown`` through the real application."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from modelo_servicio.cli.app import app

from .test_report_helpers import DATE, FIXTURES, GOLDEN

BOUTIQUE = str(FIXTURES / "boutique.yaml")


def test_report_to_file_matches_the_golden_file(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "deep" / "informe.md"
    args = ["report", BOUTIQUE, "-o", str(target), "--date", DATE, "--lang", "en"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    assert "Report written to" in result.stderr
    expected = (GOLDEN / "report-boutique-en.md").read_text(encoding="utf-8")
    assert target.read_text(encoding="utf-8") == expected
    assert [p.name for p in target.parent.iterdir()] == ["informe.md"]


def test_report_to_stdout(runner: CliRunner) -> None:
    result = runner.invoke(app, ["report", BOUTIQUE, "--date", DATE, "--lang", "es"])
    assert result.exit_code == 0
    assert result.stdout == (GOLDEN / "report-boutique-es.md").read_text(encoding="utf-8")


def test_score_format_markdown(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["score", BOUTIQUE, "-f", "markdown", "--date", DATE, "--lang", "es"]
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("# Joyería Ébano — informe de recomendación\n")
    assert "## Resumen ejecutivo" in result.stdout


def test_report_errors_exit_2_without_traceback(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("company: {name: X}\ncustomers: {tiket: high}\n", encoding="utf-8")
    for args in (
        ["report", str(bad), "--lang", "en"],
        ["report", str(tmp_path / "missing.yaml")],
        ["report", BOUTIQUE, "--date", "06/05/2024"],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 2, args
        assert "Traceback" not in result.stderr
    result = runner.invoke(app, ["report", str(bad), "--lang", "en"])
    assert "bad.yaml:2: customers.tiket: unknown field" in result.stderr


def test_an_unknown_suffix_is_refused_rather_than_written_as_markdown(
    runner: CliRunner, tmp_path: Path
) -> None:
    """``-o informe.docx`` used to get markdown under a Word name, found out by the client."""
    out = tmp_path / "informe.docx"
    result = runner.invoke(app, ["report", BOUTIQUE, "-o", str(out), "--lang", "es"])
    assert result.exit_code == 2, result.output
    assert result.stderr.strip() == (
        f"{out}: el informe no se escribe en formato .docx; use .md, .html o .pdf, o indique --format"
    )
    assert not out.exists()
    result = runner.invoke(app, ["report", BOUTIQUE, "-o", str(out), "-f", "html"])
    assert result.exit_code == 0, result.output
    assert out.read_text("utf-8").startswith("<!DOCTYPE html>")
    for name in ("informe", "informe.txt"):
        result = runner.invoke(app, ["report", BOUTIQUE, "-o", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
        assert (tmp_path / name).read_text("utf-8").startswith("# ")
