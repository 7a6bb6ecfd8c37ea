"""score, explain, models and schema through the CLI: exit codes, languages, formats."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from modelo_servicio import __version__
from modelo_servicio.cli.app import app

from .conftest import PROFILES, packaged_advisor

ALBA = str(PROFILES / "joyeria-alba.yaml")


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"modelo-servicio {__version__}"


def test_score_table_in_spanish(runner: CliRunner) -> None:
    result = runner.invoke(app, ["score", ALBA])
    assert result.exit_code == 0, result.stderr
    assert "Modelo recomendado: Servicio personalizado en profundidad" in result.stdout
    assert "Productos de lujo" in result.stdout


def test_score_table_in_english_via_env(runner: CliRunner) -> None:
    result = runner.invoke(app, ["score", ALBA], env={"MODELO_SERVICIO_LANG": "en"})
    assert result.exit_code == 0, result.stderr
    assert "Recommended model: In-depth personal service" in result.stdout


def test_score_json_contract(runner: CliRunner) -> None:
    result = runner.invoke(app, ["score", ALBA, "--format", "json", "--lang", "en"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert list(data)[:8] == [
        "schema_version",
        "company",
        "language",
        "ranking",
        "recommendation",
        "sensitivity",
        "plan",
        "versions",
    ]
    assert data["company"] == "Joyería Alba"
    assert len(data["ranking"]) == 8
    top = data["ranking"][0]
    assert {"model", "name", "score", "feasible", "limits", "reasons"} <= set(top)
    assert top["reasons"][0] == {
        "rule": "id-luxury-ticket",
        "points": 25,
        "text": "Luxury goods: each sale justifies dedicated attention",
        "values": {"customers.ticket": "luxury"},
    }
    assert {"model", "components", "margin", "robust"} <= set(data["recommendation"])
    assert set(data["plan"]) >= {"staffing", "training", "phases", "kpis"}
    assert data["versions"]["tool"] == __version__
    assert data["versions"]["rules"].startswith("sha256:")


def test_score_is_deterministic(runner: CliRunner) -> None:
    first = runner.invoke(app, ["score", ALBA, "-f", "json"]).stdout
    assert first == runner.invoke(app, ["score", ALBA, "-f", "json"]).stdout


def test_explain_all_models(runner: CliRunner) -> None:
    result = runner.invoke(app, ["explain", ALBA, "--lang", "en"])
    assert result.exit_code == 0, result.stderr
    assert "id-luxury-ticket" in result.stdout
    assert "rules/scoring/in-depth.yaml:" in result.stdout
    assert result.stdout.count("/100") == 8


def test_explain_why_not_a_model(runner: CliRunner) -> None:
    result = runner.invoke(app, ["explain", ALBA, "--model", "convenient", "--lang", "en"])
    assert result.exit_code == 0, result.stderr
    assert "Rules that did not apply and why:" in result.stdout
    assert "not met: customers.preference eq hands_off (current value: personal)" in result.stdout


def test_explain_json(runner: CliRunner) -> None:
    result = runner.invoke(app, ["explain", ALBA, "--model", "in-depth", "-f", "json"])
    data = json.loads(result.stdout)
    assert [m["model"] for m in data["models"]] == ["in-depth"]
    assert any(not r["fired"] and r["failed"] for r in data["models"][0]["rules"])


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("es", "--model: no hay ningún modelo 'in_depth'; los modelos son: convenient, "),
        ("en", "--model: unknown model 'in_depth'; expected one of: convenient, "),
    ],
)
def test_explain_unknown_model(runner: CliRunner, lang: str, message: str) -> None:
    result = runner.invoke(app, ["explain", ALBA, "--model", "in_depth", "--lang", lang])
    assert result.exit_code == 2
    assert message in result.stderr
    hint = "¿quería decir 'in-depth'?" if lang == "es" else "did you mean 'in-depth'?"
    assert result.stderr.rstrip().endswith(f"({hint})")


def test_models_catalogue(runner: CliRunner) -> None:
    table = runner.invoke(app, ["models", "--lang", "en"])
    assert table.exit_code == 0
    assert "Redirected service" in table.stdout
    data = json.loads(runner.invoke(app, ["models", "-f", "json"]).stdout)
    assert [m["model"] for m in data] == list(packaged_advisor().catalogue.models)
    assert data[0]["name"] == "Conveniente"


def test_schema_is_json_schema(runner: CliRunner) -> None:
    data = json.loads(runner.invoke(app, ["schema"]).stdout)
    assert data["required"] == ["company"]
    assert data["additionalProperties"] is False


def test_bad_lang_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(app, ["score", ALBA, "--lang", "fr"])
    assert result.exit_code == 2


def test_rules_dir_must_exist(runner: CliRunner) -> None:
    result = runner.invoke(app, ["score", ALBA, "--rules", "/nonexistent/rules"])
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr
