"""Staffing per channel: the profile's demand turned into people on duty and FTE.

Composes the pure functions of ``modelo_servicio.staffing``; every value comes from the profile
or from ``rules/staffing.yaml`` and is returned as an assumption next to the result.

Live queues are sized with Erlang C on the busiest hour *and* on an ordinary open hour (the
rest of the day's contacts spread evenly), so a 24-hour channel is not staffed all night at its
peak level. Walk-in counters are one queue per location. Live channels of the same ``pool``
(counter and phone) handled by the same people form one queue: that is how roles are sized
(``live_pool`` over several demands), and a quiet channel is folded into the busiest one
(``planning.pooling``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType
from typing import Any, NamedTuple

from modelo_servicio.domain.profile import Profile
from modelo_servicio.planning.kb import (
    ChannelDefaults,
    CoverageDefaults,
    HandleTime,
    StaffingSettings,
)
from modelo_servicio.staffing import backlog_staff, erlang_staff, fte, visit_staff

ROUND = 2
CACHE_SIZE = 4096
"""Results kept per memoized staffing function: a batch sizes the same queues over and over
(the same volumes, coverage and defaults), and Erlang C with exact decimals is the dear part
of a plan. Bounded, so memory stays flat however long the batch."""


class Terms(NamedTuple):
    """Every number, other than the demand, that a channel's staffing depends on (hashable).

    With the channel's demand it is the key of the memoized results, so it must hold *all* of
    them: a setting read from ``Setup`` directly would not be part of the key.
    """

    coverage: str
    hours_per_day: float
    hours_per_week: float
    days_per_month: float
    busy_hour_share: float
    shrinkage: float
    max_occupancy: float
    productive_share: float
    contracted_hours: float
    weeks_per_month: float
    concurrency_factors: tuple[tuple[int, float], ...]


@dataclass(frozen=True)
class Setup:
    """The staffing defaults for one profile, profile overrides applied."""

    settings: StaffingSettings
    coverage: CoverageDefaults
    busy_hour_share: float
    locations: int
    from_profile: frozenset[str]
    terms: Terms
    memo: dict[tuple[str, ...], Staffed] = field(default_factory=dict, compare=False)
    """Results already computed for this profile, by channels (a role re-sizes the same
    queues the channel rows computed)."""


class Demand(NamedTuple):
    """One channel's demand with every input resolved."""

    channel: str
    spec: ChannelDefaults
    contacts_per_month: int
    handle_minutes: float
    per_day: float
    busy_hour: float
    other_hour: float
    service_level: float
    answer_seconds: float
    response_hours: float
    from_profile: frozenset[str]
    typical: str = ""
    """The sector of ``rules/handle_times.yaml`` whose handle minutes were used, if any."""
    method: str = ""
    """How the channel is sized: the channel's method, or ``appointments`` where the
    sector books its contacts (``HandleTime.booked``)."""


@dataclass(frozen=True)
class Staffed:
    """Result for one channel (or a pool of channels): what the row of the plan shows.

    Shared between every profile that asks for the same staffing (see ``CACHE_SIZE``): the
    mappings are read-only views, copy them to change anything.
    """

    agents: int
    seats: float
    """Average people on duty over the open week (fractional)."""
    fte: float
    assumptions: MappingProxyType[str, Any]
    results: MappingProxyType[str, Any]


def setup(profile: Profile, settings: StaffingSettings, cov: CoverageDefaults) -> Setup:
    demand = profile.demand
    used: set[str] = set()
    share = settings.busy_hour_share
    if demand.busy_hour_share is not None:
        share = demand.busy_hour_share
        used.add("busy_hour_share")
    if "coverage" in demand.model_fields_set:
        used.add("coverage")
    hours_per_day, hours_per_week = cov.hours_per_day, cov.hours_per_week
    if demand.open_hours_per_week is not None:
        # the client's own opening hours, spread over the coverage's days
        hours_per_week = demand.open_hours_per_week
        hours_per_day = min(24.0, hours_per_week / cov.days_per_week)
        used.add("hours_open_per_week")
    share = max(share, 1 / hours_per_day) if hours_per_day >= 1 else 1.0
    terms = Terms(
        coverage=cov.id,
        hours_per_day=hours_per_day,
        hours_per_week=hours_per_week,
        days_per_month=cov.days_per_month,
        busy_hour_share=share,
        shrinkage=settings.shrinkage,
        max_occupancy=settings.max_occupancy,
        productive_share=settings.productive_share,
        contracted_hours=settings.contracted_hours,
        weeks_per_month=settings.weeks_per_month,
        concurrency_factors=tuple(settings.concurrency_factors.items()),
    )
    locations = max(1, profile.company.locations)
    return Setup(settings, cov, share, locations, frozenset(used), terms)


