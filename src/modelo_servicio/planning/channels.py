"""Staffing per channel: the profile's demand turned into people on duty and FTE.

Composes the pure functions of ``modelo_servicio.staffing``; every value comes from the profile
or from ``rules/staffing.yaml`` and is returned as an assumption next to the result.

Live queues are sized with Erlang C on the busiest hour *and* on an ordinary open hour (the
rest of the day's contacts spread evenly), so a 24-hour channel is not staffed all night at its
peak level. Walk-in counters are one queue per location. Live channels of the same ``pool``
(counter and phone) handled by the same people form one queue: that is how roles are sized
(``live_pool`` over several demands), and a quiet channel is folded into the busiest one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from modelo_servicio.planning.kb import ChannelDefaults, CoverageDefaults, StaffingSettings
from modelo_servicio.profile import CHANNELS, Profile
from modelo_servicio.staffing import backlog_staff, erlang_staff, fte, visit_staff

ROUND = 2


@dataclass(frozen=True)
class Setup:
    """The staffing defaults for one profile, profile overrides applied."""

    settings: StaffingSettings
    coverage: CoverageDefaults
    busy_hour_share: float
    locations: int
    from_profile: frozenset[str]
    memo: dict[tuple[str, ...], Staffed] = field(default_factory=dict, compare=False)
    """Results already computed for this profile, by channels (a role re-sizes the same
    queues the channel rows computed)."""


@dataclass(frozen=True)
class Demand:
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


@dataclass(frozen=True)
class Staffed:
    """Result for one channel (or a pool of channels): what the row of the plan shows."""

    agents: int
    seats: float
    """Average people on duty over the open week (fractional)."""
    fte: float
    assumptions: dict[str, Any]
    results: dict[str, Any] = field(default_factory=dict)


def setup(profile: Profile, settings: StaffingSettings, cov: CoverageDefaults) -> Setup:
    demand = profile.demand
    used: set[str] = set()
    share = settings.busy_hour_share
    if demand.busy_hour_share is not None:
        share = demand.busy_hour_share
        used.add("busy_hour_share")
    if "coverage" in demand.model_fields_set:
        used.add("coverage")
    share = max(share, 1 / cov.hours_per_day) if cov.hours_per_day >= 1 else 1.0
    return Setup(settings, cov, share, max(1, profile.company.locations), frozenset(used))


def demand_of(profile: Profile, spec: ChannelDefaults, base: Setup) -> Demand:
    channel = spec.id
    contacts = profile.demand.contacts_per_month.get(channel)
    used = set(base.from_profile)
    handle = spec.handle_minutes or 0.0
    override = getattr(profile.demand.handle_minutes, channel)
    if override is not None:
        handle = float(override)
        used.add("handle_minutes")
    targets = profile.demand.targets
    given = targets.model_fields_set if "targets" in profile.demand.model_fields_set else set()
    level = base.settings.service_level
    if "service_level" in given:
        level = targets.service_level
        used.add("service_level_target")
    answer = float(spec.answer_seconds or 0)
    if spec.profile_targets and "answer_seconds" in given:
        answer = float(targets.answer_seconds)
        used.add("answer_seconds")
    response = spec.response_hours or 0.0
    if spec.profile_targets and "email_response_hours" in given:
        response = targets.email_response_hours
        used.add("response_hours")
    cov = base.coverage
    per_day = contacts / cov.days_per_month
    busy = per_day * base.busy_hour_share
    other = (per_day - busy) / (cov.hours_per_day - 1) if cov.hours_per_day > 1 else 0.0
    return Demand(
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
    )


def demands(profile: Profile, specs: dict[str, ChannelDefaults], base: Setup) -> list[Demand]:
    """Channels with contacts, in the profile's channel order."""
    return [
        demand_of(profile, specs[c], base)
        for c in CHANNELS
        if profile.demand.contacts_per_month.get(c) > 0
    ]


def _common(base: Setup) -> dict[str, Any]:
    s = base.settings
    return {
        "coverage": base.coverage.id,
        "hours_open_per_week": round(base.coverage.hours_per_week, ROUND),
        "contracted_hours": s.contracted_hours,
        "shrinkage": s.shrinkage,
    }


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
    s = base.settings
    queues = base.locations if any(d.spec.per_location for d in items) else 1
    busy = sum(d.busy_hour for d in items)
    other = sum(d.other_hour for d in items)
    weight = sum(d.busy_hour for d in items)
    handle = sum(d.busy_hour * d.handle_minutes for d in items) / weight
    target = max(d.service_level for d in items)
    answer = min(d.answer_seconds for d in items)
    concurrency = min(d.spec.concurrency for d in items)

    def run(contacts: float) -> Any:
        return erlang_staff(
            contacts=contacts / queues,
            interval_minutes=60,
            aht_seconds=handle * 60,
            service_level=target,
            answer_seconds=answer,
            max_occupancy=s.max_occupancy,
            shrinkage=s.shrinkage,
            concurrency=concurrency,
            concurrency_factors=s.concurrency_factors,
        )

    peak, quiet = run(busy), run(other)
    hours = base.coverage.hours_per_day
    quiet_hours = max(0.0, hours - 1)
    seats = queues * (peak.agents * min(1.0, hours) + quiet.agents * quiet_hours) / hours
    need = fte(
        seats,
        hours_open_per_week=base.coverage.hours_per_week,
        contracted_hours=s.contracted_hours,
        shrinkage=s.shrinkage,
    )
    assumptions: dict[str, Any] = {
        "contacts_per_day": round(sum(d.per_day for d in items), 1),
        "busy_hour_share": base.busy_hour_share,
        "busy_hour_contacts": round(busy, 1),
        "handle_minutes": round(handle, ROUND),
        "service_level_target": target,
        "answer_seconds": round(answer, 1),
        "max_occupancy": s.max_occupancy,
    }
    if queues > 1:
        assumptions["locations"] = queues
    if concurrency > 1:
        assumptions["concurrency"] = concurrency
        assumptions["concurrency_factor"] = peak.concurrency_factor
    assumptions["days_per_month"] = base.coverage.days_per_month
    assumptions.update(_common(base))
    results = {
        "service_level": round(peak.service_level, 3),
        "occupancy": round(peak.occupancy, 3),
        "probability_wait": round(peak.probability_wait, 3),
        "asa_seconds": round(peak.asa_seconds, 1),
        "agents_other_hours": quiet.agents * queues,
    }
    return Staffed(peak.agents * queues, seats, need.fte, assumptions, results)


