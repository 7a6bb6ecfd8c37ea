"""Robustness: margin, the single-answer changes that flip the recommendation, the verdict.

The fast re-scoring is checked against the slow truth: a full ``Engine.evaluate`` of every
changed profile, on hand-made and on generated profiles.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any, cast

import pytest
from hypothesis import given, settings
from pydantic import BaseModel, RootModel

from modelo_servicio.app.advisor import advise
from modelo_servicio.domain.errors import RuleError
from modelo_servicio.domain.profile import Profile
from modelo_servicio.domain.profile_io import load_profile, profile_from_data
from modelo_servicio.domain.result import Sensitivity
from modelo_servicio.engine.scoring import Engine, Evaluation
from modelo_servicio.engine.sensitivity import Flip, Plans, analyse, changes
from modelo_servicio.knowledge.loader import KnowledgeBase, build, packaged_files
from modelo_servicio.knowledge.schema import Settings

from .conftest import PROFILES, packaged_advisor
from .test_properties import profile_data

HINGES_ON_BUDGET: dict[str, Any] = {
    "company": {"name": "Estudio Norte"},
    "customers": {"ticket": "high", "journey": "consultative", "preference": "fast", "active": 800},
    "organization": {"service_level_goal": "exceeds"},
    "constraints": {"budget": "high", "hiring": "open"},
    "demand": {"contacts_per_month": {"in_person": 600, "phone": 300}},
    "staff": [{"name": "Ana"}, {"name": "Luis"}],
}
HINGES_ON_HIRING: dict[str, Any] = {
    "company": {"name": "Joyas Sur"},
    "customers": {
        "ticket": "luxury",
        "journey": "consultative",
        "preference": "personal",
        "active": 1000,
    },
    "constraints": {"budget": "low", "hiring": "limited"},
    "demand": {"contacts_per_month": {"in_person": 600, "phone": 300}},
    "staff": [{"name": "Ana"}],
}
SOLID: dict[str, Any] = {
    **HINGES_ON_BUDGET,
    "customers": {
        "ticket": "high",
        "journey": "consultative",
        "preference": "personal",
        "active": 1000,
    },
    "organization": {},
    "constraints": {"budget": "medium"},
    "staff": [{"name": "Ana"}],
}


def replaced(profile: Profile, path: str, value: Any) -> Profile:
    """``profile`` with one answer changed, through the pydantic model (the slow way)."""

    def go(model: BaseModel, parts: list[str]) -> BaseModel:
        head, *rest = parts
        if isinstance(model, RootModel):  # keyed by ids: contacts, handle times, skills
            return model.model_copy(update={"root": {**model.root, head: value}})
        new = value if not rest else go(getattr(model, head), rest)
        return model.model_copy(update={head: new})

    return cast(Profile, go(profile, path.split(".")))


def reference(engine: Engine, evaluation: Evaluation) -> list[tuple[str, Any, str]]:
    """The slow truth: every change applied to the profile and fully re-evaluated."""
    top = evaluation.ranking[0]
    out = []
    for path, value in changes(evaluation.profile, engine.settings, engine.catalogue):
        model = engine.evaluate(replaced(evaluation.profile, path, value)).ranking[0]
        if model != top:
            out.append((path, value, model))
    return sorted(out, key=repr)


def flips_of(engine: Engine, data: dict[str, Any]) -> list[Flip]:
    return analyse(Plans(engine), engine.evaluate(profile_from_data(data, "<test>"))).flips


def test_a_recommendation_that_hinges_on_budget_says_so(engine: Engine) -> None:
    evaluation = engine.evaluate(profile_from_data(HINGES_ON_BUDGET, "<test>"))
    assert evaluation.ranking[:2] == ["in-depth", "one-team"]
    solid = analyse(Plans(engine), evaluation)
    assert solid.flips[:1] == [Flip("constraints.budget", "low", "high", "one-team")]
    assert solid.margin == evaluation.margin == 7.0
    assert not solid.robust


def test_a_recommendation_that_hinges_on_hiring_is_fragile_despite_its_margin(
    engine: Engine,
) -> None:
    evaluation = engine.evaluate(profile_from_data(HINGES_ON_HIRING, "<test>"))
    solid = analyse(Plans(engine), evaluation)
    assert evaluation.ranking[0] == "in-depth"
    assert solid.margin >= engine.settings.robust_margin
    assert solid.flips[0] == Flip("constraints.hiring", "none", "limited", "one-team")
    assert not solid.robust


def test_a_clear_lead_with_no_flip_on_constraints_or_estimates_is_robust(engine: Engine) -> None:
    evaluation = engine.evaluate(profile_from_data(SOLID, "<test>"))
    solid = analyse(Plans(engine), evaluation)
    assert solid.margin >= engine.settings.robust_margin
    assert solid.robust
    assert solid.flips, "the business answers that would change the model are still listed"
    assert not any(f.field.startswith(("constraints.", "demand.")) for f in solid.flips)


def test_the_result_carries_margin_verdict_and_sensitivity(kb: KnowledgeBase) -> None:
    result = advise(profile_from_data(HINGES_ON_BUDGET, "<test>"), kb, "en")
    assert result.recommendation.margin == 7.0
    assert result.recommendation.robust is False
    assert result.sensitivity[0] == Sensitivity(
        field="constraints.budget", value="low", model="one-team", current="high"
    )
    data = result.model_dump(mode="json")
    assert data["sensitivity"][0] == {
        "field": "constraints.budget",
        "value": "low",
        "model": "one-team",
        "current": "high",
    }


@pytest.mark.parametrize("data", [HINGES_ON_BUDGET, HINGES_ON_HIRING, SOLID])
def test_fast_rescoring_agrees_with_full_evaluation(engine: Engine, data: dict[str, Any]) -> None:
    evaluation = engine.evaluate(profile_from_data(data, "<test>"))
    fast = sorted(((f.field, f.value, f.model) for f in flips_of(engine, data)), key=repr)
    assert fast == reference(engine, evaluation)


@pytest.mark.parametrize("path", sorted(PROFILES.glob("*.yaml")), ids=lambda p: p.stem)
def test_fast_rescoring_agrees_on_the_example_profiles(engine: Engine, path: Path) -> None:
    """One profile per model, the hybrid among them: the bound that skips the hybrid's second
    pass and the per-answer plans must give exactly what a full evaluation gives."""
    evaluation = engine.evaluate(load_profile(path))
    fast = sorted(
        ((f.field, f.value, f.model) for f in analyse(Plans(engine), evaluation).flips), key=repr
    )
    assert fast == reference(engine, evaluation)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(profile_data())
def test_fast_rescoring_agrees_on_generated_profiles(engine: Engine, data: dict[str, Any]) -> None:
    evaluation = engine.evaluate(profile_from_data(data, "<generated>"))
    solid = analyse(Plans(engine), evaluation)
    fast = sorted(((f.field, f.value, f.model) for f in solid.flips), key=repr)
    assert fast == reference(engine, evaluation)
    assert solid == analyse(Plans(engine), evaluation)
    for flip in solid.flips:
        assert flip.current == evaluation.context[flip.field]


def profile(**sections: Any) -> Profile:
    return profile_from_data({"company": {"name": "T"}, **sections}, "<test>")


def options(p: Profile, path: str, settings: Settings | None = None) -> list[Any]:
    policy = settings or packaged_advisor().kb.settings.model_copy(update=POLICY)
    return [v for f, v in changes(p, policy, packaged_advisor().catalogue) if f == path]


POLICY: dict[str, Any] = {
    "sensitivity_steps": [0.5, 2.0],
    "sensitivity_scaled": ["customers.active", "organization.departments", "demand.*"],
    "sensitivity_shifts": {"customers.faq_share": 0.2},
}


def test_enum_and_yes_no_answers_try_every_other_value() -> None:
    p = profile(customers={"ticket": "high"}, constraints={"hiring": "none"})
    assert options(p, "customers.ticket") == ["low", "medium", "luxury"]
    assert options(p, "constraints.hiring") == ["limited", "open"]
    assert options(p, "company.sells_online") == [True]
    assert options(p, "company.name") == options(p, "schema_version") == []


def test_numbers_move_by_the_configured_steps_within_their_range() -> None:
    p = profile(
        customers={"active": 1, "faq_share": 0.9},
        organization={"departments": 1},
        demand={"contacts_per_month": {"phone": 5}},
    )
    assert options(p, "customers.active") == [2]
    assert options(p, "organization.departments") == [2]
    assert options(p, "customers.faq_share") == [0.7, 1.0]
    assert options(p, "demand.contacts_per_month.phone") == [3, 10]
    assert options(p, "demand.contacts_per_month.email") == []
    assert options(p, "company.locations") == []
    assert options(profile(customers={"faq_share": 0.1}), "customers.faq_share") == [0.0, 0.3]


def kb_with_settings(text: str) -> KnowledgeBase:
    return build([*packaged_files(), ("mine.yaml", textwrap.dedent(text))])


def test_the_verdict_follows_the_settings() -> None:
    lenient = Engine(kb_with_settings("kind: settings\nsettings: {robust_fields: []}\n"))
    evaluation = lenient.evaluate(profile_from_data(HINGES_ON_HIRING, "<test>"))
    assert analyse(Plans(lenient), evaluation).robust
    strict = Engine(kb_with_settings("kind: settings\nsettings: {robust_margin: 60}\n"))
    evaluation = strict.evaluate(profile_from_data(SOLID, "<test>"))
    assert not analyse(Plans(strict), evaluation).robust


def test_a_settings_path_that_matches_no_answer_is_a_located_error() -> None:
    with pytest.raises(RuleError) as caught:
        kb_with_settings(
            """
            kind: settings
            settings:
              sensitivity_scaled: [customers.actve]
            """
        )
    assert [str(p) for p in caught.value.problems] == [
        "mine.yaml:4: settings.sensitivity_scaled: no profile field matches: customers.actve"
    ]
