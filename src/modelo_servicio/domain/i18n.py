"""Bilingual text: the ``Text`` type used all over the knowledge base, UI messages, and
messages not yet written in any language (``Msg``).

UI messages live in ``locale/*.yaml``; knowledge (model names, reasons, plan steps) lives in
``rules/``. Both carry every string in Spanish and English. There is no "current language":
what writes text takes ``lang`` as a parameter, and errors carry ``Msg``s that the CLI's
error handler writes in the command's language.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from importlib import resources
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict
from pydantic_core import PydanticCustomError

Lang = Literal["es", "en"]


class Text(BaseModel):
    """A string in both product languages; neither may be missing."""

    model_config = ConfigDict(defer_build=True, extra="forbid", frozen=True)

    es: str
    en: str

    def __call__(self, lang: Lang) -> str:
        return self.es if lang == "es" else self.en


class Localized:
    """Something that reads differently in each language and is only written out once the
    reader's language is known (at the edge: the CLI's error handler, a report). Messages
    (``Msg``) and numbers in a message (``numbers.Num``) are the two kinds."""

    __slots__ = ()

    def __call__(self, lang: Lang) -> str:  # pragma: no cover - every subclass has its own
        raise NotImplementedError


@dataclass(frozen=True)
class Msg(Localized):
    """A message not yet in any language: its key in ``locale/*.yaml``, its parameters
    (plain values, or ``Localized`` values written in the same language), and what follows
    it (a "did you mean" hint, say). Errors carry these, so the library never needs to know
    who will read them: the language is chosen where the text is written."""

    key: str
    params: tuple[tuple[str, Any], ...] = ()
    tail: tuple[Message, ...] = ()

    def __call__(self, lang: Lang) -> str:
        text = t(self.key, lang, **dict(self.params))
        return text + "".join(say(part, lang) for part in self.tail) if self.tail else text

    def __add__(self, other: Message) -> Msg:
        return self if other == "" else replace(self, tail=(*self.tail, other))


Message = str | Msg
"""What an error or a problem says: plain text (the same in every language: a path, a
YAML parser's own words) or a ``Msg``."""


def msg(key: str, **params: Any) -> Msg:
    """The message ``key`` with its parameters, to be written in the reader's language."""
    return Msg(key, tuple(params.items()))


def say(message: Message | Localized, lang: Lang) -> str:
    """``message`` written in ``lang``."""
    return message if isinstance(message, str) else message(lang)


_PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")


def fill(template: str, params: dict[str, Any]) -> str:
    """Substitute ``{name}`` placeholders; no attribute access, no expressions."""
    return _fill(_pieces(template), params)


@lru_cache(maxsize=4096)
def _pieces(template: str) -> tuple[str, ...]:
    """``template`` split once into literal text at even and placeholder names at odd
    positions: reports fill the same few hundred templates thousands of times, and a regex
    substitution with a callback per fill was a tenth of the rendering time. Bounded, since
    knowledge-base texts (``--rules``) are templates too."""
    return tuple(_PLACEHOLDER.split(template))


def _fill(pieces: tuple[str, ...], params: dict[str, Any]) -> str:
    if len(pieces) == 1:
        return pieces[0]
    if len(pieces) == 3:  # one placeholder, the usual case
        head, name, tail = pieces
        return head + (str(params[name]) if name in params else f"{{{name}}}") + tail
    out = list(pieces)
    for i in range(1, len(out), 2):
        name = out[i]
        out[i] = str(params[name]) if name in params else f"{{{name}}}"
    return "".join(out)


@cache
def _catalog() -> dict[str, dict[str, str]]:
    """Every ``locale/*.yaml`` merged; a key defined twice is a packaging bug."""
    from modelo_servicio.domain import yamlio

    merged: dict[str, dict[str, str]] = {}
    folder = resources.files("modelo_servicio").joinpath("locale")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yaml"):
            continue
        data: dict[str, dict[str, str]] = yamlio.parse(entry.read_text("utf-8"), entry.name)[0].data
        for key, value in data.items():
            if key in merged:
                raise RuntimeError(f"locale/{entry.name}: message '{key}' is defined twice")
            merged[key] = value
    return merged


def t(key: str, lang: Lang, **params: Any) -> str:
    """The UI message ``key`` in ``lang``, with ``{param}`` placeholders filled."""
    pieces = _message(key, lang)
    if pieces is None:
        return key
    if params and any(isinstance(v, Localized) for v in params.values()):
        params = {k: v(lang) if isinstance(v, Localized) else v for k, v in params.items()}
    return _fill(pieces, params)


@lru_cache(maxsize=4096)
def _message(key: str, lang: Lang) -> tuple[str, ...] | None:
    """The split template of a message (``None`` when unknown), looked up once: ``t`` runs
    about a hundred times per report. Bounded, because keys are sometimes built from data."""
    entry = _catalog().get(key)
    return None if entry is None else _pieces(entry.get(lang) or entry["en"])


def has(key: str) -> bool:
    return key in _catalog()


def invalid(key: str, **params: Any) -> PydanticCustomError:
    """The error a pydantic validator raises so that its message speaks both languages:
    its type is the message ``key`` (``validation`` translates it into the reader's
    language, like pydantic's own errors) and its plain message is the English text."""
    return PydanticCustomError(key, t(key, "en"), params)


def hint(value: str, options: Sequence[str], cutoff: float = 0.6) -> Msg | str:
    """`` (did you mean 'x'?)`` for a near miss among ``options`` (a close spelling, else an
    option the value begins, else the same word in other case); else nothing (``""``)."""
    match = difflib.get_close_matches(value, options, n=1, cutoff=cutoff)
    if not match and len(value) >= 3:
        match = [o for o in options if o.startswith(value)][:1]
    if not match:
        folded = {o.casefold(): o for o in options}
        if value.casefold() in folded:
            match = [folded[value.casefold()]]
    if not match:
        return ""
    return msg("did_you_mean_hint", suggestion=match[0])
