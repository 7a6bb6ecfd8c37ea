"""The questionnaire as knowledge-base data (``kind: questions``) and its load-time checks.

A consultancy can replace or add questions with ``--rules DIR`` like any rule; ``check`` makes
sure every question fills a real profile field with a fitting type, that its choices and default
are values the profile model accepts, and that its ``when`` compiles in the rule condition
language and reads only answers given earlier.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from modelo_servicio.domain.catalogue import Catalogue
from modelo_servicio.domain.errors import Problem, RuleError
from modelo_servicio.domain.fields import FieldType, profile_fields, walk
from modelo_servicio.domain.i18n import Message, msg
from modelo_servicio.domain.profile import StaffMember
from modelo_servicio.engine.conditions import CompileError, compile_condition, paths
from modelo_servicio.engine.facts import FactBook
from modelo_servicio.interview.values import STAFF, error_at, person_path
from modelo_servicio.knowledge.questions_schema import (
    QUESTIONS,
    SCALE,
    SECTIONS,
    ChoiceValue,
    QuestionSpec,
    SectionSpec,
)

if TYPE_CHECKING:
    from modelo_servicio.knowledge.loader import KnowledgeBase, Origin

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


def layout(kb: KnowledgeBase) -> list[tuple[SectionSpec, list[QuestionSpec]]]:
    """Sections in file order, each with its questions in file order (empty ones dropped)."""
    sections = kb.collection(SECTIONS, SectionSpec)
    questions = kb.collection(QUESTIONS, QuestionSpec)
    out = [(s, [q for q in questions.values() if q.section == s.id]) for s in sections.values()]
    return [(s, qs) for s, qs in out if qs]


def staff_fields(catalogue: Catalogue) -> dict[str, FieldType]:
    """Field types of one staff member, as ``staff.<field>`` paths."""
    return walk(StaffMember, f"{STAFF}.", catalogue)


def condition_types(kb: KnowledgeBase) -> dict[str, FieldType]:
    """What a question's ``when`` may read: profile fields and the engine's facts."""
    return {**profile_fields(kb.catalogue), **FactBook.of(kb).types(late=False)}


def field_type(
    question: QuestionSpec, section: SectionSpec, catalogue: Catalogue
) -> FieldType | None:
    path = question.field
    if section.repeat:
        return staff_fields(catalogue).get(path)
    if path.startswith("extra."):
        return FieldType("any")
    return profile_fields(catalogue).get(path)


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
    problems carry messages, written in the reader's language where they are shown."""
    problems: list[Problem] = []
    sections = kb.collection(SECTIONS, SectionSpec)
    questions = kb.collection(QUESTIONS, QuestionSpec)
    for question in questions.values():
        if question.section not in sections:
            known: Message = ", ".join(sections) or msg("rules.none")
            message = msg("rules.questions.unknown_section", section=question.section, known=known)
            problems.append(_at(kb, question.id, message))
    repeating = [s for s in sections.values() if s.repeat]
    if len(repeating) > 1:
        problems.append(Problem("rules", msg("rules.questions.one_repeat")))
    filled: dict[str, str] = {}
    later = {q.field: q.id for s, group in layout(kb) if not s.repeat for q in group}
    for section, group in layout(kb):
        if section.repeat and group[0].field != f"{STAFF}.name":
            message = msg("rules.questions.staff_name_first")
            problems.append(_at(kb, group[0].id, message))
        for question in group:
            problems.extend(_check_question(kb, question, section, filled, later))
            key = question.field if not section.repeat else f"[]{question.field}"
            filled.setdefault(key, question.id)
    return problems


def _check_question(
    kb: KnowledgeBase,
    question: QuestionSpec,
    section: SectionSpec,
    filled: dict[str, str],
    later: dict[str, str],
) -> list[Problem]:
    out: list[Problem] = []
    key = question.field if not section.repeat else f"[]{question.field}"
    if key in filled:
        message = msg("rules.questions.asked_twice", field=question.field, asker=filled[key])
        out.append(_at(kb, question.id, message, "field"))
    kind = field_type(question, section, kb.catalogue)
    if kind is None:
        where = (
            "rules.questions.not_staff_field"
            if section.repeat
            else ("rules.questions.not_profile_field")
        )
        out.append(_at(kb, question.id, msg(where, field=question.field), "field"))
        return out
    if kind.kind != "any" and kind.kind not in _FITS[question.type]:
        message = msg(
            "rules.questions.type_mismatch",
            type=question.type,
            field=question.field,
            kind=kind.kind,
        )
        out.append(_at(kb, question.id, message, "type"))
        return out
    out.extend(_check_values(kb, question, section))
    if question.when is not None:
        out.extend(_check_when(kb, question, filled, later))
    return out


def _check_values(kb: KnowledgeBase, question: QuestionSpec, section: SectionSpec) -> list[Problem]:
    out: list[Problem] = []
    values = choice_values(question, kb)
    data: dict[str, Any] = {STAFF: [{"name": "-"}]} if section.repeat else {}
    path = person_path(question.field, 0) if section.repeat else question.field

    def refused(value: Any) -> Message | None:
        candidate = [value] if question.type == "multi" else value
        return error_at(data, path, candidate, kb.catalogue)

    for index, value in enumerate(values[: len(question.choices)]):
        message = refused(value)
        if message:
            out.append(_at(kb, question.id, message, "choices", index, "value"))
    if question.type == "scale" and any(v not in SCALE for v in values):
        out.append(_at(kb, question.id, msg("rules.questions.scale_values"), "choices"))
    if not question.has_default:
        return out
    default = question.default
    message = error_at(data, path, default, kb.catalogue)
    if message:
        out.append(_at(kb, question.id, message, "default"))
    elif question.type in ("choice", "scale", "yesno") and default is not None:
        if question.type != "yesno" and default not in values:
            message = msg("rules.questions.default_not_choice")
            out.append(_at(kb, question.id, message, "default"))
    elif question.type == "multi" and isinstance(default, list):
        stray = [v for v in default if v not in values]
        if stray:
            listed = ", ".join(str(v) for v in stray)
            message = msg("rules.questions.not_choices", values=listed)
            out.append(_at(kb, question.id, message, "default"))
    return out


def _check_when(
    kb: KnowledgeBase,
    question: QuestionSpec,
    filled: dict[str, str],
    later: dict[str, str],
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
            message = msg("rules.questions.asked_later", path=path, asker=asker)
            out.append(_at(kb, question.id, message, "when"))
    return out


def _at(kb: KnowledgeBase, question_id: str, message: Message, *sub: str | int) -> Problem:
    origin: Origin | None = kb.origin(QUESTIONS, question_id)
    if origin is None:
        return Problem("rules", message, path=".".join([question_id, *map(str, sub)]))
    return origin.problem(message, tuple(sub))


def checked(kb: KnowledgeBase) -> KnowledgeBase:
    """``kb`` if its questionnaire passes ``check``; else a ``RuleError`` naming every problem.

    The loader (a lower layer) cannot run this check, since it needs the condition language
    and the profile model's answers: the commands that ask questions or check rule files
    call it."""
    problems = check(kb)
    if problems:
        raise RuleError(msg("rules.invalid"), problems)
    return kb
