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
from modelo_servicio.domain.fields import FieldType, profile_fields
from modelo_servicio.domain.profile_io import profile_from_data
from modelo_servicio.engine.conditions import COMPARISONS
from modelo_servicio.engine.scoring import Engine
from modelo_servicio.knowledge.loader import KnowledgeBase, build, packaged_files

from .conftest import packaged_advisor

CATALOGUE = packaged_advisor().catalogue
CHANNELS, MODEL_IDS, SKILLS = CATALOGUE.channels, CATALOGUE.models, CATALOGUE.skills

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
    for path, kind in profile_fields(CATALOGUE).items():
        if kind.kind not in ("enum", "bool") or path in ("schema_version",):
            continue
        if path.startswith("customers.segments."):
            continue  # drawn below, whole segments with their shares
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
    if data["customers"]["segment"] == "both" and draw(st.booleans()):
        data["customers"]["segments"] = draw(_segments())
    return data


def _segments() -> st.SearchStrategy[dict[str, Any]]:
    """One or both customer segments described, with shares adding up to 1."""
    fields = profile_fields(CATALOGUE)

    def answers(prefix: str) -> st.SearchStrategy[dict[str, Any]]:
        own = {
            path.rpartition(".")[2]: st.sampled_from(kind.values)
            for path, kind in fields.items()
            if path.startswith(prefix) and kind.kind == "enum"
        }
        return st.fixed_dictionaries(
            {},
            optional={
                **own,
                "active": st.sampled_from([0, 30, 800, 20_000]),
                "channels": st.lists(st.sampled_from(CHANNELS), min_size=1, max_size=4),
            },
        )

    @st.composite
    def build(draw: st.DrawFn) -> dict[str, Any]:
        share = draw(st.sampled_from([0.05, 0.2, 0.35, 0.5, 0.8]))
        out = {"businesses": {"share": share, **draw(answers("customers.segments.businesses."))}}
        if draw(st.booleans()):
            rest = round(1 - share, 2)
            out["consumers"] = {"share": rest, **draw(answers("customers.segments.consumers."))}
        return out

    return build()


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
@given(
    profile_data(), st.dictionaries(st.sampled_from(sorted(profile_fields(CATALOGUE))), ODD_VALUES)
)
def test_a_rule_fires_exactly_when_no_comparison_fails(
    engine: Engine, data: dict[str, Any], odd: dict[str, Any]
) -> None:
    """``explain``'s failed comparisons and the scoring agree on every packaged rule, for real
    contexts and for contexts with missing, wrongly typed or unknown values: a rule fires iff
    none failed, and each failure is a comparison of that rule that decided against it."""
    from modelo_servicio.engine.conditions import failures, paths

    ctx = engine.facts.context(profile_from_data(data, "p.yaml"))
    for values in (ctx, {**ctx, **odd}):
        for rule in engine.all_rules():
            failed = failures(rule.node, values)
            assert rule.test(values) == (failed == []), rule.id
            for failure in failed:
                assert failure.leaf.path in paths(rule.node)
                assert failure.leaf.test(values) == failure.negated, rule.id


LEVEL = FieldType("enum", ("low", "medium", "high"), ordered=True)
SEMANTICS: list[tuple[FieldType, str, Any, Any, bool]] = [
    (FieldType("int", lo=0), "gt", 1, 3, True),
    (FieldType("int", lo=0), "gt", 1, True, False),  # a yes/no answer is no number
    (FieldType("int", lo=0), "gt", 1, "zz", False),  # a wrongly typed value satisfies nothing
    (FieldType("int", lo=0), "between", [2, 3], 3, True),
    (FieldType("int", lo=0), "in", [1, 5], 5, True),
    (FieldType("float", lo=0, hi=1), "lte", 0.5, 0.5, True),
    (FieldType("float", lo=0, hi=1), "lt", 0.5, 0.5, False),
    (LEVEL, "gte", "medium", "high", True),
    (LEVEL, "gte", "medium", "low", False),
    (LEVEL, "gte", "medium", "zz", False),
    (LEVEL, "between", ["low", "medium"], "high", False),
    (FieldType("enum", ("a", "b")), "eq", "a", None, False),  # missing: only ne and not_in
    (FieldType("enum", ("a", "b")), "ne", "a", None, True),
    (FieldType("enum", ("a", "b")), "not_in", ["a"], None, True),
    (FieldType("bool"), "eq", True, 1, True),
    (FieldType("list"), "contains", "es", ["en", "es"], True),
    (FieldType("list"), "contains", "es", "es", False),
    (FieldType("any"), "eq", 3, 3, True),
]


@pytest.mark.parametrize(("kind", "op", "value", "actual", "holds"), SEMANTICS)
def test_each_operator_means_what_the_rule_files_say(
    kind: FieldType, op: str, value: Any, actual: Any, holds: bool
) -> None:
    from modelo_servicio.engine.conditions import Leaf, Not, failures

    leaf = Leaf("x", op, value, kind)
    ctx = {} if actual is None else {"x": actual}
    assert leaf.test(ctx) is holds
    assert Not(leaf).test(ctx) is not holds
    assert (failures(leaf, ctx) == []) is holds
    assert (failures(Not(leaf), ctx) == []) is not holds


def test_every_operator_and_type_explains_exactly_when_it_fails() -> None:
    """Each operator on each kind of field, against values of every type and a missing one,
    alone, negated and in groups: ``failures`` is empty exactly when the test holds, and a
    compiled condition survives pickling (a cached Advisor) with the same answers."""
    import pickle

    from modelo_servicio.engine.conditions import All, AnyOf, Leaf, Node, Not, failures

    kinds: list[tuple[FieldType, list[Any]]] = [
        (FieldType("int", lo=0), [1, 5, [1, 5], [2, 3]]),
        (FieldType("float", lo=0, hi=1), [0.5, [0.2, 0.6]]),
        (LEVEL, ["medium", ["low", "medium"], ["medium", "high"]]),
        (FieldType("enum", ("a", "b")), ["a", ["a", "b"]]),
        (FieldType("bool"), [True, False]),
        (FieldType("list"), ["es"]),
        (FieldType("any"), ["x", 3, True]),
    ]
    actuals: list[Any] = [None, True, False, 0, 1, 3, 5, 0.5, 2.5, "low", "medium", "high", "a"]
    actuals += ["zz", ["es"], ["en"], [], {}]
    other = Leaf("y", "eq", 1, FieldType("int"))
    checked = 0
    for kind, values in kinds:
        for op in COMPARISONS:
            for value in values:
                if isinstance(value, list) != (op in ("in", "not_in", "between")):
                    continue
                if op == "between" and len(value) != 2:
                    continue
                leaf = Leaf("x", op, value, kind)
                nodes: list[Node] = [leaf, Not(leaf), All((leaf, other)), AnyOf((leaf, Not(other)))]
                for node in nodes:
                    copy: Node = pickle.loads(pickle.dumps(node))
                    assert copy == node
                    for actual in actuals:
                        for y in (1, 2):
                            ctx = {"y": y} if actual is None else {"x": actual, "y": y}
                            assert node.test(ctx) == (failures(node, ctx) == [])
                            assert copy.test(ctx) == node.test(ctx)
                            checked += 1
    assert checked > 4000
