"""The rule engine on plain data: compilation errors, points, limits, clamping, ties, traces."""

from __future__ import annotations

import textwrap

import pytest

from modelo_servicio.domain.errors import RuleError
from modelo_servicio.engine.scoring import Engine
from modelo_servicio.knowledge.loader import KnowledgeBase, build, packaged_files

from .conftest import make_profile


def catalog() -> list[tuple[str, str]]:
    """The packaged catalogue without any scoring rules or examples."""
    return [
        (name, text)
        for name, text in packaged_files()
        if not name.startswith(("rules/scoring/", "rules/examples/"))
    ]


def kb_with(rules: str, name: str = "custom.yaml") -> KnowledgeBase:
    return build([*catalog(), (name, textwrap.dedent(rules))])


def engine_with(rules: str) -> Engine:
    return Engine(kb_with(rules))


def compile_error(rules: str) -> str:
    with pytest.raises(RuleError) as caught:
        engine_with(rules)
    return "\n".join(str(p) for p in caught.value.problems)


def test_points_add_to_the_base_and_trace_values() -> None:
    engine = engine_with(
        """
        kind: rules
        rules:
          - id: lux
            model: in-depth
            points: 25
            when: {field: customers.ticket, eq: luxury}
            text: {es: lujo, en: luxury}
          - id: personal
            model: in-depth
            points: 10
            when: {all: [{field: customers.preference, eq: personal}, {field: facts.staff_count, gte: 0}]}
            text: {es: personal, en: personal}
        """
    )
    evaluation = engine.evaluate(
        make_profile(customers={"ticket": "luxury", "preference": "personal"})
    )
    score = evaluation.scores["in-depth"]
    assert score.base == 30
    assert score.score == 65
    assert [f.rule.id for f in score.fired] == ["lux", "personal"]
    assert score.fired[0].values == {"customers.ticket": "luxury"}
    assert score.fired[1].values == {"customers.preference": "personal", "facts.staff_count": 0}
    assert evaluation.ranking[0] == "in-depth"


def test_scores_are_clamped_to_0_100() -> None:
    rules = "kind: rules\nrules:\n" + "".join(
        f"""  - id: r{i}
    model: convenient
    points: {sign}60
    when: {{field: customers.ticket, eq: low}}
    text: {{es: x, en: x}}
"""
        for i, sign in enumerate(["", ""])
    )
    high = engine_with(rules).evaluate(make_profile(customers={"ticket": "low"}))
    assert high.scores["convenient"].raw == 150
    assert high.scores["convenient"].score == 100
    low = engine_with(rules.replace("points: 60", "points: -60")).evaluate(
        make_profile(customers={"ticket": "low"})
    )
    assert low.scores["convenient"].score == 0


def test_a_limit_makes_a_model_infeasible_and_ranks_it_last() -> None:
    engine = engine_with(
        """
        kind: rules
        rules:
          - id: big
            model: redirected
            points: 60
            when: {field: organization.departments, gte: 1}
            text: {es: x, en: x}
          - id: one-dept
            model: redirected
            limit: true
            when: {field: organization.departments, eq: 1}
            text: {es: un solo departamento, en: one department}
        """
    )
    evaluation = engine.evaluate(make_profile())
    assert not evaluation.scores["redirected"].feasible
    assert evaluation.ranking[-1] in ("redirected", "hybrid")
    assert evaluation.ranking.index("redirected") > evaluation.ranking.index("convenient")


def test_ties_break_by_the_documented_order() -> None:
    evaluation = engine_with("kind: rules\nrules: []\n").evaluate(make_profile())
    feasible = [m for m in evaluation.ranking if evaluation.scores[m].feasible]
    assert feasible[:3] == ["self-service", "one-to-one", "one-team"]


def test_ordered_enums_compare_by_rank() -> None:
    engine = engine_with(
        """
        kind: rules
        rules:
          - id: pricey
            model: in-depth
            points: 10
            when: {field: customers.ticket, gte: high}
            text: {es: x, en: x}
        """
    )
    fired = {
        ticket: bool(
            engine.evaluate(make_profile(customers={"ticket": ticket})).scores["in-depth"].fired
        )
        for ticket in ("low", "medium", "high", "luxury")
    }
    assert fired == {"low": False, "medium": False, "high": True, "luxury": True}


RULE = """
kind: rules
rules:
  - id: r1
    model: {model}
    points: 5
    when: {when}
    text: {{es: x, en: x}}
"""


