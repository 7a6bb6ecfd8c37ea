"""Input checks and exact decimal arithmetic shared by the staffing functions.

Staffing numbers are rounded *up* to whole people, so a float such as ``21 / 0.7 ==
30.000000000000004`` would hire a 31st person. Every ceiling here is taken on
``fractions.Fraction`` values built from the decimal the user typed (``repr`` of a float is the
shortest string that round-trips, so ``0.3`` becomes exactly ``3/10``).

Parsing that string is the dear part (a batch converts the same few rates -- 0.3 shrinkage, 40
contracted hours -- thousands of times), so the conversion of a float is memoized: a Fraction
is immutable, sharing one is safe.
"""

from __future__ import annotations

import math
from fractions import Fraction
from functools import lru_cache
from typing import Any

from modelo_servicio.domain.errors import UsageError

Assumptions = dict[str, float | int | str]
"""Name -> value of every input and default a result was computed with."""


class StaffingInputError(UsageError, ValueError):
    """A staffing input outside its domain.

    ``field`` is the parameter name (the CLI maps it to ``--field-name``), ``code`` names the
    rule that failed (a key suffix under ``staffing.error.`` in ``locale/staffing.yaml``) and
    ``params`` fills that message. ``str(exc)`` is a plain English sentence for library callers.
    """

    def __init__(self, field: str, code: str, message: str, **params: Any) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.code = code
        self.params: dict[str, Any] = params


def exact(value: float | int | Fraction) -> Fraction:
    """The decimal number ``value`` stands for, as an exact fraction."""
    if isinstance(value, Fraction | int):
        return Fraction(value)
    return _decimal(float(value))


@lru_cache(maxsize=4096)
def _decimal(value: float) -> Fraction:
    """``value`` as the decimal its ``repr`` shows (``0.0`` and ``-0.0`` both give 0)."""
    return Fraction(repr(value))


def ceil_exact(value: Fraction) -> int:
    return math.ceil(value)


def finite(field: str, value: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise StaffingInputError(field, "number", "expected a number", value=value)
    if not math.isfinite(value):
        raise StaffingInputError(field, "finite", "expected a finite number", value=value)
    return float(value)


def non_negative(field: str, value: float) -> float:
    v = finite(field, value)
    if v < 0:
        raise StaffingInputError(field, "ge0", f"must be 0 or more, got {value}", value=value)
    return v


def positive(field: str, value: float) -> float:
    v = finite(field, value)
    if v <= 0:
        raise StaffingInputError(field, "gt0", f"must be greater than 0, got {value}", value=value)
    return v


def open_unit(field: str, value: float) -> float:
    """Strictly between 0 and 1 (a service-level target)."""
    v = finite(field, value)
    if not 0 < v < 1:
        raise StaffingInputError(
            field, "open01", f"must be strictly between 0 and 1, got {value}", value=value
        )
    return v


def share(field: str, value: float) -> float:
    """Greater than 0, at most 1 (an occupancy cap, a productive share)."""
    v = finite(field, value)
    if not 0 < v <= 1:
        raise StaffingInputError(
            field, "share", f"must be greater than 0 and at most 1, got {value}", value=value
        )
    return v


def shrinkage(field: str, value: float) -> float:
    """At least 0, below 1 (100% shrinkage would leave nobody to schedule)."""
    v = finite(field, value)
    if not 0 <= v < 1:
        raise StaffingInputError(
            field, "shrink", f"must be at least 0 and below 1, got {value}", value=value
        )
    return v


MAX_CONTACTS = 10_000_000
"""Contacts in one interval: a month of the busiest channel a profile may hold."""
MAX_INTERVAL_MINUTES = 1440
MAX_SECONDS = 86_400
"""Handle and answer times: a day."""
MAX_ERLANGS = 10_000_000
"""Offered load: ten million agents busy at once, past any contact centre there is; the
search for the agents needed grows with the load, so a load of 1e11 would run for hours."""
MAX_CONCURRENCY = 20


def load(field: str, value: float) -> float:
    """An offered load the calculator can plan in bounded time."""
    if value > MAX_ERLANGS:
        raise StaffingInputError(
            field,
            "load",
            f"offered load of {value:g} erlangs is beyond {MAX_ERLANGS}",
            value=f"{value:g}",
            limit=MAX_ERLANGS,
        )
    return value


def at_most(field: str, value: float, limit: float) -> float:
    if value > limit:
        raise StaffingInputError(
            field, "le", f"must be at most {limit}, got {value}", value=value, limit=limit
        )
    return value


def whole_at_least_one(field: str, value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise StaffingInputError(
            field, "int_ge1", f"must be a whole number of 1 or more, got {value}", value=value
        )
    return value
