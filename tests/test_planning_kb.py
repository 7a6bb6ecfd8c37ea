"""The plan's knowledge-base files: validated at load time, overridable by a consultancy."""

from __future__ import annotations

import pytest

from modelo_servicio.app.advisor import advise
from modelo_servicio.domain.errors import RuleError
from modelo_servicio.domain.profile import Profile
from modelo_servicio.knowledge import load_kb
from modelo_servicio.knowledge.loader import KnowledgeBase, build, packaged_files
from modelo_servicio.planning import kb as pkb


def with_file(text: str, name: str = "custom/extra.yaml") -> KnowledgeBase:
    return build([*packaged_files(), (name, text)])


def test_packaged_files_define_every_role_the_models_name() -> None:
    kb = load_kb()
    named = {r for m in kb.models.values() for r in m.roles}
    assert named == {
        "counter_agent",
        "phone_agent",
        "field_technician",
        "field_advisor",
        "account_manager",
        "generalist",
        "team_lead",
        "triage_desk",
        "specialist",
        "digital_agent",
        "kb_owner",
    }
    assert named <= set(pkb.roles(kb))
    for role in pkb.roles(kb).values():
        assert role.name.es and role.name.en and role.description.es and role.description.en
    settings = pkb.staffing_settings(kb)
    assert settings.concurrency_factors == {1: 1.0, 2: 1.7, 3: 2.5}
    assert set(pkb.coverages(kb)) == {"business_hours", "extended", "always"}


def test_a_missing_role_is_reported() -> None:
    with pytest.raises(RuleError) as caught:
        with_file("kind: roles\ndisable: [kb_owner]\n")
    text = str(caught.value)
    assert "kb_owner" in text
    assert "rules/models.yaml" in text


def test_an_unknown_phase_dependency_names_file_and_line() -> None:
    text = (
        "kind: plan\n"
        "plan_phases:\n"
        "  - id: extra\n"
        "    name: {es: Extra, en: Extra}\n"
        "    weeks: 1\n"
        "    after: [nowhere]\n"
    )
    with pytest.raises(RuleError) as caught:
        with_file(text)
    assert "custom/extra.yaml:3" in str(caught.value)
    assert "nowhere" in str(caught.value)


def test_a_method_without_its_inputs_is_rejected() -> None:
    text = "kind: staffing\nchannel_staffing:\n  - id: email\n    method: backlog\n"
    with pytest.raises(RuleError) as caught:
        with_file(text)
    assert "custom/extra.yaml" in str(caught.value)
    assert "response_hours" in str(caught.value)


def test_two_default_roles_for_a_channel_are_rejected() -> None:
    text = (
        "kind: roles\n"
        "roles:\n"
        "  - id: night_desk\n"
        "    name: {es: Guardia, en: Night desk}\n"
        "    description: {es: Atiende de noche, en: Serves at night}\n"
        "    channels: [phone]\n"
        "    default_for: [phone]\n"
    )
    with pytest.raises(RuleError) as caught:
        with_file(text)
    assert "phone" in str(caught.value)


def test_one_setting_can_be_overridden_alone() -> None:
    kb = with_file("kind: staffing\nstaffing:\n  shrinkage: 0.35\n")
    settings = pkb.staffing_settings(kb)
    assert settings.shrinkage == 0.35
    assert settings.busy_hour_share == 0.15
    profile = Profile.model_validate(
        {"company": {"name": "T", "locations": 0}, "demand": {"contacts_per_month": {"phone": 900}}}
    )
    phone = advise(profile, kb, "es").plan.staffing.channels[0]
    assert phone.assumptions["shrinkage"] == 0.35


def test_a_channel_default_can_be_replaced_by_id() -> None:
    text = (
        "kind: staffing\n"
        "channel_staffing:\n"
        "  - id: phone\n"
        "    method: erlang_c\n"
        "    handle_minutes: 7\n"
        "    answer_seconds: 30\n"
        "    profile_targets: true\n"
        "    pool: voice\n"
    )
    kb = with_file(text)
    profile = Profile.model_validate(
        {"company": {"name": "T", "locations": 0}, "demand": {"contacts_per_month": {"phone": 900}}}
    )
    phone = advise(profile, kb, "es").plan.staffing.channels[0]
    assert phone.assumptions["handle_minutes"] == 7
    assert phone.assumptions["answer_seconds"] == 30


def test_an_incomplete_settings_section_is_reported() -> None:
    files = [
        (name, text.replace("  shrinkage: 0.3\n", ""))
        if name.endswith("staffing.yaml")
        else (name, text)
        for name, text in packaged_files()
    ]
    with pytest.raises(RuleError) as caught:
        build(files)
    assert "staffing.shrinkage" in str(caught.value)
