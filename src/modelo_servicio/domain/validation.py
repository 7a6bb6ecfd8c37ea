"""Turn pydantic ``ValidationError``s into ``file:line: field.path: message`` problems.

Used for profiles and for every knowledge-base file, so both speak the same way: the line
comes from the YAML node tree, the message is translated, unknown keys and enum typos get a
"did you mean" suggestion.
"""

from __future__ import annotations

import re
import types
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from modelo_servicio.domain.catalogue import CONTEXT, Catalogue
from modelo_servicio.domain.errors import ModeloError, Problem
from modelo_servicio.domain.i18n import Message, has, hint, msg, say
from modelo_servicio.domain.numbers import Num
from modelo_servicio.domain.yamlio import Document, Loc

M = TypeVar("M", bound=BaseModel)

_QUOTED = re.compile(r"'([^']*)'")
MAX_PROBLEMS = 100
"""Problems listed for one file; a file with 40,000 unknown keys gets the first hundred."""


def validate(
    model: type[M],
    doc: Document,
    error: type[ModeloError],
    header: Message,
    context: dict[str, Any] | None = None,
) -> M:
    """``doc`` as ``model`` (``context``: pydantic's validation context, which carries the
    knowledge base's catalogue of ids, ``domain.catalogue``), or ``error`` listing every
    problem located in the file."""
    try:
        return model.model_validate(doc.data, context=context)
    except ValidationError as exc:
        raise error(header, problems(model, doc, exc, context)) from None


def problems(
    model: type[BaseModel],
    doc: Document,
    exc: ValidationError,
    context: dict[str, Any] | None = None,
) -> list[Problem]:
    seen: set[tuple[str, str]] = set()
    out: list[Problem] = []
    truncated: set[str] = set()
    located = []
    catalogue = _catalogue(context)
    errors = _in_field_order(model, list(exc.errors(include_url=False)), catalogue)
    unknown = {tuple(err["loc"][:-1]) for err in errors if err["loc"] and err["loc"][-1] == "[key]"}
    for err in errors:
        full = tuple(err["loc"])
        if full in unknown:
            continue  # the value of a key that is itself wrong: the key's error says it
        loc = _data_loc(doc.data, full, err["type"])
        located.append((doc.line_of(loc) or 0, full, loc, err))
    located.sort(key=lambda item: item[0])  # messages (and their hints) for the first ones only
    hidden = 0
    for _, full, loc, err in located:
        if len(out) >= MAX_PROBLEMS:
            hidden += 1
            continue
        message, loc = _message(model, err, loc, catalogue)
        path = ".".join(str(p) for p in loc)
        said = say(message, "en")
        if (path, said) in seen or path in truncated:
            continue
        if len(full) > len(loc) and err["type"] not in ("missing", "extra_forbidden"):
            truncated.add(path)  # a union reports every branch: keep the first
        seen.add((path, said))
        out.append(Problem(source=doc.source, message=message, line=doc.line_of(loc), path=path))
    out.sort(key=lambda p: p.line or 0)
    if hidden:
        out.append(Problem(source=doc.source, message=msg("validation.more", count=hidden)))
    return out


def _in_field_order(
    model: type[BaseModel], errors: list[Any], catalogue: Catalogue | None
) -> list[Any]:
    """Errors of a mapping keyed by the catalogue's ids (``contacts_per_month``, ``skills``)
    in the order a section's errors come in: the known keys in the catalogue's order, then
    the unknown ones as written, so two mistakes on one line are listed as for any section."""
    if catalogue is None:
        return errors
    ranked: list[tuple[int, int, Any]] = []
    groups: dict[tuple[Any, ...], int] = {}
    for index, err in enumerate(errors):
        loc = tuple(err["loc"])
        unknown = bool(loc) and loc[-1] == "[key]"
        parent = loc[:-2] if unknown else loc[:-1]
        keys = field_names(model, parent, catalogue) if parent else []
        target = model_at(model, parent) if parent else None
        if target is None or getattr(target, "KIND", None) is None:
            ranked.append((index, 0, err))
            continue
        group = groups.setdefault(parent, index)
        key = loc[len(parent)] if len(loc) > len(parent) else None
        rank = keys.index(key) if not unknown and key in keys else len(keys) + index
        ranked.append((group, rank, err))
    return [err for _, _, err in sorted(ranked, key=lambda item: (item[0], item[1]))]


