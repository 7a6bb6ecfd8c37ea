"""Which roles the chosen model needs, how many FTE each, and the hires that close the gap.

A channel with contacts is served by the model that owns it (the hybrid component naming it,
else the first planned model that lists it) and, within that model, by the roles that list the
channel (sharing its workload by ``share``); a channel no planned model serves goes to the role
that is ``default_for`` it. A role's requirement is the largest of its channels' workload,
its ratio (e.g. customers per account manager) and its minimum.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from modelo_servicio.domain.profile import Profile
from modelo_servicio.domain.segments import segment_views
from modelo_servicio.engine.facts import answers
from modelo_servicio.knowledge.loader import KnowledgeBase
from modelo_servicio.planning.channels import Demand, Setup
from modelo_servicio.planning.kb import DedicatedShare, RoleSpec, StaffingSettings
from modelo_servicio.planning.pooling import staff_group

PRECISION = 1e-9


@dataclass(eq=False)
class RoleNeed:
    """One role of the plan. Compared by identity: each role appears once, and placing people
    tests membership in lists of roles often (field by field, specs included, was dear)."""

    spec: RoleSpec
    channels: list[str] = field(default_factory=list)
    portions: dict[str, float] = field(default_factory=dict)
    """The part of a channel's work this role takes when components serving different
    customer segments share the channel (absent: all of it)."""
    required: float = 0.0
    sized_by: str = "channels"
    current: float = 0.0
    hires_needed: int = 0
    hires: int = 0
    skill_hire: bool = False
    absorbed: float = 0.0
    """FTE of small roles nobody covers, given to this role's new hires."""
    absorbed_by: RoleNeed | None = None
    by_ratio: float = 0.0
    """FTE the role's ratio alone asks for (0 without a ratio)."""
    id: str = field(init=False)
    """``spec.id``, copied: read a few dozen times per plan."""

    def __post_init__(self) -> None:
        self.id = self.spec.id

    @property
    def gap(self) -> float:
        return self.required - self.current


def serving_models(
    kb: KnowledgeBase, models: list[str], owners: dict[str, str], channels: list[str]
) -> dict[str, str | None]:
    """Channel -> the planned model that serves it (``None``: no planned model does)."""
    specs = kb.models
    out: dict[str, str | None] = {}
    for channel in channels:
        if channel in owners:
            out[channel] = owners[channel]
            continue
        out[channel] = next((m for m in models if channel in specs[m].channels), None)
    return out


def channel_roles(
    kb: KnowledgeBase, roles: dict[str, RoleSpec], model: str | None, channel: str
) -> list[RoleSpec]:
    if model is not None:
        found = [
            roles[r] for r in kb.models[model].roles if r in roles and channel in roles[r].channels
        ]
        if found:
            return found
    return next(([r] for r in roles.values() if channel in r.default_for), [])


def role_needs(
    kb: KnowledgeBase,
    roles: dict[str, RoleSpec],
    models: list[str],
    served_by: dict[str, str | None],
    hosts: dict[str, str],
    demand: dict[str, Demand],
    base: Setup,
    profile: Profile,
    dedicated: float = 0.0,
    split: dict[str, list[tuple[str, float]]] | None = None,
) -> list[RoleNeed]:
    """Every role the plan needs, with its required FTE; roles needing nothing are dropped.
    ``dedicated``: the customers who need a dedicated adviser (``dedicated_customers``).
    ``split``: channels that components serving different customer segments share, with
    each model's part of the channel's work (``build.plan_models``)."""
    needs: dict[str, RoleNeed] = {}
    specs = kb.models
    for model in models:
        for role_id in specs[model].roles:
            if role_id in roles and role_id not in needs:
                needs[role_id] = RoleNeed(roles[role_id])
    for channel in demand:
        owner = hosts.get(channel, channel)
        parts: list[tuple[str | None, float]] = [(served_by.get(owner), 1.0)]
        parts = list((split or {}).get(owner, [])) or parts
        for serving, part in parts:
            for spec in channel_roles(kb, roles, serving, owner):
                need = needs.get(spec.id)
                if need is None:
                    need = needs[spec.id] = RoleNeed(spec)
                if channel not in need.channels:
                    need.channels.append(channel)
                if part < 1.0:
                    need.portions[channel] = min(1.0, need.portions.get(channel, 0.0) + part)
    bases = {
        "active_customers": float(profile.customers.active),
        "dedicated_customers": dedicated,
        "departments": float(profile.organization.departments),
        "locations": float(profile.company.locations),
    }
    ordered = sorted(needs.values(), key=lambda n: _uses_agents(n.spec))
    for need in ordered:
        if _uses_agents(need.spec):
            bases["agents"] = sum(n.required for n in needs.values() if not _uses_agents(n.spec))
        _size(need, demand, base, bases, hosts)
    return [n for n in needs.values() if n.required > PRECISION]


