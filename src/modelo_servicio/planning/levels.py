"""Service levels: their order and which levels' practices a plan and a report list.

The levels, worst first, are the ``service_levels`` of the plan files in file order (the
loader checks they are the profile's levels in the profile's order). What a company must do
to go from its current level to its goal is written here once, for the plan's practices and
for the report's service-level section alike.
"""

from __future__ import annotations

from collections.abc import Mapping

from modelo_servicio.knowledge.plan_schema import ServiceLevelSpec


def rank(levels: Mapping[str, ServiceLevelSpec], level: str) -> int:
    """How far up ``level`` is (0: the lowest)."""
    return list(levels).index(level)


def rises(levels: Mapping[str, ServiceLevelSpec], now: str, goal: str) -> bool:
    """Whether the goal is above the current level (a plan that must climb)."""
    return rank(levels, goal) > rank(levels, now)


def climb(
    levels: Mapping[str, ServiceLevelSpec], now: str, goal: str
) -> tuple[ServiceLevelSpec, ...]:
    """The levels whose practices take a company from ``now`` to ``goal``: every level above
    ``now`` up to the goal. At or past the goal, the levels that keep it: the goal's own, or,
    when the goal asks for nothing (the lowest level), the first level above it that does."""
    order = list(levels.values())
    lo, hi = rank(levels, now), rank(levels, goal)
    if hi > lo:
        return tuple(order[lo + 1 : hi + 1])
    keeping = [level for level in order[hi:] if level.practices]
    return tuple(keeping[:1])
