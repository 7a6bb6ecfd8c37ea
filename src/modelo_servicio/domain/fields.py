"""What a rule may read: profile field paths (derived from the pydantic model) and facts.

The rule compiler uses these types to reject an unknown path, an operator that does not fit
the type, or an enum value that does not exist, when the rule file is loaded.
"""

from __future__ import annotations

import types
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import annotated_types
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from modelo_servicio.domain.catalogue import MARK, ORDERED, Catalogue
from modelo_servicio.domain.profile import Ordered, Profile

Kind = Literal["enum", "bool", "int", "float", "str", "list", "any"]

NOT_ADDRESSABLE = ("staff", "interview", "extra")


@dataclass(frozen=True)
class FieldType:
    kind: Kind
    values: tuple[str, ...] = ()
    ordered: bool = False
    lo: float | None = None
    hi: float | None = None
    item_values: tuple[str, ...] = ()

    @property
    def numeric(self) -> bool:
        return self.kind in ("int", "float")

    def rank(self, value: str) -> int:
        return self.values.index(value)


def profile_fields(catalogue: Catalogue | None = None) -> dict[str, FieldType]:
    """Every path a rule may read, in the profile's order, with its type: the channels,
    models and skills of ``catalogue`` (the knowledge base's) written out where the profile
    is keyed or valued by them (``demand.contacts_per_month.<channel>``, the ids
    ``organization.current_model`` accepts); without a catalogue, none of those."""
    out: dict[str, FieldType] = {}
    for path, kind in _shape():
        if isinstance(kind, FieldType):
            out[path] = kind
        elif catalogue is not None:
            out.update(kind.expand(path, catalogue))
    return out


@dataclass(frozen=True)
class _ById:
    """A place in the profile whose keys or values are ids of the catalogue."""

    kind: str
    """Which ids: ``channels``, ``models``, ``skills`` or ``current_models``."""
    keys: FieldType | None = None
    """For a mapping keyed by ids: the type of each value."""
    items: bool = False
    """For a list of ids (``staff[].channels``)."""

    def expand(self, path: str, catalogue: Catalogue) -> dict[str, FieldType]:
        ids: tuple[str, ...] = getattr(catalogue, self.kind)
        if self.keys is not None:
            return {f"{path}.{key}": self.keys for key in ids}
        if self.items:
            return {path: FieldType("list", item_values=ids)}
        return {path: FieldType("enum", ids, ordered=self.kind in ORDERED)}


@cache
def _shape() -> tuple[tuple[str, FieldType | _ById], ...]:
    """The profile's paths in order, those that depend on the catalogue left open (the
    profile's classes never change, so this is worked out once per process)."""
    out: list[tuple[str, FieldType | _ById]] = []
    _walk(Profile, "", out)
    return tuple(out)


@cache
def share_fields() -> frozenset[str]:
    """Answers that are a share of a whole (a number from 0 to 1), which people read as a
    percentage: the profile's own ranges say which."""
    return frozenset(
        path
        for path, kind in profile_fields().items()
        if kind.kind == "float" and kind.lo == 0 and kind.hi == 1
    )


MONEY_FIELDS = frozenset({"constraints.monthly_budget", "constraints.cost_per_fte_month"})
"""Answers that are amounts of money, in ``constraints.currency``: read so that a thousands
separator is never taken for a decimal mark."""


def money_fields() -> frozenset[str]:
    return MONEY_FIELDS


def _walk(model: type[BaseModel], prefix: str, out: list[tuple[str, FieldType | _ById]]) -> None:
    for name, info in model.model_fields.items():
        if not prefix and name in NOT_ADDRESSABLE:
            continue
        path = f"{prefix}{name}"
        annotation = info.annotation
        target = _strip_optional(annotation)
        if isinstance(target, type) and issubclass(target, BaseModel):
            keyed = getattr(target, "KIND", None)
            if keyed is not None:  # a mapping keyed by ids (``profile._PerId``)
                value = get_args(target.model_fields["root"].annotation)[1]
                out.append((path, _ById(keyed, keys=_field_type(value, []))))
            else:
                _walk(target, f"{prefix}{name}.", out)
            continue
        marked = _marked([info, *info.metadata])
        if marked is not None:
            out.append((path, _ById(marked)))
            continue
        listed = _list_of_ids(annotation)
        if listed is not None:
            out.append((path, _ById(listed, items=True)))
            continue
        out.append((path, _field_type(annotation, list(info.metadata))))


