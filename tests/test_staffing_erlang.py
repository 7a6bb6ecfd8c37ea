"""Erlang C: published results, an independent reference implementation, stability, properties."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from modelo_servicio.domain.errors import UsageError
from modelo_servicio.staffing import (
    StaffingInputError,
    average_speed_of_answer,
    chat_agents,
    concurrency_factor,
    erlang_b,
    erlang_staff,
    minimum_agents,
    occupancy,
    probability_wait,
    service_level,
    traffic_erlangs,
)

PUBLISHED_FACTORS = {1: 1.0, 2: 1.7, 3: 2.5}


def staff(
    contacts: float,
    aht: float = 180,
    sl: float = 0.8,
    t: float = 20,
    cap: float = 0.85,
    shrink: float = 0.3,
    interval: float = 30,
) -> int:
    return erlang_staff(
        contacts=contacts,
        interval_minutes=interval,
        aht_seconds=aht,
        service_level=sl,
        answer_seconds=t,
        max_occupancy=cap,
        shrinkage=shrink,
    ).agents


def pct(x: float) -> float:
    """Rounded to 0.1%, as published."""
    return round(x * 100, 1)


# --- independent reference: the textbook formula on exact fractions ---------------------------


def reference_pw(n: int, a: Fraction) -> Fraction:
    """Erlang C from its closed form with factorials, exact (only sensible for moderate N)."""
    top = a**n / math.factorial(n) * Fraction(n) / (n - a)
    bottom = sum((a**k / math.factorial(k) for k in range(n)), Fraction(0)) + top
    return top / bottom


def reference_sl(n: int, a: Fraction, aht: float, t: float) -> float:
    return 1 - float(reference_pw(n, a)) * math.exp(-(n - float(a)) * t / aht)


def reference_minimum(a: Fraction, aht: float, target: float, t: float, cap: float) -> int:
    n = 1
    while True:
        if n > a and a / n <= Fraction(repr(cap)) and reference_sl(n, a, aht, t) >= target:
            return n
        n += 1


# --- published results --------------------------------------------------------------------------


def test_published_100_calls_80_in_20() -> None:
    r = erlang_staff(
        contacts=100,
        interval_minutes=30,
        aht_seconds=180,
        service_level=0.8,
        answer_seconds=20,
        max_occupancy=0.85,
        shrinkage=0.3,
    )
    assert r.traffic_erlangs == 10.0
    assert r.agents == 14
    assert r.seats == 14
    assert r.scheduled == 20
    assert pct(r.service_level) == 88.8
    assert pct(r.occupancy) == 71.4
    assert pct(r.probability_wait) == 17.4
    assert round(r.asa_seconds, 1) == 7.8
    assert r.limited_by == "service_level"
    assert r.assumptions["shrinkage"] == 0.3
    assert r.assumptions["service_level_target"] == 0.8


def test_published_13_agents_fall_short() -> None:
    assert pct(service_level(13, 10.0, 180, 20)) == 79.6
    assert pct(service_level(14, 10.0, 180, 20)) == 88.8


def test_published_90_in_20_needs_15() -> None:
    assert staff(100, sl=0.9) == 15
    assert pct(service_level(15, 10.0, 180, 20)) == 94.1


def test_published_360_calls_80_in_15() -> None:
    # 48 erlangs at 55 agents is 87.3% occupancy: the published case has no occupancy cap.
    assert staff(360, aht=240, t=15, cap=1.0) == 55
    assert pct(service_level(55, 48.0, 240, 15)) == 84.6
    assert pct(service_level(54, 48.0, 240, 15)) == 79.3
    # with the usual 85% cap, occupancy decides: ceil(48 / 0.85) = 57
    r = erlang_staff(
        contacts=360,
        interval_minutes=30,
        aht_seconds=240,
        service_level=0.8,
        answer_seconds=15,
        max_occupancy=0.85,
        shrinkage=0.3,
    )
    assert (r.agents, r.limited_by) == (57, "occupancy")


def test_zero_contacts_need_nobody() -> None:
    r = erlang_staff(
        contacts=0,
        interval_minutes=30,
        aht_seconds=180,
        service_level=0.8,
        answer_seconds=20,
        max_occupancy=0.85,
        shrinkage=0.3,
    )
    assert (r.agents, r.scheduled, r.seats) == (0, 0, 0)
    assert (r.service_level, r.occupancy, r.probability_wait, r.asa_seconds) == (1.0, 0, 0, 0)
    assert r.limited_by == "none"


def test_occupancy_cap_is_exact() -> None:
    # 7.7 erlangs at a 70% cap: exactly 11 agents (7.7 / 0.7 in floats is 11.000000000000002)
    assert 7.7 / 0.7 > 11
    n = minimum_agents(
        7.7, aht_seconds=180, service_level=0.01, answer_seconds=20, max_occupancy=0.7
    )
    assert n == 11


def test_low_level_functions_agree() -> None:
    a = traffic_erlangs(100, 30, 180)
    assert a == 10.0
    assert probability_wait(14, a) == pytest.approx(0.174131933595)
    assert occupancy(14, a) == pytest.approx(10 / 14)
    assert average_speed_of_answer(14, a, 180) == pytest.approx(probability_wait(14, a) * 180 / 4)
    assert erlang_b(0, a) == 1.0
    assert erlang_b(1, 1.0) == 0.5


def test_unstable_queue() -> None:
    assert probability_wait(10, 10.0) == 1.0
    assert service_level(9, 10.0, 180, 20) == 0.0
    assert average_speed_of_answer(10, 10.0, 180) == math.inf
    assert occupancy(5, 10.0) == 1.0
    assert occupancy(0, 0.0) == 0.0


# --- agreement with the independent implementation ---------------------------------------------


@pytest.mark.parametrize("contacts", [1, 7, 40, 100, 250])
@pytest.mark.parametrize("aht", [45, 180, 420])
@pytest.mark.parametrize(("target", "t"), [(0.8, 20), (0.9, 10), (0.7, 60), (0.95, 0)])
def test_minimum_agrees_with_reference(contacts: int, aht: int, target: float, t: int) -> None:
    a = Fraction(contacts * aht, 1800)
    assert staff(contacts, aht=aht, sl=target, t=t, cap=0.9) == reference_minimum(
        a, aht, target, t, 0.9
    )


@pytest.mark.parametrize("a", [0.3, 2.5, 10.0, 37.25, 80.0])
def test_probability_wait_agrees_with_reference(a: float) -> None:
    exact_a = Fraction(repr(a))
    for n in range(math.floor(a) + 1, math.floor(a) + 25):
        assert probability_wait(n, a) == pytest.approx(float(reference_pw(n, exact_a)), rel=1e-11)
        assert service_level(n, a, 200, 30) == pytest.approx(
            reference_sl(n, exact_a, 200, 30), rel=1e-11, abs=1e-13
        )


# --- stability for large centres ---------------------------------------------------------------


@pytest.mark.parametrize("a", [500.0, 999.5, 2500.0])
def test_stable_and_monotone_for_hundreds_of_agents(a: float) -> None:
    n0 = math.floor(a) + 1
    pws = [probability_wait(n, a) for n in range(n0, n0 + 80)]
    sls = [service_level(n, a, 180, 20) for n in range(n0, n0 + 80)]
    assert all(math.isfinite(x) and 0 <= x <= 1 for x in pws + sls)
    assert all(x > y for x, y in itertools.pairwise(pws))
    assert all(x <= y for x, y in itertools.pairwise(sls))
    assert 0 < erlang_b(n0, a) < 1
    n = minimum_agents(a, aht_seconds=180, service_level=0.8, answer_seconds=20, max_occupancy=1)
    assert a < n < a * 1.1
    assert service_level(n, a, 180, 20) >= 0.8 > service_level(n - 1, a, 180, 20)


def test_large_centre_against_reference() -> None:
    # exact factorial arithmetic is slow but still feasible at a few hundred agents
    a = Fraction(300)
    n = minimum_agents(
        300.0, aht_seconds=180, service_level=0.8, answer_seconds=20, max_occupancy=1
    )
    assert reference_sl(n, a, 180, 20) >= 0.8 > reference_sl(n - 1, a, 180, 20)
    assert probability_wait(n, 300.0) == pytest.approx(float(reference_pw(n, a)), rel=1e-10)


# --- properties --------------------------------------------------------------------------------

volumes = st.floats(min_value=0.5, max_value=600, allow_nan=False)
ahts = st.floats(min_value=20, max_value=900, allow_nan=False)
targets = st.floats(min_value=0.5, max_value=0.98, allow_nan=False)
answers = st.floats(min_value=0, max_value=120, allow_nan=False)
caps = st.floats(min_value=0.6, max_value=1.0, allow_nan=False)


@settings(max_examples=60, deadline=None)
@given(volumes, ahts, targets, answers, caps)
def test_economies_of_scale(v: float, aht: float, sl: float, t: float, cap: float) -> None:
    one = staff(v, aht=aht, sl=sl, t=t, cap=cap)
    two = staff(2 * v, aht=aht, sl=sl, t=t, cap=cap)
    assert one <= two <= 2 * one
    # and it is a real doubling of the work: never below the doubled traffic
    assert two > 2 * traffic_erlangs(v, 30, aht)


def test_economies_of_scale_are_visible_at_realistic_volumes() -> None:
    # without an occupancy cap (which scales linearly), pooling shows: 14, 24, 45, 87
    counts = [staff(v, cap=1.0) for v in (100, 200, 400, 800)]
    assert counts[0] == 14
    for small, big in itertools.pairwise(counts):
        assert 1.6 * small < big < 2 * small


@settings(max_examples=60, deadline=None)
@given(volumes, ahts, targets, targets, answers, answers, caps)
def test_stricter_target_never_lowers_agents(
    v: float, aht: float, sl1: float, sl2: float, t1: float, t2: float, cap: float
) -> None:
    lo_sl, hi_sl = sorted((sl1, sl2))
    long_t, short_t = sorted((t1, t2), reverse=True)
    base = staff(v, aht=aht, sl=lo_sl, t=long_t, cap=cap)
    assert staff(v, aht=aht, sl=hi_sl, t=long_t, cap=cap) >= base
    assert staff(v, aht=aht, sl=lo_sl, t=short_t, cap=cap) >= base
    assert staff(v, aht=aht, sl=lo_sl, t=long_t, cap=min(cap, 0.7)) >= base


@settings(max_examples=60, deadline=None)
@given(volumes, ahts, targets, answers, caps)
def test_result_meets_every_constraint_and_is_minimal(
    v: float, aht: float, sl: float, t: float, cap: float
) -> None:
    a = traffic_erlangs(v, 30, aht)
    n = staff(v, aht=aht, sl=sl, t=t, cap=cap)
    assert n > a
    assert a / n <= cap + 1e-12
    assert service_level(n, a, aht, t) >= sl - 1e-12
    smaller = n - 1
    assert smaller <= a or a / smaller > cap or service_level(smaller, a, aht, t) < sl


# --- chat concurrency --------------------------------------------------------------------------


def test_concurrency_factor_table_and_rule() -> None:
    assert concurrency_factor(1, PUBLISHED_FACTORS) == 1.0
    assert concurrency_factor(2, PUBLISHED_FACTORS) == 1.7
    assert concurrency_factor(3, PUBLISHED_FACTORS) == 2.5
    assert concurrency_factor(5, PUBLISHED_FACTORS) == 2.5  # clamped above the table
    assert concurrency_factor(2, {3: 2.5}) == pytest.approx(1.75)  # interpolated from 1 -> 1.0
    assert concurrency_factor(1, {}) == 1.0


@pytest.mark.parametrize("table", [{2: 2.5}, {2: 0.0}, {0: 1.0}, {2: 1.8, 3: 1.5}])
def test_nonsense_factor_tables_are_refused(table: dict[int, float]) -> None:
    with pytest.raises(StaffingInputError):
        concurrency_factor(2, table)


def test_chat_agents_use_efficiency_not_division() -> None:
    # 14 seats: two chats each -> ceil(14 / 1.7) = 9 (naive 14 / 2 would give 7)
    assert chat_agents(14, 2, PUBLISHED_FACTORS) == 9
    assert chat_agents(14, 3, PUBLISHED_FACTORS) == 6
    assert chat_agents(17, 2, PUBLISHED_FACTORS) == 10  # 17 / 1.7 is exactly 10
    r = erlang_staff(
        contacts=100,
        interval_minutes=30,
        aht_seconds=180,
        service_level=0.8,
        answer_seconds=20,
        max_occupancy=0.85,
        shrinkage=0.3,
        concurrency=2,
        concurrency_factors=PUBLISHED_FACTORS,
    )
    assert (r.seats, r.agents, r.scheduled, r.concurrency_factor) == (14, 9, 13, 1.7)
    assert r.assumptions["concurrency"] == 2


def test_concurrency_needs_a_factor_table() -> None:
    with pytest.raises(StaffingInputError, match="concurrency"):
        erlang_staff(
            contacts=10,
            interval_minutes=30,
            aht_seconds=180,
            service_level=0.8,
            answer_seconds=20,
            max_occupancy=0.85,
            shrinkage=0.3,
            concurrency=2,
        )


# --- nonsense inputs ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("contacts", -1.0),
        ("contacts", math.nan),
        ("interval_minutes", 0.0),
        ("aht_seconds", -5.0),
        ("service_level", 1.0),
        ("service_level", 0.0),
        ("service_level", 1.5),
        ("answer_seconds", -1.0),
        ("max_occupancy", 0.0),
        ("max_occupancy", 1.2),
        ("shrinkage", 1.0),
        ("shrinkage", -0.1),
        ("concurrency", 0),
    ],
)
def test_nonsense_inputs_are_usage_errors(field: str, value: float) -> None:
    kwargs: dict[str, float] = {
        "contacts": 100,
        "interval_minutes": 30,
        "aht_seconds": 180,
        "service_level": 0.8,
        "answer_seconds": 20,
        "max_occupancy": 0.85,
        "shrinkage": 0.3,
        "concurrency": 1,
    }
    kwargs[field] = value
    with pytest.raises(StaffingInputError) as info:
        erlang_staff(**kwargs)  # type: ignore[arg-type]
    assert info.value.field == field
    assert isinstance(info.value, UsageError)
    assert isinstance(info.value, ValueError)
