"""Erlang C for live queues (phone, chat, walk-in counters).

Offered traffic ``A = contacts * AHT / interval`` (erlangs). With ``N`` agents, Erlang C gives
the probability that a contact has to wait, from which follow the service level
``SL(t) = 1 - Pw * exp(-(N - A) * t / AHT)``, the average speed of answer
``ASA = Pw * AHT / (N - A)`` and the occupancy ``A / N``.

Pw is computed through the Erlang B recurrence ``B(0) = 1``,
``B(n) = A * B(n-1) / (n + A * B(n-1))``, then ``C = N * B / (N - A * (1 - B))``. Every term
stays in ``[0, 1]``: no factorial, no power of ``A``, no overflow for thousands of agents.

A queue with ``N <= A`` never empties (agents would need to be busier than 100%): there
``Pw = 1``, ``SL = 0`` and ``ASA`` is infinite. The staffing functions never return such an N.

The offered load (exact fractions) and the search for the minimum N are pure functions of
validated numbers, memoized (bounded): a batch sizes the same few queues over and over.
Inputs are checked before the cache is consulted, so a bad input still raises every time.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache

from modelo_servicio.staffing import _checks
from modelo_servicio.staffing._checks import Assumptions
from modelo_servicio.staffing.fte import scheduled_staff

SL_TOLERANCE = 1e-12
"""A computed service level this close below the target counts as reaching it (float noise)."""


def traffic_erlangs(contacts: float, interval_minutes: float, aht_seconds: float) -> float:
    """Offered load ``A = contacts * aht_seconds / (interval_minutes * 60)``, in erlangs."""
    return float(_traffic_exact(contacts, interval_minutes, aht_seconds))


def _traffic_exact(contacts: float, interval_minutes: float, aht_seconds: float) -> Fraction:
    c = _checks.at_most(
        "contacts", _checks.non_negative("contacts", contacts), _checks.MAX_CONTACTS
    )
    i = _checks.positive("interval_minutes", interval_minutes)
    _checks.at_most("interval_minutes", i, _checks.MAX_INTERVAL_MINUTES)
    h = _checks.at_most(
        "aht_seconds", _checks.positive("aht_seconds", aht_seconds), _checks.MAX_SECONDS
    )
    traffic = _traffic(c, i, h)
    _checks.load("traffic", float(traffic))
    return traffic


@lru_cache(maxsize=4096)
def _traffic(contacts: float, interval_minutes: float, aht_seconds: float) -> Fraction:
    exact = _checks.exact
    return exact(contacts) * exact(aht_seconds) / (exact(interval_minutes) * 60)


def _check_agents(agents: int) -> int:
    if isinstance(agents, bool) or not isinstance(agents, int) or agents < 0:
        raise _checks.StaffingInputError(
            "agents", "ge0", f"must be a whole number of 0 or more, got {agents}", value=agents
        )
    return agents


def erlang_b(agents: int, traffic: float) -> float:
    """Blocking probability of an ``agents``-server loss system offered ``traffic`` erlangs."""
    n = _check_agents(agents)
    a = _checks.non_negative("traffic", traffic)
    b = 1.0
    for k in range(1, n + 1):
        b = a * b / (k + a * b)
    return b


def _c_from_b(n: int, a: float, b: float) -> float:
    if a <= 0:
        return 0.0
    if n <= a:
        return 1.0
    return min(1.0, n * b / (n - a * (1.0 - b)))


def probability_wait(agents: int, traffic: float) -> float:
    """Erlang C: probability that an arriving contact has to queue (1.0 if ``agents <= A``)."""
    n = _check_agents(agents)
    a = _checks.non_negative("traffic", traffic)
    if a == 0:
        return 0.0
    if n <= a:
        return 1.0
    return _c_from_b(n, a, erlang_b(n, a))


def _sl(n: int, a: float, pw: float, aht: float, t: float) -> float:
    if a == 0:
        return 1.0
    if n <= a:
        return 0.0
    return max(0.0, min(1.0, 1.0 - pw * math.exp(-(n - a) * t / aht)))


def service_level(agents: int, traffic: float, aht_seconds: float, answer_seconds: float) -> float:
    """Share of contacts answered within ``answer_seconds``: ``1 - Pw * exp(-(N-A) t / AHT)``."""
    aht = _checks.positive("aht_seconds", aht_seconds)
    t = _checks.non_negative("answer_seconds", answer_seconds)
    pw = probability_wait(agents, traffic)
    return _sl(agents, float(traffic), pw, aht, t)


def average_speed_of_answer(agents: int, traffic: float, aht_seconds: float) -> float:
    """ASA in seconds: ``Pw * AHT / (N - A)``; ``inf`` when ``agents <= A``."""
    aht = _checks.positive("aht_seconds", aht_seconds)
    pw = probability_wait(agents, traffic)
    if traffic == 0:
        return 0.0
    if agents <= traffic:
        return math.inf
    return pw * aht / (agents - traffic)


def occupancy(agents: int, traffic: float) -> float:
    """Share of agents' time spent handling contacts, ``A / N`` (at most 1; 0 with no agents)."""
    n = _check_agents(agents)
    a = _checks.non_negative("traffic", traffic)
    if n == 0:
        return 0.0
    return min(1.0, a / n)


