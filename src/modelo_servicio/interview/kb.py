"""The questionnaire as knowledge-base data (``kind: questions``) and its load-time checks.

A consultancy can replace or add questions with ``--rules DIR`` like any rule; ``check`` makes
sure every question fills a real profile field with a fitting type, that its choices and default
are values the profile model accepts, and that its ``when`` compiles in the rule condition
language and reads only answers given earlier.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from modelo_servicio.domain import fields as profile_fields_module
from modelo_servicio.domain.errors import Problem
from modelo_servicio.domain.fields import FieldType, profile_fields
from modelo_servicio.domain.i18n import Lang, Text, active, invalid, t
from modelo_servicio.domain.profile import StaffMember
from modelo_servicio.engine.conditions import CompileError, compile_condition, paths
from modelo_servicio.engine.facts import FactBook
from modelo_servicio.interview.values import STAFF, error_at, person_path
from modelo_servicio.knowledge.schema import Item

if TYPE_CHECKING:
    from modelo_servicio.knowledge.loader import KnowledgeBase, Origin

QuestionType = Literal["text", "integer", "number", "choice", "multi", "yesno", "scale"]
ChoiceValue = bool | int | float | str
SCALE = (1, 2, 3, 4, 5)

SECTIONS = "interview_sections"
QUESTIONS = "questions"

_FITS: dict[str, tuple[str, ...]] = {
    "text": ("str",),
    "integer": ("int", "float"),
    "number": ("float", "int"),
    "choice": ("enum", "str", "int", "float"),
    "multi": ("list",),
    "yesno": ("bool",),
    "scale": ("int",),
}
"""Which question types can fill a field of each kind (``extra.*`` fields take any)."""


class ChoiceSpec(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid", frozen=True)

    value: ChoiceValue
    label: Text


class SectionSpec(Item):
    """A group of questions; ``repeat: staff`` asks its questions once per person."""

    title: Text
    intro: Text | None = None
    repeat: Literal["staff"] | None = None
    add_first: Text | None = None
    add_more: Text | None = None
    add_help: Text | None = None

    @model_validator(mode="after")
    def _gate_texts(self) -> SectionSpec:
        if self.repeat and not (self.add_first and self.add_more):
            raise invalid("rules.questions.repeat_texts")
        return self


class QuestionSpec(Item):
    """One question: the profile field it fills, how it is asked and when. ``label`` is the
    short name in the review; ``blank`` how an optional answer left empty reads."""

    section: str
    field: str = Field(pattern=r"^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)+$")
    type: QuestionType
    text: Text
    label: Text | None = None
    help: Text | None = None
    blank: Text | None = None
    unit: Text | None = None
    """Echoed after a numeric answer ("22.000 € al mes"); ``{currency}`` is the profile's
    currency sign."""
    unit_one: Text | None = None
    """The unit after exactly 1 (``1 local``, not ``1 locales``)."""
    choices: list[ChoiceSpec] = Field(default_factory=list)
    choices_from: Literal["channels", "models"] | None = None
    default: Any = None
    when: Any = None

    @model_validator(mode="after")
    def _choices_fit(self) -> QuestionSpec:
        listed = bool(self.choices or self.choices_from)
        if self.type in ("choice", "multi") and not listed:
            raise invalid("rules.questions.needs_choices", type=self.type)
        if self.type not in ("choice", "multi", "scale") and listed:
            raise invalid("rules.questions.no_choices", type=self.type)
        return self

    @property
    def has_default(self) -> bool:
        return "default" in self.model_fields_set

    def short(self) -> Text:
        return self.label or self.text


class QuestionsFile(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")

    kind: Literal["questions"]
    interview_sections: list[SectionSpec] = Field(default_factory=list)
    questions: list[QuestionSpec] = Field(default_factory=list)
    disable: list[str] = Field(default_factory=list)


def layout(kb: KnowledgeBase) -> list[tuple[SectionSpec, list[QuestionSpec]]]:
    """Sections in file order, each with its questions in file order (empty ones dropped)."""
    sections = kb.collection(SECTIONS, SectionSpec)
    questions = kb.collection(QUESTIONS, QuestionSpec)
    out = [(s, [q for q in questions.values() if q.section == s.id]) for s in sections.values()]
    return [(s, qs) for s, qs in out if qs]


@cache
def staff_fields() -> dict[str, FieldType]:
    """Field types of one staff member, as ``staff.<field>`` paths."""
    out: dict[str, FieldType] = {}
    profile_fields_module._walk(StaffMember, f"{STAFF}.", out)
    return out


def condition_types(kb: KnowledgeBase) -> dict[str, FieldType]:
    """What a question's ``when`` may read: profile fields and the engine's facts."""
    return {**profile_fields(), **FactBook.of(kb).types(late=False)}


def field_type(question: QuestionSpec, section: SectionSpec) -> FieldType | None:
    path = question.field
    if section.repeat:
        return staff_fields().get(path)
    if path.startswith("extra."):
        return FieldType("any")
    return profile_fields().get(path)


def choice_values(question: QuestionSpec, kb: KnowledgeBase) -> list[ChoiceValue]:
    values: list[ChoiceValue] = [c.value for c in question.choices]
    if question.choices_from == "channels":
        values += [c for c in kb.channels if c not in values]
    elif question.choices_from == "models":
        values += [m for m in kb.models if m not in values]
    if question.type == "scale" and not values:
        values = list(SCALE)
    return values


def check(kb: KnowledgeBase) -> list[Problem]:
    """Every question must be answerable, valid for the profile model and asked in order;
    problems are in the active language."""
    lang = active()
    problems: list[Problem] = []
    sections = kb.collection(SECTIONS, SectionSpec)
    questions = kb.collection(QUESTIONS, QuestionSpec)
    for question in questions.values():
        if question.section not in sections:
            known = ", ".join(sections) or t("rules.none", lang)
            message = t(
                "rules.questions.unknown_section", lang, section=question.section, known=known
            )
            problems.append(_at(kb, question.id, message))
    repeating = [s for s in sections.values() if s.repeat]
    if len(repeating) > 1:
        problems.append(Problem("rules", t("rules.questions.one_repeat", lang)))
    filled: dict[str, str] = {}
    later = {q.field: q.id for s, group in layout(kb) if not s.repeat for q in group}
    for section, group in layout(kb):
        if section.repeat and group[0].field != f"{STAFF}.name":
            message = t("rules.questions.staff_name_first", lang)
            problems.append(_at(kb, group[0].id, message))
        for question in group:
            problems.extend(_check_question(kb, question, section, filled, later, lang))
            key = question.field if not section.repeat else f"[]{question.field}"
            filled.setdefault(key, question.id)
    return problems


def _check_question(
    kb: KnowledgeBase,
    question: QuestionSpec,
    section: SectionSpec,
    filled: dict[str, str],
    later: dict[str, str],
    lang: Lang,
) -> list[Problem]:
    out: list[Problem] = []
    key = question.field if not section.repeat else f"[]{question.field}"
    if key in filled:
        message = t("rules.questions.asked_twice", lang, field=question.field, asker=filled[key])
        out.append(_at(kb, question.id, message, "field"))
    kind = field_type(question, section)
    if kind is None:
        where = (
            "rules.questions.not_staff_field"
            if section.repeat
            else ("rules.questions.not_profile_field")
        )
        out.append(_at(kb, question.id, t(where, lang, field=question.field), "field"))
        return out
    if kind.kind != "any" and kind.kind not in _FITS[question.type]:
        message = t(
            "rules.questions.type_mismatch",
            lang,
            type=question.type,
            field=question.field,
            kind=kind.kind,
        )
        out.append(_at(kb, question.id, message, "type"))
        return out
    out.extend(_check_values(kb, question, section, lang))
    if question.when is not None:
        out.extend(_check_when(kb, question, filled, later, lang))
    return out


def _check_values(
    kb: KnowledgeBase, question: QuestionSpec, section: SectionSpec, lang: Lang
) -> list[Problem]:
    out: list[Problem] = []
    values = choice_values(question, kb)
    data: dict[str, Any] = {STAFF: [{"name": "-"}]} if section.repeat else {}
    path = person_path(question.field, 0) if section.repeat else question.field

    def refused(value: Any) -> str | None:
        candidate = [value] if question.type == "multi" else value
        return error_at(data, path, candidate, lang)

    for index, value in enumerate(values[: len(question.choices)]):
        message = refused(value)
        if message:
            out.append(_at(kb, question.id, message, "choices", index, "value"))
    if question.type == "scale" and any(v not in SCALE for v in values):
        out.append(_at(kb, question.id, t("rules.questions.scale_values", lang), "choices"))
    if not question.has_default:
        return out
    default = question.default
    message = error_at(data, path, default, lang)
    if message:
        out.append(_at(kb, question.id, message, "default"))
    elif question.type in ("choice", "scale", "yesno") and default is not None:
        if question.type != "yesno" and default not in values:
            message = t("rules.questions.default_not_choice", lang)
            out.append(_at(kb, question.id, message, "default"))
    elif question.type == "multi" and isinstance(default, list):
        stray = [v for v in default if v not in values]
        if stray:
            listed = ", ".join(str(v) for v in stray)
            message = t("rules.questions.not_choices", lang, values=listed)
            out.append(_at(kb, question.id, message, "default"))
    return out


def _check_when(
    kb: KnowledgeBase,
    question: QuestionSpec,
    filled: dict[str, str],
    later: dict[str, str],
    lang: Lang,
) -> list[Problem]:
    """A condition may read earlier answers, facts, or fields no question asks (set with
    ``--set`` or kept from the file); an answer not given yet would read as its default."""
    try:
        node = compile_condition(question.when, condition_types(kb))
    except CompileError as exc:
        return [_at(kb, question.id, exc.message, *exc.loc)]
    out: list[Problem] = []
    for path in paths(node):
        if path in later and path not in filled:
            asker = later[path]
            message = t("rules.questions.asked_later", lang, path=path, asker=asker)
            out.append(_at(kb, question.id, message, "when"))
    return out


def _at(kb: KnowledgeBase, question_id: str, message: str, *sub: str | int) -> Problem:
    origin: Origin | None = kb.origin(QUESTIONS, question_id)
    if origin is None:
        return Problem("rules", message, path=".".join([question_id, *map(str, sub)]))
    return origin.problem(message, tuple(sub))
