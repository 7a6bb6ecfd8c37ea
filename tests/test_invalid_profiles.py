"""Every bad profile gives exit 2 and exactly the message paired with it; never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from modelo_servicio.cli.app import app

INVALID = Path(__file__).resolve().parent / "fixtures" / "invalid"
CASES = sorted(p.stem for p in INVALID.glob("*.yaml"))


def run(runner: CliRunner, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str, str]:
    monkeypatch.chdir(INVALID)
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_every_fixture_has_its_message() -> None:
    assert CASES
    for name in CASES:
        assert (INVALID / f"{name}.expected").exists(), name


@pytest.mark.parametrize("name", CASES)
def test_invalid_profile_message(
    name: str, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = run(runner, monkeypatch, "score", f"{name}.yaml", "--lang", "es")
    assert code == 2
    assert out == ""
    assert err == (INVALID / f"{name}.expected").read_text("utf-8")
    assert "Traceback" not in err


@pytest.mark.parametrize("name", ["wrong-types", "misspelled-key"])
def test_messages_in_english(name: str, runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, err = run(runner, monkeypatch, "score", f"{name}.yaml", "--lang", "en")
    assert code == 2
    assert err == (INVALID / f"{name}.en.expected").read_text("utf-8")


@pytest.mark.parametrize("command", ["score", "explain", "report"])
def test_missing_file(command: str, runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    args = [command, "no-such-file.yaml"] + (["-o", "x.md"] if command == "report" else [])
    code, _, err = run(runner, monkeypatch, *args)
    assert code == 2
    assert "no-such-file.yaml" in err


def test_very_large_file(tmp_path: Path, runner: CliRunner) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("company: {name: Big}\n" + "# padding\n" * 400_000, "utf-8")
    result = runner.invoke(app, ["score", str(big), "--lang", "en"])
    assert result.exit_code == 2
    assert "too large" in result.stderr


def test_deep_nesting_is_bounded(tmp_path: Path, runner: CliRunner) -> None:
    deep = tmp_path / "deep.yaml"
    deep.write_text("company: {name: X}\nextra: " + "[" * 5000 + "]" * 5000 + "\n", "utf-8")
    result = runner.invoke(app, ["score", str(deep)])
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr


def test_a_folder_is_not_a_profile(tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["score", str(tmp_path), "--lang", "en"])
    assert result.exit_code == 2
    assert "folder" in result.stderr


def test_python_tag_is_never_executed(tmp_path: Path, runner: CliRunner) -> None:
    marker = tmp_path / "pwned"
    evil = tmp_path / "evil.yaml"
    evil.write_text(
        f'company:\n  name: !!python/object/apply:os.system ["touch {marker}"]\n', "utf-8"
    )
    result = runner.invoke(app, ["score", str(evil)])
    assert result.exit_code == 2
    assert not marker.exists()


def test_atomic_write_gives_normal_permissions(tmp_path: Path) -> None:
    import os

    from modelo_servicio.yamlio import atomic_write

    target = tmp_path / "report.md"
    old = os.umask(0o022)
    try:
        atomic_write(target, "hola\n")
    finally:
        os.umask(old)
    assert target.read_text("utf-8") == "hola\n"
    assert target.stat().st_mode & 0o777 == 0o644
    target.chmod(0o600)
    atomic_write(target, "adiós\n")
    assert target.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]
