"""A consultancy adds a channel and a skill in YAML alone (``--rules DIR``): profiles that use
them are accepted, scored, staffed and reported; without the pack they are refused with the
file, the line and the field path. The ids a profile may name come from the knowledge base."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from modelo_servicio.cli.app import app
from modelo_servicio.domain.catalogue import Catalogue
from modelo_servicio.domain.fields import profile_fields
from modelo_servicio.domain.profile import json_schema

from .conftest import FIXTURES, packaged_advisor

PACK = FIXTURES / "packs" / "whatsapp"
SHOP = FIXTURES / "whatsapp-shop.yaml"


def invoke(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_the_pack_passes_rules_check_and_its_examples_pass(runner: CliRunner) -> None:
    code, out, err = invoke(runner, "rules", "check", "--rules", str(PACK), "--lang", "en")
    assert code == 0, err
    assert "no errors" in out + err
    _, out, err = invoke(runner, "rules", "test", "--rules", str(PACK), "--lang", "en")
    assert str(PACK) not in out + err  # no example of the pack fails
    assert "on-whatsapp" not in out + err and "oo-cross-sellers" not in out + err


def test_a_profile_using_the_new_channel_and_skill_is_scored_and_staffed(
    runner: CliRunner,
) -> None:
    code, out, err = invoke(
        runner, "score", str(SHOP), "--rules", str(PACK), "--format", "json", "--lang", "en"
    )
    assert code == 0, err
    data = json.loads(out)
    fired = {r["rule"] for m in data["ranking"] for r in m["reasons"]}
    assert {"on-whatsapp", "oo-cross-sellers"} <= fired  # rules that read them
    staffed = {row["channel"]: row for row in data["plan"]["staffing"]["channels"]}
    assert list(staffed) == ["in_person", "phone", "whatsapp"]  # the catalogue's order
    assert staffed["whatsapp"]["method"] == "backlog"
    assert staffed["whatsapp"]["fte"] > 0
    served = {c["channel"]: c["model"] for c in data["recommendation"]["channels"]}
    assert served["whatsapp"] == "online"


def test_the_report_names_the_new_channel_and_skill_in_both_languages(
    runner: CliRunner, tmp_path: Path
) -> None:
    for lang, skill in (("es", "Venta cruzada"), ("en", "Cross-selling")):
        out = tmp_path / f"report-{lang}.md"
        args = ["report", str(SHOP), "--rules", str(PACK), "-o", str(out), "--lang", lang]
        code, _, err = invoke(runner, *args, "--date", "2026-01-15")
        assert code == 0, err
        text = out.read_text(encoding="utf-8")
        assert "| WhatsApp |" in text  # a row of the staffing table
        assert skill in text  # a column of the team table


def test_without_the_pack_the_new_ids_are_refused_where_they_are_written(
    runner: CliRunner,
) -> None:
    code, out, err = invoke(runner, "score", str(SHOP), "--lang", "en")
    assert code == 2 and out == ""
    name = str(SHOP)
    assert f"{name}:13: demand.contacts_per_month.whatsapp: unknown field; allowed fields: " in err
    assert f"{name}:17: staff.0.channels.1: invalid value; expected one of: in_person," in err
    assert f"{name}:18: staff.0.skills.cross_selling: unknown field; allowed fields: " in err
    assert f"{name}:22: staff.1.skills.cross_selling: unknown field; allowed fields: " in err
    assert "Traceback" not in err


def test_a_near_miss_of_a_channel_gets_a_suggestion(runner: CliRunner, tmp_path: Path) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_text(
        "company: {name: X}\ndemand:\n  contacts_per_month: {whatsap: 10}\n", encoding="utf-8"
    )
    args = ["score", str(profile), "--rules", str(PACK), "--lang", "en"]
    code, _, err = invoke(runner, *args)
    assert code == 2
    assert f"{profile}:3: demand.contacts_per_month.whatsap: unknown field" in err
    assert "(did you mean 'whatsapp'?)" in err


def test_schema_lists_the_knowledge_base_ids(runner: CliRunner) -> None:
    code, out, _ = invoke(runner, "schema", "--rules", str(PACK))
    assert code == 0
    defs = json.loads(out)["$defs"]
    assert "whatsapp" in defs["ContactsPerMonth"]["properties"]
    assert defs["ContactsPerMonth"]["additionalProperties"] is False
    assert "cross_selling" in defs["Skills"]["properties"]
    assert "whatsapp" in defs["StaffMember"]["properties"]["channels"]["items"]["enum"]
    code, out, _ = invoke(runner, "schema")
    plain = json.loads(out)["$defs"]
    assert "whatsapp" not in plain["ContactsPerMonth"]["properties"]
    models = plain["Organization"]["properties"]["current_model"]["enum"]
    assert models == ["none", *packaged_advisor().catalogue.models]


def test_the_rule_paths_follow_the_catalogue() -> None:
    catalogue = Catalogue(
        channels=("phone", "whatsapp"), models=("online",), skills=("tact",), service_levels=("ok",)
    )
    fields = profile_fields(catalogue)
    assert "demand.contacts_per_month.whatsapp" in fields
    assert "demand.contacts_per_month.email" not in fields
    assert fields["organization.current_model"].values == ("none", "online")
    schema = json_schema(catalogue)
    assert list(schema["$defs"]["Skills"]["properties"]) == ["tact"]


MODEL = """kind: models
models:
  - id: concierge
    name: {es: Conserjería, en: Concierge}
    summary: {es: Una persona de referencia para todo, en: One go-to person for everything}
    description: {es: Un conserje resuelve cualquier cosa, en: A concierge sorts out anything}
    channels: [phone, email]
    roles: [generalist]
    base: 20
