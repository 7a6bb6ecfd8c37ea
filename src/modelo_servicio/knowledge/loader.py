"""Load, validate and merge knowledge-base files.

Every YAML file declares ``kind:``; its schema comes from ``KINDS`` (one schema module per
kind, all in this package, imported directly: a kind is never skipped for want of a module).
Collections (lists of items with an ``id``) merge by id, so a consultancy's ``--rules DIR``
can add an item or replace a packaged one; ``disable: [id, ...]`` removes items; singleton
sections (settings) merge key by key. Errors name the file and line.
"""

from __future__ import annotations

import hashlib
import types
import typing
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from modelo_servicio.domain import yamlio
from modelo_servicio.domain.catalogue import ROLES, Catalogue
from modelo_servicio.domain.errors import InputError, Problem, RuleError
from modelo_servicio.domain.i18n import Message, msg
from modelo_servicio.domain.validation import validate
from modelo_servicio.domain.yamlio import Document, Loc
from modelo_servicio.knowledge import plan_checks
from modelo_servicio.knowledge.plan_schema import PlanFile
from modelo_servicio.knowledge.questions_schema import QuestionsFile
from modelo_servicio.knowledge.roles_schema import RolesFile, TrainingFile
from modelo_servicio.knowledge.schema import (
    ChannelsFile,
    ChannelSpec,
    ExampleSpec,
    Item,
    ModelsFile,
    ModelSpec,
    RulesFile,
    RuleSpec,
    Settings,
    SettingsFile,
    SkillsFile,
    SkillSpec,
    complete,
    incomplete,
)
from modelo_servicio.knowledge.staffing_schema import StaffingFile

KINDS: typing.Final[typing.Mapping[str, type[BaseModel]]] = types.MappingProxyType(
    {
        "models": ModelsFile,
        "channels": ChannelsFile,
        "skills": SkillsFile,
        "rules": RulesFile,
        "settings": SettingsFile,
        "staffing": StaffingFile,
        "roles": RolesFile,
        "training": TrainingFile,
        "plan": PlanFile,
        "questions": QuestionsFile,
    }
)
"""Kinds of knowledge-base file and the pydantic class that describes each."""

Check = Callable[["KnowledgeBase"], list[Problem]]
"""A cross-file check run after merging: the problems it finds (none: all is well)."""

ItemT = TypeVar("ItemT", bound=Item)
S = TypeVar("S", bound=BaseModel)


@dataclass(frozen=True)
class Origin:
    """Where an item of the knowledge base was written: its document and the path in it.

    Pickled (the on-disk cache of the Advisor), an origin keeps its file and its line, not
    the document's node tree: the tree is most of the knowledge base's size, and a knowledge
    base read from the cache compiled cleanly when it was stored, so no error will ever need
    the line of a place inside an item."""

    doc: Document
    loc: Loc
    fixed_line: int | None = None

    @property
    def source(self) -> str:
        return self.doc.source

    @property
    def line(self) -> int | None:
        if self.doc.node is None:
            return self.fixed_line
        return self.doc.line_of(self.loc)

    def problem(self, message: Message, sub: Loc = ()) -> Problem:
        loc = self.loc + sub
        line = self.doc.line_of(loc) if self.doc.node is not None else self.fixed_line
        return Problem(
            source=self.doc.source,
            message=message,
            line=line,
            path=".".join(str(p) for p in loc),
        )

    def __reduce__(self) -> tuple[Any, ...]:
        bare = Document(source=self.doc.source, data=None, node=None, index=self.doc.index)
        return (Origin, (bare, self.loc, self.line))


@dataclass
class KnowledgeBase:
    collections: dict[str, dict[str, Item]] = field(default_factory=dict)
    singletons: dict[str, BaseModel] = field(default_factory=dict)
    origins: dict[tuple[str, str], Origin] = field(default_factory=dict)
    examples: list[tuple[ExampleSpec, Origin]] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    digest: str = ""

    def collection(self, name: str, kind: type[ItemT]) -> dict[str, ItemT]:
        items = self.collections.get(name, {})
        return typing.cast(dict[str, ItemT], items)

    def singleton(self, name: str, kind: type[S]) -> S:
        value = self.singletons.get(name)
        if value is None:
            return kind()
        return typing.cast(S, value)

    def origin(self, collection: str, item_id: str) -> Origin | None:
        return self.origins.get((collection, item_id))

    @property
    def models(self) -> dict[str, ModelSpec]:
        return self.collection("models", ModelSpec)

    @property
    def channels(self) -> dict[str, ChannelSpec]:
        return self.collection("channels", ChannelSpec)

    @property
    def skills(self) -> dict[str, SkillSpec]:
        return self.collection("skills", SkillSpec)

    @property
    def catalogue(self) -> Catalogue:
        """The ids of the channels, models and skills this knowledge base describes, in its
        order: what a profile may name (``domain.catalogue``)."""
        return Catalogue(
            channels=tuple(self.channels),
            models=tuple(self.models),
            skills=tuple(self.skills),
            service_levels=tuple(self.collections.get("service_levels", {})),
        )

    @property
    def rules(self) -> dict[str, RuleSpec]:
        return self.collection("rules", RuleSpec)

    @property
    def settings(self) -> Settings:
        """The engine settings, every key given (``check_settings`` made sure at load)."""
        return complete(self, "settings", Settings)

    @property
    def version(self) -> str:
        return f"sha256:{self.digest[:16]}"


