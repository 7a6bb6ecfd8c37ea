"""Profile answers named for people, in the report and on the terminal alike: the interview's
question and choice labels, the report's own labels for the answers the interview does not
ask, channel and model names, shares of a whole as percentages, numbers in the language's
style. A reader should never meet ``customers.preference = personal``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from modelo_servicio.domain.fields import share_fields
from modelo_servicio.domain.i18n import Lang, Text, has, t
from modelo_servicio.domain.numbers import num, pct
from modelo_servicio.domain.segments import PREFIX as SEGMENT_PREFIX
from modelo_servicio.knowledge.loader import KnowledgeBase
from modelo_servicio.render.md_escape import one_line


@dataclass(frozen=True)
class Question:
    """How the interview asks for one profile field: its short label and choice labels."""

    label: Text
    choices: dict[Any, Text] = field(default_factory=dict)
    choices_from: str | None = None


def questions(kb: KnowledgeBase) -> dict[str, Question]:
    """Profile field path -> question, from the interview's questionnaire when it is there."""
    from modelo_servicio.knowledge.questions_schema import QUESTIONS, QuestionSpec

    out: dict[str, Question] = {}
    for spec in kb.collection(QUESTIONS, QuestionSpec).values():
        if spec.field.startswith("staff."):
            continue
        choices = {choice.value: choice.label for choice in spec.choices}
        out[spec.field] = Question(spec.short(), choices, spec.choices_from)
    return out


def _segment_answer(path: str) -> tuple[str, str] | None:
    """``(segment, answer)`` for ``customers.segments.<segment>.<answer>``, else None."""
    if not path.startswith(SEGMENT_PREFIX):
        return None
    who, _, leaf = path[len(SEGMENT_PREFIX) :].partition(".")
    return (who, leaf) if leaf else None


class Answers:
    """Names and values of profile answers in one language. ``model_name`` lets a report use
    the result's own model names; by default they come from the knowledge base."""

    def __init__(
        self,
        kb: KnowledgeBase,
        lang: Lang,
        asked: dict[str, Question] | None = None,
        model_name: Callable[[str], str] | None = None,
    ) -> None:
        self.kb = kb
        self.lang = lang
        self.asked = questions(kb) if asked is None else asked
        self._model_name = model_name

    def question(self, path: str) -> str:
        """The interview's label for a profile field; for the answers it does not ask, the
        report's own label (``report.field.<path>``, or ``report.field.<parent>.*`` for one
        answer per channel); an ``extra`` note by its key in words; else the field path itself."""
        known = self.asked.get(path)
        if known is not None:
            return known.label(self.lang)
        segment = _segment_answer(path)
        if segment is not None:  # a segment's own answer: the company's question, for whom
            who, leaf = segment
            label = self.question(f"customers.{leaf}")
            if has(f"report.field.segment.{leaf}"):
                label = t(f"report.field.segment.{leaf}", self.lang)
            return f"{label} ({t(f'report.segment.{who}', self.lang)})"
        if has(f"report.field.{path}"):
            return t(f"report.field.{path}", self.lang)
        parent, _, leaf = path.rpartition(".")
        if has(f"report.field.{parent}.*"):
            return t(f"report.field.{parent}.*", self.lang, channel=self.channel(leaf))
        if parent == "extra":  # the company's own notes: their key, in words
            words = leaf.replace("_", " ").replace("-", " ").strip()
            return words[:1].upper() + words[1:] if words else path
        return path

    def answer(self, path: str, value: Any) -> str:
        """A value as the interview shows it (choice labels, channel and model names)."""
        known = self.asked.get(path)
        segment = _segment_answer(path)
        if known is None and segment is not None and segment[1] != "share":
            if segment[1] == "channels" and isinstance(value, list):
                return ", ".join(self.channel(str(v)) for v in value) or "—"
            return self.answer(f"customers.{segment[1]}", value)
        if (
            isinstance(value, float)
            and path in share_fields()
            and (known is None or value not in known.choices)
        ):
            return self.percent(value)
        if known is None or isinstance(value, bool):
            return self.plain(value)
        if isinstance(value, list):
            return ", ".join(self.answer(path, v) for v in value) or "—"
        if known.choices_from == "channels" and isinstance(value, str):
            return self.channel(value)
        if known.choices_from == "models" and isinstance(value, str) and value in self.kb.models:
            return self.model(value)
        label = known.choices.get(value)
        return label(self.lang) if label else self.plain(value)

    def channel(self, channel: str) -> str:
        spec = self.kb.channels.get(channel)
        return spec.name(self.lang) if spec else channel

    def model(self, model: str) -> str:
        if self._model_name is not None:
            return self._model_name(model)
        spec = self.kb.models.get(model)
        return spec.name(self.lang) if spec else model

    def percent(self, share: float) -> str:
        return pct(share, self.lang)

    def plain(self, value: Any) -> str:
        if isinstance(value, bool):
            return t("report.yes" if value else "report.no", self.lang)
        if isinstance(value, int | float):
            return number(value, self.lang, 2)
        if isinstance(value, list | tuple):
            return ", ".join(self.plain(v) for v in value) or "—"
        if isinstance(value, dict):
            return "; ".join(f"{k} = {self.plain(v)}" for k, v in value.items()) or "—"
        return "—" if value is None else one_line(value)


def number(value: float, lang: Lang, digits: int = 1) -> str:
    """The plan's number style (``planning.fmt.num``), so every output agrees."""
    return num(float(value), lang, digits)
