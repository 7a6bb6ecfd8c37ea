"""The questionnaire ready to ask: sections and questions in order, ``when`` compiled, choice
labels and defaults resolved in one language, and answers shown as a consultant reads them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from modelo_servicio.domain.fields import money_fields, share_fields
from modelo_servicio.domain.i18n import Lang, fill, t
from modelo_servicio.domain.numbers import amount, currency_sign, money, pct
from modelo_servicio.engine.conditions import Node, compile_condition
from modelo_servicio.engine.facts import FactBook
from modelo_servicio.interview.kb import (
    choice_values,
    condition_types,
    layout,
)
from modelo_servicio.interview.values import (
    MISSING,
    STAFF,
    Unread,
    model_default,
    number_kind,
    number_text,
    read_number,
)
from modelo_servicio.knowledge.loader import KnowledgeBase
from modelo_servicio.knowledge.questions_schema import QuestionSpec, SectionSpec

if TYPE_CHECKING:
    from modelo_servicio.interview.proposals import Proposal


@dataclass(frozen=True)
class Choice:
    value: Any
    label: str


@dataclass(frozen=True)
class Question:
    spec: QuestionSpec
    section_id: str
    when: Node | None
    choices: tuple[Choice, ...]
    default: Any
    lang: Lang = "es"
    """The language numbers are typed in (``22.000`` in Spanish, ``22,000`` in English)."""

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def field(self) -> str:
        return self.spec.field

    @property
    def type(self) -> str:
        return self.spec.type

    @property
    def required(self) -> bool:
        return self.default is MISSING

    def text(self, lang: Lang, **params: Any) -> str:
        return fill(self.spec.text(lang), params)

    def label(self, lang: Lang, **params: Any) -> str:
        return fill(self.spec.short()(lang), params)

    def help(self, lang: Lang, **params: Any) -> str:
        return fill(self.spec.help(lang), params) if self.spec.help else ""

    def parse(self, raw: str, default: Any = MISSING) -> Any:
        """Typed text as a value: ``""`` keeps ``default`` (the current answer or the
        question's default), ``-`` clears an optional answer."""
        text = raw.strip()
        if not text:
            return "" if default is MISSING else default
        if text == "-" and self.type in ("integer", "number", "text"):
            return None if self.type != "text" else ""
        if self.type in ("integer", "number"):
            kind = number_kind(self.spec.field, self.type == "integer")
            return read_number(text, self.lang, kind)
        return text

    def show(self, value: Any, lang: Lang, currency: str = "EUR") -> str:
        """A value as the consultant chose it: choice labels, yes/no, localised numbers with
        their unit (``22.000 € al mes``)."""
        if isinstance(value, Unread):
            return value.text
        numeric = isinstance(value, int | float) and not isinstance(value, bool)
        if numeric and self.spec.field in money_fields():
            # the amount carries its sign where the language puts it (22.000 €, €22,000)
            unit = fill(self.spec.unit(lang), {"currency": ""}) if self.spec.unit else ""
            shown = amount(value, lang, currency, exact=True)
            return f"{shown} {' '.join(unit.split())}".strip()
        if self.spec.unit is not None and numeric:
            text = self.spec.unit_one if value == 1 and self.spec.unit_one else self.spec.unit
            unit = fill(text(lang), {"currency": currency_sign(currency)})
            return f"{self._plain(value, lang)} {unit}"
        return self._plain(value, lang)

    def _plain(self, value: Any, lang: Lang) -> str:
        if value is MISSING:
            return "—"
        if value is None:
            return self.blank(lang)
        if isinstance(value, list):
            return ", ".join(self._plain(v, lang) for v in value) or t("interview.none", lang)
        for choice in self.choices:
            if choice.value == value and type(choice.value) is type(value):
                return choice.label
        if isinstance(value, float) and self.spec.field in share_fields():
            return pct(value, lang)
        return show_value(value, lang)

    def edit_text(self, value: Any, lang: Lang) -> str:
        """What a text prompt shows as the answer Enter keeps."""
        if value is MISSING or value == "":
            return ""
        if value is None:
            return self.blank(lang)
        if isinstance(value, Unread):
            return value.text
        if self.spec.field in money_fields() and isinstance(value, int | float):
            return money(value, lang, exact=True)
        return show_value(value, lang)

    def blank(self, lang: Lang) -> str:
        return self.spec.blank(lang) if self.spec.blank else t("interview.blank", lang)


def show_value(value: Any, lang: Lang) -> str:
    if value is None:
        return t("interview.blank", lang)
    if isinstance(value, bool):
        return t("interview.yes" if value else "interview.no", lang)
    if isinstance(value, int | float):
        return number_text(value, lang)
    if value == "":
        return "—"
    return str(value)


@dataclass(frozen=True)
class Section:
    spec: SectionSpec
    questions: tuple[Question, ...]

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def repeats(self) -> bool:
        return self.spec.repeat is not None


class Questionnaire:
    """Everything the flow needs from the knowledge base, in one language."""

    def __init__(self, kb: KnowledgeBase, lang: Lang) -> None:
        self.lang = lang
        self.kb = kb
        self.facts = FactBook.of(kb)
        types = condition_types(kb)
        sections: list[Section] = []
        for spec, specs in layout(kb):
            questions = tuple(
                Question(
                    spec=q,
                    section_id=spec.id,
                    when=compile_condition(q.when, types) if q.when is not None else None,
                    choices=_choices(q, kb, lang),
                    default=_default(q),
                    lang=lang,
                )
                for q in specs
            )
            sections.append(Section(spec, questions))
        self.sections = tuple(sections)
        self._top = {q.field: q for s in self.sections if not s.repeats for q in s.questions}
        self._person = {q.field: q for s in self.sections if s.repeats for q in s.questions}

    def proposes(self, question: Question) -> bool:
        """Whether the question's proposal follows earlier answers (``proposal``)."""
        from modelo_servicio.interview.proposals import VOLUME

        return question.field.startswith(VOLUME)

    def proposal(self, question: Question, data: dict[str, Any]) -> Proposal | None:
        """The proposal for ``question`` from the answers in ``data`` (monthly contacts from
        the customers, sites and sector), or None where the static default stands."""
        from modelo_servicio.interview.proposals import propose

        return propose(self.kb, question.field, data, self.lang)

    def impact(self, question: Question, data: dict[str, Any], shown: str) -> str:
        """What the answer ``shown`` does to the staff number, when large ("" otherwise)."""
        from modelo_servicio.interview.proposals import impact

        return impact(self.kb, question.field, data, shown, self.lang)

    @property
    def roster(self) -> Section | None:
        return next((s for s in self.sections if s.repeats), None)

    def top_question(self, path: str) -> Question | None:
        return self._top.get(path)

    def person_question(self, path: str) -> Question | None:
        """The roster question filling ``staff.<path>`` of a person, if any."""
        return self._person.get(f"{STAFF}.{path}")


def _choices(spec: QuestionSpec, kb: KnowledgeBase, lang: Lang) -> tuple[Choice, ...]:
    labels = {repr(c.value): c.label(lang) for c in spec.choices}
    out: list[Choice] = []
    for value in choice_values(spec, kb):
        label = labels.get(repr(value))
        if label is None and spec.choices_from == "channels" and value in kb.channels:
            label = kb.channels[str(value)].name(lang)
        elif label is None and spec.choices_from == "models" and value in kb.models:
            label = kb.models[str(value)].name(lang)
        elif label is None and spec.type == "scale":
            label = t(f"interview.scale.{value}", lang)
        out.append(Choice(value, label or str(value)))
    if spec.type == "yesno":
        out = [Choice(True, t("interview.yes", lang)), Choice(False, t("interview.no", lang))]
    return tuple(out)


def _default(spec: QuestionSpec) -> Any:
    """The questionnaire's default, else the profile model's (MISSING = must be answered)."""
    return spec.default if spec.has_default else model_default(spec.field)