def packaged_files() -> list[tuple[str, str]]:
    """(display name, text) of every packaged rule file, in a stable order."""
    root = resources.files("modelo_servicio").joinpath("rules")
    out: list[tuple[str, str]] = []

    def walk(folder: Any, prefix: str) -> None:
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.is_dir():
                walk(entry, f"{prefix}{entry.name}/")
            elif entry.name.endswith((".yaml", ".yml")):
                out.append((f"rules/{prefix}{entry.name}", entry.read_text("utf-8")))

    walk(root, "")
    return out


def user_files(folder: Path) -> list[tuple[str, str]]:
    if not folder.exists():
        raise InputError(msg("rules.folder_missing", folder=folder))
    if not folder.is_dir():
        raise InputError(msg("rules.folder_expected", folder=folder))
    paths = sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
    return [(str(p), yamlio.read_text(p)) for p in paths]


def rule_files(rules_dir: Path | None = None) -> list[tuple[str, str]]:
    """(name, text) of the packaged rule files, then of ``rules_dir``'s, in merge order."""
    files = packaged_files()
    if rules_dir is not None:
        files += user_files(rules_dir.resolve())
    return files


def load_kb(rules_dir: Path | None = None) -> KnowledgeBase:
    """The packaged knowledge base with ``rules_dir`` merged over it, read afresh on every call
    (an edited rule file is seen at once): build one ``Advisor`` and keep it, not the files."""
    return build(rule_files(rules_dir))


def build(files: list[tuple[str, str]], checks: Sequence[Check] = ()) -> KnowledgeBase:
    """Every file merged and checked: the knowledge layer's own cross-file checks
    (``CHECKS``), then ``checks`` from the layers above (the questionnaire's, say)."""
    kb = KnowledgeBase()
    digest = hashlib.sha256()
    problems: list[Problem] = []
    layers: dict[tuple[str, str], str] = {}
    documents: list[Document] = []
    for name, text in files:
        digest.update(name.rsplit("/", 1)[-1].encode() + b"\0" + text.encode() + b"\0")
        kb.files.append(name)
        documents.extend(doc for doc in yamlio.parse(text, name) if doc.data is not None)
    catalogue = declared(documents)
    missing = check_catalog(catalogue)
    if missing:  # every file would be refused for naming them: say only what is missing
        raise RuleError(msg("rules.invalid"), missing)
    context = catalogue.context()
    for doc in documents:
        try:
            _merge_document(kb, doc, layers, context)
        except RuleError as exc:
            problems.extend(exc.problems or [Problem(doc.source, exc.message)])
    kb.digest = digest.hexdigest()
    if problems:
        raise RuleError(msg("rules.invalid"), problems)
    for check in (*CHECKS, *checks):
        problems.extend(check(kb))
    if problems:
        raise RuleError(msg("rules.invalid"), problems)
    return kb


def _layer(source: str) -> str:
    """Where an id must be unique: the packaged rules (files named ``rules/...``) as a whole,
    and the ``--rules`` folder as a whole. A ``--rules`` file giving a packaged id again is the
    intended override; two files of the folder giving the same id would let the alphabetical
    order of their names decide which one wins, so that is an error naming both."""
    return "packaged" if source.startswith("rules/") else "user"


def declared(documents: Sequence[Document]) -> Catalogue:
    """The channels, models and skills the files declare, read before any file is validated:
    every file names them (a model its channels, a rule its model), so each is checked
    against all the ids of the knowledge base, a consultancy's new ones included. An id given
    again keeps its first place; ``disable`` removes one."""
    found: dict[str, dict[str, None]] = {kind: {} for kind in CATALOGUE_KINDS}
    for doc in documents:
        data = doc.data
        if not isinstance(data, dict):
            continue
        for kind, file_kind in CATALOGUE_KINDS.items():
            items = data.get(kind) if data.get("kind") == file_kind else None
            for item in items if isinstance(items, list) else []:
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    found[kind][item["id"]] = None
        disabled = data.get("disable")
        for item_id in disabled if isinstance(disabled, list) else []:
            for ids in found.values():
                ids.pop(str(item_id), None)
    return Catalogue(
        channels=tuple(found["channels"]),
        models=tuple(found["models"]),
        skills=tuple(found["skills"]),
        service_levels=tuple(found["service_levels"]),
    )


