"""What every report section needs: the result, the profile when known, the knowledge base
for display names, the language, and number formatting in that language."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

from modelo_servicio.domain.i18n import Lang, has, t
from modelo_servicio.domain.profile import Profile
from modelo_servicio.domain.result import Result
from modelo_servicio.knowledge.loader import KnowledgeBase
from modelo_servicio.render.answers import Answers, Question, number
from modelo_servicio.render.md_escape import cell, code, table_row, text

MEMO_SIZE = 4096
"""Most entries a renderer remembers per language before starting over (memory stays flat
however long the batch)."""


@dataclass(frozen=True)
class Ctx:
    result: Result
    profile: Profile | None
    kb: KnowledgeBase
    lang: Lang
    date: str
    asked: dict[str, Question] = field(default_factory=dict)
    memo: dict[Hashable, str] = field(default_factory=dict)
    """Finished pieces (cells, table rows, lines, whole blocks), each under a key holding
    everything it was made from besides the knowledge base and the language: shared by every
    report of one renderer in one language, since a batch repeats most of them."""
    audience: str = "client"
    """``client`` (names and reasons in words) or ``consultant`` (adds the audit trail)."""

    @property
    def consultant(self) -> bool:
        return self.audience == "consultant"

    def money(self, amount: float) -> str:
        """An amount with the profile's currency sign (``constraints.currency``, else EUR)."""
        from modelo_servicio.domain.numbers import amount as written

        return written(amount, self.lang, self.currency)

    @property
    def currency(self) -> str:
        constraints = getattr(self.profile, "constraints", None)
        return str(getattr(constraints, "currency", None) or "EUR")

    def channel_phrase(self, channel: str) -> str:
        """A channel as it reads inside a sentence ("la atención en persona", "the phone"),
        else its name."""
        key = f"report.channel_in.{channel}"
        return t(key, self.lang) if has(key) else self.channel_name(channel)

    def question_cell(self, path: str) -> str:
        """``cell(question(path))``, remembered: the appendix asks for forty per report."""
        key = ("q", path)
        found = self.memo.get(key)
        return self.remember(key, cell(self.question(path))) if found is None else found

    def answer_cell(self, path: str, value: Any) -> str:
        """``cell(answer(path, value))``, remembered when it cannot depend on the result."""
        key = _answer_key("a", path, value)
        found = None if key is None else self.memo.get(key)
        if found is None:
            found = cell(self.answer(path, value))
            if key is not None and self.result_free(path):
                self.remember(key, found)
        return found

    def answer_row(self, path: str, value: Any) -> str:
        """The appendix's table row for one answer: question, answer and field path."""
        kind = type(value)
        if kind is str or kind is int or kind is bool:  # ``_answer_key``, inlined: 40 a report
            key: Hashable | None = ("r", path, kind, value)
        else:
            key = _answer_key("r", path, value)
        found = None if key is None else self.memo.get(key)
        if found is None:
            cells = [self.question_cell(path), self.answer_cell(path, value)]
            found = table_row([*cells, code(path)] if self.consultant else cells)
            if key is not None and self.result_free(path):
                self.remember(key, found)
        return found

    def result_free(self, path: str) -> bool:
        """Whether answers to ``path`` read only the knowledge base, not the result (model
        names come from the result's ranking): only those are remembered."""
        known = self.asked.get(path)
        return known is None or known.choices_from != "models"

    def remember(self, key: Hashable, value: str) -> str:
        """Keep ``value`` under ``key`` in ``memo`` (emptied when full) and return it."""
        if len(self.memo) >= MEMO_SIZE:
            self.memo.clear()
        self.memo[key] = value
        return value

    def remembered(self, key: Hashable | None, make: Callable[[], str]) -> str:
        """``make()``, kept under ``key`` (``None``: not kept). The key must hold everything
        ``make`` reads apart from the knowledge base and the language."""
        if key is None:
            return make()
        found = self.memo.get(key)
        return self.remember(key, make()) if found is None else found

    @cached_property
    def names(self) -> Answers:
        """How answers read (shared with the terminal table); model names from the result."""
        return Answers(self.kb, self.lang, self.asked, self.model_name)

    def question(self, path: str) -> str:
        return self.names.question(path)

    def answer(self, path: str, value: Any) -> str:
        return self.names.answer(path, value)

    def t(self, key: str, **params: Any) -> str:
        """A message of ``locale/report.yaml``; params must already be escaped."""
        return t(key, self.lang, **params) if params else _fixed(key, self.lang)

    def headers(self, *keys: str) -> tuple[str, ...]:
        """Table headers: each key's message (an unknown key, such as ``FTE``, as is), looked
        up once per language rather than once per table."""
        return _headers(keys, self.lang)

    def label(self, prefix: str, value: str) -> str:
        """Translated label of an enum-like value, or the value itself when none exists."""
        key = f"{prefix}.{value}"
        return t(key, self.lang) if has(key) else value

    def model_name(self, model: str) -> str:
        """The result's own name for a model (it honours ``--rules``), else the catalogue's."""
        name = self._ranked_names.get(model)
        if name is not None:
            return name
        spec = self.kb.models.get(model)
        return spec.name(self.lang) if spec else model

    @cached_property
    def _ranked_names(self) -> dict[str, str]:
        """Model id -> the result's name for it (the first, should a model be ranked twice)."""
        return {ranked.model: ranked.name for ranked in reversed(self.result.ranking)}

    def channel_name(self, channel: str) -> str:
        key = ("channel_name", channel)
        found = self.memo.get(key)
        if found is None:
            found = self.remember(key, self.names.channel(channel))
        return found

    def skill_header(self, skill: str) -> str:
        """``text(skill_name(skill))``, remembered for the team table's columns."""
        key = ("skill", skill)
        found = self.memo.get(key)
        return self.remember(key, text(self.skill_name(skill))) if found is None else found

    def skill_name(self, skill: str) -> str:
        if skill.startswith("language:"):
            return self.t("report.language_skill", code=skill.partition(":")[2])
        spec = self.kb.skills.get(skill)
        return spec.name(self.lang) if spec else skill

    def num(self, value: float, digits: int = 1) -> str:
        return number(value, self.lang, digits)

    def percent(self, share: float) -> str:
        return self.names.percent(share)

    def value(self, value: Any) -> str:
        """Any answer or fact value as escaped display text."""
        return text(self.plain(value))

    def plain(self, value: Any) -> str:
        return self.names.plain(value)