def _lower_bounds(a: Fraction, max_occupancy: float) -> tuple[int, str]:
    """Smallest admissible N before looking at the service level, and which rule sets it.

    N must exceed A (a stable queue) and keep ``A / N <= max_occupancy``; both computed on
    exact fractions (8.5 erlangs at an 85% cap need exactly 10 agents, not 11).
    """
    stable = math.floor(a) + 1
    capped = _checks.ceil_exact(a / _checks.exact(max_occupancy))
    if capped >= stable:
        return capped, "occupancy"
    return stable, "stability"


@lru_cache(maxsize=4096)
def _minimum(
    a_exact: Fraction,
    aht: float,
    target: float,
    t: float,
    max_occupancy: float,
) -> tuple[int, str, float]:
    """(N, the rule that set it, Pw at N): one walk of the Erlang B recurrence.

    B(n) needs every B below it, so the walk starts at 0, but the service level is only
    evaluated from the lower bound up. Pw is returned so that callers need not walk again.
    """
    if a_exact == 0:
        return 0, "none", 0.0
    a = float(a_exact)
    floor_n, rule = _lower_bounds(a_exact, max_occupancy)
    b = 1.0
    for k in range(1, floor_n + 1):
        b = a * b / (k + a * b)
    n = floor_n
    while True:
        pw = _c_from_b(n, a, b)
        if _sl(n, a, pw, aht, t) >= target - SL_TOLERANCE:
            return n, (rule if n == floor_n else "service_level"), pw
        n += 1
        b = a * b / (n + a * b)


def minimum_agents(
    traffic: float,
    *,
    aht_seconds: float,
    service_level: float,
    answer_seconds: float,
    max_occupancy: float,
) -> int:
    """Smallest N with ``SL(answer_seconds) >= service_level``, ``A/N <= max_occupancy``, N > A.

    0 when ``traffic`` is 0. Walks the Erlang B recurrence once (O(N) in total).
    """
    a = _checks.non_negative("traffic", traffic)
    aht = _checks.positive("aht_seconds", aht_seconds)
    target = _checks.open_unit("service_level", service_level)
    t = _checks.non_negative("answer_seconds", answer_seconds)
    cap = _checks.share("max_occupancy", max_occupancy)
    return _minimum(_checks.exact(a), aht, target, t, cap)[0]


def concurrency_factor(concurrency: int, factors: Mapping[int, float]) -> float:
    """Throughput multiplier of an agent handling ``concurrency`` chats at once.

    ``factors`` maps a number of simultaneous chats to how many single-chat agents one such
    agent is worth (published: ``{1: 1.0, 2: 1.7, 3: 2.5}``). Rule for other values:

    * 1 chat is worth 1.0 unless the table says otherwise;
    * a value in the table is used as is;
    * between two listed values, linear interpolation;
    * above the largest listed value, the factor of the largest is kept (clamped): nothing
      beyond the measured concurrency is assumed, since quality drops as chats pile up.

    The table must give factors > 0 and no more than the number of chats (an agent cannot be
    worth more than ``k`` agents), non-decreasing in ``k``.
    """
    k = _checks.whole_at_least_one("concurrency", concurrency)
    table: dict[int, float] = {1: 1.0}
    previous = 0.0
    for key in sorted(factors):
        value = factors[key]
        if (
            isinstance(key, bool)
            or not isinstance(key, int)
            or key < 1
            or not isinstance(value, int | float)
            or not math.isfinite(value)
            or not 0 < value <= key
            or value < previous
        ):
            raise _checks.StaffingInputError(
                "concurrency_factors",
                "factors",
                "each entry must be chats (1 or more) -> factor (greater than 0, at most the "
                f"number of chats, non-decreasing); got {dict(factors)}",
                value=dict(factors),
            )
        table[key] = float(value)
        previous = float(value)
    if k in table:
        return table[k]
    keys = sorted(table)
    if k > keys[-1]:
        return table[keys[-1]]
    upper = next(key for key in keys if key > k)
    lower = max(key for key in keys if key < k)
    fraction = (k - lower) / (upper - lower)
    return table[lower] + fraction * (table[upper] - table[lower])


