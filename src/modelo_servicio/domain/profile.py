"""The company profile (``schema_version: 1``), exactly as PRODUCT.md describes it.

One source of truth: the interview, the rule compiler (field paths and their types) and the
JSON Schema are all derived from these classes.
"""

from __future__ import annotations

import datetime
import math
import re
from typing import Annotated, Any, ClassVar, Literal

from annotated_types import Ge, Le
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    RootModel,
    ValidationInfo,
    field_validator,
    model_validator,
)

from modelo_servicio.domain.catalogue import (
    MARK,
    NO_MODEL,
    Catalogue,
    ChannelId,
    ChannelKey,
    CurrentModel,
    Kind,
    ServiceLevelId,
    SkillKey,
)
from modelo_servicio.domain.catalogue import of as catalogue_of
from modelo_servicio.domain.i18n import invalid
from modelo_servicio.domain.text import name_key, normal_name

SCHEMA_VERSION: Literal[1] = 1


class Ordered:
    """Marks an enum whose values are ranked in declaration order (so ``gte`` makes sense)."""


Segment = Literal["consumers", "businesses", "both"]
Ticket = Annotated[Literal["low", "medium", "high", "luxury"], Ordered()]
Level3 = Annotated[Literal["low", "medium", "high"], Ordered()]
Journey = Literal["one_off", "repeat", "consultative"]
Preference = Literal["hands_off", "self_serve", "fast", "personal"]
Coverage = Annotated[Literal["business_hours", "extended", "always"], Ordered()]
KnowledgeBase = Annotated[Literal["none", "basic", "complete"], Ordered()]
Hiring = Annotated[Literal["none", "limited", "open"], Ordered()]
LangCode = Annotated[str, Field(pattern=r"^[a-z]{2}$", examples=["es", "en"])]
_SEXAGESIMAL = re.compile(r"[-+]?\d+(?::[0-5]?\d)+(?:\.\d*)?")
_OTHER_BASE = re.compile(r"[-+]?0(?:[0-9_]+|[xX][0-9a-fA-F_]+|[bBoO][0-7_]+)")
_GROUPED = re.compile(r"[-+]?[1-9]\d{0,2}(?:\.\d{3})+")
_QUOTED_NUMBER = re.compile(r"[-+]?(?:\d[\d_]*\.?\d*|\.\d+)")
_EXPONENT = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)[eE][-+]?\d+")


def _in_base_ten(text: str) -> str:
    """What ``010`` (ten, surely) or ``0x1F`` (31) says in base 10, for the message."""
    digits = text.replace("_", "").lstrip("+-")
    if digits[1:2].isalpha():
        try:
            return str(int(digits, 0))
        except ValueError:
            return digits
    return digits.lstrip("0") or "0"


def _strict_number(value: Any) -> Any:
    """A number is a number: YAML's ``yes``/``true`` (a bool), ``4:30`` (base 60 in YAML
    1.1, read as text here), ``010`` and ``0x1F`` (base 8 and 16 in YAML 1.1, read as text
    here), ``.nan``, ``.inf`` and quoted numbers are refused, each with a message saying how to
    write it. ``1e6`` (text for YAML 1.1) counts as the number it
    writes."""
    if isinstance(value, bool):
        raise invalid("number.bool", value=str(value).lower())
    if isinstance(value, str):
        text = value.strip()
        if _SEXAGESIMAL.fullmatch(text):
            raise invalid("number.sexagesimal", value=text)
        if _GROUPED.fullmatch(text):  # the loader kept it as text: 2650 or 2.65?
            raise invalid("number.grouped", value=text, whole=text.replace(".", ""))
        if _OTHER_BASE.fullmatch(text):
            raise invalid("number.base", value=text[:40], plain=_in_base_ten(text))
        if _EXPONENT.fullmatch(text):
            value = float(text)
        elif _QUOTED_NUMBER.fullmatch(text):
            raise invalid("number.text", value=text[:40])
        else:
            return value  # pydantic says what it expects (a whole number, a number)
    if isinstance(value, float) and not math.isfinite(value):
        raise invalid("number.not_finite", value=str(value))
    return value


