"""From people on duty to people on the payroll: shrinkage and full-time equivalents.

*Shrinkage* is the share of paid time in which a scheduled person is not available to
customers (absence, holidays, breaks, training, meetings). To have ``agents`` on duty you must
schedule ``agents / (1 - shrinkage)`` people, rounded up.

*Coverage* then turns seats of the busy hour into full-time equivalents: a seat open
``hours_open_per_week`` hours needs ``hours_open_per_week / contracted_hours`` contracts.

Both are computed on exact fractions, memoized (bounded) on the checked inputs: a batch asks
for the same few combinations again and again, and fraction arithmetic is slow.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache

from modelo_servicio.staffing import _checks
from modelo_servicio.staffing._checks import Assumptions


def scheduled_staff(agents: int, shrinkage: float) -> int:
    """People to schedule so that ``agents`` are on duty after ``shrinkage``.

    Computed exactly: ``ceil(agents / (1 - shrinkage))`` on the decimal value of
    ``shrinkage``, so 21 agents at 30% give 30 (the float division gives 30.000000000000004).

    >>> scheduled_staff(21, 0.3)
    30
    >>> scheduled_staff(14, 0.3)
    20
    """
    if isinstance(agents, bool) or not isinstance(agents, int) or agents < 0:
        raise _checks.StaffingInputError(
            "agents", "ge0", f"must be a whole number of 0 or more, got {agents}", value=agents
        )
    return _scheduled(agents, _checks.shrinkage("shrinkage", shrinkage))


@lru_cache(maxsize=4096)
def _scheduled(agents: int, shrinkage: float) -> int:
    return _checks.ceil_exact(agents / (1 - _checks.exact(shrinkage)))


@dataclass(frozen=True)
class FteResult:
    """Full-time equivalents needed to keep ``seats`` staffed every open hour of the week."""

    seats: float
    """Seats (people on duty) to keep staffed while open; may be fractional."""
    scheduled_seats: float
    """``seats / (1 - shrinkage)``: people on the schedule per open hour (not rounded)."""
    fte: float
    """``scheduled_seats * hours_open_per_week / contracted_hours`` (not rounded)."""
    assumptions: Assumptions = field(default_factory=dict)


def fte(
    seats: float,
    *,
    hours_open_per_week: float,
    contracted_hours: float,
    shrinkage: float,
) -> FteResult:
    """Full-time equivalents: ``seats / (1 - shrinkage) * hours_open_per_week / contracted_hours``.

    ``seats`` is what must be on duty at any open hour (for a live queue, the Erlang agents of
    the busy hour -- a deliberately safe choice, as quieter hours need fewer); it may be
    fractional (a backlog channel that keeps a person busy a fifth of the time). Nothing is
    rounded: FTE are an amount of paid time, the caller rounds for display. Computed on exact
    decimals so that round numbers stay round (``3 seats, 40 h open, 40 h contract, 25%
    shrinkage`` is exactly 4.0).

    >>> fte(3, hours_open_per_week=40, contracted_hours=40, shrinkage=0.25).fte
    4.0
    """
    s_in = _checks.non_negative("seats", seats)
    hours = _checks.positive("hours_open_per_week", hours_open_per_week)
    _checks.at_most("hours_open_per_week", hours, 168)
    contract = _checks.positive("contracted_hours", contracted_hours)
    _checks.at_most("contracted_hours", contract, 168)
    shrink = _checks.shrinkage("shrinkage", shrinkage)

    scheduled, total = _fte(s_in, hours, contract, shrink)
    return FteResult(
        seats=s_in,
        scheduled_seats=scheduled,
        fte=total,
        assumptions={
            "hours_open_per_week": hours,
            "contracted_hours": contract,
            "shrinkage": shrink,
        },
    )


@lru_cache(maxsize=4096)
def _fte(seats: float, hours: float, contract: float, shrinkage: float) -> tuple[float, float]:
    """(scheduled seats, FTE) on exact decimals."""
    exact = _checks.exact
    scheduled: Fraction = exact(seats) / (1 - exact(shrinkage))
    total = scheduled * exact(hours) / exact(contract)
    return float(scheduled), float(total)
