"""Pydantic models of the core knowledge-base files (models, channels, skills, rules, settings).

The other kinds have one schema module each beside this one (``staffing_schema``,
``roles_schema``, ``plan_schema``, ``questions_schema``); ``loader.KINDS`` maps every kind to
its file model.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeVar, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from modelo_servicio.domain.catalogue import ChannelId, ModelId, SkillId
from modelo_servicio.domain.catalogue import of as catalogue_of
from modelo_servicio.domain.errors import Problem
from modelo_servicio.domain.i18n import Text, invalid
from modelo_servicio.domain.validation import message

if TYPE_CHECKING:
    from modelo_servicio.knowledge.loader import KnowledgeBase

S = TypeVar("S", bound=BaseModel)

Cost = Literal["low", "medium", "high"]
COSTS: tuple[str, ...] = get_args(Cost)
"""A model's running cost, cheapest first (the budget of the profile uses the same words)."""


class Strict(BaseModel):
    """A section of a file: unknown keys are errors, values never change after loading."""

    model_config = ConfigDict(defer_build=True, extra="forbid", frozen=True)


class Item(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=80)


class ModelSpec(Item):
    """A support model (the packaged eight, or one a consultancy adds)."""

    name: Text
    summary: Text
    description: Text
    channels: list[ChannelId] = Field(default_factory=list)
    segments: list[Literal["consumers", "businesses"]] = Field(default_factory=list)
    required_skills: dict[SkillId, int] = Field(default_factory=dict)
    roles: list[str] = Field(default_factory=list)
    cost: Cost = "medium"
    base: int = Field(ge=0, le=100)
    """Points the model starts from before any rule."""
    strengths: list[Text] = Field(default_factory=list)
    risks: list[Text] = Field(default_factory=list)


class ChannelSpec(Item):
    """A service channel and what it demands of the people who staff it."""

    name: Text
    demands: Text
    skills: dict[SkillId, int] = Field(default_factory=dict)
    groups: list[Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]] = Field(default_factory=list)
    """Kinds of channel (live, voice, digital...): each group is a ``facts.<group>_share``."""


class SkillSpec(Item):
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


SkillLevel = Annotated[int, Field(ge=1, le=5)]


class Settings(Strict):
    """Engine settings, complete: every key is given by ``rules/settings.yaml`` (a default
    written here as well would be a second copy of it), checked after merging."""

    tie_order: list[ModelId]
    hybrid_min_channel_share: float = Field(ge=0, le=1)
    hybrid_max_gap: float = Field(ge=0, le=100)
    hybrid_min_component_share: float = Field(ge=0, le=1)
    self_service_component_sessions: float = Field(ge=0)
    self_service_component_score: float = Field(ge=0, le=100)
    self_service_alone_sessions: float = Field(ge=0)
    close_call_margin: float = Field(ge=0, le=100)
    fallback_max_gap: float = Field(ge=0, le=100)
    robust_margin: float = Field(ge=0, le=100)
    strong_skill_level: SkillLevel
    """A skill at this level or above is strong (``facts.strong_<skill>``)."""
    sensitivity_steps: list[float]
    sensitivity_scaled: list[str]
    sensitivity_shifts: dict[str, float]
    robust_fields: list[str]


class SettingsSection(Strict):
    """The same keys, each optional, as a file gives them: a consultancy may override any."""

    tie_order: list[ModelId] | None = None
    hybrid_min_channel_share: float | None = Field(None, ge=0, le=1)
    hybrid_max_gap: float | None = Field(None, ge=0, le=100)
    hybrid_min_component_share: float | None = Field(None, ge=0, le=1)
    self_service_component_sessions: float | None = Field(None, ge=0)
    self_service_component_score: float | None = Field(None, ge=0, le=100)
    self_service_alone_sessions: float | None = Field(None, ge=0)
    close_call_margin: float | None = Field(None, ge=0, le=100)
    fallback_max_gap: float | None = Field(None, ge=0, le=100)
    robust_margin: float | None = Field(None, ge=0, le=100)
    strong_skill_level: SkillLevel | None = None
    sensitivity_steps: list[float] | None = None
    sensitivity_scaled: list[str] | None = None
    sensitivity_shifts: dict[str, float] | None = None
    robust_fields: list[str] | None = None

    @field_validator("sensitivity_scaled", "sensitivity_shifts", "robust_fields")
    @classmethod
    def _profile_paths(
        cls, patterns: list[str] | dict[str, float] | None, info: ValidationInfo
    ) -> Any:
        """Robustness reads these as profile paths (``*`` allowed): a typo would silently
        test nothing, so it is an error at load time."""
        from fnmatch import filter as matching

        from modelo_servicio.domain.fields import profile_fields

        catalogue = catalogue_of(info)
        if patterns is None or catalogue is None:  # checked when the files are loaded
            return patterns
        known = list(profile_fields(catalogue))
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
    settings: SettingsSection


def complete(kb: KnowledgeBase, name: str, kind: type[S]) -> S:
    """The merged section ``name`` validated as its complete model ``kind``: a
    ``ValidationError`` names each key no file gives."""
    section = kb.singletons.get(name)
    return kind.model_validate(section.model_dump(exclude_none=True) if section else {})


def incomplete(kb: KnowledgeBase, name: str, kind: type[BaseModel]) -> list[Problem]:
    """What ``complete`` would refuse, as problems located at ``name.key``."""
    try:
        complete(kb, name, kind)
    except ValidationError as exc:
        return [
            Problem("rules", message(kind, err), path=".".join([name, *map(str, err["loc"])]))
            for err in exc.errors(include_url=False)
        ]
    return []
