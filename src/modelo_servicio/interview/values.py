"""Answers as profile values: dotted paths, the model's own defaults, and validation of one
candidate answer by the Profile model itself (the single source of truth for ranges, enums and
required fields), with the same translated messages as a profile file gets.
"""

from __future__ import annotations

import copy
from typing import Any, Final, get_args

from pydantic import BaseModel, ValidationError

from modelo_servicio.domain.catalogue import Catalogue
from modelo_servicio.domain.errors import Problem
from modelo_servicio.domain.fields import describe, money_fields, share_fields
from modelo_servicio.domain.i18n import Lang, Message
from modelo_servicio.domain.numbers import NumberKind, UnreadableNumberError, num, parse_number
from modelo_servicio.domain.profile import Profile
from modelo_servicio.domain.validation import model_at, problems
from modelo_servicio.domain.yamlio import Document


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Final = _Missing()
"""No value: a required field with no default, or a path absent from the data."""

PROBE_NAME = "(sin nombre)"
"""Stands in for a company name not yet given, so other answers can be validated."""

STAFF = "staff"


def split(path: str) -> tuple[str | int, ...]:
    return tuple(int(p) if p.isdigit() else p for p in path.split("."))


def set_path(data: dict[str, Any], path: str, value: Any) -> None:
    """Set ``path`` in nested mappings (and lists, for ``staff.N``), creating what is missing."""
    parts = split(path)
    node: Any = data
    for index, part in enumerate(parts[:-1]):
        following = parts[index + 1]
        if isinstance(node, list) and isinstance(part, int):
            while len(node) <= part:
                node.append({})
            node = node[part]
            continue
        child = node.get(part)
        if not isinstance(child, dict | list):
            child = [] if isinstance(following, int) else {}
            node[part] = child
        node = child
    last = parts[-1]
    if isinstance(node, list) and isinstance(last, int):
        while len(node) <= last:
            node.append({})
    node[last] = value


def leaves(data: Any, prefix: str = "") -> list[tuple[str, Any]]:
    """Every (dotted path, value) pair; lists of mappings are walked, other lists are values."""
    out: list[tuple[str, Any]] = []
    if isinstance(data, dict):
        for key, value in data.items():
            out.extend(leaves(value, f"{prefix}{key}."))
        return out
    if isinstance(data, list) and data and all(isinstance(v, dict) for v in data):
        for index, value in enumerate(data):
            out.extend(leaves(value, f"{prefix}{index}."))
        return out
    return [(prefix[:-1], data)] if prefix else []


def person_path(field: str, index: int) -> str:
    """``staff.skills.product`` of person ``index`` -> ``staff.<index>.skills.product``."""
    return f"{STAFF}.{index}.{field.removeprefix(STAFF + '.')}"


def model_default(path: str) -> Any:
    """The Profile model's default for a field (``staff.x`` = a staff member's), or MISSING."""
    parts = [p for p in split(path) if not isinstance(p, int)]
    if not parts or parts[0] == "extra":
        return MISSING
    owner: type[BaseModel] | None = model_at(Profile, tuple(parts[:-1]))
    if owner is None:
        return MISSING
    if getattr(owner, "KIND", None) is not None:  # keyed by ids (``profile._PerId``)
        return getattr(owner, "DEFAULT", MISSING)
    info = owner.model_fields.get(str(parts[-1]))
    if info is None or info.is_required():
        return MISSING
    value = info.get_default(call_default_factory=True)
    return value.model_dump() if isinstance(value, BaseModel) else value


def _probe(data: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``data`` with stand-ins for names not given yet (company, each person):
    required answers still to come are not problems of the answers already given."""
    probe = copy.deepcopy(data)
    company = probe.get("company")
    if company is None:
        probe["company"] = {"name": PROBE_NAME}
    elif isinstance(company, dict):
        company.setdefault("name", PROBE_NAME)
    staff = probe.get(STAFF)
    if isinstance(staff, list):
        for index, member in enumerate(staff):
            if isinstance(member, dict):
                member.setdefault("name", f"{PROBE_NAME} {index + 1}")
    return probe


def profile_problems(
    data: dict[str, Any],
    source: str = "",
    node: Any = None,
    catalogue: Catalogue | None = None,
) -> list[Problem]:
    """What the Profile model says about ``data`` (``node``: its YAML tree, for lines;
    ``catalogue``: the knowledge base's channels, models and skills)."""
    probe = _probe(data)
    context = catalogue.context() if catalogue is not None else None
    try:
        Profile.model_validate(probe, context=context)
    except ValidationError as exc:
        return problems(Profile, Document(source=source, data=probe, node=node), exc, context)
    return []


def error_at(
    data: dict[str, Any], path: str, value: Any, catalogue: Catalogue | None = None
) -> Message | None:
    """The message the profile model gives ``value`` at ``path`` in ``data``, or None if valid.

    Problems elsewhere in ``data`` are ignored: they belong to other answers.
    """
    if isinstance(value, Unread):
        return value.message
    probe = copy.deepcopy(data)
    set_path(probe, path, value)
    for problem in profile_problems(probe, catalogue=catalogue):
        if problem.path == path or problem.path.startswith(path + "."):
            return problem.message
    return None


def probe_profile(data: dict[str, Any], catalogue: Catalogue | None = None) -> Profile | None:
    """``data`` as a Profile (with stand-ins for names not given yet), or None if invalid."""
    context = catalogue.context() if catalogue is not None else None
    try:
        return Profile.model_validate(_probe(data), context=context)
    except ValidationError:
        return None


def number_text(value: float | int, lang: Lang) -> str:
    """A number as a consultant would write it: grouped thousands, no ``.0``, decimal comma
    in Spanish (``22.000``, ``2.650,5``)."""
    return num(float(value), lang, 6)


class Unread:
    """An answer typed as a number that cannot be read without guessing: validation gives
    back ``message`` (which shows each reading) and the question is asked again."""

    def __init__(self, text: str, message: str) -> None:
        self.text = text
        self.message = message

    def __repr__(self) -> str:
        return f"Unread({self.text!r})"


def read_number(text: str, lang: Lang, kind: NumberKind) -> float | int | Unread:
    """``text`` read by the one number parser (``domain.numbers.parse_number``)."""
    try:
        return parse_number(text, lang, kind)
    except UnreadableNumberError as exc:
        return Unread(text, exc.message)


def numeric_at(path: str) -> NumberKind | None:
    """How a ``--set`` value at ``path`` is read when the field holds a number (``None``: the
    field is no number, the value is read as YAML)."""
    parts = [p for p in split(path) if not isinstance(p, int)]
    if not parts or parts[0] == "extra":
        return None
    owner: type[BaseModel] | None = model_at(Profile, tuple(parts[:-1]))
    if owner is not None and getattr(owner, "KIND", None) is not None:  # keyed by ids
        kind = describe(get_args(owner.model_fields["root"].annotation)[1], [])
        return number_kind(path, kind.kind == "int") if kind.numeric else None
    info = owner.model_fields.get(str(parts[-1])) if owner is not None else None
    if info is None:
        return None
    kind = describe(info.annotation, info.metadata)
    return number_kind(path, kind.kind == "int") if kind.numeric else None


def number_kind(path: str, integer: bool) -> NumberKind:
    """How the answer at ``path`` (a profile field) is read: count, money, share or number."""
    field = ".".join(p for p in path.split(".") if not p.isdigit())
    if integer:
        return "integer"
    if field in money_fields():
        return "money"
    if field in share_fields():
        return "share"
    return "number"
