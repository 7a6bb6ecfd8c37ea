"""What every report section needs: the result, the profile when known, the knowledge base
for display names, the language, and number formatting in that language."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from modelo_servicio.i18n import Lang, Text, has, t
from modelo_servicio.kb.loader import KnowledgeBase
from modelo_servicio.profile import Profile
from modelo_servicio.render.md_escape import one_line, text
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


@dataclass(frozen=True)
class Ctx:
    result: Result
    profile: Profile | None
    kb: KnowledgeBase
    lang: Lang
    date: str
    asked: dict[str, Question] = field(default_factory=dict)

    def question(self, path: str) -> str:
        """The interview's label for a profile field, or the field path itself."""
        known = self.asked.get(path)
        return known.label(self.lang) if known else path

    def answer(self, path: str, value: Any) -> str:
        """A value as the interview shows it (choice labels, channel and model names)."""
        known = self.asked.get(path)
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

    def label(self, prefix: str, value: str) -> str:
        """Translated label of an enum-like value, or the value itself when none exists."""
        key = f"{prefix}.{value}"
        return t(key, self.lang) if has(key) else value

    def model_name(self, model: str) -> str:
        """The result's own name for a model (it honours ``--rules``), else the catalogue's."""
        ranked = next((r for r in self.result.ranking if r.model == model), None)
        if ranked is not None:
            return ranked.name
        spec = self.kb.models.get(model)
        return spec.name(self.lang) if spec else model

    def channel_name(self, channel: str) -> str:
        spec = self.kb.channels.get(channel)
        return spec.name(self.lang) if spec else channel

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


def number(value: float, lang: Lang, digits: int = 1) -> str:
    """The plan's number style (``planning.fmt.num``), so every output agrees."""
    from modelo_servicio.planning.fmt import num

    return num(float(value), lang, digits)