def demands(
    profile: Profile,
    specs: dict[str, ChannelDefaults],
    base: Setup,
    typical: HandleTime | None = None,
) -> list[Demand]:
    """Channels with contacts, in the profile's channel order, every input resolved;
    ``typical``: the sector's handle minutes, used where the profile gives none."""
    demand = profile.demand
    targets = demand.targets
    given = targets.model_fields_set if "targets" in demand.model_fields_set else set()
    common = set(base.from_profile)
    level = base.settings.service_level
    if "service_level" in given:
        level = targets.service_level
        common.add("service_level_target")
    cov = base.coverage
    out: list[Demand] = []
    for channel in demand.contacts_per_month.root:
        contacts = demand.contacts_per_month.get(channel)
        if contacts <= 0:
            continue
        spec = specs[channel]
        used = set(common)
        handle = spec.handle_minutes or 0.0
        sector = ""
        override = demand.handle_minutes.get(channel)
        if override is not None:
            handle = float(override)
            used.add("handle_minutes")
        elif typical is not None and channel in typical.minutes:
            handle, sector = typical.minutes[channel], typical.id
        answer = float(spec.answer_seconds or 0)
        if sector and typical is not None and channel in typical.answer_seconds:
            answer = float(typical.answer_seconds[channel])
        if spec.profile_targets and "answer_seconds" in given:
            answer = float(targets.answer_seconds)
            used.add("answer_seconds")
        response = spec.response_hours or 0.0
        if spec.profile_targets and "email_response_hours" in given:
            response = targets.email_response_hours
            used.add("response_hours")
        booked = typical is not None and channel in typical.booked
        per_day = contacts / cov.days_per_month
        busy = per_day * base.busy_hour_share
        other = (per_day - busy) / (cov.hours_per_day - 1) if cov.hours_per_day > 1 else 0.0
        out.append(
            Demand(
                channel=channel,
                spec=spec,
                contacts_per_month=contacts,
                handle_minutes=handle,
                per_day=per_day,
                busy_hour=busy,
                other_hour=max(0.0, other),
                service_level=level,
                answer_seconds=answer,
                response_hours=response,
                from_profile=frozenset(used),
                typical=sector,
                method="appointments" if booked else spec.method,
            )
        )
    return out


def _common(terms: Terms) -> dict[str, Any]:
    return {
        "coverage": terms.coverage,
        "hours_open_per_week": round(terms.hours_per_week, ROUND),
        "contracted_hours": terms.contracted_hours,
        "shrinkage": terms.shrinkage,
    }


def _staffed(
    agents: int, seats: float, need: float, assumptions: dict[str, Any], results: dict[str, Any]
) -> Staffed:
    """A result safe to share: its mappings cannot be changed through it."""
    return Staffed(agents, seats, need, MappingProxyType(assumptions), MappingProxyType(results))


def live_pool(items: list[Demand], base: Setup) -> Staffed:
    key = ("live", *(d.channel for d in items))
    if key not in base.memo:
        base.memo[key] = _live_pool(items, base)
    return base.memo[key]


