"""``rules check`` and ``rules test`` through the CLI, on the packaged rules and on a
consultancy's own folder passed with ``--rules``."""

from __future__ import annotations

import textwrap
from pathlib import Path

from typer.testing import CliRunner

from modelo_servicio.cli.app import app
from modelo_servicio.knowledge.loader import KnowledgeBase

REPLACED_LUXURY = """
kind: rules
rules:
  - id: id-luxury-ticket
    model: in-depth
    points: 25
    when: {field: customers.ticket, eq: high}
    text: {es: "Ticket alto", en: "High ticket"}
"""


def folder(tmp_path: Path, **files: str) -> str:
    for name, text in files.items():
        (tmp_path / f"{name}.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
    return str(tmp_path)


def test_check_packaged_rules(runner: CliRunner, kb: KnowledgeBase) -> None:
    result = runner.invoke(app, ["rules", "check", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith(
        f"{len(kb.files)} files, {len(kb.rules)} rules, {len(kb.examples)} examples: no errors."
    )
    assert "Warnings" not in result.stdout


def test_check_reports_every_error_with_file_and_line(runner: CliRunner, tmp_path: Path) -> None:
    rules = folder(
        tmp_path,
        bad="""
        kind: rules
        rules:
          - id: typo
            model: online
            points: 5
            when: {field: customers.tiket, eq: luxury}
            text: {es: a, en: b}
          - id: wrong-value
            model: online
            points: 5
            when: {field: customers.ticket, eq: cheap}
            text: {es: a, en: b}
        """,
    )
    result = runner.invoke(app, ["rules", "check", "--rules", rules])
    assert result.exit_code == 2
    assert "Los archivos de reglas no son válidos:" in result.stderr
    assert f"{rules}/bad.yaml:7: rules.0.when.field: campo desconocido 'customers.tiket'" in (
        result.stderr
    )
    assert f"{rules}/bad.yaml:12: rules.1.when.eq: 'cheap' no es un valor" in result.stderr
    assert "Traceback" not in result.output
    english = runner.invoke(app, ["rules", "check", "--rules", rules, "--lang", "en"])
    assert english.exit_code == 2
    assert "The rule files are not valid:" in english.stderr
    assert f"{rules}/bad.yaml:7: rules.0.when.field: unknown field 'customers.tiket'" in (
        english.stderr
    )
    assert f"{rules}/bad.yaml:12: rules.1.when.eq: 'cheap' is not a value" in english.stderr


def test_check_warns_about_a_rule_that_can_never_fire(runner: CliRunner, tmp_path: Path) -> None:
    rules = folder(
        tmp_path,
        never="""
        kind: rules
        rules:
          - id: never
            model: online
            points: 5
            when: {all: [{field: customers.ticket, eq: luxury}, {field: customers.ticket, eq: low}]}
            text: {es: a, en: b}
        """,
    )
    result = runner.invoke(app, ["rules", "check", "--rules", rules, "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "Warnings (1):" in result.stdout
    assert f"{rules}/never.yaml:4: rule 'never' can never fire" in result.stdout


def test_check_a_missing_folder_is_exit_2(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["rules", "check", "--rules", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert "no existe la carpeta de reglas" in result.stderr


def test_packaged_rules_pass_strictly(runner: CliRunner, kb: KnowledgeBase) -> None:
    result = runner.invoke(app, ["rules", "test", "--strict"])
    assert result.exit_code == 0, result.output
    n = len(kb.rules)
    assert f"{len(kb.examples)} ejemplos, 0 fallos; {n} de {n} reglas ejercitadas." in result.stdout


def test_replacing_a_rule_breaks_the_packaged_example_that_relies_on_it(
    runner: CliRunner, tmp_path: Path
) -> None:
    rules = folder(tmp_path, replaced=REPLACED_LUXURY)
    result = runner.invoke(app, ["rules", "test", "--rules", rules, "--lang", "en"])
    assert result.exit_code == 1
    assert "Failing examples" in result.stdout
    assert "rules/scoring/in-depth.yaml:" in result.stdout
    assert "rule 'id-luxury-ticket' was expected to fire and did not" in result.stdout


def test_a_wrong_example_in_a_consultancy_folder_fails(runner: CliRunner, tmp_path: Path) -> None:
    rules = folder(
        tmp_path,
        mine="""
        kind: rules
        examples:
          - name: wrong
            profile: {customers: {ticket: luxury}}
            not_fires: [id-luxury-ticket]
        """,
    )
    result = runner.invoke(app, ["rules", "test", "--rules", rules])
    assert result.exit_code == 1
    assert (
        f"{rules}/mine.yaml:6: examples.0.not_fires.0: «wrong»: la regla 'id-luxury-ticket'"
        " no debía aplicarse y se aplicó con customers.ticket = luxury"
    ) in result.stdout


def test_an_unexercised_rule_fails_only_with_strict(runner: CliRunner, tmp_path: Path) -> None:
    rules = folder(
        tmp_path,
        mine="""
        kind: rules
        rules:
          - id: extra-sms
            model: online
            points: 5
            when: {field: extra.sms_campaigns, eq: true}
            text: {es: campañas por SMS, en: SMS campaigns}
        """,
    )
    relaxed = runner.invoke(app, ["rules", "test", "--rules", rules, "--lang", "en"])
    assert relaxed.exit_code == 0, relaxed.output
    assert "Rules never exercised (1):" in relaxed.stdout
    assert f"{rules}/mine.yaml:4: rule 'extra-sms' is not exercised" in relaxed.stdout
    strict = runner.invoke(app, ["rules", "test", "--rules", rules, "--strict"])
    assert strict.exit_code == 1


def test_an_example_makes_the_consultancy_rule_exercised(runner: CliRunner, tmp_path: Path) -> None:
    rules = folder(
        tmp_path,
        mine="""
        kind: rules
        rules:
          - id: extra-sms
            model: online
            points: 5
            when: {field: extra.sms_campaigns, eq: true}
            text: {es: campañas por SMS, en: SMS campaigns}
        examples:
          - name: campañas
            profile: {extra: {sms_campaigns: true}}
            fires: [extra-sms]
        """,
    )
    result = runner.invoke(app, ["rules", "test", "--rules", rules, "--strict"])
    assert result.exit_code == 0, result.output
    assert "Reglas sin ejercitar" not in result.stdout


def test_two_files_of_the_folder_giving_one_id_is_an_error_naming_both(
    runner: CliRunner, tmp_path: Path
) -> None:
    """Replacing a packaged rule is the point of ``--rules``; two files of the folder giving the
    same id would let their names' order pick the winner, so both places are named."""
    rules = folder(tmp_path, a=REPLACED_LUXURY, b=REPLACED_LUXURY)
    result = runner.invoke(app, ["rules", "check", "--rules", rules, "--lang", "en"])
    assert result.exit_code == 2, result.output
    assert (
        f"{tmp_path}/b.yaml:4: rules.0.id: id 'id-luxury-ticket' is already defined at "
        f"{tmp_path}/a.yaml:4" in result.stderr
    )
    (tmp_path / "b.yaml").unlink()
    result = runner.invoke(app, ["rules", "check", "--rules", rules, "--lang", "en"])
    assert result.exit_code == 0, result.output
