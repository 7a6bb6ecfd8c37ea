"""What every report section needs: the result, the profile when known, the knowledge base
for display names, the language, and number formatting in that language."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

from modelo_servicio.i18n import Lang, Text, has, t
from modelo_servicio.kb.loader import KnowledgeBase
from modelo_servicio.planning.fmt import num
from modelo_servicio.profile import Profile
from modelo_servicio.render.md_escape import cell, code, one_line, table_row, text
from modelo_servicio.result import Result


@dataclass(frozen=True)
class Question:
    """How the interview asks for one profile field: its short label and choice labels."""

    label: Text
    choices: dict[Any, Text] = field(default_factory=dict)
    choices_from: str | None = None


def questions(kb: KnowledgeBase) -> dict[str, Question]:
    """Profile field path -> question, from the interview's questionnaire when it is there."""
    try:
        from modelo_servicio.interview.kb import QUESTIONS, QuestionSpec
    except ImportError:  # pragma: no cover - the questionnaire ships with the package
        return {}
    out: dict[str, Question] = {}
    for spec in kb.collection(QUESTIONS, QuestionSpec).values():
        if spec.field.startswith("staff."):
            continue
        choices = {choice.value: choice.label for choice in spec.choices}
        out[spec.field] = Question(spec.short(), choices, spec.choices_from)
    return out


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
            found = table_row([self.question_cell(path), self.answer_cell(path, value), code(path)])
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

    def question(self, path: str) -> str:
        """The interview's label for a profile field; for the answers it does not ask, the
        report's own label (``report.field.<path>``, or ``report.field.<parent>.*`` for one
        answer per channel); else the field path itself."""
        known = self.asked.get(path)
        if known is not None:
            return known.label(self.lang)
        if has(f"report.field.{path}"):
            return self.t(f"report.field.{path}")
        parent, _, leaf = path.rpartition(".")
        if has(f"report.field.{parent}.*"):
            return self.t(f"report.field.{parent}.*", channel=self.channel_name(leaf))
        return path

    def answer(self, path: str, value: Any) -> str:
        """A value as the interview shows it (choice labels, channel and model names)."""
        known = self.asked.get(path)
        if (
            isinstance(value, float)
            and path in _shares()
            and (known is None or value not in known.choices)
        ):
            return self.percent(value)
        if known is None or isinstance(value, bool):
            return self.plain(value)
        if isinstance(value, list):
            return ", ".join(self.answer(path, v) for v in value) or "—"
        if known.choices_from == "channels" and isinstance(value, str):
            return self.channel_name(value)
        if known.choices_from == "models" and isinstance(value, str) and value in self.kb.models:
            return self.model_name(value)
        label = known.choices.get(value)
        return label(self.lang) if label else self.plain(value)

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
            spec = self.kb.channels.get(channel)
            found = self.remember(key, spec.name(self.lang) if spec else channel)
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
        number = self.num(share * 100, 1)
        return f"{number} %" if self.lang == "es" else f"{number}%"

    def value(self, value: Any) -> str:
        """Any answer or fact value as escaped display text."""
        return text(self.plain(value))

    def plain(self, value: Any) -> str:
        if isinstance(value, bool):
            return self.t("report.yes" if value else "report.no")
        if isinstance(value, int | float):
            return self.num(value, 2)
        if isinstance(value, list | tuple):
            return ", ".join(self.plain(v) for v in value) or "—"
        if isinstance(value, dict):
            return "; ".join(f"{k} = {self.plain(v)}" for k, v in value.items()) or "—"
        return "—" if value is None else one_line(value)


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


@lru_cache(maxsize=1)
def _shares() -> frozenset[str]:
    """Profile answers that are a share of a whole (a number from 0 to 1), shown as a
    percentage: the profile's own ranges say which."""
    from modelo_servicio.fields import profile_fields

    return frozenset(
        path
        for path, kind in profile_fields().items()
        if kind.kind == "float" and kind.lo == 0 and kind.hi == 1
    )


def number(value: float, lang: Lang, digits: int = 1) -> str:
    """The plan's number style (``planning.fmt.num``), so every output agrees."""
    return num(float(value), lang, digits)