@lru_cache(maxsize=1024)
def _fixed(key: str, lang: Lang) -> str:
    """Messages without placeholders, looked up once per process."""
    return t(key, lang)


@lru_cache(maxsize=256)
def _headers(keys: tuple[str, ...], lang: Lang) -> tuple[str, ...]:
    return tuple(t(key, lang) for key in keys)


def _answer_key(tag: str, path: str, value: Any) -> Hashable | None:
    kind = type(value)
    if kind is str or kind is int or kind is bool:  # the usual answers, without ``frozen``
        return (tag, path, kind, value)
    frozen_value = frozen(value)
    return None if frozen_value is None else (tag, path, frozen_value)


def scalar_key(value: float) -> float | str:
    """A number as part of a cache key: ``0.0`` and ``-0.0`` are equal keys yet print as ``0``
    and ``-0``, so a float zero stands for itself by its repr."""
    return repr(value) if value == 0 and type(value) is float else value


_PLAIN = frozenset({str, int, bool, type(None)})


def frozen(value: Any) -> Hashable | None:
    """``value`` as an exact cache key, or ``None`` when it cannot be one. Types are kept
    (``1``, ``1.0`` and ``True`` are equal keys yet print differently) and so is the sign of
    a float zero."""
    kind = type(value)
    if kind in _PLAIN:
        return (kind, value)
    if kind is float:
        return (kind, scalar_key(value))
    if kind is list or kind is tuple:
        items = tuple([frozen(item) for item in value])
        return None if None in items else (kind, items)
    if kind is dict:
        items = tuple([part for pair in value.items() for part in map(frozen, pair)])
        return None if None in items else (kind, items)
    return None