def chat_agents(seats: int, concurrency: int, factors: Mapping[int, float]) -> int:
    """Agents needed when each handles ``concurrency`` chats, given the Erlang ``seats``.

    ``ceil(seats / factor)``, exact on decimals. Why not ``seats / concurrency``: an agent with
    two chats open does not finish either of them as fast as one chat alone -- attention
    switches, typing for one customer while the other waits, context to re-read -- so each
    chat lasts longer and the agent's real throughput is the measured factor (1.7 for two,
    2.5 for three), not 2 or 3. Dividing by ``concurrency`` would under-staff and break the
    service level the Erlang seats were sized for.
    """
    s = _check_agents(seats)
    f = concurrency_factor(concurrency, factors)
    return _checks.ceil_exact(Fraction(s) / _checks.exact(f))


@dataclass(frozen=True)
class ErlangResult:
    """Staffing of one live queue for one interval (typically the busy hour)."""

    contacts: float
    traffic_erlangs: float
    seats: int
    """Erlang C positions (one contact each) reaching the target."""
    agents: int
    """People on duty: ``seats``, or fewer when each handles several chats (``concurrency``)."""
    scheduled: int
    """People to schedule so that ``agents`` are on duty after shrinkage."""
    service_level: float
    occupancy: float
    probability_wait: float
    asa_seconds: float
    concurrency: int
    concurrency_factor: float
    limited_by: str
    """What set ``seats``: ``service_level``, ``occupancy`` (the cap), ``stability`` (N > A) or
    ``none`` (no contacts)."""
    method: str = "erlang_c"
    assumptions: Assumptions = field(default_factory=dict)


def erlang_staff(
    *,
    contacts: float,
    interval_minutes: float,
    aht_seconds: float,
    service_level: float,
    answer_seconds: float,
    max_occupancy: float,
    shrinkage: float,
    concurrency: int = 1,
    concurrency_factors: Mapping[int, float] | None = None,
) -> ErlangResult:
    """Minimum agents for one queue, then scheduled staff after shrinkage.

    ``contacts`` arrive in ``interval_minutes`` (e.g. the busy hour: 60), each taking
    ``aht_seconds`` (for chat: the handle time of a chat handled alone). The result reaches
    ``service_level`` answered within ``answer_seconds`` with occupancy at most
    ``max_occupancy``. With ``concurrency > 1``, ``concurrency_factors`` is required and the
    seats are turned into chat agents by :func:`chat_agents`; the service level, occupancy,
    Pw and ASA reported are those of the seats.

    No contacts -> 0 agents, 0 scheduled, service level 1.
    """
    a_exact = _traffic_exact(contacts, interval_minutes, aht_seconds)
    aht = float(aht_seconds)
    target = _checks.open_unit("service_level", service_level)
    t = _checks.non_negative("answer_seconds", answer_seconds)
    _checks.at_most("answer_seconds", t, _checks.MAX_SECONDS)
    cap = _checks.share("max_occupancy", max_occupancy)
    shrink = _checks.shrinkage("shrinkage", shrinkage)
    k = _checks.whole_at_least_one("concurrency", concurrency)
    _checks.at_most("concurrency", k, _checks.MAX_CONCURRENCY)
    if k > 1 and concurrency_factors is None:
        raise _checks.StaffingInputError(
            "concurrency_factors",
            "factors_missing",
            "a table of concurrency factors is needed when concurrency is above 1",
        )
    factor = concurrency_factor(k, concurrency_factors or {})

    seats, limited_by, pw = _minimum(a_exact, aht, target, t, cap)
    a = float(a_exact)
    agents = chat_agents(seats, k, concurrency_factors or {}) if k > 1 else seats
    return ErlangResult(
        contacts=float(contacts),
        traffic_erlangs=a,
        seats=seats,
        agents=agents,
        scheduled=scheduled_staff(agents, shrink),
        service_level=_sl(seats, a, pw, aht, t),
        occupancy=occupancy(seats, a),
        probability_wait=pw,
        asa_seconds=0.0 if seats == 0 else pw * aht / (seats - a),
        concurrency=k,
        concurrency_factor=factor,
        limited_by=limited_by,
        assumptions={
            "contacts": float(contacts),
            "interval_minutes": float(interval_minutes),
            "aht_seconds": aht,
            "service_level_target": target,
            "answer_seconds": t,
            "max_occupancy": cap,
            "shrinkage": shrink,
            "concurrency": k,
            "concurrency_factor": factor,
        },
    )
