"""The company profile (``schema_version: 1``), exactly as PRODUCT.md describes it.

One source of truth: the interview, the rule compiler (field paths and their types) and the
JSON Schema are all derived from these classes.
"""

from __future__ import annotations

import datetime
import math
import re
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from modelo_servicio.domain.i18n import invalid
from modelo_servicio.domain.text import name_key, normal_name

SCHEMA_VERSION: Literal[1] = 1


class Ordered:
    """Marks an enum whose values are ranked in declaration order (so ``gte`` makes sense)."""


Channel = Literal["in_person", "phone", "on_site", "email", "chat", "sms", "social", "self_service"]
CHANNELS: tuple[str, ...] = get_args(Channel)
ModelId = Literal[
    "convenient",
    "one-team",
    "in-depth",
    "one-to-one",
    "redirected",
    "self-service",
    "online",
    "hybrid",
]
MODEL_IDS: tuple[str, ...] = get_args(ModelId)
CurrentModel = Literal[
    "none",
    "convenient",
    "one-team",
    "in-depth",
    "one-to-one",
    "redirected",
    "self-service",
    "online",
    "hybrid",
]
SkillName = Literal[
    "product", "empathy", "problem_solving", "writing", "speaking", "technology", "multitasking"
]
SKILLS: tuple[str, ...] = get_args(SkillName)

Segment = Literal["consumers", "businesses", "both"]
Ticket = Annotated[Literal["low", "medium", "high", "luxury"], Ordered()]
Level3 = Annotated[Literal["low", "medium", "high"], Ordered()]
Journey = Literal["one_off", "repeat", "consultative"]
Preference = Literal["hands_off", "self_serve", "fast", "personal"]
Coverage = Annotated[Literal["business_hours", "extended", "always"], Ordered()]
ServiceLevel = Annotated[Literal["unsatisfactory", "meets", "exceptional", "exceeds"], Ordered()]
SERVICE_LEVELS: tuple[str, ...] = get_args(get_args(ServiceLevel)[0])
"""Worst first; the plan files' ``service_levels`` must list the same, in the same order."""
KnowledgeBase = Annotated[Literal["none", "basic", "complete"], Ordered()]
Hiring = Annotated[Literal["none", "limited", "open"], Ordered()]
LangCode = Annotated[str, Field(pattern=r"^[a-z]{2}$", examples=["es", "en"])]
_SEXAGESIMAL = re.compile(r"[-+]?\d+(?::[0-5]?\d)+(?:\.\d*)?")
_OTHER_BASE = re.compile(r"[-+]?0(?:[0-9_]+|[xX][0-9a-fA-F_]+|[bBoO][0-7_]+)")
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


class Customers(_Section):
    active: Int = Field(500, ge=0, le=100_000_000, description="Active customers")
    segment: Segment = "consumers"
    ticket: Ticket = "medium"
    complexity: Level3 = "medium"
    journey: Journey = "repeat"
    preference: Preference = "fast"
    faq_share: Float = Field(0.3, ge=0, le=1, description="Share of repetitive questions, 0..1")
    languages: list[LangCode] = Field(default_factory=lambda: ["es"], min_length=1, max_length=50)

    _languages = field_validator("languages")(classmethod(lambda cls, v: _dedupe(v)))


class ContactsPerMonth(_Section):
    in_person: Int = Field(0, ge=0, le=COUNT)
    phone: Int = Field(0, ge=0, le=COUNT)
    on_site: Int = Field(0, ge=0, le=COUNT)
    email: Int = Field(0, ge=0, le=COUNT)
    chat: Int = Field(0, ge=0, le=COUNT)
    sms: Int = Field(0, ge=0, le=COUNT)
    social: Int = Field(0, ge=0, le=COUNT)
    self_service: Int = Field(0, ge=0, le=COUNT)

    def get(self, channel: str) -> int:
        value: int = getattr(self, channel)
        return value


Minutes = Annotated[Float | None, Field(gt=0, le=600)]


class HandleMinutes(_Section):
    in_person: Minutes = None
    phone: Minutes = None
    on_site: Minutes = None
    email: Minutes = None
    chat: Minutes = None
    sms: Minutes = None
    social: Minutes = None
    self_service: Minutes = None


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
    current_model: CurrentModel = "none"
    service_level_now: ServiceLevel = "meets"
    service_level_goal: ServiceLevel = "exceptional"
    knowledge_base: KnowledgeBase = "none"
    proactive: bool = False
    team_size: Int | None = Field(
        None,
        ge=1,
        le=100_000,
        description="People who serve customers, when staff lists only some of them",
    )


class Skills(_Section):
    product: SkillLevel = 3
    empathy: SkillLevel = 3
    problem_solving: SkillLevel = 3
    writing: SkillLevel = 3
    speaking: SkillLevel = 3
    technology: SkillLevel = 3
    multitasking: SkillLevel = 3

    def level(self, skill: str) -> int:
        value: int = getattr(self, skill)
        return value


class StaffMember(_Section):
    name: str = Field(min_length=1, max_length=100)
    role: str = Field("", max_length=100)
    hours_per_week: Float = Field(40, gt=0, le=80)
    channels: list[Channel] = Field(default_factory=list)
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


def json_schema() -> dict[str, Any]:
    schema = Profile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "modelo-servicio company profile"
    return schema
