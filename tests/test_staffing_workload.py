"""Shrinkage, FTE and the workload models for asynchronous channels and on-site visits."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from modelo_servicio.staffing import (
    StaffingInputError,
    backlog_staff,
    fte,
    scheduled_staff,
    visit_staff,
)

# --- shrinkage ---------------------------------------------------------------------------------


def test_shrinkage_rounding_is_exact() -> None:
    assert 21 / (1 - 0.3) > 30  # the trap: float division gives 30.000000000000004
    assert scheduled_staff(21, 0.3) == 30
    assert scheduled_staff(14, 0.3) == 20
    assert scheduled_staff(7, 0.3) == 10
    assert scheduled_staff(22, 0.3) == 32
    assert scheduled_staff(0, 0.3) == 0
    assert scheduled_staff(5, 0.0) == 5
    assert scheduled_staff(3, 0.25) == 4


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=5000), st.integers(min_value=0, max_value=99))
def test_shrinkage_matches_integer_arithmetic(agents: int, percent: int) -> None:
    # smallest m with m * (1 - p/100) >= agents, in integers: m * (100 - p) >= 100 * agents
    expected = -(-100 * agents // (100 - percent))
    assert scheduled_staff(agents, percent / 100) == expected


@settings(max_examples=100, deadline=None)
@given(
    st.integers(min_value=0, max_value=2000),
    st.floats(min_value=0, max_value=0.95),
    st.floats(min_value=0, max_value=0.95),
)
def test_higher_shrinkage_never_lowers_scheduled(agents: int, s1: float, s2: float) -> None:
    low, high = sorted((s1, s2))
    assert scheduled_staff(agents, low) <= scheduled_staff(agents, high)
    assert scheduled_staff(agents, high) >= agents


@pytest.mark.parametrize("bad", [1.0, -0.01, 1.5, math.inf])
def test_bad_shrinkage(bad: float) -> None:
    with pytest.raises(StaffingInputError):
        scheduled_staff(10, bad)


def test_negative_agents() -> None:
    with pytest.raises(StaffingInputError):
        scheduled_staff(-1, 0.3)


# --- FTE ---------------------------------------------------------------------------------------


def test_fte_from_seats() -> None:
    r = fte(3, hours_open_per_week=40, contracted_hours=40, shrinkage=0.25)
    assert r.fte == 4.0
    assert r.scheduled_seats == 4.0
    r = fte(14, hours_open_per_week=60, contracted_hours=40, shrinkage=0.3)
    assert r.fte == pytest.approx(14 / 0.7 * 1.5)
    assert r.fte == 30.0  # exact: 20 scheduled seats x 1.5 contracts
    assert r.assumptions == {
        "hours_open_per_week": 60.0,
        "contracted_hours": 40.0,
        "shrinkage": 0.3,
    }
    assert fte(0, hours_open_per_week=40, contracted_hours=40, shrinkage=0.3).fte == 0


def test_fte_scales_with_coverage() -> None:
    business = fte(2, hours_open_per_week=45, contracted_hours=40, shrinkage=0.3).fte
    always = fte(2, hours_open_per_week=168, contracted_hours=40, shrinkage=0.3).fte
    assert always == pytest.approx(business * 168 / 45)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"hours_open_per_week": 0, "contracted_hours": 40, "shrinkage": 0.3},
        {"hours_open_per_week": 200, "contracted_hours": 40, "shrinkage": 0.3},
        {"hours_open_per_week": 40, "contracted_hours": 0, "shrinkage": 0.3},
        {"hours_open_per_week": 40, "contracted_hours": 40, "shrinkage": 1.0},
    ],
)
def test_fte_bad_inputs(kwargs: dict[str, float]) -> None:
    with pytest.raises(StaffingInputError):
        fte(1, **kwargs)


# --- backlog (email, social, SMS) --------------------------------------------------------------


def test_backlog_within_an_open_day() -> None:
    # 15 emails a day, 4 minutes each, arriving while staffed, answered within the day
    r = backlog_staff(
        contacts=15,
        handle_minutes=4,
        open_hours=8,
        arrival_hours=8,
        response_hours=8,
        productive_share=0.85,
    )
    assert r.workload_hours == 1.0
    assert r.backlog_contacts == 0
    assert r.seats == pytest.approx(1 / (8 * 0.85))
    assert r.seats == r.average_seats
    assert r.agents == 1
    assert r.method == "backlog"
    assert r.assumptions["response_hours"] == 8.0


def test_overnight_backlog_with_a_short_promise() -> None:
    # arrivals round the clock: 16 of the 24 contacts wait at opening; 2 staffed hours to clear
    r = backlog_staff(
        contacts=24,
        handle_minutes=5,
        open_hours=8,
        arrival_hours=24,
        response_hours=2,
        productive_share=1.0,
    )
    assert r.backlog_contacts == 16
    assert r.clearing_hours == 2
    # (16 waiting + 2 arriving) x 5 min = 90 min of work in 2 hours
    assert r.seats == 0.75
    assert r.average_seats == 0.25
    # a whole-day promise spreads the same work over the day
    whole_day = backlog_staff(
        contacts=24,
        handle_minutes=5,
        open_hours=8,
        arrival_hours=24,
        response_hours=48,
        productive_share=1.0,
    )
    assert whole_day.seats == whole_day.average_seats == 0.25


@settings(max_examples=60, deadline=None)
@given(
    st.floats(min_value=0, max_value=2000),
    st.floats(min_value=0.5, max_value=30),
    st.floats(min_value=1, max_value=12),
    st.floats(min_value=0.25, max_value=48),
    st.floats(min_value=0.25, max_value=48),
)
def test_shorter_promise_never_needs_fewer_seats(
    contacts: float, handle: float, open_h: float, r1: float, r2: float
) -> None:
    short, long_ = sorted((r1, r2))

    def seats(response: float) -> float:
        return backlog_staff(
            contacts=contacts,
            handle_minutes=handle,
            open_hours=open_h,
            arrival_hours=24,
            response_hours=response,
            productive_share=0.85,
        ).seats

    assert seats(short) >= seats(long_) - 1e-12
    assert seats(long_) >= contacts * handle / 60 / (open_h * 0.85) - 1e-9


def test_backlog_bad_inputs() -> None:
    good = {
        "contacts": 10.0,
        "handle_minutes": 5.0,
        "open_hours": 8.0,
        "arrival_hours": 24.0,
        "response_hours": 4.0,
        "productive_share": 0.85,
    }
    for field, value in [
        ("contacts", -1.0),
        ("handle_minutes", 0.0),
        ("open_hours", 25.0),
        ("arrival_hours", 6.0),  # below open_hours
        ("response_hours", 0.0),
        ("productive_share", 0.0),
    ]:
        with pytest.raises(StaffingInputError):
            backlog_staff(**{**good, field: value})


# --- on-site visits ----------------------------------------------------------------------------


def test_visits_include_travel() -> None:
    r = visit_staff(visits=40, visit_minutes=60, travel_minutes=30, productive_hours=120)
    assert r.workload_hours == 60
    assert r.fte == 0.5
    assert r.people == 1
    r = visit_staff(visits=160, visit_minutes=45, travel_minutes=45, productive_hours=120)
    assert (r.fte, r.people) == (2.0, 2)  # exactly two, not three
    assert (
        visit_staff(visits=0, visit_minutes=45, travel_minutes=0, productive_hours=120).people == 0
    )


def test_visits_bad_inputs() -> None:
    with pytest.raises(StaffingInputError):
        visit_staff(visits=10, visit_minutes=0, travel_minutes=0, productive_hours=120)
    with pytest.raises(StaffingInputError):
        visit_staff(visits=10, visit_minutes=30, travel_minutes=-1, productive_hours=120)
    with pytest.raises(StaffingInputError):
        visit_staff(visits=10, visit_minutes=30, travel_minutes=0, productive_hours=0)