def async_channel(d: Demand, base: Setup) -> Staffed:
    """Backlog model: the day's messages answered within the promised window.

    Staffed all open hours at the level that clears the morning backlog in time: a faster
    promise costs people even if the day's total work is the same.
    """
    s = base.settings
    open_hours = min(24.0, base.coverage.hours_per_day)
    arrival = max(open_hours, d.spec.arrival_hours or open_hours)
    window = d.response_hours if d.response_hours < 24 else open_hours * d.response_hours / 24
    r = backlog_staff(
        contacts=d.per_day,
        handle_minutes=d.handle_minutes,
        open_hours=open_hours,
        arrival_hours=arrival,
        response_hours=window,
        productive_share=s.productive_share,
    )
    need = fte(
        r.seats,
        hours_open_per_week=base.coverage.hours_per_week,
        contracted_hours=s.contracted_hours,
        shrinkage=s.shrinkage,
    )
    assumptions: dict[str, Any] = {
        "contacts_per_day": round(d.per_day, 1),
        "handle_minutes": d.handle_minutes,
        "response_hours": d.response_hours,
        "arrival_hours": arrival,
        "productive_share": s.productive_share,
        "days_per_month": base.coverage.days_per_month,
    }
    assumptions.update(_common(base))
    results = {
        "workload_hours_per_day": round(r.workload_hours, 1),
        "backlog_at_opening": round(r.backlog_contacts, 1),
    }
    return Staffed(r.agents, r.seats, need.fte, assumptions, results)


def visits(d: Demand, base: Setup) -> Staffed:
    """Field visits: duration plus travel against a person's productive hours in a month."""
    s = base.settings
    productive = s.contracted_hours * s.weeks_per_month * (1 - s.shrinkage)
    r = visit_staff(
        visits=d.contacts_per_month,
        visit_minutes=d.handle_minutes,
        travel_minutes=d.spec.travel_minutes or 0.0,
        productive_hours=productive,
    )
    assumptions: dict[str, Any] = {
        "visits_per_month": d.contacts_per_month,
        "handle_minutes": d.handle_minutes,
        "travel_minutes": d.spec.travel_minutes or 0.0,
        "contracted_hours": s.contracted_hours,
        "weeks_per_month": s.weeks_per_month,
        "shrinkage": s.shrinkage,
        "productive_hours_per_month": round(productive, 1),
    }
    results = {"workload_hours_per_month": round(r.workload_hours, 1)}
    return Staffed(r.people, r.fte, r.fte, assumptions, results)


def self_service(d: Demand) -> Staffed:
    return Staffed(0, 0.0, 0.0, {"sessions_per_month": d.contacts_per_month})


def staff_one(d: Demand, base: Setup) -> Staffed:
    key = ("one", d.channel)
    if key not in base.memo:
        base.memo[key] = _staff_one(d, base)
    return base.memo[key]


def _staff_one(d: Demand, base: Setup) -> Staffed:
    method = d.spec.method
    if method == "erlang_c":
        return live_pool([d], base)
    if method == "backlog":
        return async_channel(d, base)
    if method == "visits":
        return visits(d, base)
    return self_service(d)


def staff_group(items: list[Demand], base: Setup) -> float:
    """FTE for several channels served by the same people: live ones pooled per ``pool``."""
    pools: dict[str, list[Demand]] = {}
    total = 0.0
    for d in items:
        if d.spec.method == "erlang_c":
            pools.setdefault(d.spec.pool or d.channel, []).append(d)
        else:
            total += staff_one(d, base).fte
    for group in pools.values():
        total += live_pool(group, base).fte
    return total


def shared_hosts(items: list[Demand], rows: dict[str, Staffed], base: Setup) -> dict[str, str]:
    """Quiet live channels -> the busiest live channel of their pool, whose staff serve them."""
    limit = base.settings.shared_below_occupancy
    by_pool: dict[str, list[Demand]] = {}
    for d in items:
        if d.spec.method == "erlang_c" and d.spec.pool:
            by_pool.setdefault(d.spec.pool, []).append(d)
    out: dict[str, str] = {}
    for group in by_pool.values():
        if len(group) < 2:
            continue
        host = max(
            group, key=lambda d: (d.busy_hour * d.handle_minutes, -CHANNELS.index(d.channel))
        )
        for d in group:
            if d is not host and rows[d.channel].results.get("occupancy", 1.0) < limit:
                out[d.channel] = host.channel
    return out
