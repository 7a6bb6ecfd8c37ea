"""``modelo-servicio interview`` without a terminal: --defaults, --set, --resume, --force,
--report, the no-terminal refusal, and --help staying free of the prompt libraries."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from modelo_servicio.cli.app import app
from modelo_servicio.domain import yamlio


@pytest.fixture(autouse=True)
def _no_lang_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MODELO_SERVICIO_LANG", raising=False)


def saved(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yamlio.load_single(path).data
    return data


def test_defaults_list_every_missing_required_answer(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "p.yaml"
    args = ["interview", str(out), "--defaults", "--set", "staff.1.role=apoyo"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert "Faltan respuestas obligatorias" in result.stderr
    for path in ("company.name", "staff.0.name", "staff.1.name"):
        assert f": {path}: sin respuesta" in result.stderr
    assert "--set company.name=" in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()


def test_defaults_with_the_name_give_a_profile_that_score_accepts_unchanged(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "p.yaml"
    result = runner.invoke(app, ["interview", str(out), "--defaults", "--set", "company.name=Acme"])
    assert result.exit_code == 0, result.output
    assert "Modelo recomendado" in result.stdout
    assert f"Perfil guardado en {out}" in result.stderr
    data = saved(out)
    assert data["interview"]["complete"] is True
    assert data["demand"]["contacts_per_month"]["phone"] == 150
    scored = runner.invoke(app, ["score", str(out), "--format", "json"])
    assert scored.exit_code == 0, scored.output
    assert json.loads(scored.stdout)["company"] == "Acme"
    assert scored.stdout.count("ranking") == 1


def test_set_values_are_yaml_and_fill_any_profile_path(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "p.yaml"
    sets = [
        "company.name=Joyería Alba",
        "company.sells_online=true",
        "customers.languages=[es, en]",
        "demand.contacts_per_month.chat=300",
        "demand.handle_minutes.phone=6,5",
        "staff.0.name=Ana",
        "staff.0.skills.technology=5",
        "staff.0.channels=[chat, email]",
        "extra.campaña=verano",
    ]
    args = ["interview", str(out), "--defaults"]
    for item in sets:
        args += ["--set", item]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    data = saved(out)
    assert data["company"]["name"] == "Joyería Alba"
    assert data["customers"]["languages"] == ["es", "en"]
    assert data["demand"]["contacts_per_month"]["chat"] == 300
    assert data["demand"]["handle_minutes"] == {"phone": 6.5}
    assert data["staff"][0]["skills"]["technology"] == 5
    assert data["staff"][0]["channels"] == ["chat", "email"]
    assert data["extra"] == {"campaña": "verano"}
    assert "demand-chat" in data["interview"]["answered"]
    assert "staff-name@1" in data["interview"]["answered"]


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        (
            "demand.contacts_per_month.chat=abc",
            "demand.contacts_per_month.chat: «abc» no se lee como un número",
        ),
        ("demand.contacts_per_month.chatt=3", "campo desconocido (¿quería decir 'chat'?)"),
        ("customers.ticket=lujo", "se espera uno de: low, medium, high, luxury"),
        ("company.locations=-1", "company.locations: debe ser mayor o igual que 0"),
        ("company.name", "no tiene la forma CLAVE=VALOR"),
        ("staff.ana.name=Ana", "las personas del equipo se indican por número"),
        ("interview.complete=true", "este campo lo escribe la propia entrevista"),
        ("company.name=[a, b", "YAML no válido"),
    ],
)
def test_bad_set_values_are_refused_with_the_path(
    runner: CliRunner, tmp_path: Path, item: str, expected: str
) -> None:
    out = tmp_path / "p.yaml"
    result = runner.invoke(app, ["interview", str(out), "--defaults", "--set", item])
    assert result.exit_code == 2, result.output
    assert expected in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()


def test_a_set_value_that_is_not_yaml_is_refused_in_english(
    runner: CliRunner, tmp_path: Path
) -> None:
    """The YAML reader's own message follows --lang too (it used to stay in Spanish)."""
    out = tmp_path / "p.yaml"
    args = ["interview", str(out), "--defaults", "--set", "company.name=[a, b", "--lang", "en"]
    result = runner.invoke(app, args, env={"MODELO_SERVICIO_LANG": "es"})
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines()[:2] == [
        "Invalid --set values:",
        "  --set: company.name: '[a, b': not valid YAML: did not find expected ','"
        " or ']' while parsing a flow sequence",
    ]