def _data_loc(data: Any, loc: Loc, kind: str) -> Loc:
    """Keep the parts of pydantic's location that exist in the data (drops union tags)."""
    kept: list[str | int] = []
    node = data
    for part in loc:
        if (isinstance(node, dict) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        ):
            kept.append(part)
            node = node[part]  # type: ignore[index]
        elif kind == "missing" and isinstance(node, dict) and isinstance(part, str):
            kept.append(part)
            break
        else:
            break
    return tuple(kept)


def message(model: type[BaseModel], err: Any, context: dict[str, Any] | None = None) -> Message:
    """The message of one error of ``model`` that has no file to be located in."""
    return _message(model, err, tuple(err["loc"]), _catalogue(context))[0]


def _catalogue(context: dict[str, Any] | None) -> Catalogue | None:
    found = (context or {}).get(CONTEXT)
    return found if isinstance(found, Catalogue) else None


def number(value: float) -> Num:
    """A bound as its reader writes it, in the plan's style (``numbers.num``): no ``.0`` on a
    whole number, thousands grouped, decimal comma in Spanish (``0,5``, ``10.000.000``); six
    decimals keep every bound a profile or rule file sets exact."""
    return Num(float(value) + 0.0, 6)  # + 0.0: a bound of -0.0 reads 0


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _message(
    model: type[BaseModel], err: Any, loc: Loc, catalogue: Catalogue | None = None
) -> tuple[Message, Loc]:
    kind: str = err["type"]
    ctx: dict[str, Any] = {
        name: number(value)
        if isinstance(value, int | float) and not isinstance(value, bool)
        else value
        for name, value in (err.get("ctx") or {}).items()
    }
    if "." in kind and has(kind):  # raised with i18n.invalid: the type is the message key
        return msg(kind, **ctx), loc
    if kind == "value_error":
        raw = str(ctx.get("error", ""))
        if raw.startswith("duplicate_staff:"):
            _, index, name = raw.split(":", 2)
            return msg("profile.duplicate_staff", name=name), ("staff", int(index), "name")
        ctx["error"] = raw
    if kind == "invalid_key":  # a number as a key: mostly a decimal comma inside {...}
        return msg("pydantic.invalid_key", name=err.get("input")), loc
    if kind == "string_pattern_mismatch" and "languages" in loc:
        return msg("profile.language_code", code=err.get("input")), loc
    if kind == "literal_error":
        options = _QUOTED.findall(str(ctx.get("expected", "")))
        ctx["expected"] = ", ".join(options)
        return msg("pydantic.literal_error", **ctx) + hint(str(err.get("input")), options), loc
    key = f"pydantic.{kind}"
    if not has(key):
        return str(err["msg"]), loc
    text = msg(key, **ctx)
    if kind == "extra_forbidden" and loc:
        allowed = field_names(model, loc[:-1], catalogue)
        near = hint(str(loc[-1]), allowed)
        if near == "" and allowed:
            near = msg("allowed_fields_hint", fields=", ".join(allowed))
        text += near
    return text, loc


def field_names(model: type[BaseModel], loc: Loc, catalogue: Catalogue | None = None) -> list[str]:
    """The keys the mapping at ``loc`` may hold: a section's fields, or the ids of the
    catalogue for a mapping keyed by them (``contacts_per_month``, ``skills``)."""
    target = model_at(model, loc)
    if target is None:
        return []
    keys_of = getattr(target, "keys_of", None)
    if keys_of is not None:
        keys: list[str] = keys_of(catalogue)
        return keys
    return list(target.model_fields)


def model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The pydantic class that describes the mapping found at ``loc``."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = current.model_fields.get(part)
        if info is None:
            return None
        current = _inner(info.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return current
    return None


def _inner(annotation: Any) -> Any:
    """Unwrap Optional, list[...] and Annotated down to the element type."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated or origin in (list, tuple, set):
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            rest = [a for a in get_args(annotation) if a is not type(None)]
            if len(rest) != 1:
                return annotation
            annotation = rest[0]
        else:
            return annotation
