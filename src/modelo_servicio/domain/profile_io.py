"""Reading company profiles from YAML into ``Profile`` objects, with located errors."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from modelo_servicio.domain import yamlio
from modelo_servicio.domain.catalogue import Catalogue
from modelo_servicio.domain.errors import ProfileError
from modelo_servicio.domain.i18n import Msg, msg
from modelo_servicio.domain.profile import SCHEMA_VERSION, HandleMinutes, Profile
from modelo_servicio.domain.validation import validate
from modelo_servicio.domain.yamlio import Document


def load_profile(
    path: Path, source: str | None = None, catalogue: Catalogue | None = None
) -> Profile:
    """The single profile in ``path``, its channels, models and skills checked against
    ``catalogue`` (the Advisor's: see ``profile_from_document``)."""
    return profile_from_document(yamlio.load_single(path, source), catalogue)


def iter_profiles(path: Path) -> Iterator[Document]:
    """Every non-empty document of a file (a batch file may hold several)."""
    for doc in yamlio.load_file(path):
        if doc.data is not None:
            yield doc


def profile_from_document(doc: Document, catalogue: Catalogue | None = None) -> Profile:
    """The profile in ``doc``. With the knowledge base's ``catalogue`` (what every command
    passes) an unknown channel, model or skill is an error and every channel and skill is
    filled in; without one (a test building a profile), ids are taken as written."""
    data = doc.data
    if not isinstance(data, dict):
        raise ProfileError(
            msg("profile.invalid"),
            [yamlio.problem_at(doc, (), msg("profile.not_mapping", kind=shape(data)))],
        )
    version = data.get("schema_version", SCHEMA_VERSION)
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        message = msg("profile.newer_schema", found=version, known=SCHEMA_VERSION)
        raise ProfileError(
            msg("profile.invalid"), [yamlio.problem_at(doc, ("schema_version",), message)]
        )
    context = catalogue.context() if catalogue is not None else None
    return validate(Profile, doc, ProfileError, msg("profile.invalid"), context)


def shape(data: Any) -> Msg:
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
    return msg(f"profile.kind.{key}")


def profile_from_data(
    data: dict[str, Any], source: str, catalogue: Catalogue | None = None
) -> Profile:
    """Validate data that did not come from a file (interview answers, rule examples)."""
    return profile_from_document(Document(source=source, data=data, node=None), catalogue)


def complete(profile: Profile, catalogue: Catalogue) -> Profile:
    """``profile`` as read against ``catalogue``: every channel and skill, in the
    catalogue's order, and no id the catalogue lacks. A profile read with the catalogue is so
    already (the check costs microseconds); one built without it (in a test, say) is
    validated again."""
    channels, skills = catalogue.channels, catalogue.skills
    demand = profile.demand
    handle = demand.handle_minutes.root
    if (
        tuple(demand.contacts_per_month.root) == channels
        and list(handle) == list(HandleMinutes.ordered(handle, channels))
        and all(tuple(p.skills.root) == skills for p in profile.staff)
    ):
        return profile
    data = profile.model_dump(exclude_unset=True)
    return profile_from_data(data, profile.company.name, catalogue)


def profile_to_yaml(profile: Profile) -> str:
    """The profile as YAML that ``load_profile`` reads back unchanged."""
    data = profile.model_dump(mode="json", exclude_none=True)
    return yamlio.dump(data)
