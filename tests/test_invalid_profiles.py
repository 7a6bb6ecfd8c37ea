"""Every bad profile gives exit 2 and exactly the message paired with it; never a traceback."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from modelo_servicio.cli.app import app

from .conftest import packaged_advisor

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


@pytest.mark.parametrize("name", ["wrong-types", "misspelled-key", "out-of-range", "blank-name"])
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

    from modelo_servicio.domain.output import write_atomic

    def atomic_write(path: Path, text: str) -> None:
        write_atomic(path, text, "es")

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


BOUND = {
    "es": re.compile(
        r"debe ser (mayor|menor)( o igual)? que (-?\d{1,3}(?:\.\d{3})*(?:,\d*[1-9])?)"
    ),
    "en": re.compile(
        r"must be (greater|less) than( or equal to)? (-?\d{1,3}(?:,\d{3})*(?:\.\d*[1-9])?)"
    ),
}


def constrained() -> dict[str, tuple[float | None, float | None]]:
    """Every numeric field of the profile with a bound (staff fields as ``staff.0.*``)."""
    from modelo_servicio.domain.fields import profile_fields
    from modelo_servicio.interview.kb import staff_fields

    catalogue = packaged_advisor().catalogue
    staff = staff_fields(catalogue)
    fields = {**profile_fields(catalogue), **{f"staff.0.{k[6:]}": v for k, v in staff.items()}}
    return {
        path: (kind.lo, kind.hi)
        for path, kind in fields.items()
        if kind.numeric and (kind.lo is not None or kind.hi is not None)
    }


def beyond(side: str) -> tuple[dict[str, Any], dict[str, float]]:
    """A profile with every bounded field past its ``side`` bound, and each field's bound."""
    data: dict[str, Any] = {"company": {"name": "Acme"}, "staff": [{"name": "Ana"}]}
    bounds: dict[str, float] = {}
    for path, (lo, hi) in constrained().items():
        bound = hi if side == "above" else lo
        if bound is None:
            continue
        node: Any = data
        *parents, last = path.split(".")
        for part in parents:
            node = node[int(part)] if part.isdigit() else node.setdefault(part, {})
        node[last] = bound + 1 if side == "above" else bound - 1
        bounds[path] = bound
    return data, bounds


@pytest.mark.parametrize("side", ["above", "below"])
@pytest.mark.parametrize("lang", ["es", "en"])
def test_every_bounded_number_names_its_bound_as_the_reader_writes_it(
    side: str, lang: str, runner: CliRunner, tmp_path: Path
) -> None:
    """Whole bounds without ``.0``, thousands grouped, decimal comma in Spanish: the number
    read back from each message is the field's bound."""
    import yaml

    data, bounds = beyond(side)
    assert {"customers.faq_share", "staff.0.hours_per_week", "staff.0.skills.empathy"} <= set(
        bounds
    )
    profile = tmp_path / "p.yaml"
    profile.write_text(yaml.safe_dump(data), "utf-8")
    result = runner.invoke(app, ["score", str(profile), "--lang", lang])
    assert result.exit_code == 2
    found: dict[str, str] = {}
    for line in result.stderr.splitlines()[1:]:
        _, path, message = line.split(": ", 2)
        found[path] = message
    assert sorted(found) == sorted(bounds)
    for path, message in found.items():
        match = BOUND[lang].fullmatch(message)
        assert match, (path, message)
        written = match.group(3)
        plain = written.replace(".", "").replace(",", ".") if lang == "es" else written
        assert float(plain.replace(",", "")) == bounds[path], (path, message)
        assert (side == "above") == (match.group(1) in ("menor", "less")), (path, message)


@pytest.mark.parametrize(
    ("value", "es", "en"),
    [
        (1.0, "1", "1"),
        (0, "0", "0"),
        (-0.0, "0", "0"),
        (0.5, "0,5", "0.5"),
        (4.5, "4,5", "4.5"),
        (0.05, "0,05", "0.05"),
        (3600, "3.600", "3,600"),
        (10_000_000, "10.000.000", "10,000,000"),
        (1234.25, "1.234,25", "1,234.25"),
        (-2.0, "-2", "-2"),
    ],
)
def test_bounds_are_written_for_the_reader(value: float, es: str, en: str) -> None:
    from modelo_servicio.domain.validation import number

    assert (number(value)("es"), number(value)("en")) == (es, en)
