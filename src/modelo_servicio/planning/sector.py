"""A company's sector and what it brings to the staffing: its typical handle times
(``rules/handle_times.yaml``), the sources printed beside the channel figures, and the FTE
each channel needs on its own (what the interview shows after an answer)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from modelo_servicio.domain.i18n import t
from modelo_servicio.domain.numbers import listing, num
from modelo_servicio.domain.profile import Profile
from modelo_servicio.knowledge.loader import KnowledgeBase
from modelo_servicio.planning import kb as pkb
from modelo_servicio.planning.channels import demands, setup, staff_one
from modelo_servicio.planning.kb import HandleTime
from modelo_servicio.planning.people import plain

if TYPE_CHECKING:
    from modelo_servicio.planning.build import Draft


def sector_handle_times(kb: KnowledgeBase, sector: str) -> HandleTime | None:
    """The first sector of ``rules/handle_times.yaml`` whose keyword is in ``sector``."""
    text = plain(sector)
    if not text:
        return None
    return next(
        (h for h in pkb.handle_times(kb).values() if any(plain(k) in text for k in h.keywords)),
        None,
    )


def staffing_sources(d: Draft) -> list[str]:
    """The basis of the defaults the channel figures use: the sector's handle times (with
    their range and source) where the profile gave none, and each channel's own source."""
    lang = d.lang
    out: list[str] = [d.tables.staffing.source(lang)] if d.demand else []
    sector = sector_handle_times(d.kb, d.evaluation.profile.company.sector)
    used = [dem for dem in d.demand.values() if dem.typical]
    if sector is not None and used:
        names = d.kb.channels
        figures = []
        ranges: dict[str, tuple[float, float]] = {str(k): v for k, v in sector.range.items()}
        for dem in used:
            low, high = ranges.get(dem.channel, (dem.handle_minutes, dem.handle_minutes))
            figures.append(
                t(
                    "plan.source.minutes",
                    lang,
                    channel=names[dem.channel].name(lang),
                    minutes=num(dem.handle_minutes, lang),
                    low=num(low, lang),
                    high=num(high, lang),
                )
            )
        out.append(
            t(
                "plan.source.sector",
                lang,
                sector=sector.name(lang),
                figures=listing(figures, lang),
                source=sector.source(lang),
            )
        )
    for dem in d.demand.values():
        own = dem.method == dem.spec.method and not dem.typical
        if dem.spec.source is not None and own and "handle_minutes" not in dem.from_profile:
            out.append(dem.spec.source(lang))
    return out


def channel_fte(profile: Profile, kb: KnowledgeBase) -> dict[str, float]:
    """FTE each channel with contacts needs on its own, by the plan's staffing rules (the
    interview shows what an answer does to the staff number before any model is chosen)."""
    base = setup(profile, pkb.staffing_settings(kb), pkb.coverages(kb)[profile.demand.coverage])
    typical = sector_handle_times(kb, profile.company.sector)
    items = demands(profile, pkb.channel_defaults(kb), base, typical)
    return {d.channel: staff_one(d, base).fte for d in items}
