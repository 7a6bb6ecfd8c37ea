"""Reading company profiles from YAML into ``Profile`` objects, with located errors."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from modelo_servicio.domain import yamlio
from modelo_servicio.domain.errors import ProfileError
from modelo_servicio.domain.i18n import Lang, t
from modelo_servicio.domain.profile import SCHEMA_VERSION, Profile
from modelo_servicio.domain.validation import validate
from modelo_servicio.domain.yamlio import Document


def load_profile(path: Path, lang: Lang = "es", source: str | None = None) -> Profile:
    """The single profile in ``path``."""
    return profile_from_document(yamlio.load_single(path, source), lang)


def iter_profiles(path: Path, lang: Lang = "es") -> Iterator[Document]:
    """Every non-empty document of a file (a batch file may hold several)."""
    for doc in yamlio.load_file(path):
        if doc.data is not None:
            yield doc


def profile_from_document(doc: Document, lang: Lang = "es") -> Profile:
    data = doc.data
    if not isinstance(data, dict):
        message = t("profile.not_mapping", lang, kind=shape(data, lang))
        raise ProfileError(t("profile.invalid", lang), [yamlio.problem_at(doc, (), message)])
    version = data.get("schema_version", SCHEMA_VERSION)
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        message = t("profile.newer_schema", lang, found=version, known=SCHEMA_VERSION)
        raise ProfileError(
            t("profile.invalid", lang), [yamlio.problem_at(doc, ("schema_version",), message)]
        )
    return validate(Profile, doc, lang, ProfileError, t("profile.invalid", lang))


def shape(data: Any, lang: Lang) -> str:
    """What a document is, never what it says: a file reached by mistake (a token, a key)
    must not be quoted into an error, ``index.md`` or ``summary.csv``."""
    if isinstance(data, list):
        key = "list"
    elif isinstance(data, bool):
        key = "bool"
    elif isinstance(data, int | float):
        key = "number"
    else:
        key = "text"
    return t(f"profile.kind.{key}", lang)


def profile_from_data(data: dict[str, Any], source: str, lang: Lang = "es") -> Profile:
    """Validate data that did not come from a file (interview answers, rule examples)."""
    return profile_from_document(Document(source=source, data=data, node=None), lang)


def profile_to_yaml(profile: Profile) -> str:
    """The profile as YAML that ``load_profile`` reads back unchanged."""
    data = profile.model_dump(mode="json", exclude_none=True)
    return yamlio.dump(data)