def test_a_control_character_in_a_set_value_is_named_and_shown_escaped(
    runner: CliRunner, tmp_path: Path
) -> None:
    """A raw control character (here the start of a clipboard-writing escape) is refused with
    its code, the value shown escaped, and no parser position in "<unicode string>"."""
    out = tmp_path / "p.yaml"
    item = "company.name=\x1b]52;c;QUFB\x07"
    args = ["interview", str(out), "--defaults", "--set", item, "--lang", "en"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines()[1] == (
        "  --set: company.name: '\\x1b]52;c;QUFB\\x07': the text holds a control character"
        " (U+001B), which YAML does not allow; delete it (it usually comes from copy and paste)"
    )
    assert "\x1b" not in result.stderr and not out.exists()


def test_without_a_terminal_it_refuses_instead_of_hanging(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "p.yaml"
    result = runner.invoke(app, ["interview", str(out)], input="Acme\n")
    assert result.exit_code == 2, result.output
    assert "no es un terminal" in result.stderr
    assert "--defaults" in result.stderr
    assert "company.name" in result.stderr
    assert not out.exists()


def test_without_a_terminal_a_finished_file_is_enough(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "p.yaml"
    first = runner.invoke(app, ["interview", str(out), "--defaults", "--set", "company.name=A"])
    assert first.exit_code == 0, first.output
    again = runner.invoke(app, ["interview", str(out), "--resume", "--set", "company.name=B"])
    assert again.exit_code == 0, again.output
    assert saved(out)["company"]["name"] == "B"


def test_an_existing_file_needs_resume_or_force(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "p.yaml"
    out.write_text("company: {name: Previa, locations: 4}\n", encoding="utf-8")
    refused = runner.invoke(app, ["interview", str(out), "--defaults"])
    assert refused.exit_code == 2
    assert "ya existe" in refused.stderr and "--force" in refused.stderr
    assert out.read_text(encoding="utf-8") == "company: {name: Previa, locations: 4}\n"

    resumed = runner.invoke(app, ["interview", str(out), "--defaults", "--resume"])
    assert resumed.exit_code == 0, resumed.output
    assert saved(out)["company"]["locations"] == 4

    forced = runner.invoke(app, ["interview", str(out), "--defaults", "--force"])
    assert forced.exit_code == 2  # a fresh start has no name
    assert "company.name" in forced.stderr
    forced = runner.invoke(
        app, ["interview", str(out), "--defaults", "--force", "--set", "company.name=N"]
    )
    assert forced.exit_code == 0, forced.output
    assert saved(out)["company"]["locations"] == 1


def test_resume_of_an_invalid_file_names_file_line_and_field(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "p.yaml"
    out.write_text("company:\n  name: X\n  locations: muchos\n", encoding="utf-8")
    result = runner.invoke(app, ["interview", str(out), "--defaults", "--resume"])
    assert result.exit_code == 2
    assert f"{out}:3: company.locations: se espera un número entero" in result.stderr


def test_resume_of_a_missing_file_starts_afresh(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "nuevo.yaml"
    result = runner.invoke(
        app, ["interview", str(out), "--defaults", "--resume", "--set", "company.name=Z"]
    )
    assert result.exit_code == 0, result.output
    assert saved(out)["company"]["name"] == "Z"


def test_default_file_name_is_perfil_yaml(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["interview", "--defaults", "--set", "company.name=Acme"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "perfil.yaml").exists()


def test_english(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "p.yaml"
    result = runner.invoke(app, ["interview", str(out), "--defaults", "--lang", "en"])
    assert result.exit_code == 2
    assert 'no answer: "What is the company called?"' in result.stderr
    result = runner.invoke(
        app, ["interview", str(out), "--defaults", "--lang", "en", "--set", "company.name=A"]
    )
    assert result.exit_code == 0, result.output
    assert "Recommended model" in result.stdout
    assert yamlio.read_text(out).startswith("# Profile written by modelo-servicio interview")


def test_report_is_written_or_refused_cleanly(runner: CliRunner, tmp_path: Path) -> None:
    out, report = tmp_path / "p.yaml", tmp_path / "informe.md"
    args = ["interview", str(out), "--defaults", "--set", "company.name=Acme"]
    result = runner.invoke(app, [*args, "--report", str(report), "--date", "2024-05-01"])
    if find_spec("modelo_servicio.render.markdown") is None:
        assert result.exit_code == 2
        assert "--report" in result.stderr
        assert not out.exists()
    else:
        assert result.exit_code == 0, result.output
        assert "Acme" in report.read_text(encoding="utf-8")
        assert f"Informe escrito en {report}" in result.stderr


def test_replaced_questions_come_from_rules_dir(runner: CliRunner, tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "preguntas.yaml").write_text(
        """kind: questions
questions:
  - id: company-sector
    section: business
    field: company.sector
    type: text
    default: consultoría
    text: {es: ¿Sector?, en: Sector?}
  - id: canal-favorito
    section: customers
    field: extra.canal_favorito
    type: choice
    default: tienda
    text: {es: ¿Canal favorito?, en: Favourite channel?}
    choices:
      - {value: tienda, label: {es: Tienda, en: Shop}}
      - {value: web, label: {es: Web, en: Web}}
disable: [company-field-service]
""",
        encoding="utf-8",
    )
    out = tmp_path / "p.yaml"
    args = ["interview", str(out), "--defaults", "--rules", str(rules), "--set", "company.name=C"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    data = saved(out)
    assert data["company"]["sector"] == "consultoría"
    assert data["extra"] == {"canal_favorito": "tienda"}
    assert "company-field-service" not in data["interview"]["answered"]


def test_a_broken_question_file_is_reported_with_its_line(
    runner: CliRunner, tmp_path: Path
) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "q.yaml").write_text(
        "kind: questions\nquestions:\n  - id: x\n    section: business\n"
        "    field: company.nombre\n    type: text\n    text: {es: a, en: b}\n",
        encoding="utf-8",
    )
    result = runner.invoke(
        app, ["interview", str(tmp_path / "p.yaml"), "--defaults", "--rules", str(rules)]
    )
    assert result.exit_code == 2
    assert (
        f"{rules / 'q.yaml'}:5: questions.0.field: 'company.nombre' no es un campo del perfil"
        in result.stderr
    )


def test_help_lists_the_options(runner: CliRunner) -> None:
    result = runner.invoke(app, ["interview", "--help"])
    assert result.exit_code == 0
    for option in ("--resume", "--set", "--defaults", "--force", "--report", "--lang", "--rules"):
        assert option in result.stdout


def test_help_does_not_import_the_prompt_libraries() -> None:
    code = (
        "import sys\n"
        "from modelo_servicio.cli.app import app\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('questionary', 'prompt_toolkit'))\n"
        "print(heavy)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"
