"""Convenience entry points that read files and advise: what every command calls."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from modelo_servicio.advisor import advise
from modelo_servicio.errors import UsageError
from modelo_servicio.i18n import Lang, activate
from modelo_servicio.kb import load_kb
from modelo_servicio.profile_io import load_profile
from modelo_servicio.result import Result

if TYPE_CHECKING:
    from modelo_servicio.explanation import Explanation


def advise_file(path: Path, lang: str, rules: Path | None = None) -> Result:
    language = use_language(lang)
    kb = load_kb(rules)
    profile = load_profile(path, language)
    return advise(profile, kb, language)


def use_language(lang: str) -> Lang:
    """The command's language, also for messages raised deep in the library."""
    language: Lang = "en" if lang == "en" else "es"
    activate(language)
    return language


def explain_file(
    path: Path, lang: str, rules: Path | None = None, model: str | None = None
) -> Explanation:
    from modelo_servicio.engine import engine_for
    from modelo_servicio.explanation import explain

    language = use_language(lang)
    kb = load_kb(rules)
    if model is not None and model not in kb.models:
        raise UsageError(
            f"--model: unknown model '{model}'; expected one of: {', '.join(kb.models)}"
        )
    profile = load_profile(path, language)
    engine = engine_for(kb)
    return explain(engine, engine.evaluate(profile), language, model)