def _live_pool(items: list[Demand], base: Setup) -> Staffed:
    """Erlang C for one or several live channels answered by the same people.

    Several channels form one queue: contacts add up, the handle time is their mean weighted
    by busy-hour contacts, and the target is the strictest (in one first-come queue everyone
    waits alike, so meeting the strictest target meets them all). A walk-in channel splits
    the pool into one queue per location (the other channels' contacts are shared among
    them).
    """
    busy = sum(d.busy_hour for d in items)
    return _live_queue(
        base.locations if any(d.spec.per_location for d in items) else 1,
        busy,
        sum(d.other_hour for d in items),
        sum(d.per_day for d in items),
        sum(d.busy_hour * d.handle_minutes for d in items) / busy,
        max(d.service_level for d in items),
        min(d.answer_seconds for d in items),
        min(d.spec.concurrency for d in items),
        base.terms,
    )


@lru_cache(maxsize=CACHE_SIZE)
def _live_queue(
    queues: int,
    busy: float,
    other: float,
    per_day: float,
    handle: float,
    target: float,
    answer: float,
    concurrency: int,
    terms: Terms,
) -> Staffed:
    """The pooled queue of ``_live_pool``, sized at the busy hour and at an ordinary hour."""
    factors = dict(terms.concurrency_factors)

    def run(contacts: float) -> Any:
        return erlang_staff(
            contacts=contacts / queues,
            interval_minutes=60,
            aht_seconds=handle * 60,
            service_level=target,
            answer_seconds=answer,
            max_occupancy=terms.max_occupancy,
            shrinkage=terms.shrinkage,
            concurrency=concurrency,
            concurrency_factors=factors,
        )

    peak, quiet = run(busy), run(other)
    hours = terms.hours_per_day
    quiet_hours = max(0.0, hours - 1)
    seats = queues * (peak.agents * min(1.0, hours) + quiet.agents * quiet_hours) / hours
    need = fte(
        seats,
        hours_open_per_week=terms.hours_per_week,
        contracted_hours=terms.contracted_hours,
        shrinkage=terms.shrinkage,
    )
    assumptions: dict[str, Any] = {
        "contacts_per_day": round(per_day, 1),
        "busy_hour_share": terms.busy_hour_share,
        "busy_hour_contacts": round(busy, 1),
        "handle_minutes": round(handle, ROUND),
        "service_level_target": target,
        "answer_seconds": round(answer, 1),
        "max_occupancy": terms.max_occupancy,
    }
    if queues > 1:
        assumptions["locations"] = queues
    if concurrency > 1:
        assumptions["concurrency"] = concurrency
        assumptions["concurrency_factor"] = peak.concurrency_factor
    assumptions["days_per_month"] = terms.days_per_month
    assumptions.update(_common(terms))
    results = {
        "service_level": round(peak.service_level, 3),
        "occupancy": round(peak.occupancy, 3),
        "probability_wait": round(peak.probability_wait, 3),
        "asa_seconds": round(peak.asa_seconds, 1),
        "agents_other_hours": quiet.agents * queues,
    }
    return _staffed(peak.agents * queues, seats, need.fte, assumptions, results)


def async_channel(d: Demand, base: Setup) -> Staffed:
    """Backlog model: the day's messages answered within the promised window.

    Staffed all open hours at the level that clears the morning backlog in time: a faster
    promise costs people even if the day's total work is the same.
    """
    return _backlog(d.per_day, d.handle_minutes, d.spec.arrival_hours, d.response_hours, base.terms)


@lru_cache(maxsize=CACHE_SIZE)
def _backlog(
    per_day: float,
    handle_minutes: float,
    arrival_hours: float | None,
    response_hours: float,
    terms: Terms,
) -> Staffed:
    open_hours = min(24.0, terms.hours_per_day)
    arrival = max(open_hours, arrival_hours or open_hours)
    window = response_hours if response_hours < 24 else open_hours * response_hours / 24
    r = backlog_staff(
        contacts=per_day,
        handle_minutes=handle_minutes,
        open_hours=open_hours,
        arrival_hours=arrival,
        response_hours=window,
        productive_share=terms.productive_share,
    )
    need = fte(
        r.seats,
        hours_open_per_week=terms.hours_per_week,
        contracted_hours=terms.contracted_hours,
        shrinkage=terms.shrinkage,
    )
    assumptions: dict[str, Any] = {
        "contacts_per_day": round(per_day, 1),
        "handle_minutes": handle_minutes,
        "response_hours": response_hours,
        "arrival_hours": arrival,
        "productive_share": terms.productive_share,
        "days_per_month": terms.days_per_month,
    }
    assumptions.update(_common(terms))
    results = {
        "workload_hours_per_day": round(r.workload_hours, 1),
        "backlog_at_opening": round(r.backlog_contacts, 1),
    }
    return _staffed(r.agents, r.seats, need.fte, assumptions, results)


