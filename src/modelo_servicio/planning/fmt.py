"""Numbers in the output language: decimal comma and spaced percent sign in Spanish."""

from __future__ import annotations

from modelo_servicio.i18n import Lang


def num(value: float, lang: Lang, digits: int = 1) -> str:
    """``value`` with at most ``digits`` decimals, trailing zeros dropped."""
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
