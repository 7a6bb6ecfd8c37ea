"""The ids a profile and a rule file may name (channels, models, skills, service levels), as
data.

Which channels, models, skills and service levels exist, and the order of the levels, is
business knowledge: it lives in the knowledge base (``rules/channels.yaml``, ``models.yaml``,
``skills.yaml``, the ``service_levels`` of ``plan.yaml`` and a consultancy's ``--rules``), not
in Python. The profile and the rule files declare these fields as plain
strings typed with the annotations below; the annotations check a value against the
``Catalogue`` handed to pydantic as validation context (``context={"catalogue": ...}``), so
an unknown id gets pydantic's own error types (``literal_error`` with the list of known ids,
``extra_forbidden`` for an unknown key) and the messages, lines and "did you mean" hints of
every other field. Validated without a catalogue (a test building a profile in code), any
id is taken as written: the places that read files always pass one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, ValidationInfo
from pydantic_core import PydanticCustomError

CONTEXT = "catalogue"
"""The key of the catalogue in pydantic's validation context."""

NO_MODEL = "none"
"""What ``organization.current_model`` says when no model is in place yet."""

Kind = Literal["channels", "models", "skills", "service_levels"]
ORDERED: frozenset[str] = frozenset({"service_levels"})
"""Kinds whose ids are ranked in the knowledge base's order (worst service level first), so
that rules may compare them (``gte: meets``)."""

HYBRID = "hybrid"
"""The model scored by its own rules that, recommended, names base models as components."""
SELF_SERVICE = "self-service"
"""The model that serves the self-service sessions."""
SESSIONS = "self_service"
"""The channel counted in sessions (knowledge base, kiosk), not in assisted contacts."""

ROLES: Mapping[Kind, tuple[str, ...]] = MappingProxyType(
    {
        "models": (HYBRID, SELF_SERVICE),
        "channels": (SESSIONS, "in_person"),
        "skills": ("speaking", "writing"),
        "service_levels": ("meets", "exceptional"),  # the profile's defaults
    }
)
"""The ids the program itself gives a part to, which every knowledge base must therefore
describe (``knowledge.loader.check_catalog``); every other id is the knowledge base's own."""


@dataclass(frozen=True)
class Catalogue:
    """The ids of one knowledge base, each kind in the knowledge base's order (the order
    outputs list them in; for service levels, worst first)."""

    channels: tuple[str, ...]
    models: tuple[str, ...]
    skills: tuple[str, ...]
    service_levels: tuple[str, ...]

    def ids(self, kind: Kind) -> tuple[str, ...]:
        return getattr(self, kind)  # type: ignore[no-any-return]

    @property
    def current_models(self) -> tuple[str, ...]:
        """What ``organization.current_model`` may say: no model yet, or one of the models."""
        return (NO_MODEL, *self.models)

    def context(self) -> dict[str, Any]:
        """The validation context that checks ids against this catalogue."""
        return {CONTEXT: self}


def of(info: ValidationInfo) -> Catalogue | None:
    """The catalogue a validation runs against, if it was given one."""
    context = info.context
    found = context.get(CONTEXT) if isinstance(context, dict) else None
    return found if isinstance(found, Catalogue) else None


def not_one_of(options: Sequence[str]) -> PydanticCustomError:
    """Pydantic's own ``literal_error``, with the known ids listed as pydantic lists them."""
    quoted = [repr(o) for o in options]
    expected = f"{', '.join(quoted[:-1])} or {quoted[-1]}" if len(quoted) > 1 else "".join(quoted)
    context = {"expected": expected}
    return PydanticCustomError("literal_error", "Input should be {expected}", context)


def unknown_key() -> PydanticCustomError:
    """Pydantic's own ``extra_forbidden``: a key that names no id of the catalogue."""
    return PydanticCustomError("extra_forbidden", "Extra inputs are not permitted")


def _value(kind: Kind, current: bool = False) -> Any:
    def check(value: str, info: ValidationInfo) -> str:
        catalogue = of(info)
        if catalogue is None:
            return value
        options = catalogue.current_models if current else catalogue.ids(kind)
        if value not in options:
            raise not_one_of(options)
        return value

    return AfterValidator(check)


def _key(kind: Kind) -> Any:
    def check(value: str, info: ValidationInfo) -> str:
        catalogue = of(info)
        if catalogue is not None and value not in catalogue.ids(kind):
            raise unknown_key()
        return value

    return AfterValidator(check)


MARK = "x-catalogue"
"""Marks, in the profile's JSON Schema, a string that is an id of the catalogue: ``schema``
replaces it with the list of the ids (``profile.json_schema``)."""


def _mark(kind: Kind, current: bool = False) -> Any:
    return Field(json_schema_extra={MARK: "current_models" if current else kind})


ChannelId = Annotated[str, _value("channels"), _mark("channels")]
"""A channel named as a value (``staff[].channels``, a rule file's references)."""
ModelId = Annotated[str, _value("models"), _mark("models")]
"""A support model named as a value."""
CurrentModel = Annotated[str, _value("models", current=True), _mark("models", current=True)]
"""A model in place today, or ``none``."""
SkillId = Annotated[str, _value("skills"), _mark("skills")]
"""A skill named as a value or as the key of a rule file's mapping."""
ServiceLevelId = Annotated[str, _value("service_levels"), _mark("service_levels")]
"""A service level (``organization.service_level_now``...), ranked worst first."""
ChannelKey = Annotated[str, _key("channels")]
"""A channel as a key of the profile (``demand.contacts_per_month.<channel>``): an unknown
one is an unknown field, as any other misspelt key of the profile."""
SkillKey = Annotated[str, _key("skills")]
"""A skill as a key of the profile (``staff[].skills.<skill>``)."""