def visits(d: Demand, base: Setup) -> Staffed:
    """Field visits: duration plus travel against a person's productive hours in a month."""
    return _visits(d.contacts_per_month, d.handle_minutes, d.spec.travel_minutes, base.terms)


@lru_cache(maxsize=CACHE_SIZE)
def _visits(
    contacts_per_month: int, handle_minutes: float, travel_minutes: float | None, terms: Terms
) -> Staffed:
    productive = terms.contracted_hours * terms.weeks_per_month * (1 - terms.shrinkage)
    r = visit_staff(
        visits=contacts_per_month,
        visit_minutes=handle_minutes,
        travel_minutes=travel_minutes or 0.0,
        productive_hours=productive,
    )
    assumptions: dict[str, Any] = {
        "visits_per_month": contacts_per_month,
        "handle_minutes": handle_minutes,
        "travel_minutes": travel_minutes or 0.0,
        "contracted_hours": terms.contracted_hours,
        "weeks_per_month": terms.weeks_per_month,
        "shrinkage": terms.shrinkage,
        "productive_hours_per_month": round(productive, 1),
    }
    results = {"workload_hours_per_month": round(r.workload_hours, 1)}
    return _staffed(r.people, r.fte, r.fte, assumptions, results)


def appointments(d: Demand, base: Setup) -> Staffed:
    """Booked appointments (an eye test, a fitting): the month's appointment hours against
    what one person can book (productive hours at the occupancy cap, for the gaps between
    appointments), and never less than one person on duty at every site while it is open.
    A booked customer does not queue, so no waiting target applies."""
    sites = base.locations if d.spec.per_location else 1
    return _appointments(d.contacts_per_month, d.handle_minutes, sites, base.terms)


@lru_cache(maxsize=CACHE_SIZE)
def _appointments(contacts: int, handle_minutes: float, sites: int, terms: Terms) -> Staffed:
    bookable = (
        terms.contracted_hours * terms.weeks_per_month * (1 - terms.shrinkage) * terms.max_occupancy
    )
    work = visit_staff(
        visits=contacts, visit_minutes=handle_minutes, travel_minutes=0.0, productive_hours=bookable
    )
    floor = fte(
        sites,
        hours_open_per_week=terms.hours_per_week,
        contracted_hours=terms.contracted_hours,
        shrinkage=terms.shrinkage,
    )
    need = max(work.fte, floor.fte)
    seats = sites * need / floor.fte if floor.fte else 0.0
    assumptions: dict[str, Any] = {
        "appointments_per_month": contacts,
        "handle_minutes": handle_minutes,
        "max_occupancy": terms.max_occupancy,
        "bookable_hours_per_month": round(bookable, 1),
    }
    if sites > 1:
        assumptions["sites"] = sites
    assumptions["days_per_month"] = terms.days_per_month
    assumptions.update(_common(terms))
    results = {
        "workload_hours_per_month": round(work.workload_hours, 1),
        "minimum_fte": round(floor.fte, ROUND),
    }
    return _staffed(max(sites, math.ceil(seats - 1e-9)), seats, need, assumptions, results)


def self_service(d: Demand) -> Staffed:
    return _staffed(0, 0.0, 0.0, {"sessions_per_month": d.contacts_per_month}, {})


def staff_one(d: Demand, base: Setup) -> Staffed:
    key = ("one", d.channel)
    if key not in base.memo:
        base.memo[key] = _staff_one(d, base)
    return base.memo[key]


def _staff_one(d: Demand, base: Setup) -> Staffed:
    method = d.method
    if method == "appointments":
        return appointments(d, base)
    if method == "erlang_c":
        return live_pool([d], base)
    if method == "backlog":
        return async_channel(d, base)
    if method == "visits":
        return visits(d, base)
    return self_service(d)
