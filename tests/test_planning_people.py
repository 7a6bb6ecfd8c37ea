"""Who takes which role, who gets which training, and what becomes a hire."""

from __future__ import annotations

from typing import Any

from modelo_servicio.domain.plan_model import Plan
from modelo_servicio.domain.profile import Profile

from .conftest import packaged_advisor

TECH = {
    "product": 4,
    "empathy": 4,
    "problem_solving": 3,
    "writing": 4,
    "speaking": 4,
    "technology": 5,
    "multitasking": 4,
}
FLOOR = {
    "product": 4,
    "empathy": 5,
    "problem_solving": 3,
    "writing": 2,
    "speaking": 5,
    "technology": 2,
    "multitasking": 3,
}


def person(name: str, skills: dict[str, int], **extra: Any) -> dict[str, Any]:
    return {"name": name, "channels": ["in_person"], "skills": skills, **extra}


def shop_and_web(staff: list[dict[str, Any]], **constraints: Any) -> dict[str, Any]:
    """The seed's example: a shop that adds online support."""
    return {
        "company": {"name": "Moda Sol", "locations": 2, "sells_online": True},
        "customers": {"active": 8000, "faq_share": 0.5, "languages": ["es"]},
        "demand": {
            "contacts_per_month": {
                "in_person": 2400,
                "chat": 1500,
                "email": 900,
                "self_service": 6000,
            },
        },
        "organization": {"current_model": "one-to-one", "knowledge_base": "basic"},
        "staff": staff,
        "constraints": {"hiring": "open", **constraints},
    }


def plan_for(data: dict[str, Any], lang: str = "es") -> tuple[Profile, Plan]:
    profile = Profile.model_validate(data)
    return profile, packaged_advisor().advise(profile, "en" if lang == "en" else "es").plan


def role_of(plan: Plan, name: str) -> str:
    return next(a.role for a in plan.assignments if a.staff == name)


def test_tech_savvy_counter_staff_are_ready_for_online() -> None:
    staff = [
        person("Lucía", TECH),
        person("Marcos", TECH),
        person("Nuria", FLOOR),
        person("Paula", FLOOR),
        person("Raúl", FLOOR),
    ]
    _, plan = plan_for(shop_and_web(staff))
    assert role_of(plan, "Lucía") == "digital_agent"
    assert role_of(plan, "Marcos") == "digital_agent"
    assert {role_of(plan, n) for n in ("Nuria", "Paula", "Raúl")} == {"counter_agent"}
    assert not [i for i in plan.training if i.staff in ("Lucía", "Marcos")]
    ready = {a.staff for a in plan.assignments if a.status == "ready"}
    assert {"Lucía", "Marcos"} <= ready
    quick = next(p for p in plan.phases if p.id == "quick-wins")
    assert any("Lucía" in task and "Marcos" in task for task in quick.tasks)


def test_never_training_for_someone_who_meets_the_level() -> None:
    staff = [
        person("Lucía", TECH),
        person("Nuria", FLOOR),
        person("Sara", {**FLOOR, "product": 2, "speaking": 3}),
        person("Tomás", {**TECH, "writing": 2}),
    ]
    profile, plan = plan_for(shop_and_web(staff))
    skills = {p.name: p.skills for p in profile.staff}
    trained = [i for i in plan.training if i.action == "train" and i.staff in skills]
    assert trained
    for item in trained:
        assert item.staff is not None
        assert item.current == skills[item.staff].level(item.skill)
        assert item.current < item.required
        assert item.hours > 0
        assert item.module


def test_not_open_to_training_moves_to_a_role_already_met() -> None:
    staff = [
        person("Lucía", TECH),
        person("Nuria", FLOOR),
        person("Paula", FLOOR),
        person("Raúl", FLOOR),
        # meets the counter's levels, not the chat's, and will not train
        person("Olga", FLOOR, open_to_training=False),
    ]
    data = shop_and_web(staff)
    data["company"]["locations"] = 1
    data["demand"]["contacts_per_month"]["in_person"] = 300
    data["organization"]["departments"] = 3  # counter and web desks, not one team
    _, plan = plan_for(data)
    # whichever model serves the counter, its role is full before Olga is placed
    counter = next(r for r in plan.staffing.roles if "in_person" in r.channels)
    assert counter.required_fte < 4
    olga = next(a for a in plan.assignments if a.staff == "Olga")
    assert olga.status == "reassign"
    assert olga.role == counter.role
    items = [i for i in plan.training if i.staff == "Olga"]
    assert items
    assert all(i.action == "reassign" and i.hours == 0 for i in items)
    assert all(i.role == "digital_agent" for i in items)


def test_skill_nobody_can_learn_becomes_a_hire() -> None:
    stubborn = {**FLOOR, "product": 2}
    staff = [person("Óscar", stubborn, open_to_training=False)]
    _, plan = plan_for(shop_and_web(staff))
    oscar = next(a for a in plan.assignments if a.staff == "Óscar")
    assert oscar.status == "hire_skill"
    hires = [i for i in plan.training if i.staff is None and i.skill == "product"]
    assert hires and hires[0].action == "hire"
    assert hires[0].current is None


def test_customer_language_nobody_speaks_is_a_gap() -> None:
    data = shop_and_web([person("Lucía", TECH), person("Nuria", FLOOR)])
    data["customers"]["languages"] = ["es", "fr"]
    _, plan = plan_for(data)
    gap = next(i for i in plan.training if i.skill == "language:fr")
    assert gap.staff is None
    assert gap.action == "hire"
    assert plan.staffing.hires > 0
    assert not [i for i in plan.training if i.skill == "language:es"]


def test_language_with_no_hiring_is_taught_or_left_uncovered() -> None:
    data = shop_and_web([person("Lucía", TECH), person("Nuria", FLOOR)], hiring="none")
    data["customers"]["languages"] = ["es", "de"]
    _, plan = plan_for(data)
    course = next(i for i in plan.training if i.skill == "language:de")
    assert course.action == "train"
    assert course.staff in ("Lucía", "Nuria")
    assert course.hours > 0

    closed = [
        person("Lucía", TECH, open_to_training=False),
        person("Nuria", FLOOR, open_to_training=False),
    ]
    data = shop_and_web(closed, hiring="none")
    data["customers"]["languages"] = ["es", "de"]
    _, plan = plan_for(data)
    gap = next(i for i in plan.training if i.skill == "language:de")
    assert gap.staff is None
    assert gap.action == "uncovered"
    assert "language:de" in {u.role for u in plan.staffing.uncovered}


def test_small_roles_become_part_of_a_week() -> None:
    staff = [person("Lucía", TECH), person("Nuria", FLOOR), person("Paula", FLOOR)]
    _, plan = plan_for(shop_and_web(staff))
    owner = next(r for r in plan.staffing.roles if r.role == "kb_owner")
    assert owner.required_fte < 1
    holders = [a for a in plan.assignments if "kb_owner" in a.duties]
    assert len(holders) == 1
    assert owner.current_fte == owner.required_fte


def test_current_fte_is_what_the_staff_supply() -> None:
    staff = [
        person("Lucía", TECH, hours_per_week=20),
        person("Nuria", FLOOR, hours_per_week=30),
        person("Paula", FLOOR),
    ]
    _, plan = plan_for(shop_and_web(staff))
    assert sum(r.current_fte for r in plan.staffing.roles) == 2.25
    assert sum(a.fte for a in plan.assignments) == 2.25
