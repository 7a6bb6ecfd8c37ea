"""Convenience entry points that read files and advise: what every command calls."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from modelo_servicio.app.advisor import advise
from modelo_servicio.domain.errors import UsageError
from modelo_servicio.domain.i18n import Lang
from modelo_servicio.domain.profile import Profile
from modelo_servicio.domain.profile_io import load_profile
from modelo_servicio.domain.result import Result
from modelo_servicio.knowledge import KnowledgeBase, load_kb

if TYPE_CHECKING:
    from modelo_servicio.engine.explain import Explanation


@dataclass(frozen=True)
class Advice:
    """What every output needs: the profile as read, the knowledge base used, the result."""

    profile: Profile
    kb: KnowledgeBase
    result: Result


def advise_file(path: Path, lang: Lang, rules: Path | None = None) -> Advice:
    kb = load_kb(rules)
    profile = load_profile(path)
    return Advice(profile, kb, advise(profile, kb, lang))


def advise_profile(profile: Profile, lang: Lang, rules: Path | None = None) -> Advice:
    kb = load_kb(rules)
    return Advice(profile, kb, advise(profile, kb, lang))


def render(advice: Advice, fmt: str, date: str | None = None, width: int = 100) -> str:
    """The advice in ``fmt`` (table, json, markdown); markdown gets the profile appendix and
    the same knowledge base the scores came from."""
    if fmt == "markdown":
        from modelo_servicio.render.markdown import MarkdownFormat

        return MarkdownFormat(date=date, kb=advice.kb).format(advice.result, advice.profile)
    from modelo_servicio.render import formatter

    return formatter(fmt, width=width, kb=advice.kb).format(advice.result)


def report_markdown(
    profile: Profile, lang: Lang = "es", rules: Path | None = None, date: str | None = None
) -> str:
    """The full markdown report of a profile (``report`` and ``interview --report``)."""
    return render(advise_profile(profile, lang, rules), "markdown", date)


def explain_file(
    path: Path, lang: Lang, rules: Path | None = None, model: str | None = None
) -> Explanation:
    from modelo_servicio.engine.explain import explain
    from modelo_servicio.engine.scoring import engine_for

    kb = load_kb(rules)
    if model is not None and model not in kb.models:
        from modelo_servicio.domain.i18n import hint, msg

        message = msg("explain.unknown_model", model=model, known=", ".join(kb.models))
        raise UsageError(message + hint(model, list(kb.models)))
    profile = load_profile(path)
    engine = engine_for(kb)
    return explain(engine, engine.evaluate(profile), lang, model)