def _schema_version(value: Any) -> Any:
    """``"1"`` or ``1.0`` would otherwise get "expected one of:" and an empty list."""
    if value != SCHEMA_VERSION or isinstance(value, bool) or not isinstance(value, int):
        raise invalid("profile.schema_version")
    return value


Int = Annotated[int, BeforeValidator(_strict_number)]
Float = Annotated[float, BeforeValidator(_strict_number)]
SkillLevel = Annotated[Int, Field(ge=1, le=5)]

COUNT = 10_000_000


class _Section(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid", validate_assignment=False)


def _dedupe(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


class Company(_Section):
    name: str = Field(min_length=1, max_length=200, description="Company name (required)")
    sector: str = Field("", max_length=200, description="Sector, free text")
    locations: Int = Field(1, ge=0, le=100_000, description="Sites serving customers; 0 = online")
    sells_online: bool = Field(False, description="Sells through a website or marketplace")
    field_service: bool = Field(False, description="Staff visit customers")

    @field_validator("name")
    @classmethod
    def _strip(cls, value: str) -> str:
        if not value.strip():
            raise invalid("profile.blank")
        return normal_name(value.strip())


class SegmentAnswers(_Section):
    """How one kind of customer differs from the company's answers (``customers.segments``):
    an answer left out is the company's. ``share`` is of the assisted contacts."""

    share: Float | None = Field(
        None, ge=0, le=1, description="Share of assisted contacts, 0..1 (required to describe it)"
    )
    active: Int | None = Field(None, ge=0, le=100_000_000, description="Active customers")
    ticket: Ticket | None = None
    complexity: Level3 | None = None
    journey: Journey | None = None
    preference: Preference | None = None
    faq_share: Float | None = Field(None, ge=0, le=1)
    channels: list[ChannelId] = Field(
        default_factory=list, description="Channels these customers use; empty = every channel"
    )

    _channels = field_validator("channels")(classmethod(lambda cls, v: _dedupe(v)))

    @model_validator(mode="after")
    def _share_first(self) -> SegmentAnswers:
        """A segment is described by its share first: answers without it would be read as
        the whole company's (an interview leaves the share empty when segments are alike)."""
        if self.share is None and any(
            getattr(self, name) not in (None, []) for name in type(self).model_fields
        ):
            raise invalid("profile.segments.no_share")
        return self

    @property
    def described(self) -> bool:
        return self.share is not None


SHARES_TOLERANCE = 0.02
"""Two described segments' shares may miss 100 % by this much (estimates rounded by hand)."""


class Segments(_Section):
    """Per-segment answers, for a company that serves consumers and businesses
    (``segment: both``) whose customers differ: each segment is then advised on its own."""

    consumers: SegmentAnswers | None = None
    businesses: SegmentAnswers | None = None

    @model_validator(mode="after")
    def _shares(self) -> Segments:
        if self.consumers is not None and not self.consumers.described:
            self.consumers = None
        if self.businesses is not None and not self.businesses.described:
            self.businesses = None
        if self.consumers is not None and self.businesses is not None:
            total = (self.consumers.share or 0.0) + (self.businesses.share or 0.0)
            if abs(total - 1) > SHARES_TOLERANCE:
                raise invalid("profile.segments.shares", total=round(total * 100))
        return self


class Customers(_Section):
    active: Int = Field(500, ge=0, le=100_000_000, description="Active customers")
    segment: Segment = "consumers"
    ticket: Ticket = "medium"
    complexity: Level3 = "medium"
    journey: Journey = "repeat"
    preference: Preference = "fast"
    faq_share: Float = Field(0.3, ge=0, le=1, description="Share of repetitive questions, 0..1")
    languages: list[LangCode] = Field(default_factory=lambda: ["es"], min_length=1, max_length=50)
    segments: Segments | None = Field(
        None, description="How consumers and businesses differ (with segment: both)"
    )

    _languages = field_validator("languages")(classmethod(lambda cls, v: _dedupe(v)))

    @field_validator("segments")
    @classmethod
    def _both(cls, value: Segments | None, info: ValidationInfo) -> Segments | None:
        """Answers per segment mean the company serves both kinds of customer."""
        if value is None or (value.consumers is None and value.businesses is None):
            return None
        segment = info.data.get("segment")
        if segment is not None and segment != "both":
            raise invalid("profile.segments.not_both", segment=segment)
        return value


Count = Annotated[int, BeforeValidator(_strict_number), Ge(0), Le(COUNT)]
Minutes = Annotated[Float | None, Field(gt=0, le=600)]


class _PerId(RootModel[dict[str, Any]]):
    """A mapping keyed by the ids of one kind of the catalogue (``KIND``): validated against
    the catalogue given as context, its keys follow the catalogue's order (so outputs list
    them as the catalogue does) and an id not given holds ``DEFAULT`` (with a default of
    ``None``, an id not given or given as null is left out, as saved YAML leaves it out)."""

    model_config = ConfigDict(defer_build=True)
    KIND: ClassVar[Kind]
    DEFAULT: ClassVar[Any]

    @model_validator(mode="after")
    def _complete(self, info: ValidationInfo) -> Any:
        found = catalogue_of(info)
        if found is not None:
            self.root = self.ordered(self.root, found.ids(self.KIND))
        return self

    @classmethod
    def ordered(cls, given: dict[str, Any], ids: tuple[str, ...]) -> dict[str, Any]:
        """``given`` completed and in the order of ``ids``."""
        if cls.DEFAULT is None:
            return {key: given[key] for key in ids if given.get(key) is not None}
        return {key: given.get(key, cls.DEFAULT) for key in ids}

    @classmethod
    def keys_of(cls, catalogue: Catalogue | None) -> list[str]:
        """The keys this mapping may hold (none known without a catalogue)."""
        return list(catalogue.ids(cls.KIND)) if catalogue is not None else []


class ContactsPerMonth(_PerId):
    """Contacts a month on each channel; a channel not given has none."""

    KIND: ClassVar[Kind] = "channels"
    DEFAULT: ClassVar[Any] = 0
    root: dict[ChannelKey, Count] = Field(default_factory=dict)

    def get(self, channel: str) -> int:
        return self.root.get(channel) or 0


class HandleMinutes(_PerId):
    """Per-channel overrides of the documented handling times (none: the default)."""

    KIND: ClassVar[Kind] = "channels"
    DEFAULT: ClassVar[Any] = None
    root: dict[ChannelKey, Minutes] = Field(default_factory=dict)

    def get(self, channel: str) -> float | None:
        return self.root.get(channel)


class Targets(_Section):
    service_level: Float = Field(0.8, gt=0, lt=1, description="Share answered within the time")
    answer_seconds: Int = Field(20, ge=1, le=3600)
    email_response_hours: Float = Field(24, gt=0, le=720)


class Demand(_Section):
    contacts_per_month: ContactsPerMonth = Field(default_factory=ContactsPerMonth)
    handle_minutes: HandleMinutes = Field(default_factory=HandleMinutes)
    busy_hour_share: Float | None = Field(None, gt=0, le=1)
    coverage: Coverage = "business_hours"
    open_hours_per_week: Float | None = Field(
        None, gt=0, le=168, description="Hours a week the service is open; overrides coverage"
    )
    targets: Targets = Field(default_factory=Targets)


class Organization(_Section):
    departments: Int = Field(1, ge=1, le=1000)
    inquiry_variety: Level3 = "medium"
    current_model: CurrentModel = NO_MODEL
    service_level_now: ServiceLevelId = "meets"
    service_level_goal: ServiceLevelId = "exceptional"
    knowledge_base: KnowledgeBase = "none"
    proactive: bool = False
    team_size: Int | None = Field(
        None,
        ge=1,
        le=100_000,
        description="People who serve customers, when staff lists only some of them",
    )


DEFAULT_SKILL_LEVEL = 3
"""A skill the roster does not rate is taken as middling."""


class Skills(_PerId):
    """A person's level (1..5) in each skill of the catalogue."""

    KIND: ClassVar[Kind] = "skills"
    DEFAULT: ClassVar[Any] = DEFAULT_SKILL_LEVEL
    root: dict[SkillKey, SkillLevel] = Field(default_factory=dict)

    def level(self, skill: str) -> int:
        return self.root.get(skill, DEFAULT_SKILL_LEVEL)


class StaffMember(_Section):
    name: str = Field(min_length=1, max_length=100)
    role: str = Field("", max_length=100)
    hours_per_week: Float = Field(40, gt=0, le=80)
    channels: list[ChannelId] = Field(default_factory=list)
    skills: Skills = Field(default_factory=Skills)
    languages: list[LangCode] = Field(default_factory=lambda: ["es"], max_length=50)
    open_to_training: bool = True

    _channels = field_validator("channels")(classmethod(lambda cls, v: _dedupe(v)))
    _languages = field_validator("languages")(classmethod(lambda cls, v: _dedupe(v)))
    _name = field_validator("name")(classmethod(lambda cls, v: normal_name(v)))


class Constraints(_Section):
    budget: Level3 = "medium"
    hiring: Hiring = "limited"
    max_new_hires: Int | None = Field(None, ge=0, le=100_000)
    weeks: Int = Field(12, ge=1, le=260)
    monthly_budget: Float | None = Field(None, ge=0, le=1e12)
    cost_per_fte_month: Float | None = Field(None, ge=0.01, le=1e9)
    currency: str = Field("EUR", pattern=r"^[A-Z]{3}$", description="ISO 4217 code of amounts")


class Assessment(_Section):
    """When this profile was assessed (for ``compare`` and the calendar)."""

    date: datetime.date | None = None
    label: str = Field("", max_length=200)


class InterviewState(_Section):
    """Written by ``interview`` while answers are still coming; ignored by scoring."""

    complete: bool = False
    answered: list[str] = Field(default_factory=list)


ExtraValue = str | int | float | bool | list[str] | None


class Profile(_Section):
    schema_version: Annotated[Literal[1], BeforeValidator(_schema_version)] = SCHEMA_VERSION
    company: Company
    customers: Customers = Field(default_factory=Customers)
    demand: Demand = Field(default_factory=Demand)
    organization: Organization = Field(default_factory=Organization)
    staff: list[StaffMember] = Field(default_factory=list, max_length=5000)
    constraints: Constraints = Field(default_factory=Constraints)
    extra: dict[str, ExtraValue] = Field(default_factory=dict)
    assessment: Assessment | None = None
    interview: InterviewState | None = None

    @model_validator(mode="after")
    def _unique_staff(self) -> Profile:
        seen: set[str] = set()
        for person in self.staff:
            key = name_key(person.name)
            if key in seen:
                raise ValueError(f"duplicate_staff:{self.staff.index(person)}:{person.name}")
            seen.add(key)
        return self


def json_schema(catalogue: Catalogue) -> dict[str, Any]:
    """The JSON Schema of a profile that ``catalogue``'s knowledge base accepts: its
    channels, models and skills written out as the properties and enums editors offer."""
    schema = Profile.model_json_schema()
    defs = schema["$defs"]
    for per_id in (ContactsPerMonth, HandleMinutes, Skills):
        node = defs[per_id.__name__]
        node.pop("description", None)  # the class's docstring, written for programmers
        value = {_KEYWORDS.get(k, k): v for k, v in node.pop("additionalProperties").items()}
        node["properties"] = {
            key: _sorted({"default": per_id.DEFAULT, **value, "title": _title(key)})
            for key in per_id.keys_of(catalogue)
        }
        node["additionalProperties"] = False
        defs[per_id.__name__] = _sorted(node)
    _enums(schema, catalogue)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "modelo-servicio company profile"
    return schema


_KEYWORDS = {"ge": "minimum", "le": "maximum"}
"""Bounds pydantic leaves under its own names when a validator runs before them."""


def _title(key: str) -> str:
    """A property's title as pydantic writes one (``in_person`` -> ``In Person``)."""
    return key.replace("_", " ").title()


def _sorted(node: dict[str, Any]) -> dict[str, Any]:
    return dict(sorted(node.items()))


def _enums(node: Any, catalogue: Catalogue) -> None:
    """Every string marked as an id of the catalogue gets the ids as its ``enum``."""
    if isinstance(node, list):
        for item in node:
            _enums(item, catalogue)
    elif isinstance(node, dict):
        kind = node.pop(MARK, None)
        if kind is not None:
            node["enum"] = list(getattr(catalogue, kind))
            items = _sorted(node)
            node.clear()
            node.update(items)
        for value in node.values():
            _enums(value, catalogue)