@pytest.mark.parametrize(
    ("model", "when", "expected"),
    [
        (
            "in-depth",
            "{field: customers.tiket, eq: luxury}",
            "custom.yaml:7: rules.0.when.field: unknown field 'customers.tiket' (did you mean 'customers.ticket'?)",
        ),
        (
            "in-depth",
            "{field: customers.ticket, eq: lujo}",
            "custom.yaml:7: rules.0.when.eq: 'lujo' is not a value of customers.ticket; expected one of: low, medium, high, luxury",
        ),
        (
            "in-depth",
            "{field: company.sells_online, gt: 1}",
            "custom.yaml:7: rules.0.when.gt: operator 'gt' does not apply to company.sells_online (bool); use eq, ne",
        ),
        (
            "in-depth",
            "{field: customers.faq_share, betwen: [0, 1]}",
            "custom.yaml:7: rules.0.when.betwen: unknown operator 'betwen' (did you mean 'between'?)",
        ),
        (
            "in-depth",
            "{field: customers.faq_share, between: [0.8, 0.2]}",
            "custom.yaml:7: rules.0.when.between: 'between' needs low <= high, got 0.8 > 0.2",
        ),
        (
            "in-depth",
            "{all: []}",
            "custom.yaml:7: rules.0.when.all: 'all' takes a non-empty list of conditions",
        ),
        (
            "in-depth",
            "{field: facts.hybrid_components, gte: 2}",
            "custom.yaml:7: rules.0.when.field: unknown field 'facts.hybrid_components'",
        ),
        (
            "in-depht",
            "{field: customers.ticket, eq: luxury}",
            "custom.yaml:5: rules.0.model: invalid value; expected one of: convenient, one-team, in-depth, one-to-one, redirected, self-service, online, hybrid (did you mean 'in-depth'?)",
        ),
    ],
)
def test_compile_errors_name_file_line_and_field(model: str, when: str, expected: str) -> None:
    assert compile_error(RULE.format(model=model, when=when)) == expected


def test_late_facts_are_allowed_for_hybrid_rules() -> None:
    engine = engine_with(
        RULE.format(model="hybrid", when="{field: facts.hybrid_components, gte: 2}")
    )
    assert [r.id for r in engine.rules["hybrid"]] == ["r1"]


def test_rules_that_can_never_fire_are_warned() -> None:
    engine = engine_with(
        """
        kind: rules
        rules:
          - id: impossible-range
            model: convenient
            points: 5
            when: {field: customers.faq_share, gt: 1}
            text: {es: x, en: x}
          - id: contradiction
            model: convenient
            points: 5
            when: {all: [{field: customers.ticket, eq: low}, {field: customers.ticket, eq: high}]}
            text: {es: x, en: x}
          - id: fine
            model: convenient
            points: 5
            when: {any: [{field: customers.ticket, eq: low}, {field: customers.faq_share, gt: 1}]}
            text: {es: x, en: x}
        """
    )
    warned = [str(w) for w in engine.warnings("en")]
    assert warned == [
        "custom.yaml:4: rule 'impossible-range' can never fire",
        "custom.yaml:9: rule 'contradiction' can never fire",
    ]


def test_user_rules_replace_add_and_disable_by_id() -> None:
    base = """
        kind: rules
        rules:
          - id: a
            model: convenient
            points: 10
            when: {field: customers.ticket, eq: low}
            text: {es: a, en: a}
          - id: b
            model: convenient
            points: 10
            when: {field: customers.ticket, eq: low}
            text: {es: b, en: b}
    """
    override = """
        kind: rules
        disable: [b]
        rules:
          - id: a
            model: convenient
            points: 40
            when: {field: customers.ticket, eq: low}
            text: {es: a2, en: a2}
          - id: c
            model: online
            points: 5
            when: {field: company.sells_online, eq: true}
            text: {es: c, en: c}
    """
    kb = build(
        [
            *catalog(),
            ("rules/base.yaml", textwrap.dedent(base)),
            ("mine/x.yaml", textwrap.dedent(override)),
        ]
    )
    assert sorted(kb.rules) == ["a", "c"]
    assert kb.rules["a"].points == 40
    origin = kb.origin("rules", "a")
    assert origin is not None and origin.source == "mine/x.yaml"


def test_unknown_kind_and_bad_file_are_located() -> None:
    with pytest.raises(RuleError) as caught:
        build([*catalog(), ("x.yaml", "kind: rulez\nrules: []\n")])
    assert str(caught.value.problems[0]).startswith("x.yaml:1: kind: unknown kind 'rulez'; known:")


def test_hybrid_components_follow_channels() -> None:
    engine = engine_with(
        """
        kind: rules
        rules:
          - id: shop
            model: one-to-one
            points: 40
            when: {field: facts.share_in_person, gte: 0.3}
            text: {es: x, en: x}
          - id: kb
            model: self-service
            points: 35
            when: {field: facts.sessions_per_contact, gte: 1}
            text: {es: x, en: x}
          - id: mix
            model: hybrid
            points: 20
            when: {field: facts.hybrid_components, gte: 2}
            text: {es: x, en: x}
        """
    )
    # 3 help-centre sessions per contact at the counter: over self_service_component_sessions
    evaluation = engine.evaluate(
        make_profile(demand={"contacts_per_month": {"in_person": 500, "self_service": 1500}})
    )
    hybrid = evaluation.scores["hybrid"]
    assert [(c.model, c.channels) for c in hybrid.components] == [
        ("one-to-one", ("in_person",)),
        ("self-service", ("self_service",)),
    ]
    assert hybrid.base == 70.0  # the best component's score
    assert hybrid.score == 90.0
    assert evaluation.ranking[0] == "hybrid"


def test_why_not_names_the_failed_comparison(engine: Engine) -> None:
    evaluation = engine.evaluate(make_profile(customers={"ticket": "low"}))
    missed = dict((rule.id, failed) for rule, failed in engine.why_not(evaluation, "in-depth"))
    failed = missed["id-luxury-ticket"]
    assert [(f.leaf.describe(), f.actual) for f in failed] == [
        ("customers.ticket eq luxury", "low")
    ]
