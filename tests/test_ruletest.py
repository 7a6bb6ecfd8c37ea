"""The library behind ``rules test``: packaged examples pass and exercise every rule; each kind
of broken expectation is a failure located in the rule file."""

from __future__ import annotations

import textwrap

from modelo_servicio.engine.examples import ExampleReport, merged, run
from modelo_servicio.engine.scoring import Engine
from modelo_servicio.knowledge.loader import KnowledgeBase, build, packaged_files


def run_with(text: str, name: str = "mine.yaml") -> ExampleReport:
    kb = build([*packaged_files(), (name, textwrap.dedent(text))])
    return run(kb, Engine(kb), "en")


def messages(report: ExampleReport) -> list[str]:
    return [str(p) for p in report.failures]


def test_packaged_examples_pass_and_exercise_every_rule(kb: KnowledgeBase, engine: Engine) -> None:
    report = run(kb, engine)
    assert messages(report) == []
    assert report.unexercised == []
    assert set(report.rules) == set(kb.rules) == report.exercised & set(kb.rules)
    assert report.examples == len(kb.examples) > 0


def test_every_model_has_an_examples_file() -> None:
    names = {name for name, _ in packaged_files() if name.startswith("rules/examples/")}
    scoring = {name for name, _ in packaged_files() if name.startswith("rules/scoring/")}
    assert {n.rsplit("/", 1)[1] for n in names} == {n.rsplit("/", 1)[1] for n in scoring}


def test_merge_lays_mappings_into_mappings() -> None:
    base = {"company": {"name": "A", "locations": 1}, "staff": [{"name": "x"}]}
    over = {"company": {"locations": 0}, "staff": [], "customers": {"ticket": "low"}}
    assert merged(base, over) == {
        "company": {"name": "A", "locations": 0},
        "staff": [],
        "customers": {"ticket": "low"},
    }
    assert base["company"] == {"name": "A", "locations": 1}


def test_each_broken_expectation_is_located_in_the_rule_file() -> None:
    report = run_with(
        """
        kind: rules
        examples:
          - name: broken
            profile: {customers: {ticket: low}}
            fires: [id-luxury-ticket, no-such-rule]
            not_fires: [conv-low-ticket]
            limited: [online]
            feasible: [redirected]
            recommends: in-depth
        """
    )
    assert messages(report) == [
        "mine.yaml:6: examples.0.fires.0: 'broken': rule 'id-luxury-ticket' was expected to fire"
        " and did not; failing: customers.ticket eq luxury (value: low)",
        "mine.yaml:6: examples.0.fires.1: 'broken': there is no rule 'no-such-rule'",
        "mine.yaml:7: examples.0.not_fires.0: 'broken': rule 'conv-low-ticket' was not expected"
        " to fire and fired with customers.ticket = low",
        "mine.yaml:8: examples.0.limited.0: 'broken': model 'online' was expected to be limited"
        " and is feasible",
        "mine.yaml:9: examples.0.feasible.0: 'broken': model 'redirected' was expected to be"
        " feasible and is limited by: rd-single-department",
        messages(report)[-1],
    ]
    assert messages(report)[-1].startswith(
        "mine.yaml:10: examples.0.recommends: 'broken': expected to recommend 'in-depth' ("
    )
    assert not report.ok


def test_an_invalid_example_profile_is_a_located_failure() -> None:
    report = run_with(
        """
        kind: rules
        examples:
          - name: typo
            profile:
              customers:
                tiket: low
                faq_share: 3
        """
    )
    assert sorted(messages(report)) == [
        "mine.yaml:7: examples.0.profile.customers.tiket: 'typo': the example's profile is not"
        " valid: unknown field (did you mean 'ticket'?)",
        "mine.yaml:8: examples.0.profile.customers.faq_share: 'typo': the example's profile is"
        " not valid: must be less than or equal to 1",
    ]


def test_a_rule_no_example_fires_is_reported_at_its_line() -> None:
    report = run_with(
        """
        kind: rules
        rules:
          - id: sms-only
            model: online
            points: 5
            when: {field: facts.share_sms, eq: 1.0}
            text: {es: solo sms, en: sms only}
        examples:
          - name: silent
            profile: {demand: {contacts_per_month: {sms: 10, email: 10}}}
            not_fires: [sms-only]
        """
    )
    assert report.ok
    assert [str(p) for p in report.unexercised] == [
        "mine.yaml:4: rule 'sms-only' is not exercised: no example makes it fire"
    ]


def test_an_example_overrides_the_base_company_name() -> None:
    report = run_with(
        """
        kind: rules
        examples:
          - name: blank name
            profile: {company: {name: "  "}}
        """
    )
    assert messages(report) == [
        "mine.yaml:5: examples.0.profile.company.name: 'blank name': the example's profile is"
        " not valid: must not be blank"
    ]