"""


def test_a_new_model_must_be_placed_in_the_tie_order(runner: CliRunner, tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "models.yaml").write_text(MODEL, encoding="utf-8")
    code, _, err = invoke(runner, "rules", "check", "--rules", str(pack), "--lang", "en")
    assert code == 2
    assert "settings.tie_order: missing entries: concierge" in err
    order = [*packaged_advisor().kb.settings.tie_order, "concierge"]
    (pack / "settings.yaml").write_text(
        f"kind: settings\nsettings:\n  tie_order: [{', '.join(order)}]\n", encoding="utf-8"
    )
    code, _, err = invoke(runner, "rules", "check", "--rules", str(pack), "--lang", "en")
    assert code == 0, err
    profile = tmp_path / "p.yaml"
    profile.write_text(
        "company: {name: X}\norganization: {current_model: concierge}\n", encoding="utf-8"
    )
    args = ["score", str(profile), "--rules", str(pack), "--format", "json"]
    code, out, err = invoke(runner, *args)
    assert code == 0, err
    assert "concierge" in [m["model"] for m in json.loads(out)["ranking"]]
    code, _, err = invoke(runner, "score", str(profile), "--lang", "en")
    assert code == 2 and "organization.current_model: invalid value" in err


def test_the_roster_template_and_reader_follow_the_pack(runner: CliRunner, tmp_path: Path) -> None:
    from modelo_servicio.app.advisor import Advisor
    from modelo_servicio.interview.roster import read_roster

    code, out, err = invoke(runner, "template", "-", "--rules", str(PACK))
    assert code == 0, err
    header = next(line for line in out.splitlines() if line.startswith("name,"))
    assert header.split(",")[-3] == "cross_selling"
    assert "|self_service|whatsapp)" in out
    roster = tmp_path / "team.csv"
    roster.write_text(header + "\nAna,x,40,whatsapp,3,3,3,3,3,3,3,5,es,sí\n", encoding="utf-8")
    (person,) = read_roster(roster, "en", Advisor.build(PACK).catalogue)
    assert person["skills"]["cross_selling"] == 5 and person["channels"] == ["whatsapp"]
    code, plain, _ = invoke(runner, "template", "-")
    assert code == 0 and "cross_selling" not in plain
