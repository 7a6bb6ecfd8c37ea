"""Numbers in the output language: decimal comma and spaced percent sign in Spanish.

A plan formats the same targets, hours and FTEs over and over (and a batch, the same values
in plan after plan), so formatting is memoized, bounded. Zero is never memoized: ``0.0`` and
``-0.0`` are one cache key yet print as ``0`` and ``-0``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from modelo_servicio.domain.i18n import Lang, Localized


def num(value: float, lang: Lang, digits: int = 1) -> str:
    """``value`` with at most ``digits`` decimals, trailing zeros dropped."""
    return _num(value, lang, digits) if value else _format(value, lang, digits)


@dataclass(frozen=True)
class Num(Localized):
    """A number inside a message, written as its reader writes numbers (``num``) once the
    language is known."""

    value: float
    digits: int = 1

    def __call__(self, lang: Lang) -> str:
        return num(self.value, lang, self.digits)


@lru_cache(maxsize=4096)
def _num(value: float, lang: Lang, digits: int) -> str:
    return _format(value, lang, digits)


def _format(value: float, lang: Lang, digits: int) -> str:
    text = f"{value:,.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if lang == "es":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def pct(share: float, lang: Lang) -> str:
    number = num(share * 100, lang, 1)
    return f"{number} %" if lang == "es" else f"{number}%"


def duration(seconds: float, lang: Lang) -> str:
    """A short wait in the unit a customer would use (``20 s``, ``2 min``)."""
    if seconds >= 60 and seconds % 60 == 0:
        return f"{num(seconds / 60, lang)} min"
    return f"{num(seconds, lang)} s"


def money(amount: float, lang: Lang) -> str:
    return num(round(amount), lang, 0)


def listing(items: list[str], lang: Lang) -> str:
    """``a, b y c`` / ``a, b and c``."""
    if not items:
        return "—"
    if len(items) == 1:
        return items[0]
    word = " y " if lang == "es" else " and "
    return ", ".join(items[:-1]) + word + items[-1]
