"""Load, validate and merge knowledge-base files.

Every YAML file declares ``kind:``; its schema comes from ``KINDS``. Collections (lists of
items with an ``id``) merge by id, so a consultancy's ``--rules DIR`` can add an item or
replace a packaged one; ``disable: [id, ...]`` removes items; singleton sections (settings)
merge key by key. Errors name the file and line.
"""

from __future__ import annotations

import hashlib
import importlib
import typing
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from modelo_servicio.domain import yamlio
from modelo_servicio.domain.errors import InputError, Problem, RuleError
from modelo_servicio.domain.i18n import active, t
from modelo_servicio.domain.profile import CHANNELS, MODEL_IDS, SKILLS
from modelo_servicio.domain.validation import validate
from modelo_servicio.domain.yamlio import Document, Loc
from modelo_servicio.knowledge.schema import (
    ChannelSpec,
    ExampleSpec,
    Item,
    ModelSpec,
    RuleSpec,
    Settings,
    SkillSpec,
)

KINDS: dict[str, str] = {
    "models": "modelo_servicio.knowledge.schema:ModelsFile",
    "channels": "modelo_servicio.knowledge.schema:ChannelsFile",
    "skills": "modelo_servicio.knowledge.schema:SkillsFile",
    "rules": "modelo_servicio.knowledge.schema:RulesFile",
    "settings": "modelo_servicio.knowledge.schema:SettingsFile",
    "staffing": "modelo_servicio.planning.kb:StaffingFile",
    "roles": "modelo_servicio.planning.kb:RolesFile",
    "training": "modelo_servicio.planning.kb:TrainingFile",
    "plan": "modelo_servicio.planning.kb:PlanFile",
    "questions": "modelo_servicio.interview.kb:QuestionsFile",
}
"""Kinds of knowledge-base file and the pydantic class that describes each."""

CHECKS: list[str] = [
    "modelo_servicio.knowledge.loader:check_catalog",
    "modelo_servicio.planning.kb:check",
    "modelo_servicio.interview.kb:check",
]
"""Cross-file checks run after merging; each returns a list of problems."""

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

    def problem(self, message: str, sub: Loc = ()) -> Problem:
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
    def rules(self) -> dict[str, RuleSpec]:
        return self.collection("rules", RuleSpec)

    @property
    def settings(self) -> Settings:
        return self.singleton("settings", Settings)

    @property
    def version(self) -> str:
        return f"sha256:{self.digest[:16]}"


def _kind_class(kind: str) -> type[BaseModel] | None:
    target = KINDS.get(kind)
    if target is None:
        return None
    module_name, _, attr = target.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError:
        return None
    cls: type[BaseModel] = getattr(module, attr)
    return cls


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
        raise InputError(t("rules.folder_missing", active(), folder=folder))
    if not folder.is_dir():
        raise InputError(t("rules.folder_expected", active(), folder=folder))
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


def build(files: list[tuple[str, str]]) -> KnowledgeBase:
    """Every file merged and checked; problems are reported in the active language."""
    kb = KnowledgeBase()
    digest = hashlib.sha256()
    problems: list[Problem] = []
    for name, text in files:
        digest.update(name.rsplit("/", 1)[-1].encode() + b"\0" + text.encode() + b"\0")
        kb.files.append(name)
        for doc in yamlio.parse(text, name):
            if doc.data is None:
                continue
            try:
                _merge_document(kb, doc)
            except RuleError as exc:
                problems.extend(exc.problems or [Problem(name, exc.message)])
    kb.digest = digest.hexdigest()
    if problems:
        raise RuleError(t("rules.invalid", active()), problems)
    for target in CHECKS:
        module_name, _, attr = target.partition(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError:
            continue
        problems.extend(getattr(module, attr)(kb))
    if problems:
        raise RuleError(t("rules.invalid", active()), problems)
    return kb


def _merge_document(kb: KnowledgeBase, doc: Document) -> None:
    lang = active()
    data = doc.data
    if not isinstance(data, dict) or "kind" not in data:
        raise RuleError("", [yamlio.problem_at(doc, (), t("rules.file.not_mapping", lang))])
    kind = data["kind"]
    cls = _kind_class(str(kind))
    if cls is None:
        known = ", ".join(k for k in KINDS if _kind_class(k) is not None)
        message = t("rules.file.unknown_kind", lang, kind=kind, known=known)
        raise RuleError("", [yamlio.problem_at(doc, ("kind",), message)])
    parsed = validate(cls, doc, lang, RuleError, "")
    for name in parsed.model_fields_set:
        if name in ("kind", "examples", "disable"):
            continue
        value = getattr(parsed, name)
        if isinstance(value, list) and all(isinstance(v, Item) for v in value):
            bucket = kb.collections.setdefault(name, {})
            for index, item in enumerate(value):
                bucket[item.id] = item
                kb.origins[(name, item.id)] = Origin(doc, (name, index))
        elif isinstance(value, BaseModel):
            previous = kb.singletons.get(name)
            merged = previous.model_dump(exclude_unset=True) if previous else {}
            merged.update(value.model_dump(exclude_unset=True))
            kb.singletons[name] = type(value).model_validate(merged)
    for item_id in getattr(parsed, "disable", []):
        for name, bucket in kb.collections.items():
            if bucket.pop(item_id, None) is not None:
                kb.origins.pop((name, item_id), None)
    for index, example in enumerate(getattr(parsed, "examples", [])):
        kb.examples.append((example, Origin(doc, ("examples", index))))


def check_catalog(kb: KnowledgeBase) -> list[Problem]:
    """The catalog must describe all eight models, eight channels and seven skills."""
    problems: list[Problem] = []
    for name, expected in (("models", MODEL_IDS), ("channels", CHANNELS), ("skills", SKILLS)):
        missing = [i for i in expected if i not in kb.collections.get(name, {})]
        if missing:
            message = t("rules.file.missing_entries", active(), entries=", ".join(missing))
            problems.append(Problem("rules", message, path=name))
    return problems
