"""Which channels the same people serve as one: live channels pooled into one queue, a quiet
channel folded into a busier one's work, and the FTE of a group of channels.

Split from ``planning.channels``, which sizes each channel on its own (Erlang C, backlog,
visits, appointments); this module decides how those sizings combine when one team works
several channels, which is how roles are sized.
"""

from __future__ import annotations

from collections.abc import Callable

from modelo_servicio.planning.channels import Demand, Setup, Staffed, live_pool, staff_one


def live_groups(items: list[Demand], ratio: float) -> list[list[Demand]]:
    """Live channels that one queue can serve: the same ``pool``, and handle times and
    waiting targets within ``ratio`` of each other. A 35-minute eye test and a 4-minute call
    are no one queue, nor are a walk-in who accepts minutes and a caller who hangs up after
    seconds: one queue would impose the call's 20-second target on the shop floor."""
    order = {d.channel: i for i, d in enumerate(items)}  # the profile's, the catalogue's
    pools: dict[str, list[Demand]] = {}
    for d in items:
        if d.method == "erlang_c":
            pools.setdefault(d.spec.pool or d.channel, []).append(d)
    out: list[list[Demand]] = []
    for group in pools.values():
        for same_wait in _runs(group, lambda d: d.answer_seconds, ratio, order):
            for run in _runs(same_wait, lambda d: d.handle_minutes, ratio, order):
                out.append(sorted(run, key=lambda d: order[d.channel]))
    return out


def _runs(
    items: list[Demand], value: Callable[[Demand], float], ratio: float, order: dict[str, int]
) -> list[list[Demand]]:
    """``items`` sorted by ``value`` (ties in ``order``) and cut wherever it exceeds ``ratio``
    times the first of the current run."""
    out: list[list[Demand]] = []
    current: list[Demand] = []
    for d in sorted(items, key=lambda d: (value(d), order[d.channel])):
        if current and value(d) > value(current[0]) * ratio:
            out.append(current)
            current = []
        current.append(d)
    if current:
        out.append(current)
    return out


def poolable(a: Demand, b: Demand, base: Setup) -> bool:
    """Whether two live channels of one pool can be one queue (``live_groups``)."""
    ratio = base.settings.pool_handle_ratio
    short, long = sorted((a.handle_minutes, b.handle_minutes))
    quick, patient = sorted((a.answer_seconds, b.answer_seconds))
    return long <= short * ratio and patient <= quick * ratio


def folds(guest: Demand, host: Demand, base: Setup) -> bool:
    """Whether a quiet channel's contacts are taken by its host's staff between their own
    customers (work time only) rather than pooled into one queue: when the two cannot be one
    queue, and always when the host books appointments (nobody queues there)."""
    return host.method == "appointments" or not poolable(guest, host, base)


def folded_fte(d: Demand, base: Setup) -> float:
    """FTE of a quiet channel whose calls the staff of a busier, slower channel take between
    customers: its work time only (no queue of its own, no answer target of its own)."""
    terms = base.terms
    hours = terms.contracted_hours * terms.weeks_per_month * (1 - terms.shrinkage)
    return d.contacts_per_month * d.handle_minutes / 60 / (hours * terms.max_occupancy)


def staff_group(items: list[Demand], base: Setup, hosts: dict[str, str] | None = None) -> float:
    """FTE for several channels served by the same people: live ones pooled per ``pool``
    (``live_groups``), the others one by one; a quiet channel folded into a host it cannot
    share a queue with (``hosts``) counts its work time only."""
    hosts = hosts or {}
    present = {d.channel: d for d in items}
    folded = [
        d
        for d in items
        if d.channel in hosts
        and hosts[d.channel] in present
        and folds(d, present[hosts[d.channel]], base)
    ]
    total = sum(folded_fte(d, base) for d in folded)
    total += sum(staff_one(d, base).fte for d in items if d.method != "erlang_c")
    rest = [d for d in items if d not in folded]
    for group in live_groups(rest, base.settings.pool_handle_ratio):
        total += live_pool(group, base).fte
    return total


def shared_hosts(items: list[Demand], rows: dict[str, Staffed], base: Setup) -> dict[str, str]:
    """Quiet live channels -> the busiest live channel of their pool, whose staff serve them."""
    limit = base.settings.shared_below_occupancy
    order = {d.channel: i for i, d in enumerate(items)}
    by_pool: dict[str, list[Demand]] = {}
    for d in items:
        if d.method in ("erlang_c", "appointments") and d.spec.pool:
            by_pool.setdefault(d.spec.pool, []).append(d)
    out: dict[str, str] = {}
    for group in by_pool.values():
        if len(group) < 2:
            continue
        host = max(group, key=lambda d: (d.busy_hour * d.handle_minutes, -order[d.channel]))
        for d in group:
            if d is not host and rows[d.channel].results.get("occupancy", 1.0) < limit:
                out[d.channel] = host.channel
    return out
