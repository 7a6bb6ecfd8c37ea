"""Staffing per channel in the plan: the defaults used, the profile overrides, scale effects."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from modelo_servicio.domain.plan_model import ChannelStaffing, Plan
from modelo_servicio.domain.profile import Profile
from modelo_servicio.staffing import erlang_staff, fte

from .conftest import packaged_advisor


def plan_for(data: dict[str, Any]) -> Plan:
    profile = Profile.model_validate({"company": {"name": "Test"}, **data})
    return packaged_advisor().advise(profile, "es").plan


def row(plan: Plan, channel: str) -> ChannelStaffing:
    return next(c for c in plan.staffing.channels if c.channel == channel)


def phone_only(calls: int, **demand: Any) -> dict[str, Any]:
    return {
        "company": {"name": "Test", "locations": 0, "sells_online": True},
        "demand": {"contacts_per_month": {"phone": calls}, **demand},
    }


def test_phone_matches_an_independent_erlang_computation() -> None:
    plan = plan_for(phone_only(20000))
    phone = row(plan, "phone")
    # business hours: 21.7 open days, 9 h a day, 15% of a day in the busiest hour
    busy = 20000 / 21.7 * 0.15
    quiet = (20000 / 21.7 - busy) / 8
    kwargs: dict[str, Any] = {
        "interval_minutes": 60,
        "aht_seconds": 300,
        "service_level": 0.8,
        "answer_seconds": 20,
        "max_occupancy": 0.85,
        "shrinkage": 0.3,
    }
    peak = erlang_staff(contacts=busy, **kwargs)
    other = erlang_staff(contacts=quiet, **kwargs)
    seats = (peak.agents + 8 * other.agents) / 9
    expected = fte(seats, hours_open_per_week=45, contracted_hours=40, shrinkage=0.3).fte
    assert phone.method == "erlang_c"
    assert phone.agents == peak.agents
    assert phone.fte == pytest.approx(expected, abs=0.01)
    assert phone.assumptions["busy_hour_contacts"] == pytest.approx(busy, abs=0.05)
    assert phone.assumptions["handle_minutes"] == 5
    assert phone.results["service_level"] >= 0.8
    assert phone.from_profile == []


def test_every_default_is_printed_next_to_the_result() -> None:
    plan = plan_for(phone_only(3000))
    a = row(plan, "phone").assumptions
    for key in (
        "busy_hour_share",
        "busy_hour_contacts",
        "handle_minutes",
        "service_level_target",
        "answer_seconds",
        "max_occupancy",
        "coverage",
        "hours_open_per_week",
        "contracted_hours",
        "shrinkage",
        "days_per_month",
    ):
        assert key in a, key


def test_profile_overrides_are_used_and_marked() -> None:
    data = phone_only(
        3000,
        handle_minutes={"phone": 9},
        busy_hour_share=0.2,
        targets={"answer_seconds": 30},
    )
    phone = row(plan_for(data), "phone")
    assert phone.assumptions["handle_minutes"] == 9
    assert phone.assumptions["busy_hour_share"] == 0.2
    assert phone.assumptions["answer_seconds"] == 30
    assert {"handle_minutes", "busy_hour_share", "answer_seconds"} <= set(phone.from_profile)


@pytest.mark.parametrize(
    ("channel", "volume"),
    [("phone", 6000), ("chat", 4000), ("email", 3000), ("on_site", 400)],
)
def test_doubling_volume_roughly_doubles_staff(channel: str, volume: int) -> None:
    def staff(n: int) -> float:
        plan = plan_for(
            {
                "company": {"name": "Test", "locations": 0, "sells_online": True},
                "demand": {"contacts_per_month": {channel: n}},
            }
        )
        return row(plan, channel).fte

    single, double = staff(volume), staff(2 * volume)
    assert 1.5 * single < double <= 2 * single + 0.011  # FTE are rounded to 0.01


def test_live_queues_show_economies_of_scale() -> None:
    small = row(plan_for(phone_only(20000)), "phone").fte
    large = row(plan_for(phone_only(40000)), "phone").fte
    assert large < 2 * small


@pytest.mark.parametrize(
    "targets",
    [
        [{"service_level": 0.7}, {"service_level": 0.8}, {"service_level": 0.9}],
        [{"answer_seconds": 60}, {"answer_seconds": 20}, {"answer_seconds": 10}],
        [{"email_response_hours": 48}, {"email_response_hours": 8}, {"email_response_hours": 2}],
    ],
)
def test_stricter_target_never_lowers_staff(targets: list[dict[str, float]]) -> None:
    def total(target: dict[str, float]) -> tuple[float, float]:
        plan = plan_for(
            {
                "company": {"name": "Test", "locations": 0, "sells_online": True},
                "demand": {
                    "contacts_per_month": {"phone": 8000, "chat": 800, "email": 2000},
                    "targets": target,
                },
            }
        )
        channels = sum(c.fte for c in plan.staffing.channels)
        roles = sum(r.required_fte for r in plan.staffing.roles)
        return channels, roles

    results = [total(t) for t in targets]
    for looser, stricter in itertools.pairwise(results):
        assert stricter[0] >= looser[0] - 1e-9
        assert stricter[1] >= looser[1] - 1e-9
    assert results[-1] > results[0]


def test_longer_coverage_needs_more_staff() -> None:
    by = {
        cov: row(plan_for(phone_only(5000, coverage=cov)), "phone").fte
        for cov in ("business_hours", "extended", "always")
    }
    assert by["business_hours"] < by["extended"] < by["always"]


def test_walk_in_counters_are_one_queue_per_location() -> None:
    def counter(locations: int) -> ChannelStaffing:
        data = {
            "company": {"name": "Test", "locations": locations},
            "demand": {"contacts_per_month": {"in_person": 3000}},
        }
        return row(plan_for(data), "in_person")

    one, three = counter(1), counter(3)
    assert three.assumptions["locations"] == 3
    assert "locations" not in one.assumptions
    assert three.agents % 3 == 0
    assert three.agents > one.agents


def test_on_site_visits_count_travel() -> None:
    data = {
        "company": {"name": "Test", "field_service": True},
        "demand": {"contacts_per_month": {"on_site": 300}},
    }
    visits = row(plan_for(data), "on_site")
    productive = 40 * 4.33 * 0.7
    assert visits.method == "visits"
    assert visits.fte == pytest.approx(300 * (60 + 40) / 60 / productive, abs=0.01)
    assert visits.agents == 5


def test_chat_uses_concurrency_not_a_naive_division() -> None:
    data = {
        "company": {"name": "Test", "locations": 0, "sells_online": True},
        "demand": {"contacts_per_month": {"chat": 20000}},
    }
    chat = row(plan_for(data), "chat")
    assert chat.assumptions["concurrency"] == 2
    assert chat.assumptions["concurrency_factor"] == 1.7
    solo = erlang_staff(
        contacts=chat.assumptions["busy_hour_contacts"],
        interval_minutes=60,
        aht_seconds=8 * 60,
        service_level=0.8,
        answer_seconds=30,
        max_occupancy=0.85,
        shrinkage=0.3,
    )
    assert solo.seats / 2 < chat.agents < solo.seats


def test_email_is_a_backlog_not_a_queue() -> None:
    data = {
        "company": {"name": "Test", "locations": 0, "sells_online": True},
        "demand": {"contacts_per_month": {"email": 2170}},
    }
    email = row(plan_for(data), "email")
    assert email.method == "backlog"
    assert email.assumptions["response_hours"] == 24
    # 100 emails a day x 8 min, answered within one open day of 9 h at 85% productivity
    seats = 100 * 8 / 60 / (9 * 0.85)
    assert email.fte == pytest.approx(seats * 45 / 40 / 0.7, abs=0.01)


def test_quiet_phone_is_served_by_the_counter_staff() -> None:
    data = {
        "company": {"name": "Test", "locations": 1},
        "demand": {"contacts_per_month": {"in_person": 3000, "phone": 100}},
    }
    plan = plan_for(data)
    phone = row(plan, "phone")
    assert phone.shared_with == "in_person"
    assert phone.fte < row(plan, "in_person").fte
    assert any("Teléfono" in note for note in plan.notes)


def test_self_service_needs_no_agents_but_an_owner() -> None:
    data = {
        "company": {"name": "Test", "locations": 0, "sells_online": True},
        "customers": {"faq_share": 0.9, "preference": "self_serve"},
        "demand": {"contacts_per_month": {"self_service": 50000, "email": 500}},
    }
    plan = plan_for(data)
    assert row(plan, "self_service").agents == 0
    assert row(plan, "self_service").fte == 0
    assert "kb_owner" in {r.role for r in plan.staffing.roles}


def _sector(sector: str, locations: int, contacts: dict[str, int], **demand: Any) -> Plan:
    return plan_for(
        {
            "company": {"name": "Test", "sector": sector, "locations": locations},
            "demand": {"contacts_per_month": contacts, **demand},
        }
    )


def test_booked_appointments_are_workload_not_a_queue() -> None:
    """A fitting or an eye test is booked: nobody queues, so it is sized as the month's
    appointment hours against bookable hours (the occupancy cap leaves gaps between
    appointments), with at least one person at each site while it is open."""
    plan = _sector("joyería", 3, {"in_person": 1500})
    counter = row(plan, "in_person")
    assert counter.method == "appointments"
    bookable = 40 * 4.33 * 0.7 * 0.85
    assert counter.assumptions["bookable_hours_per_month"] == pytest.approx(bookable, abs=0.1)
    assert counter.fte == pytest.approx(1500 * 40 / 60 / bookable, abs=0.01)  # 9.7, not 19.3
    assert counter.results["workload_hours_per_month"] == 1000
    # a quiet shop still keeps someone at each site all 45 open hours
    quiet = row(_sector("joyería", 3, {"in_person": 90}), "in_person")
    floor = fte(3, hours_open_per_week=45, contracted_hours=40, shrinkage=0.3).fte
    assert quiet.fte == pytest.approx(floor, abs=0.01)
    assert quiet.results["minimum_fte"] == pytest.approx(floor, abs=0.01)
    # a walk-in sector keeps the queue
    assert row(_sector("tienda de deportes", 3, {"in_person": 1500}), "in_person").method == (
        "erlang_c"
    )


def test_the_phone_of_a_booked_shop_is_taken_between_appointments() -> None:
    plan = _sector("óptica", 4, {"in_person": 1200, "phone": 500})
    phone = row(plan, "phone")
    assert phone.shared_with == "in_person"
    # its work time only, at the occupancy cap: no queue of its own
    assert phone.fte == pytest.approx(500 * 4 / 60 / (40 * 4.33 * 0.7 * 0.85), abs=0.01)


def test_walk_ins_and_calls_with_different_targets_are_not_one_queue() -> None:
    """A walk-in accepts minutes (80 % within 5 min), a caller seconds (20 s): one pooled
    queue would hold the shop floor to the phone's target."""
    plan = _sector("", 1, {"in_person": 4000, "phone": 4000})
    counter, phone = row(plan, "in_person"), row(plan, "phone")
    assert counter.assumptions["answer_seconds"] == 300
    assert phone.assumptions["answer_seconds"] == 20
    assert counter.shared_with is None and phone.shared_with is None
    assert not any("una sola cola" in n for n in plan.notes)


def test_booked_visits_are_measured_by_punctuality_not_by_a_wait() -> None:
    booked = {k.id for k in _sector("óptica", 2, {"in_person": 800}).kpis}
    walk_in = {k.id for k in _sector("ferretería", 2, {"in_person": 800}).kpis}
    assert "appointment-punctuality" in booked and "counter-wait" not in booked
    assert "counter-wait" in walk_in and "appointment-punctuality" not in walk_in
