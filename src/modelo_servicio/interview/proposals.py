"""Proposals that follow earlier answers, and what an answer does to the staff number.

A volume question proposes the active customers times the contacts a month per customer of
the company's sector (``volumes`` and ``handle_times`` in ``rules/handle_times.yaml``), and
at least a floor per site, so that after "4 shops and 9,500 customers" it no longer proposes
a one-shop figure. After a volume, handle-time or opening-hours answer, the staff that answer
implies is said when it is large, by the plan's own staffing rules.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from modelo_servicio.domain.i18n import Lang, t
from modelo_servicio.domain.numbers import num
from modelo_servicio.interview.values import MISSING, model_default, probe_profile
from modelo_servicio.knowledge.loader import KnowledgeBase
from modelo_servicio.planning import kb as pkb
from modelo_servicio.planning.sector import channel_fte, sector_handle_times

VOLUME = "demand.contacts_per_month."
HANDLE = "demand.handle_minutes."
HOURS = ("demand.open_hours_per_week", "demand.coverage")


@dataclass(frozen=True)
class Proposal:
    """A proposed answer and how it was reached (shown with the question's help)."""

    value: int
    basis: str


def _answer(data: dict[str, Any], path: str) -> Any:
    node: Any = data
    for part in path.split("."):
        if not isinstance(node, dict) or part not in node:
            value = model_default(path)
            return None if value is MISSING else value
        node = node[part]
    return node


def _round(value: float) -> int:
    """A proposal as a person would say it: two significant figures (1.190 -> 1.200)."""
    if value <= 0:
        return 0
    step = 10 ** max(0, math.floor(math.log10(value)) - 1)
    return int(round(value / step) * step)


def propose(kb: KnowledgeBase, field: str, data: dict[str, Any], lang: Lang) -> Proposal | None:
    """The proposal for a channel's monthly contacts from the answers in ``data``; ``None``
    for other questions, or when the knowledge base has no ratio for the channel."""
    if not field.startswith(VOLUME):
        return None
    volumes = pkb.volumes(kb)
    channel = field.removeprefix(VOLUME)
    if volumes is None:
        return None
    sector = sector_handle_times(kb, str(_answer(data, "company.sector") or ""))
    ratios = dict(volumes.per_customer)
    if sector is not None:
        ratios.update(sector.contacts_per_customer)
    if channel not in ratios:
        return None
    customers = int(_answer(data, "customers.active") or 0)
    sites = int(_answer(data, "company.locations") or 0)
    ratio = ratios[channel]
    value = _round(customers * ratio)
    floor = _round(sites * volumes.per_location.get(channel, 0.0))
    params = {
        "customers": num(customers, lang, 0),
        "ratio": num(ratio, lang, 3),
        "value": num(max(value, floor), lang, 0),
        "sites": num(sites, lang, 0),
        "floor": num(floor, lang, 0),
        "sector": sector.name(lang) if sector is not None else t("interview.propose.any", lang),
        "source": volumes.source(lang),
    }
    key = "interview.propose.floor" if floor > value else "interview.propose.customers"
    return Proposal(max(value, floor), t(key, lang, **params))


def impact(kb: KnowledgeBase, field: str, data: dict[str, Any], shown: str, lang: Lang) -> str:
    """What the answer just given (``shown``, as echoed) does to the staff number: the FTE
    its channel needs (volumes, handle times) or the whole service needs (opening hours),
    when at least ``impact_from_fte``; "" otherwise."""
    volumes = pkb.volumes(kb)
    if volumes is None:
        return ""
    channel = ""
    if field.startswith(VOLUME):
        channel = field.removeprefix(VOLUME)
    elif field.startswith(HANDLE):
        channel = field.removeprefix(HANDLE)
    elif field not in HOURS or _answer(data, field) is None:
        # not an assumption that moves the staff, or hours left to the coverage (said already)
        return ""
    profile = probe_profile(data)
    if profile is None:
        return ""
    needs = channel_fte(profile, kb)
    fte = needs.get(channel, 0.0) if channel else sum(needs.values())
    if fte < volumes.impact_from_fte or fte <= 0:
        return ""
    figure = num(fte, lang, 1)
    if field.startswith(HANDLE) and _answer(data, field) is None:
        # "the sector's usual figure" is no figure: say which one the staff number rests on
        sector = sector_handle_times(kb, str(_answer(data, "company.sector") or ""))
        minutes = sector.minutes.get(channel) if sector is not None else None
        if minutes:
            shown = f"{shown} ({num(float(minutes), lang, 0)} min)"
    if not channel:
        return t("interview.impact.total", lang, value=shown, fte=figure)
    name = kb.channels[channel].name(lang)
    return t("interview.impact.channel", lang, value=shown, channel=name, fte=figure)
