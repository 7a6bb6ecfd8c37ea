"""Workload models for channels that are not a live queue.

Asynchronous channels (email, social media, SMS) are not Erlang queues: nobody hangs up after
20 seconds, the promise is "answered within N hours". They are staffed by the *work* that has
to be done inside the promised window. On-site visits are staffed by the hours they take,
travel included.

Both are computed on exact decimals; the arithmetic is memoized (bounded) on the checked
inputs, as a batch asks for the same few combinations again and again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache

from modelo_servicio.staffing import _checks
from modelo_servicio.staffing._checks import Assumptions


@dataclass(frozen=True)
class BacklogResult:
    """Staffing of an asynchronous channel for one day."""

    workload_hours: float
    """Handling hours the day's contacts need (``contacts * handle_minutes / 60``)."""
    backlog_contacts: float
    """Contacts waiting at opening (arrived while nobody was on duty)."""
    clearing_hours: float
    """Staffed hours in which that backlog must be cleared: ``min(response_hours, open_hours)``."""
    seats: float
    """People on duty needed while clearing the backlog (the staffing level; fractional)."""
    average_seats: float
    """The day's workload spread over all open hours (equals ``seats`` when the promise is a
    whole open day or longer, or when the channel is staffed whenever contacts arrive)."""
    agents: int
    """``ceil(seats)``: whole people on duty while clearing."""
    method: str = "backlog"
    assumptions: Assumptions = field(default_factory=dict)


def backlog_staff(
    *,
    contacts: float,
    handle_minutes: float,
    open_hours: float,
    arrival_hours: float,
    response_hours: float,
    productive_share: float,
) -> BacklogResult:
    """Seats an asynchronous channel needs to keep its response promise.

    Model, per day (use the busiest day's ``contacts`` for a safe figure):

    * ``contacts`` arrive evenly over ``arrival_hours`` (24 for email or social media, which
      customers use at any time; equal to ``open_hours`` if they only arrive while staffed);
    * staff are on duty ``open_hours`` (<= ``arrival_hours``); what arrives while closed is a
      backlog at opening: ``contacts * (arrival_hours - open_hours) / arrival_hours``;
    * that backlog plus what keeps arriving must be answered within the promised window,
      ``response_hours`` counted in *staffed* hours (a "24-hour" promise under business hours
      is about one open day: pass ``open_hours``); a window longer than the open day gives no
      extra room, because the next day's contacts arrive behind it;
    * a person on duty spends ``productive_share`` of the hour on contacts (the asynchronous
      counterpart of an occupancy cap).

    ``seats = (backlog + rate * w) * handle_hours / (w * productive_share)`` with
    ``w = min(response_hours, open_hours)`` and ``rate = contacts / arrival_hours``. This is
    the highest staffing level of the day; after the backlog, ``rate * handle_hours /
    productive_share`` seats keep up. No Erlang: the answer-within-seconds logic does not apply.
    """
    c = _checks.non_negative("contacts", contacts)
    h = _checks.positive("handle_minutes", handle_minutes)
    open_h = _checks.at_most("open_hours", _checks.positive("open_hours", open_hours), 24)
    arrive = _checks.at_most("arrival_hours", _checks.positive("arrival_hours", arrival_hours), 24)
    if open_h > arrive:
        raise _checks.StaffingInputError(
            "open_hours",
            "le",
            f"must be at most arrival_hours ({arrive}), got {open_h}",
            value=open_h,
            limit=arrive,
        )
    response = _checks.positive("response_hours", response_hours)
    p = _checks.share("productive_share", productive_share)

    workload, backlog, window, seats, average, agents = _backlog(c, h, open_h, arrive, response, p)
    return BacklogResult(
        workload_hours=workload,
        backlog_contacts=backlog,
        clearing_hours=window,
        seats=seats,
        average_seats=average,
        agents=agents,
        assumptions={
            "contacts_per_day": c,
            "handle_minutes": h,
            "open_hours_per_day": open_h,
            "arrival_hours_per_day": arrive,
            "response_hours": response,
            "productive_share": p,
        },
    )


@lru_cache(maxsize=4096)
def _backlog(
    contacts: float,
    handle_minutes: float,
    open_hours: float,
    arrival_hours: float,
    response_hours: float,
    productive_share: float,
) -> tuple[float, float, float, float, float, int]:
    """(workload hours, backlog, clearing hours, seats, average seats, agents), exact."""
    ce, he, oe, ae, pe = map(
        _checks.exact, (contacts, handle_minutes, open_hours, arrival_hours, productive_share)
    )
    handle_hours = he / 60
    rate = ce / ae
    backlog = rate * (ae - oe)
    window = min(_checks.exact(response_hours), oe)
    seats = (backlog + rate * window) * handle_hours / (window * pe)
    average = ce * handle_hours / (oe * pe)
    return (
        float(ce * handle_hours),
        float(backlog),
        float(window),
        float(seats),
        float(average),
        _checks.ceil_exact(seats),
    )


@dataclass(frozen=True)
class VisitResult:
    """Field staff for on-site visits over one period."""

    workload_hours: float
    """``visits * (visit_minutes + travel_minutes) / 60``."""
    fte: float
    """``workload_hours / productive_hours``: people fully busy with visits (fractional)."""
    people: int
    """``ceil(fte)``: whole people."""
    method: str = "visits"
    assumptions: Assumptions = field(default_factory=dict)


def visit_staff(
    *,
    visits: float,
    visit_minutes: float,
    travel_minutes: float,
    productive_hours: float,
) -> VisitResult:
    """People needed for ``visits`` in a period, travel included.

    ``productive_hours`` is what one person actually spends on visits in the same period
    (contracted hours net of shrinkage and admin). If it is net of shrinkage, ``fte`` is
    already full-time equivalents; do not apply shrinkage again.
    """
    v = _checks.non_negative("visits", visits)
    d = _checks.positive("visit_minutes", visit_minutes)
    tr = _checks.non_negative("travel_minutes", travel_minutes)
    hours = _checks.positive("productive_hours", productive_hours)
    workload, need, people = _visits(v, d, tr, hours)
    return VisitResult(
        workload_hours=workload,
        fte=need,
        people=people,
        assumptions={
            "visits": v,
            "visit_minutes": d,
            "travel_minutes": tr,
            "productive_hours": hours,
        },
    )


@lru_cache(maxsize=4096)
def _visits(
    visits: float, visit_minutes: float, travel_minutes: float, productive_hours: float
) -> tuple[float, float, int]:
    """(workload hours, FTE, whole people), exact."""
    exact = _checks.exact
    workload: Fraction = exact(visits) * (exact(visit_minutes) + exact(travel_minutes)) / 60
    need = workload / exact(productive_hours)
    return float(workload), float(need), _checks.ceil_exact(need)