def walk(model: type[BaseModel], prefix: str, catalogue: Catalogue) -> dict[str, FieldType]:
    """The paths of ``model`` (a section of the profile) under ``prefix``, with the ids of
    ``catalogue`` written out (the interview's per-person questions read these)."""
    shape: list[tuple[str, FieldType | _ById]] = []
    _walk(model, prefix, shape)
    out: dict[str, FieldType] = {}
    for path, kind in shape:
        out.update({path: kind} if isinstance(kind, FieldType) else kind.expand(path, catalogue))
    return out


def _list_of_ids(annotation: Any) -> str | None:
    """Which ids a list of ids holds (``staff[].channels``), if it is one."""
    if get_origin(annotation) is not list:
        return None
    inner = get_args(annotation)[0]
    return _marked(list(get_args(inner)[1:])) if get_origin(inner) is Annotated else None


def _marked(metadata: list[Any]) -> str | None:
    """Which ids of the catalogue a field holds (``catalogue.MARK``), if any."""
    for meta in metadata:
        extra = getattr(meta, "json_schema_extra", None)
        if isinstance(extra, dict) and MARK in extra:
            return str(extra[MARK])
    return None


def describe(annotation: Any, metadata: list[Any]) -> FieldType:
    """The type of one model field (its annotation and ``FieldInfo.metadata``)."""
    return _field_type(annotation, list(metadata))


def _strip_optional(annotation: Any) -> Any:
    if get_origin(annotation) in (Union, types.UnionType):
        rest = [a for a in get_args(annotation) if a is not type(None)]
        if len(rest) == 1:
            return rest[0]
    return annotation


def _field_type(annotation: Any, metadata: list[Any]) -> FieldType:
    ordered = False
    annotation = _strip_optional(annotation)
    while get_origin(annotation) is Annotated:
        args = get_args(annotation)
        annotation = args[0]
        metadata.extend(args[1:])
        annotation = _strip_optional(annotation)
    for meta in metadata:
        if isinstance(meta, Ordered):
            ordered = True
    lo, hi = _bounds(metadata)
    origin = get_origin(annotation)
    if origin is Literal:
        return FieldType("enum", tuple(str(a) for a in get_args(annotation)), ordered)
    if origin is list:
        inner = get_args(annotation)[0]
        while get_origin(inner) is Annotated:
            inner = get_args(inner)[0]
        values = tuple(str(a) for a in get_args(inner)) if get_origin(inner) is Literal else ()
        return FieldType("list", item_values=values)
    if annotation is bool:
        return FieldType("bool")
    if annotation is int:
        return FieldType("int", lo=lo, hi=hi)
    if annotation is float:
        return FieldType("float", lo=lo, hi=hi)
    if annotation is str:
        return FieldType("str")
    return FieldType("any")


def _bounds(metadata: list[Any]) -> tuple[float | None, float | None]:
    lo: float | None = None
    hi: float | None = None
    for inner in metadata:  # a ``Field(...)`` inside ``Annotated`` carries its own bounds
        if isinstance(inner, FieldInfo):
            metadata = [*metadata, *inner.metadata]
    for meta in metadata:
        if isinstance(meta, annotated_types.Ge | annotated_types.Gt):
            lo = float(getattr(meta, "ge", getattr(meta, "gt", 0)))
        if isinstance(meta, annotated_types.Le | annotated_types.Lt):
            hi = float(getattr(meta, "le", getattr(meta, "lt", 0)))
        if isinstance(meta, annotated_types.Interval):
            lo = float(meta.ge) if meta.ge is not None else lo  # type: ignore[arg-type]
            hi = float(meta.le) if meta.le is not None else hi  # type: ignore[arg-type]
    return lo, hi
