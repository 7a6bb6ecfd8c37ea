"""Convenience entry points that read files and advise: what every command calls."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from modelo_servicio.app.advisor import Advisor
from modelo_servicio.domain.i18n import Lang
from modelo_servicio.domain.profile import Profile
from modelo_servicio.domain.profile_io import load_profile
from modelo_servicio.domain.result import Result
from modelo_servicio.knowledge import KnowledgeBase

if TYPE_CHECKING:
    from modelo_servicio.domain.brand import Brand
    from modelo_servicio.engine.explain import Explanation


@dataclass(frozen=True)
class Advice:
    """What every output needs: the profile as read, the Advisor that scored it, the result."""

    profile: Profile
    advisor: Advisor
    result: Result

    @property
    def kb(self) -> KnowledgeBase:
        return self.advisor.kb


def advise_file(
    path: Path,
    lang: Lang,
    rules: Path | None = None,
    advisor: Advisor | None = None,
    start: datetime.date | None = None,
) -> Advice:
    """The profile in ``path`` advised by ``advisor`` (by default, one built from ``rules``);
    ``start`` dates the plan (``--start``)."""
    advisor = Advisor.build(rules) if advisor is None else advisor
    profile = load_profile(path, catalogue=advisor.catalogue)
    return Advice(profile, advisor, advisor.advise(profile, lang, start))


def advise_profile(
    profile: Profile,
    lang: Lang,
    rules: Path | None = None,
    advisor: Advisor | None = None,
    start: datetime.date | None = None,
) -> Advice:
    """``profile`` advised by ``advisor`` (by default, one built from ``rules``); ``start``
    dates the plan (``--start``)."""
    advisor = Advisor.build(rules) if advisor is None else advisor
    profile = advisor.complete(profile)
    return Advice(profile, advisor, advisor.advise(profile, lang, start))


def render(
    advice: Advice,
    fmt: str,
    date: str | None = None,
    width: int = 100,
    audience: str = "client",
    brand: Brand | None = None,
) -> str:
    """The advice in ``fmt`` (table, json, markdown, html); reports get the profile appendix,
    the date of ``--date``, ``SOURCE_DATE_EPOCH`` or today (``report_date``), their reader
    (``audience``) and the consultancy's ``brand``."""
    day = None
    if fmt in ("markdown", "html"):
        from modelo_servicio.render.markdown import report_date

        day = report_date(date)
    formatter = advice.advisor.formatter(
        fmt, date=day, width=width, profile=advice.profile, audience=audience, brand=brand
    )
    return formatter.format(advice.result)


def report_markdown(
    profile: Profile, lang: Lang = "es", rules: Path | None = None, date: str | None = None
) -> str:
    """The full markdown report of a profile (``report`` and ``interview --report``)."""
    return render(advise_profile(profile, lang, rules), "markdown", date)


def explain_file(
    path: Path,
    lang: Lang,
    rules: Path | None = None,
    model: str | None = None,
    sets: tuple[str, ...] = (),
    segment: str | None = None,
) -> Explanation:
    advisor = Advisor.build(rules)
    if model is not None:
        advisor.check_model(model)
    from modelo_servicio.app.whatif import load_changed

    profile = load_changed(path, lang, sets, advisor.catalogue)
    return advisor.explain(profile, lang, model, segment)
