"""Pydantic models of ``kind: roles`` and ``kind: training`` files: the roles a model staffs,
how each is sized, and the training that brings people to the level a role needs."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from modelo_servicio.domain.catalogue import ChannelId, SkillId
from modelo_servicio.domain.i18n import Text
from modelo_servicio.knowledge.schema import Item, Strict
from modelo_servicio.knowledge.staffing_schema import Share

Level = Annotated[int, Field(ge=1, le=5)]
Basis = Literal["active_customers", "dedicated_customers", "agents", "departments", "locations"]


class Ratio(Strict):
    """At least ``basis / per`` FTE (e.g. one account manager per 250 customers who need a
    dedicated adviser); ``text`` says it in words next to the result, ``source`` where the
    figure comes from."""

    basis: Basis
    per: float = Field(gt=0)
    text: Text | None = None
    source: Text | None = None


class DedicatedShare(Strict):
    """Share of active customers who need a dedicated adviser: by ticket, times a factor by
    journey (``dedicated_customers`` basis of a ratio)."""

    by_ticket: dict[Literal["low", "medium", "high", "luxury"], float]
    by_journey: dict[Literal["one_off", "repeat", "consultative"], float]
    source: Text


class Sizing(Strict):
    channels: bool = True
    """Add the workload of the channels the role serves."""
    ratio: Ratio | None = None
    minimum: float = Field(0, ge=0, le=100)


class RoleSpec(Item):
    name: Text
    description: Text
    channels: list[ChannelId] = Field(default_factory=list)
    share: Share = 1.0
    """Share of its channels' workload the role carries when its model splits them."""
    skills: dict[SkillId, Level] = Field(default_factory=dict)
    all_languages: bool = False
    """Serves customers from everywhere (phone, digital): should speak all their languages."""
    default_for: list[ChannelId] = Field(default_factory=list)
    """Channels this role staffs when the chosen model names no role for them."""
    sizing: Sizing = Field(default_factory=Sizing)
    specialism: bool = False
    """A trade of its own (department specialist, field technician): where people whose
    title names a specialism are placed first."""


class Specialists(Strict):
    """People whose job title names a specialism (an optometrist, an audiologist, a
    technician) keep it: placed in a role marked ``specialism`` when the model has one, else
    kept in their title on the channels they serve, never trained into another trade."""

    keywords: list[str] = Field(min_length=1)


class RolesFile(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")
    kind: Literal["roles"]
    dedicated_customers: DedicatedShare | None = None
    specialists: Specialists | None = None
    roles: list[RoleSpec] = Field(default_factory=list)
    disable: list[str] = Field(default_factory=list)


class TrainingModule(Item):
    skill: SkillId
    channels: list[ChannelId] = Field(default_factory=list)
    """Preferred for roles serving these channels; empty = the general module of the skill."""
    name: Text
    hours_per_level: int = Field(ge=1, le=200)


class LanguageCourse(Strict):
    name: Text
    hours: int = Field(ge=1, le=2000)
    level: Level


class TrainingSettings(Strict):
    hours_per_week: float = Field(gt=0, le=40)
    max_hours_per_week: float = Field(gt=0, le=40)
    language: LanguageCourse
    heavy_hours_per_person: int = Field(ge=1, le=2000)
    """Training hours of one person above which the plan lists a training-load risk."""


class TrainingSection(Strict):
    hours_per_week: float | None = Field(None, gt=0, le=40)
    max_hours_per_week: float | None = Field(None, gt=0, le=40)
    language: LanguageCourse | None = None
    heavy_hours_per_person: int | None = Field(None, ge=1, le=2000)


class TrainingFile(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")
    kind: Literal["training"]
    training: TrainingSection | None = None
    training_modules: list[TrainingModule] = Field(default_factory=list)
    disable: list[str] = Field(default_factory=list)
