"""Inputs that used to run for minutes or hours, or crash: each ends at once, located."""

from __future__ import annotations

from pathlib import Path

from tests.reliability.conftest import cli

RULE = "  - {{id: r{i}, model: online, points: 1, when: {{field: company.locations, gte: {v}}}, text: {{es: uno, en: one}}}}\n"


def test_forty_thousand_unknown_keys(tmp_path: Path) -> None:
    path = tmp_path / "many.yaml"
    path.write_text("company: {name: x}\n" + "".join(f"k{i}: 1\n" for i in range(40_000)))
    run = cli("score", path, "--lang", "en")
    assert run.code == 2
    assert "many.yaml:2: k0: unknown field" in run.err and "39900 more problems" in run.err


def test_staffing_inputs_are_bounded_to_reality() -> None:
    for args in (
        ["--contacts", "1e12"],
        ["--contacts", "1000000", "--interval-minutes", "0.0001"],
        ["--contacts", "10", "--aht-seconds", "1e9"],
        ["--contacts", "10", "--concurrency", "100000"],
        ["--contacts", "nan"],
    ):
        run = cli("staffing", *args, "--lang", "en")
        assert run.code == 2 and run.err.startswith(("--", "the offered load")), run.err


def test_a_far_staff_index_and_a_section_set_to_a_scalar(tmp_path: Path) -> None:
    out = tmp_path / "p.yaml"
    run = cli(
        "interview", out, "--defaults", "--set", "company.name=X", "--set", "staff.999.name=Y"
    )
    assert run.code == 2 and "staff.999.name" in run.err
    run = cli("interview", out, "--defaults", "--set", "company=Acme", "--lang", "en")
    assert run.code == 2 and "'company' is a section" in run.err
    assert not out.exists()


def test_a_large_named_team_is_filled_with_defaults_at_once(tmp_path: Path) -> None:
    """200 people named with ``--set``: reading the whole plan again after every default made
    this cubic in the team (80 people took 25 s, 200 would take minutes and hit ``LIMIT``)."""
    out = tmp_path / "p.yaml"
    names = [arg for i in range(200) for arg in ("--set", f"staff.{i}.name=P{i}")]
    run = cli("interview", out, "--defaults", "--set", "company.name=X", *names, "--lang", "en")
    assert run.code == 0, run.err
    assert out.read_text(encoding="utf-8").count("- name: P") == 200


def test_resume_names_the_file_not_set(tmp_path: Path) -> None:
    out = tmp_path / "p.yaml"
    out.write_text("company: {name: X}\nstaff: [{name: Ana}, {name: ana}]\n", encoding="utf-8")
    run = cli("interview", out, "--defaults", "--resume", "--lang", "en")
    assert run.code == 2 and "--set" not in run.err and str(out) in run.err


def test_rule_packs_are_checked_like_profiles(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    pack = rules / "a.yaml"
    pack.write_text("kind: rules\nrules:\n" + RULE.format(i=1, v=0) + RULE.format(i=1, v=1))
    run = cli("rules", "check", "--rules", rules, "--lang", "en")
    assert run.code == 2 and f"{pack}:4" in run.err and f"{pack}:3" in run.err
    mixed = "  - {id: m, model: online, points: 1, when: {field: extra.x, between: [1, z]}, text: {es: a, en: b}}\n"
    pack.write_text("kind: rules\nrules:\n" + mixed)
    run = cli("rules", "check", "--rules", rules, "--lang", "en")
    assert run.code == 2 and "different types" in run.err and f"{pack}:3" in run.err
    deep = "{not: " * 990 + "{field: company.locations, eq: 0}" + "}" * 990
    pack.write_text(
        f"kind: rules\nrules:\n  - id: d\n    model: online\n    points: 1\n    when: {deep}\n"
        "    text: {es: a, en: b}\n"
    )
    run = cli("rules", "check", "--rules", rules, "--lang", "en")
    assert run.code == 2 and "nested too deep" in run.err and f"{pack}:6" in run.err


def test_a_plain_15000_rule_file_loads(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    body = "".join(RULE.format(i=i, v=i % 50) for i in range(15_000))
    (rules / "big.yaml").write_text("kind: rules\nrules:\n" + body)
    run = cli("rules", "check", "--rules", rules, "--lang", "en", timeout=180)
    assert run.code == 0, run.err
    rules_loaded = int(run.out.split(" rules")[0].rsplit(" ", 1)[-1])
    assert rules_loaded >= 15_000, run.out
