"""Convenience entry points that read files and advise: what every command calls."""

from __future__ import annotations

from pathlib import Path

from modelo_servicio.advisor import advise
from modelo_servicio.i18n import Lang
from modelo_servicio.kb import load_kb
from modelo_servicio.profile_io import load_profile
from modelo_servicio.result import Result


def advise_file(path: Path, lang: str, rules: Path | None = None) -> Result:
    language: Lang = "en" if lang == "en" else "es"
    kb = load_kb(rules)
    profile = load_profile(path, language)
    return advise(profile, kb, language)
