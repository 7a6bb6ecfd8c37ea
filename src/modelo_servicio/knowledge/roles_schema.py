"""Pydantic models of ``kind: roles`` and ``kind: training`` files: the roles a model staffs,
how each is sized, and the training that brings people to the level a role needs."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from modelo_servicio.domain.i18n import Text
from modelo_servicio.domain.profile import Channel, SkillName
from modelo_servicio.knowledge.schema import Item, Strict
from modelo_servicio.knowledge.staffing_schema import Share

Level = Annotated[int, Field(ge=1, le=5)]
Basis = Literal["active_customers", "agents", "departments", "locations"]


class Ratio(Strict):
    """At least ``basis / per`` FTE (e.g. one account manager per 250 active customers)."""

    basis: Basis
    per: float = Field(gt=0)


class Sizing(Strict):
    channels: bool = True
    """Add the workload of the channels the role serves."""
    ratio: Ratio | None = None
    minimum: float = Field(0, ge=0, le=100)


class RoleSpec(Item):
    name: Text
    description: Text
    channels: list[Channel] = Field(default_factory=list)
    share: Share = 1.0
    """Share of its channels' workload the role carries when its model splits them."""
    skills: dict[SkillName, Level] = Field(default_factory=dict)
    all_languages: bool = False
    """Serves customers from everywhere (phone, digital): should speak all their languages."""
    default_for: list[Channel] = Field(default_factory=list)
    """Channels this role staffs when the chosen model names no role for them."""
    sizing: Sizing = Field(default_factory=Sizing)


class RolesFile(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")
    kind: Literal["roles"]
    roles: list[RoleSpec] = Field(default_factory=list)
    disable: list[str] = Field(default_factory=list)


class TrainingModule(Item):
    skill: SkillName
    channels: list[Channel] = Field(default_factory=list)
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


class TrainingSection(Strict):
    hours_per_week: float | None = Field(None, gt=0, le=40)
    max_hours_per_week: float | None = Field(None, gt=0, le=40)
    language: LanguageCourse | None = None


class TrainingFile(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")
    kind: Literal["training"]
    training: TrainingSection | None = None
    training_modules: list[TrainingModule] = Field(default_factory=list)
    disable: list[str] = Field(default_factory=list)