CATALOGUE_KINDS: typing.Final[typing.Mapping[str, str]] = types.MappingProxyType(
    {"models": "models", "channels": "channels", "skills": "skills", "service_levels": "plan"}
)
"""Each kind of id and the kind of file whose items of that name declare it."""


def _merge_document(
    kb: KnowledgeBase,
    doc: Document,
    layers: dict[tuple[str, str], str] | None = None,
    context: dict[str, Any] | None = None,
) -> None:
    """Merge one file into ``kb``. An id a ``--rules`` file gives again replaces the packaged
    item (that is how a consultancy changes a rule); the same id twice in the packaged rules,
    or twice in the ``--rules`` folder, is a mistake that would silently keep the last, so it
    is an error naming both places (``layers``: where each id seen so far came from)."""
    layers = {} if layers is None else layers
    data = doc.data
    if not isinstance(data, dict) or "kind" not in data:
        raise RuleError("", [yamlio.problem_at(doc, (), msg("rules.file.not_mapping"))])
    kind = data["kind"]
    cls = KINDS.get(str(kind))
    if cls is None:
        message = msg("rules.file.unknown_kind", kind=kind, known=", ".join(KINDS))
        raise RuleError("", [yamlio.problem_at(doc, ("kind",), message)])
    parsed = validate(cls, doc, RuleError, "", context)
    for name in parsed.model_fields_set:
        if name in ("kind", "examples", "disable"):
            continue
        value = getattr(parsed, name)
        if isinstance(value, list) and all(isinstance(v, Item) for v in value):
            bucket = kb.collections.setdefault(name, {})
            duplicates: list[Problem] = []
            for index, item in enumerate(value):
                origin = Origin(doc, (name, index))
                earlier = kb.origins.get((name, item.id))
                if earlier is not None and layers.get((name, item.id)) == _layer(doc.source):
                    first = f"{earlier.source}:{earlier.line}"
                    message = msg("rules.duplicate_id", id=item.id, first=first)
                    duplicates.append(origin.problem(message, ("id",)))
                    continue
                bucket[item.id] = item
                kb.origins[(name, item.id)] = origin
                layers[(name, item.id)] = _layer(doc.source)
            if duplicates:
                raise RuleError("", duplicates)
        elif isinstance(value, BaseModel):
            previous = kb.singletons.get(name)
            merged = previous.model_dump(exclude_unset=True) if previous else {}
            merged.update(value.model_dump(exclude_unset=True))
            kb.singletons[name] = type(value).model_validate(merged, context=context)
    for item_id in getattr(parsed, "disable", []):
        for name, bucket in kb.collections.items():
            if bucket.pop(item_id, None) is not None:
                kb.origins.pop((name, item_id), None)
    for index, example in enumerate(getattr(parsed, "examples", [])):
        kb.examples.append((example, Origin(doc, ("examples", index))))


def check_catalog(catalogue: Catalogue) -> list[Problem]:
    """The catalogue must hold the ids the program gives a part to (``catalogue.ROLES``: the
    hybrid model, the self-service channel...); any others are the knowledge base's choice."""
    problems: list[Problem] = []
    for name, expected in ROLES.items():
        have = catalogue.ids(name)
        missing = [i for i in expected if i not in have]
        if missing:
            message = msg("rules.file.missing_entries", entries=", ".join(missing))
            problems.append(Problem("rules", message, path=name))
    return problems


def check_settings(kb: KnowledgeBase) -> list[Problem]:
    """Every engine setting is given by some file (the packaged ``settings.yaml``), and the
    tie order ranks every model (a model a consultancy adds must be placed in it)."""
    problems = incomplete(kb, "settings", Settings)
    if problems:
        return problems
    ranked = set(kb.settings.tie_order)
    unranked = [m for m in kb.models if m not in ranked]
    if unranked:
        message = msg("rules.file.missing_entries", entries=", ".join(unranked))
        problems.append(Problem("rules", message, path="settings.tie_order"))
    return problems


CHECKS: tuple[Check, ...] = (check_settings, plan_checks.check_plan)
"""The knowledge layer's cross-file checks, run by ``build`` after merging."""
