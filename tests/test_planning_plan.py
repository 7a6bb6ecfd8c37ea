"""Whole plans for realistic companies: complete, within the constraints, dated, costed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from modelo_servicio.cli.app import app
from modelo_servicio.domain import yamlio
from modelo_servicio.domain.plan_model import Plan
from modelo_servicio.domain.profile import Profile

from .conftest import packaged_advisor

ROOT = Path(__file__).resolve().parent.parent

ALL_FOURS = dict.fromkeys(
    ("product", "empathy", "problem_solving", "writing", "speaking", "technology", "multitasking"),
    4,
)

JEWELLER: dict[str, Any] = {
    "company": {"name": "Joyería Alba", "locations": 3, "sells_online": True},
    "customers": {
        "active": 1200,
        "ticket": "luxury",
        "journey": "consultative",
        "preference": "personal",
        "languages": ["es", "en"],
    },
    "demand": {
        "contacts_per_month": {"in_person": 1500, "phone": 800, "email": 300, "social": 50},
        "handle_minutes": {"phone": 6},
    },
    "organization": {
        "current_model": "one-to-one",
        "service_level_now": "meets",
        "service_level_goal": "exceeds",
        "knowledge_base": "basic",
    },
    "staff": [
        {
            "name": "Ana",
            "channels": ["in_person", "phone"],
            "skills": {**ALL_FOURS, "product": 5, "empathy": 5, "technology": 2},
        },
        {
            "name": "Bruno",
            "channels": ["in_person"],
            "skills": ALL_FOURS,
            "languages": ["es", "en"],
        },
        {"name": "Carla", "hours_per_week": 30, "channels": ["in_person"], "skills": ALL_FOURS},
        {
            "name": "Diego",
            "channels": ["phone", "email"],
            "skills": {**ALL_FOURS, "product": 3, "writing": 2},
            "open_to_training": False,
        },
    ],
    "constraints": {
        "budget": "high",
        "hiring": "limited",
        "max_new_hires": 3,
        "weeks": 12,
        "monthly_budget": 30000,
        "cost_per_fte_month": 3200,
    },
}

CALL_CENTRE: dict[str, Any] = {
    "company": {"name": "Telco Norte", "locations": 0, "sells_online": True},
    "customers": {"active": 90000, "ticket": "low", "preference": "fast", "faq_share": 0.4},
    "demand": {"contacts_per_month": {"phone": 30000, "email": 4000}, "coverage": "extended"},
    "organization": {"departments": 2, "current_model": "one-to-one"},
    "staff": [
        {"name": f"Agente {i}", "channels": ["phone"], "skills": ALL_FOURS} for i in range(1, 9)
    ],
    "constraints": {"budget": "low", "hiring": "none", "weeks": 8},
}

TOWN_HALL: dict[str, Any] = {
    "company": {"name": "Ayuntamiento", "locations": 1},
    "customers": {"active": 40000, "segment": "both", "complexity": "high", "languages": ["es"]},
    "demand": {"contacts_per_month": {"in_person": 3000, "phone": 6000, "email": 2500}},
    "organization": {
        "departments": 8,
        "inquiry_variety": "high",
        "service_level_now": "unsatisfactory",
        "service_level_goal": "meets",
        "knowledge_base": "none",
    },
    "staff": [
        {"name": "Eva", "channels": ["in_person", "phone"], "skills": ALL_FOURS},
        {"name": "Joan", "channels": ["phone"], "skills": {**ALL_FOURS, "product": 5}},
        {"name": "Pilar", "channels": ["email"], "skills": {**ALL_FOURS, "speaking": 3}},
    ],
    "constraints": {"hiring": "open", "weeks": 16},
}

WORKSHOP: dict[str, Any] = {
    "company": {"name": "Taller Bici", "locations": 1, "field_service": True},
    "customers": {"active": 600, "preference": "personal"},
    "demand": {"contacts_per_month": {"in_person": 400, "phone": 150, "on_site": 40, "email": 60}},
    "organization": {"current_model": "one-team"},
    "staff": [
        {
            "name": "Iker",
            "channels": ["in_person", "phone", "on_site"],
            "skills": {**ALL_FOURS, "product": 5, "problem_solving": 5},
        },
        {"name": "June", "channels": ["in_person", "phone", "email"], "skills": ALL_FOURS},
    ],
    "constraints": {"budget": "low", "hiring": "none", "weeks": 6},
}

SAAS: dict[str, Any] = {
    "company": {"name": "Nube", "locations": 0, "sells_online": True},
    "customers": {"segment": "businesses", "preference": "self_serve", "faq_share": 0.7},
    "demand": {
        "contacts_per_month": {"chat": 2500, "email": 3000, "self_service": 40000, "social": 200},
        "coverage": "always",
    },
    "constraints": {"hiring": "open", "max_new_hires": 6, "weeks": 12},
}

PROFILES = {
    "jeweller": JEWELLER,
    "call-centre": CALL_CENTRE,
    "town-hall": TOWN_HALL,
    "workshop": WORKSHOP,
    "saas": SAAS,
}


def plan_for(data: dict[str, Any], lang: str = "es") -> Plan:
    profile = Profile.model_validate(data)
    return packaged_advisor().advise(profile, "en" if lang == "en" else "es").plan


def assert_complete(plan: Plan, profile: Profile) -> None:
    assert plan.staffing.channels
    assert plan.staffing.roles
    assert plan.phases
    assert plan.kpis
    assert all(p.tasks for p in plan.phases)
    assert all(k.target for k in plan.kpis)
    assert plan.timeline is not None
    if profile.staff:
        assert len(plan.assignments) == len(profile.staff)
    skills = {p.name: p.skills for p in profile.staff}
    for item in plan.training:
        if item.action == "train" and item.staff is not None and ":" not in item.skill:
            assert item.current is not None
            assert skills[item.staff].level(item.skill) == item.current < item.required
    allowed = profile.constraints.max_new_hires
    if profile.constraints.hiring == "none":
        allowed = 0
    if allowed is not None:
        assert plan.staffing.hires <= allowed
    assert plan.staffing.hires == sum(r.hires for r in plan.staffing.roles)
    if plan.staffing.hires_needed > plan.staffing.hires:
        assert plan.staffing.uncovered
        assert plan.notes


@pytest.mark.parametrize("name", sorted(PROFILES))
@pytest.mark.parametrize("lang", ["es", "en"])
def test_realistic_profiles_get_a_complete_plan(name: str, lang: str) -> None:
    profile = Profile.model_validate(PROFILES[name])
    assert_complete(plan_for(PROFILES[name], lang), profile)


def example_profiles() -> list[Path]:
    return sorted((ROOT / "profiles").glob("*.yaml"))


@pytest.mark.parametrize("path", example_profiles(), ids=lambda p: p.name)
def test_example_profiles_get_a_complete_plan(path: Path) -> None:
    for doc in yamlio.load_file(path):
        profile = Profile.model_validate(doc.data)
        assert_complete(packaged_advisor().advise(profile, "es").plan, profile)


def test_no_hiring_means_no_hires_and_says_what_stays_uncovered() -> None:
    plan = plan_for(CALL_CENTRE)
    assert plan.staffing.hires == 0
    assert plan.staffing.hire_limit == 0
    assert plan.staffing.hires_needed > 0
    assert all(r.hires == 0 for r in plan.staffing.roles)
    assert {u.role for u in plan.staffing.uncovered} <= {r.role for r in plan.staffing.roles}
    assert sum(u.fte for u in plan.staffing.uncovered) > 20
    assert all(u.fte > 0 and u.reason for u in plan.staffing.uncovered if ":" not in u.role)
    assert any("contratar" in n for n in plan.notes)
    assert not any(p.id == "hiring" for p in plan.phases)


def test_hire_cap_is_respected_and_the_rest_is_stated() -> None:
    plan = plan_for(JEWELLER)
    assert plan.staffing.hires == 3
    assert plan.staffing.hires_needed > 3
    short = sum(r.uncovered_fte for r in plan.staffing.roles)
    assert short == pytest.approx(sum(u.fte for u in plan.staffing.uncovered))
    assert short > 0


def test_limited_hiring_without_a_cap_uses_the_default_cap() -> None:
    data = {**JEWELLER, "constraints": {**JEWELLER["constraints"], "max_new_hires": None}}
    plan = plan_for(data)
    assert plan.staffing.hire_limit == 2
    assert plan.staffing.hires == 2


def test_open_hiring_without_a_cap_hires_what_is_needed() -> None:
    data = {**JEWELLER, "constraints": {"hiring": "open", "weeks": 20}}
    plan = plan_for(data)
    assert plan.staffing.hire_limit is None
    assert plan.staffing.hires == plan.staffing.hires_needed > 0
    assert not plan.staffing.uncovered


def test_in_depth_needs_account_managers() -> None:
    plan = plan_for(JEWELLER)
    assert plan.models == ["in-depth"]
    manager = next(r for r in plan.staffing.roles if r.role == "account_manager")
    assert set(manager.channels) >= {"in_person", "phone", "email"}
    assert manager.required_fte >= 1200 / 250


def test_redirected_needs_a_triage_desk_and_specialists() -> None:
    plan = plan_for(TOWN_HALL)
    assert plan.models == ["redirected"]
    roles = {r.role: r for r in plan.staffing.roles}
    assert {"triage_desk", "specialist"} <= set(roles)
    assert roles["specialist"].required_fte >= 8 / 2


def test_phases_follow_the_steps_and_fit_the_weeks() -> None:
    plan = plan_for({**TOWN_HALL, "constraints": {"hiring": "open", "weeks": 26}})
    ids = [p.id for p in plan.phases]
    by = {p.id: p for p in plan.phases}
    assert ids[0] in ("needs", "team", "quick-wins")
    assert by["quick-wins"].start_week == 1
    assert by["needs"].end_week < by["decide"].start_week
    assert by["team"].end_week < by["training"].start_week
    assert by["training"].start_week <= by["hiring"].start_week
    assert by["launch"].start_week > max(by["training"].end_week, by["hiring"].end_week)
    assert by["survey"].start_week > by["launch"].end_week
    assert plan.timeline is not None and plan.timeline.fits
    assert max(p.end_week for p in plan.phases) <= 26


def test_a_tight_deadline_is_compressed_then_flagged() -> None:
    roomy = plan_for({**TOWN_HALL, "constraints": {"hiring": "open", "weeks": 26}})
    tight = plan_for({**TOWN_HALL, "constraints": {"hiring": "open", "weeks": 11}})
    impossible = plan_for({**TOWN_HALL, "constraints": {"hiring": "open", "weeks": 3}})
    assert roomy.timeline is not None and tight.timeline is not None
    assert tight.timeline.fits and tight.timeline.compressed
    assert tight.timeline.weeks_needed < roomy.timeline.weeks_needed
    assert impossible.timeline is not None
    assert not impossible.timeline.fits
    assert impossible.timeline.weeks_needed > 3
    assert any("semanas" in n for n in impossible.notes)


def test_kpis_follow_channels_and_the_service_goal() -> None:
    plan = plan_for(JEWELLER)
    kpis = {k.id: k for k in plan.kpis}
    assert "80 %" in kpis["phone-service-level"].target
    assert "20 s" in kpis["phone-service-level"].target
    assert "24 h" in kpis["email-response"].target
    assert "counter-wait" in kpis
    assert "chat-service-level" not in kpis
    assert "moments-of-truth" in kpis  # the goal is "exceeds"
    assert "92 %" in kpis["satisfaction"].target
    survey = next(p for p in plan.phases if p.id == "survey")
    assert any("momentos de verdad" in task for task in survey.tasks)

    modest = plan_for(CALL_CENTRE, "en")
    ids = {k.id for k in modest.kpis}
    assert "moments-of-truth" not in ids
    assert "first-contact-resolution" in ids  # default goal: exceptional


def test_cost_against_the_budget() -> None:
    """One cost computation (``plan.costs``): the profile's cost per FTE prices every role,
    the budget is weighed there, and no note repeats (or contradicts) it."""
    plan = plan_for(JEWELLER)
    assert "cost" not in plan.model_dump()  # the old payroll-only estimate is gone
    costs = plan.costs
    assert costs is not None and costs.budget == 30000
    staff = [line for line in costs.lines if line.kind == "staff"]
    assert staff and all("3.200 €" in line.detail for line in staff)
    assert costs.fits is (costs.monthly["total"] <= 30000)
    assert costs.full_model_monthly >= costs.monthly["total"]
    assert not any("Coste mensual del equipo previsto" in n for n in plan.notes)

    tight = {**JEWELLER, "constraints": {**JEWELLER["constraints"], "monthly_budget": 10000}}
    over = plan_for(tight).costs
    assert over is not None and over.fits is False
    unpriced = plan_for(CALL_CENTRE).costs
    assert unpriced is not None and unpriced.budget is None and unpriced.fits is None


def test_same_input_same_plan() -> None:
    first = plan_for(JEWELLER).model_dump_json()
    assert plan_for(JEWELLER).model_dump_json() == first


def test_english_plan_has_no_spanish_or_missing_texts() -> None:
    plan = plan_for(JEWELLER, "en")
    text = plan.model_dump_json()
    assert "plan." not in text.replace("plan.yaml", "")
    assert "Gestor" not in text and "Account manager" in text
    assert all("{" not in task for p in plan.phases for task in p.tasks)
    assert all("{" not in k.target for k in plan.kpis)


def test_score_json_has_the_plan_keys_of_the_contract(tmp_path: Path) -> None:
    path = tmp_path / "alba.yaml"
    path.write_text(yamlio.dump({"schema_version": 1, **JEWELLER}), encoding="utf-8")
    result = CliRunner().invoke(app, ["score", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    plan = json.loads(result.stdout)["plan"]
    assert set(plan) >= {"staffing", "training", "phases", "kpis"}
    assert set(plan["staffing"]) >= {"channels", "roles", "hires"}
    channel = plan["staffing"]["channels"][0]
    assert set(channel) >= {"channel", "method", "agents", "fte", "assumptions"}
    assert {"busy_hour_contacts", "handle_minutes"} <= set(channel["assumptions"])
    role = plan["staffing"]["roles"][0]
    assert set(role) >= {"role", "required_fte", "current_fte", "gap_fte"}
    item = plan["training"][0]
    assert set(item) >= {"staff", "skill", "current", "required", "action", "module", "hours"}
    phase = plan["phases"][0]
    assert set(phase) >= {"name", "start_week", "end_week", "tasks"}
    assert set(plan["kpis"][0]) >= {"name", "target"}
    assert isinstance(plan["staffing"]["hires"], int)


def test_capped_hires_are_shared_among_the_roles_that_need_them() -> None:
    data = {
        "company": {"name": "Cadena", "locations": 6, "sells_online": True},
        "customers": {"faq_share": 0.5},
        "demand": {
            "contacts_per_month": {"in_person": 9000, "phone": 3000, "chat": 3000},
            "coverage": "extended",
        },
        "staff": [
            {"name": "Alicia", "channels": ["in_person"], "skills": ALL_FOURS},
            {"name": "Pedro", "channels": ["phone"], "skills": ALL_FOURS},
        ],
        "constraints": {"hiring": "open", "max_new_hires": 8},
    }
    plan = plan_for(data)
    assert plan.staffing.hires == 8
    gaps = [r for r in plan.staffing.roles if r.gap_fte > 1]
    assert len(gaps) >= 2
    assert all(r.hires >= 1 for r in gaps)
    biggest = max(gaps, key=lambda r: r.gap_fte)
    assert biggest.hires == max(r.hires for r in gaps)


def test_without_staff_a_small_role_goes_to_whoever_covers_a_bigger_one() -> None:
    """With no team recorded nobody can say it is a new hire's: the note names the role
    that takes it on, not a hire the plan does not make."""
    plan = plan_for(SAAS)
    owner = next(r for r in plan.staffing.roles if r.role == "kb_owner")
    assert owner.current_fte == 0
    assert owner.covered_by == "digital_agent"
    assert any("la asume quien cubra «Agente digital»" in n for n in plan.notes)
    assert not any("nueva contratación" in n for n in plan.notes)


@pytest.mark.parametrize("name", ["deportes-omnicanal.yaml", "joyeria-alba.yaml"])
def test_each_channel_names_the_planned_model_serving_it(name: str) -> None:
    """A hybrid's component owns its channels; a channel of no component goes to the first
    component whose model serves it; a single model serves the channels it lists."""
    from modelo_servicio.domain.profile_io import load_profile

    result = packaged_advisor().advise(load_profile(ROOT / "profiles" / name), "en")
    rec = result.recommendation
    owners = {ch: comp.model for comp in rec.components for ch in comp.channels}
    planned = [comp.model for comp in rec.components] or [rec.model]
    rows = result.plan.staffing.channels
    assert rows
    for row in rows:
        serving = [m for m in planned if row.channel in packaged_advisor().kb.models[m].channels]
        assert row.model == owners.get(row.channel, serving[0] if serving else None)
    rest = [row for row in rows if row.channel not in owners and row.contacts_per_month > 0]
    if rec.components and rest:
        assert {row.model for row in rest} - {None}
