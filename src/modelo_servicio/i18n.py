"""Bilingual text: the ``Text`` type used all over the knowledge base, and UI messages.

UI messages live in ``locale/messages.yaml``; knowledge (model names, reasons, plan steps)
lives in ``rules/``. Both carry every string in Spanish and English.
"""

from __future__ import annotations

import os
import re
from contextvars import ContextVar
from functools import cache
from importlib import resources
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

Lang = Literal["es", "en"]
DEFAULT_LANG: Lang = "es"
ENV_LANG = "MODELO_SERVICIO_LANG"


class Text(BaseModel):
    """A string in both product languages; neither may be missing."""

    model_config = ConfigDict(extra="forbid", frozen=True)

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


_PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")


def fill(template: str, params: dict[str, Any]) -> str:
    """Substitute ``{name}`` placeholders; no attribute access, no expressions."""
    return _PLACEHOLDER.sub(lambda m: str(params.get(m.group(1), m.group(0))), template)


@cache
def _catalog() -> dict[str, dict[str, str]]:
    """Every ``locale/*.yaml`` merged; a key defined twice is a packaging bug."""
    from modelo_servicio import yamlio

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
    entry = _catalog().get(key)
    if entry is None:
        return key
    return fill(entry.get(lang) or entry["en"], params)


def has(key: str) -> bool:
    return key in _catalog()
