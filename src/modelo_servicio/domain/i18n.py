"""Bilingual text: the ``Text`` type used all over the knowledge base, and UI messages.

UI messages live in ``locale/messages.yaml``; knowledge (model names, reasons, plan steps)
lives in ``rules/``. Both carry every string in Spanish and English.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache, lru_cache
from importlib import resources
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict
from pydantic_core import PydanticCustomError

Lang = Literal["es", "en"]
DEFAULT_LANG: Lang = "es"
ENV_LANG = "MODELO_SERVICIO_LANG"


class Text(BaseModel):
    """A string in both product languages; neither may be missing."""

    model_config = ConfigDict(defer_build=True, extra="forbid", frozen=True)

    es: str
    en: str

    def __call__(self, lang: Lang) -> str:
        return self.es if lang == "es" else self.en


def lang_from_env(value: str | None = None) -> Lang:
    raw = (value or os.environ.get(ENV_LANG) or DEFAULT_LANG).strip().lower()
    return "en" if raw.startswith("en") else "es"


_ACTIVE: ContextVar[Lang | None] = ContextVar("modelo_servicio_lang", default=None)


def activate(lang: Lang) -> None:
    """Language for messages raised deep in the library (e.g. YAML reading errors)."""
    _ACTIVE.set(lang)


def active() -> Lang:
    return _ACTIVE.get() or lang_from_env()


@contextmanager
def using(lang: Lang) -> Iterator[None]:
    """``lang`` active inside the block only; the previous language comes back after it."""
    token = _ACTIVE.set(lang)
    try:
        yield
    finally:
        _ACTIVE.reset(token)


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
    return key if pieces is None else _fill(pieces, params)


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


def did_you_mean(
    value: str, options: Sequence[str], lang: Lang | None = None, cutoff: float = 0.6
) -> str:
    """`` (did you mean 'x'?)`` for a near miss among ``options`` (a close spelling, else an
    option the value begins, else the same word in other case), in ``lang`` or the active
    language; else nothing."""
    match = difflib.get_close_matches(value, options, n=1, cutoff=cutoff)
    if not match and len(value) >= 3:
        match = [o for o in options if o.startswith(value)][:1]
    if not match:
        folded = {o.casefold(): o for o in options}
        if value.casefold() in folded:
            match = [folded[value.casefold()]]
    if not match:
        return ""
    return f" ({t('did_you_mean', lang or active(), suggestion=match[0])})"
