"""Properties of scoring over generated profiles: scores stay in 0..100, a favourable rule
never lowers its model's score, the same input gives byte-identical output.

``profile_data`` is the generator of valid profiles the fuzz and robustness tests share; it
draws every enum from the profile model itself, so a new answer is covered without edits.
"""

from __future__ import annotations

import textwrap
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from modelo_servicio.app.advisor import advise
from modelo_servicio.domain.fields import profile_fields
from modelo_servicio.domain.profile import CHANNELS, MODEL_IDS, SKILLS
from modelo_servicio.domain.profile_io import profile_from_data
from modelo_servicio.engine.conditions import COMPARISONS
from modelo_servicio.engine.scoring import Engine
from modelo_servicio.knowledge.loader import KnowledgeBase, build, packaged_files

FAST = settings(max_examples=40, deadline=None, derandomize=True)

COUNTS = st.one_of(st.sampled_from([0, 0, 0, 10, 300, 2000, 9000]), st.integers(0, 20_000))


def _staff() -> st.SearchStrategy[list[dict[str, Any]]]:
    person = st.fixed_dictionaries(
        {
            "skills": st.fixed_dictionaries({k: st.integers(1, 5) for k in SKILLS}),
            "hours_per_week": st.sampled_from([10, 20, 40]),
            "channels": st.lists(st.sampled_from(CHANNELS), max_size=3),
            "languages": st.sampled_from([["es"], ["es", "en"], ["en"]]),
        }
    )
    return st.lists(person, max_size=7).map(
        lambda people: [{"name": f"P{i}", **p} for i, p in enumerate(people)]
    )


@st.composite
def profile_data(draw: st.DrawFn) -> dict[str, Any]:
    """A valid profile as plain data: every enum and yes/no answer drawn, numbers in range."""
    data: dict[str, Any] = {"company": {"name": draw(st.sampled_from(["Alba", "Ñandú & Co"]))}}
    for path, kind in profile_fields().items():
        if kind.kind not in ("enum", "bool") or path == "schema_version":
            continue
        value = draw(st.sampled_from(kind.values) if kind.kind == "enum" else st.booleans())
        section, _, name = path.rpartition(".")
        target = data
        for part in section.split("."):
            target = target.setdefault(part, {})
        target[name] = value
    data["company"]["locations"] = draw(st.sampled_from([0, 1, 3, 40]))
    data["customers"]["active"] = draw(st.sampled_from([0, 40, 900, 2500, 30_000, 90_000]))
    data["customers"]["faq_share"] = draw(st.sampled_from([0.0, 0.1, 0.3, 0.45, 0.5, 0.8, 1.0]))
    data["organization"]["departments"] = draw(st.sampled_from([1, 2, 3, 4, 5, 9]))
    data["demand"]["contacts_per_month"] = {ch: draw(COUNTS) for ch in CHANNELS}
    data["staff"] = draw(_staff())
    return data


@pytest.fixture(scope="module")
def favour() -> Engine:
    """Packaged rules plus, for every model, a +7 rule that fires when ``extra.favour`` names
    it: switching that answer on is adding one favourable condition and nothing else."""
    rules = "\n".join(
        textwrap.dedent(
            f"""\
            - id: favour-{model}
              model: {model}
              points: 7
              when: {{field: extra.favour, eq: {model}}}
              text: {{es: a favor, en: in favour}}
            """
        )
        for model in MODEL_IDS
    )
    text = "kind: rules\nrules:\n" + textwrap.indent(rules, "  ")
    return Engine(build([*packaged_files(), ("favour.yaml", text)]))


@FAST
@given(profile_data())
def test_scores_stay_within_0_and_100(engine: Engine, data: dict[str, Any]) -> None:
    evaluation = engine.evaluate(profile_from_data(data, "<generated>"))
    assert sorted(evaluation.ranking) == sorted(MODEL_IDS)
    for score in evaluation.scores.values():
        assert 0.0 <= score.score <= 100.0
    feasible = [evaluation.scores[m].feasible for m in evaluation.ranking]
    assert feasible == sorted(feasible, reverse=True)


@FAST
@given(profile_data(), st.sampled_from(MODEL_IDS))
def test_a_favourable_condition_never_lowers_its_models_score(
    favour: Engine, data: dict[str, Any], model: str
) -> None:
    before = favour.evaluate(profile_from_data(data, "<generated>")).scores[model]
    favoured = {**data, "extra": {"favour": model}}
    after = favour.evaluate(profile_from_data(favoured, "<generated>")).scores[model]
    assert after.score >= before.score
    assert after.feasible == before.feasible
    assert f"favour-{model}" in {f.rule.id for f in after.fired}


@settings(max_examples=20, deadline=None, derandomize=True)
@given(profile_data())
def test_same_input_gives_identical_json(kb: KnowledgeBase, data: dict[str, Any]) -> None:
    first = advise(profile_from_data(data, "<generated>"), kb, "en").model_dump_json()
    second = advise(profile_from_data(data, "<generated>"), kb, "en").model_dump_json()
    assert first == second


ODDS: list[Any] = [None, True, False, 0, 3, 2.5, "high", "zz", ["es"], [], {}]
ODD_VALUES = st.sampled_from(ODDS)


@FAST
@given(profile_data(), st.dictionaries(st.sampled_from(sorted(profile_fields())), ODD_VALUES))
def test_compiled_predicates_answer_as_the_tree_walker(
    engine: Engine, data: dict[str, Any], odd: dict[str, Any]
) -> None:
    """The closures the engine scores with agree with ``evaluate`` on every packaged rule,
    for real contexts and for contexts with missing, wrongly typed or unknown values."""
    from modelo_servicio.engine.conditions import evaluate

    ctx = engine.facts.context(profile_from_data(data, "p.yaml"))
    for values in (ctx, {**ctx, **odd}):
        for rule in engine.all_rules():
            assert rule.test(values) == evaluate(rule.node, values), rule.id


def test_every_operator_and_type_agrees_with_the_tree_walker() -> None:
    """Each operator on each kind of field, against values of every type and a missing one."""
    from modelo_servicio.domain.fields import FieldType
    from modelo_servicio.engine.conditions import Leaf, Not, evaluate, predicate

    level = FieldType("enum", ("low", "medium", "high"), ordered=True)
    kinds: list[tuple[FieldType, list[Any]]] = [
        (FieldType("int", lo=0), [1, 5, [1, 5], [2, 3]]),
        (FieldType("float", lo=0, hi=1), [0.5, [0.2, 0.6]]),
        (level, ["medium", ["low", "medium"], ["medium", "high"]]),
        (FieldType("enum", ("a", "b")), ["a", ["a", "b"]]),
        (FieldType("bool"), [True, False]),
        (FieldType("list"), ["es"]),
        (FieldType("any"), ["x", 3, True]),
    ]
    actuals: list[Any] = [None, True, False, 0, 1, 3, 5, 0.5, 2.5, "low", "medium", "high", "a"]
    actuals += ["zz", ["es"], ["en"], [], {}]
    checked = 0
    for kind, values in kinds:
        for op in COMPARISONS:
            for value in values:
                if isinstance(value, list) != (op in ("in", "not_in", "between")):
                    continue
                if op == "between" and len(value) != 2:
                    continue
                leaf = Leaf("x", op, value, kind)
                for node in (leaf, Not(leaf)):
                    test = predicate(node)
                    for actual in actuals:
                        ctx = {} if actual is None else {"x": actual}
                        assert test(ctx) == evaluate(node, ctx), (kind.kind, op, value, actual)
                        checked += 1
    assert checked > 1000
