"""Pydantic models of the core knowledge-base files (models, channels, skills, rules, settings).

Other parts of the product declare their own file kinds next to the code that uses them
(``planning``, ``interview``); the loader finds them through ``loader.KINDS``.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from modelo_servicio.domain.i18n import Text, invalid
from modelo_servicio.domain.profile import Channel, ModelId, SkillName


class Item(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=80)


class ModelSpec(Item):
    """One of the eight support models."""

    id: ModelId
    name: Text
    summary: Text
    description: Text
    channels: list[Channel] = Field(default_factory=list)
    segments: list[Literal["consumers", "businesses"]] = Field(default_factory=list)
    required_skills: dict[SkillName, int] = Field(default_factory=dict)
    roles: list[str] = Field(default_factory=list)
    cost: Literal["low", "medium", "high"] = "medium"
    base: int = Field(30, ge=0, le=100)
    strengths: list[Text] = Field(default_factory=list)
    risks: list[Text] = Field(default_factory=list)


class ChannelSpec(Item):
    """One of the eight service channels and what it demands of the people who staff it."""

    id: Channel
    name: Text
    demands: Text
    skills: dict[SkillName, int] = Field(default_factory=dict)
    groups: list[Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]] = Field(default_factory=list)
    """Kinds of channel (live, voice, digital...): each group is a ``facts.<group>_share``."""


class SkillSpec(Item):
    id: SkillName
    name: Text
    description: Text


class ExampleSpec(BaseModel):
    """A rule file's embedded test: a partial profile and what must follow from it."""

    model_config = ConfigDict(defer_build=True, extra="forbid", frozen=True)

    name: str = Field(min_length=1)
    profile: dict[str, Any] = Field(default_factory=dict)
    fires: list[str] = Field(default_factory=list)
    not_fires: list[str] = Field(default_factory=list)
    limited: list[ModelId] = Field(default_factory=list)
    feasible: list[ModelId] = Field(default_factory=list)
    recommends: ModelId | None = None


class RuleSpec(Item):
    """Points (or a feasibility limit) for one model when a condition holds."""

    model: ModelId
    when: Any
    text: Text
    points: int = Field(0, ge=-100, le=100)
    limit: bool = False

    @model_validator(mode="after")
    def _points_or_limit(self) -> RuleSpec:
        if self.limit and self.points:
            raise invalid("rules.file.limit_with_points")
        if not self.limit and not self.points:
            raise invalid("rules.file.no_effect")
        return self


class Settings(BaseModel):
    """Engine settings; a consultancy may override any key."""

    model_config = ConfigDict(defer_build=True, extra="forbid", frozen=True)

    tie_order: list[ModelId] = Field(
        default_factory=lambda: [  # type: ignore[arg-type]
            "self-service",
            "one-to-one",
            "one-team",
            "online",
            "convenient",
            "redirected",
            "in-depth",
            "hybrid",
        ]
    )
    hybrid_min_channel_share: float = Field(0.1, ge=0, le=1)
    hybrid_max_gap: float = Field(25, ge=0, le=100)
    hybrid_min_component_share: float = Field(0.15, ge=0, le=1)
    self_service_component_sessions: float = Field(1.0, ge=0)
    self_service_component_score: float = Field(50, ge=0, le=100)
    self_service_alone_sessions: float = Field(15.0, ge=0)
    close_call_margin: float = Field(5, ge=0, le=100)
    fallback_max_gap: float = Field(25, ge=0, le=100)
    robust_margin: float = Field(10, ge=0, le=100)
    sensitivity_steps: list[float] = Field(default_factory=lambda: [0.5, 2.0])
    sensitivity_scaled: list[str] = Field(default_factory=list)
    sensitivity_shifts: dict[str, float] = Field(default_factory=dict)
    robust_fields: list[str] = Field(default_factory=list)

    @field_validator("sensitivity_scaled", "sensitivity_shifts", "robust_fields")
    @classmethod
    def _profile_paths(cls, patterns: list[str] | dict[str, float]) -> Any:
        """Robustness reads these as profile paths (``*`` allowed): a typo would silently
        test nothing, so it is an error at load time."""
        from fnmatch import filter as matching

        from modelo_servicio.domain.fields import profile_fields

        known = list(profile_fields())
        unknown = [p for p in patterns if not matching(known, p)]
        if unknown:
            raise invalid("rules.file.no_field_matches", patterns=", ".join(unknown))
        return patterns


class ModelsFile(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")
    kind: Literal["models"]
    models: list[ModelSpec]


class ChannelsFile(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")
    kind: Literal["channels"]
    channels: list[ChannelSpec]


class SkillsFile(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")
    kind: Literal["skills"]
    skills: list[SkillSpec]


class RulesFile(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")
    kind: Literal["rules"]
    rules: list[RuleSpec] = Field(default_factory=list)
    disable: list[str] = Field(default_factory=list)
    examples: list[ExampleSpec] = Field(default_factory=list)


class SettingsFile(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")
    kind: Literal["settings"]
    settings: Settings
