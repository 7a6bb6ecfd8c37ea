"""Knowledge the report needs beyond the result: the four service levels and the practices
that climb them (seeds/003). Declared as the ``service_levels`` kind of rule file so a
consultancy can reword or add practices with ``--rules`` like any other knowledge."""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

from modelo_servicio.i18n import Text
from modelo_servicio.kb.loader import KnowledgeBase
from modelo_servicio.kb.schema import Item
from modelo_servicio.profile import ServiceLevel

LEVELS: tuple[str, ...] = get_args(get_args(ServiceLevel)[0])
"""The four levels, worst first (the profile's own order)."""

Target = Literal["meets", "exceptional", "exceeds"]


class ServiceLevelSpec(Item):
    id: ServiceLevel
    name: Text
    description: Text


class PracticeSpec(Item):
    """A practice that lifts service to ``target`` (needed once the goal reaches that level)."""

    target: Target
    name: Text
    text: Text


class ServiceLevelsFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: Literal["service_levels"]
    service_levels: list[ServiceLevelSpec] = Field(default_factory=list)
    service_practices: list[PracticeSpec] = Field(default_factory=list)
    disable: list[str] = Field(default_factory=list)


def levels(kb: KnowledgeBase) -> dict[str, ServiceLevelSpec]:
    return kb.collection("service_levels", ServiceLevelSpec)


def practices_between(kb: KnowledgeBase, now: str, goal: str) -> list[PracticeSpec]:
    """Practices whose level lies above ``now`` and up to ``goal``; when the goal is already
    reached, those that sustain it (its own level, at least "meets")."""
    rank = {level: index for index, level in enumerate(LEVELS)}
    low, high = rank.get(now, 0), rank.get(goal, 0)
    items = list(kb.collection("service_practices", PracticeSpec).values())
    if low < high:
        chosen = [p for p in items if low < rank[p.target] <= high]
    else:
        keep = max(high, rank["meets"])
        chosen = [p for p in items if rank[p.target] == keep]
    return sorted(chosen, key=lambda p: rank[p.target])
