"""The ``staffing`` command end to end, through the real application object."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from modelo_servicio.cli.app import app

runner = CliRunner()

PUBLISHED = [
    "staffing",
    "--contacts",
    "100",
    "--interval-minutes",
    "30",
    "--aht-seconds",
    "180",
    "--service-level",
    "0.8",
    "--answer-seconds",
    "20",
    "--max-occupancy",
    "0.85",
    "--shrinkage",
    "0.3",
]


@pytest.fixture(autouse=True)
def _no_lang_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MODELO_SERVICIO_LANG", raising=False)


def test_published_example_json() -> None:
    result = runner.invoke(app, [*PUBLISHED, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {
        key: data[key]
        for key in (
            "agents",
            "scheduled",
            "service_level",
            "occupancy",
            "probability_wait",
            "asa_seconds",
        )
    } == {
        "agents": 14,
        "scheduled": 20,
        "service_level": 0.8884,
        "occupancy": 0.7143,
        "probability_wait": 0.1741,
        "asa_seconds": 7.8,
    }
    assert data["traffic_erlangs"] == 10.0
    assert data["seats"] == 14
    assert data["limited_by"] == "service_level"
    assert data["inputs"]["shrinkage"] == 0.3
    assert data["inputs"]["contacts"] == 100


def test_defaults_are_the_published_example() -> None:
    explicit = runner.invoke(app, [*PUBLISHED, "--format", "json"])
    defaults = runner.invoke(app, ["staffing", "--contacts", "100", "--format", "json"])
    assert defaults.exit_code == 0
    assert defaults.stdout == explicit.stdout


def test_published_example_table_in_spanish() -> None:
    result = runner.invoke(app, PUBLISHED)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Agentes necesarios en servicio" in out
    assert "Agentes a programar" in out
    assert "88,8 %" in out
    assert "71,4 %" in out
    assert "17,4 %" in out
    assert "7,8 s" in out
    rows = {line.split("│")[1].strip(): line.split("│")[2].strip() for line in _rows(out)}
    assert rows["Agentes necesarios en servicio"] == "14"
    assert rows["Agentes a programar (con 30 % de ausencias, pausas y formación)"] == "20"


def test_table_in_english() -> None:
    result = runner.invoke(app, [*PUBLISHED, "--lang", "en"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Agents needed on duty" in out
    assert "Service level (target: 80% answered within 20 s)" in out
    assert "88.8%" in out
    assert "Agentes" not in out
    rows = {line.split("│")[1].strip(): line.split("│")[2].strip() for line in _rows(out)}
    assert rows["Agents needed on duty"] == "14"


def test_language_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MODELO_SERVICIO_LANG", "en")
    result = runner.invoke(app, PUBLISHED)
    assert result.exit_code == 0
    assert "Agents needed on duty" in result.stdout


def test_chat_concurrency() -> None:
    result = runner.invoke(app, [*PUBLISHED, "--concurrency", "2", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["seats"], data["agents"], data["scheduled"]) == (14, 9, 13)
    assert data["concurrency_factor"] == 1.7
    result = runner.invoke(
        app, [*PUBLISHED, "--concurrency", "2", "--concurrency-factor", "2", "--format", "json"]
    )
    assert json.loads(result.stdout)["agents"] == 7


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--service-level", "1.5"], "--service-level: debe estar estrictamente entre 0 y 1"),
        (["--contacts", "-1"], "--contacts: debe ser 0 o mayor (recibido -1)"),
        (["--shrinkage", "1"], "--shrinkage: debe ser al menos 0 y menor que 1"),
        (["--max-occupancy", "0"], "--max-occupancy: debe ser mayor que 0 y como mucho 1"),
        (["--interval-minutes", "0"], "--interval-minutes: debe ser mayor que 0"),
        (["--aht-seconds", "inf"], "--aht-seconds: se espera un número finito"),
        (["--concurrency", "0"], "--concurrency: debe ser un número entero de 1 o más"),
        (
            ["--concurrency", "2", "--concurrency-factor", "3"],
            "--concurrency-factor: el factor debe estar entre 1 y el número de chats",
        ),
    ],
)
def test_bad_values_exit_2_with_one_line(args: list[str], message: str) -> None:
    result = runner.invoke(app, [*PUBLISHED, *args])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_bad_value_message_in_english() -> None:
    result = runner.invoke(app, [*PUBLISHED, "--service-level", "1.5", "--lang", "en"])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "--service-level: must be strictly between 0 and 1, e.g. 0.8 for 80% (got 1.5)"
    )


def test_missing_contacts_is_a_usage_error() -> None:
    result = runner.invoke(app, ["staffing"])
    assert result.exit_code == 2
    assert "--contacts" in result.stderr


def _rows(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith("│")]
