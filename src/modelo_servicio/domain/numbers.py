"""Numbers in the output language: decimal comma and spaced percent sign in Spanish.

A plan formats the same targets, hours and FTEs over and over (and a batch, the same values
in plan after plan), so formatting is memoized, bounded. Zero is never memoized: ``0.0`` and
``-0.0`` are one cache key yet print as ``0`` and ``-0``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from modelo_servicio.domain.i18n import Lang, Localized, t


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


def money(amount: float, lang: Lang, exact: bool = False) -> str:
    """An amount without its sign. Estimates (costs, budgets compared with them) in whole
    units; ``exact``: an amount someone typed, with its two decimals when it has cents
    (``2.650,50``, never ``2.650,5``)."""
    if exact:
        cents = round(amount * 100)
        if cents % 100:
            text = f"{cents / 100:,.2f}"
            if lang == "es":
                text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
            return text
    return num(round(amount), lang, 0)


def listing(items: list[str], lang: Lang) -> str:
    """``a, b y c`` / ``a, b and c``."""
    if not items:
        return "—"
    if len(items) == 1:
        return items[0]
    word = " y " if lang == "es" else " and "
    return ", ".join(items[:-1]) + word + items[-1]


# --- reading numbers as people type them ------------------------------------------------------

NumberKind = Literal["integer", "number", "money", "share"]
"""What a numeric answer holds: a count, a plain quantity, an amount of money, or a share
(0..1, which people may also type as a percentage)."""

_SPACES = re.compile(r"[\s_\u00a0\u202f\u2009']")
_CURRENCY = re.compile(r"^(?:[€$£]|EUR|USD|GBP)\s*|\s*(?:[€$£]|EUR|USD|GBP|euros?)$", re.I)
_SHAPE = re.compile(r"[+-]?[\d.,]+")
_SPACED = re.compile(r"[+-]?\d{1,3}(?:[\s\u00a0\u202f\u2009']\d{3})+(?:[.,]\d+)?")
DECIMAL: dict[str, str] = {"es": ",", "en": "."}
GROUP: dict[str, str] = {"es": ".", "en": ","}


class UnreadableNumberError(ValueError):
    """A typed number that cannot be read without guessing; ``message`` asks it back (in the
    output language) and shows each reading, and ``readings`` holds them."""

    def __init__(self, message: str, readings: tuple[float, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.readings = readings


def _grouped(digits: str, sep: str) -> bool:
    return re.fullmatch(r"\d{1,3}(?:" + re.escape(sep) + r"\d{3})+", digits) is not None


def _readings(body: str, lang: Lang) -> tuple[float | None, float | None]:
    """(the reading in ``lang``'s own convention, the reading in the other one); ``None``
    where the text cannot be read that way."""
    dec, grp = DECIMAL[lang], GROUP[lang]

    def read(decimal: str, group: str) -> float | None:
        whole, sep, fraction = body.rpartition(decimal) if decimal in body else (body, "", "")
        if sep and (not fraction.isdigit() or group in fraction):
            return None
        if group in whole and not _grouped(whole, group):
            return None
        digits = whole.replace(group, "")
        if not digits.isdigit() or decimal in digits:
            return None
        return float(f"{digits}.{fraction}" if sep else digits)

    return read(dec, grp), read(grp, dec)


def parse_number(text: str, lang: Lang, kind: NumberKind = "number") -> float | int:
    """``text`` read the way ``lang`` writes numbers; ``UnreadableNumberError`` rather than guess.

    Spanish: ``22.000``, ``22 000``, ``22000``, ``2.650,50``, ``2650,5``; English: ``22,000``,
    ``2,650.50``. Both separators at once can only be read one way (the last one is the
    decimal mark). A lone separator the language does not use as its decimal mark (``2.65`` in
    Spanish, ``1,5`` in English) or one that reads as grouping where the answer cannot be that
    large (``1.500`` for a share) is asked back with its readings, and so is a money amount
    whose native reading has exactly three decimals (``1,500`` in Spanish): a budget stored
    1,000 times smaller is the error that must never happen. Integers come back as ``int``;
    a share may be typed as a percentage (``25 %``).
    """
    raw = text.strip()
    body = _CURRENCY.sub("", raw).strip() if kind == "money" else raw
    percent = kind == "share" and body.endswith("%")
    body = body.removesuffix("%").strip()
    if _SPACES.search(body) and not _SPACED.fullmatch(body):
        raise UnreadableNumberError(_message("number.unreadable", lang, text=raw))
    body = _SPACES.sub("", body)
    sign = -1.0 if body.startswith("-") else 1.0
    body = body[1:] if body[:1] in ("+", "-") else body
    if not body or not _SHAPE.fullmatch(body):
        raise UnreadableNumberError(_message("number.unreadable", lang, text=raw))
    own, other = _readings(body, lang)
    both = "." in body and "," in body
    if both:
        value = own if own is not None else other
        if value is None:
            raise UnreadableNumberError(_message("number.unreadable", lang, text=raw))
        return _finish(sign * value, kind, percent)
    readings = tuple(v for v in (own, other) if v is not None)
    if not readings:
        raise UnreadableNumberError(_message("number.unreadable", lang, text=raw))
    if len(readings) == 1 or own == other:
        value = readings[0]
        if own is None:  # only the other language's decimal mark makes sense of it
            raise UnreadableNumberError(
                _ask(raw, lang, kind, percent, (sign * value,)), (sign * value,)
            )
        return _finish(sign * value, kind, percent)
    assert own is not None and other is not None
    native_grouping = GROUP[lang] in body
    fits = _fits(sign * own, kind, percent)
    if native_grouping and fits:
        return _finish(sign * own, kind, percent)
    if not native_grouping and fits and kind not in ("money", "integer"):
        return _finish(sign * own, kind, percent)
    choices = (sign * own, sign * other)
    raise UnreadableNumberError(_ask(raw, lang, kind, percent, choices), choices)


def _fits(value: float, kind: NumberKind, percent: bool) -> bool:
    if kind == "integer":
        return value.is_integer()
    if kind == "share":
        return 0 <= (value / 100 if percent else value) <= 1
    return True


def _finish(value: float, kind: NumberKind, percent: bool) -> float | int:
    if percent:
        value = value / 100
    if kind == "integer" and value.is_integer():
        return int(value)
    if kind != "share" and value.is_integer():
        return int(value)
    return value


def _message(key: str, lang: Lang, **values: object) -> str:
    return t(key, lang, **values)


def _ask(raw: str, lang: Lang, kind: NumberKind, percent: bool, choices: tuple[float, ...]) -> str:
    shown = [pct(v / 100, lang) if percent else num(v, lang, 6) for v in choices]
    if len(shown) == 1:
        return _message("number.ask_one", lang, text=raw, reading=shown[0])
    return _message("number.ask_two", lang, text=raw, first=shown[0], second=shown[1])


CURRENCY_SIGNS: dict[str, str] = {"EUR": "€", "USD": "$", "GBP": "£"}


def currency_sign(code: str) -> str:
    """The sign an amount carries (``€``); a currency without a common sign keeps its code."""
    return CURRENCY_SIGNS.get(code.upper(), code.upper())


def amount(value: float, lang: Lang, currency: str, exact: bool = False) -> str:
    """Money as a client reads it: ``22.000 €`` in Spanish, ``€22,000`` in English (the one
    money formatter of the tool; ``exact`` as in ``money``: ``2.650,50 €``, ``€2,650.50``)."""
    sign = currency_sign(currency)
    number = money(value, lang, exact)
    if lang == "es" or len(sign) > 1:
        return f"{number} {sign}"
    return f"{sign}{number}"