def dedicated_customers(
    profile: Profile, share: DedicatedShare | None, values: Mapping[str, Any] | None = None
) -> float:
    """Active customers who need a dedicated adviser, by ticket and journey (never all of
    them: a shop's occasional buyers do not ask for their own account manager); for a
    company that describes its customer segments, each segment's customers by its own
    (``values``: the evaluation's context, when at hand, rather than the profile again)."""
    if share is None:
        return 0.0
    c = profile.customers
    views = segment_views(answers(profile) if values is None else values)
    if not views:
        return c.active * share.by_ticket.get(c.ticket, 0.0) * share.by_journey.get(c.journey, 0.0)
    total = 0.0
    for view in views:  # each segment's customers by its own ticket and journey
        ticket = view.changes.get("customers.ticket", c.ticket)
        journey = view.changes.get("customers.journey", c.journey)
        total += view.active * share.by_ticket.get(ticket, 0.0) * share.by_journey.get(journey, 0.0)
    return total


def _uses_agents(spec: RoleSpec) -> bool:
    return spec.sizing.ratio is not None and spec.sizing.ratio.basis == "agents"


def _size(
    need: RoleNeed,
    demand: dict[str, Demand],
    base: Setup,
    bases: dict[str, float],
    hosts: dict[str, str],
) -> None:
    sizing = need.spec.sizing
    options: list[tuple[float, str]] = []
    if sizing.channels and need.channels:
        work = staff_group([demand[c] for c in need.channels], base, hosts) * need.spec.share
        if need.portions:  # its part of shared channels, weighed by each channel's own work
            alone = {c: staff_group([demand[c]], base, hosts) for c in need.channels}
            total = sum(alone.values())
            if total > 0:
                work *= sum(alone[c] * need.portions.get(c, 1.0) for c in alone) / total
        options.append((work, "channels"))
    if sizing.ratio is not None:
        need.by_ratio = bases.get(sizing.ratio.basis, 0.0) / sizing.ratio.per
        options.append((need.by_ratio, "ratio"))
    options.append((sizing.minimum, "minimum"))
    need.required, need.sized_by = max(options, key=lambda o: o[0])


def absorb_small(needs: list[RoleNeed], settings: StaffingSettings) -> None:
    """A role below the hiring threshold that nobody covers (there is no staff to give it to)
    becomes part of the week of the new hires of the role with the largest gap."""
    limit = settings.hire_threshold_fte
    big = [n for n in needs if n.gap > limit]
    if not big:
        return
    host = max(big, key=lambda n: n.gap)
    for need in needs:
        if need.current < PRECISION and 0 < need.gap <= limit:
            host.absorbed += need.gap
            need.absorbed_by = host


def hires_for(needs: list[RoleNeed], settings: StaffingSettings) -> int:
    """People each role needs to hire (before constraints); sets ``hires_needed`` per role."""
    for need in needs:
        gap = need.gap + need.absorbed
        count = math.ceil(gap - settings.hire_threshold_fte - PRECISION) if gap > 0 else 0
        if gap > settings.hire_threshold_fte:
            count = max(1, count)
        if need.skill_hire:
            count = max(1, count)
        need.hires_needed = max(0, count)
    return sum(n.hires_needed for n in needs)


def hire_limit(profile: Profile, settings: StaffingSettings) -> int | None:
    c = profile.constraints
    if c.hiring == "none":
        return 0
    if c.hiring == "limited" and c.max_new_hires is None:
        return settings.limited_hiring_cap
    return c.max_new_hires


def allocate(needs: list[RoleNeed], limit: int | None) -> int:
    """Spread the allowed hires over the roles that need them.

    First one hire for every role nobody on the team can do (no one covers it, or it lacks a
    skill nobody can learn), then the rest in proportion to the gaps (Sainte-Laguë
    apportionment: divisors 1, 3, 5...), so a small role is not starved by a large one.
    """
    for need in needs:
        need.hires = 0
    left = math.inf if limit is None else limit
    first = sorted(
        (n for n in needs if n.hires_needed and (n.current < PRECISION or n.skill_hire)),
        key=lambda n: (-(n.gap + n.absorbed), n.id),
    )
    for need in first:
        if left <= 0:
            break
        need.hires, left = 1, left - 1
    if left >= sum(max(0, n.hires_needed - n.hires) for n in needs):
        # enough for everyone: every role ends with all it needs, whatever the order (with
        # open hiring, apportioning one hire at a time would take a pass per hire)
        for need in needs:
            need.hires = max(need.hires, need.hires_needed)
        return sum(n.hires for n in needs)
    while left > 0:
        open_roles = [n for n in needs if n.hires < n.hires_needed]
        if not open_roles:
            break
        pick = max(open_roles, key=lambda n: ((n.gap + n.absorbed) / (2 * n.hires + 1), n.id))
        pick.hires, left = pick.hires + 1, left - 1
    return sum(n.hires for n in needs)


def uncovered_fte(need: RoleNeed) -> float:
    if need.absorbed_by is not None:
        return need.gap if uncovered_fte(need.absorbed_by) > 0 else 0.0
    if need.hires >= need.hires_needed:
        return 0.0
    return max(0.0, need.gap + need.absorbed - need.hires)
