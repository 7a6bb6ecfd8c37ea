"""The questionnaire as data: load-time checks with file:line, defaults from the profile model,
answers as values, and the plan of steps the flow walks."""

from __future__ import annotations

from typing import Any

import pytest

from modelo_servicio.domain.errors import RuleError
from modelo_servicio.interview.kb import check
from modelo_servicio.interview.questionnaire import Questionnaire
from modelo_servicio.interview.state import Answers
from modelo_servicio.interview.values import (
    MISSING,
    error_at,
    model_default,
)
from modelo_servicio.knowledge import KnowledgeBase
from modelo_servicio.knowledge.loader import build, packaged_files


def with_file(text: str) -> KnowledgeBase:
    return build([*packaged_files(), ("custom/q.yaml", text)])


def problems_of(text: str) -> list[str]:
    with pytest.raises(RuleError) as info:
        with_file(text)
    return [str(p) for p in info.value.problems]


def question(**fields: str) -> str:
    body = {
        "id": "extra-q",
        "section": "business",
        "field": "extra.q",
        "type": "text",
        "text": "{es: a, en: b}",
        **fields,
    }
    lines = "\n".join(f"    {k}: {v}" for k, v in body.items())
    return f"kind: questions\nquestions:\n  - {lines.strip()}\n"


def test_packaged_questionnaire_is_valid_and_covers_six_sections(kb: KnowledgeBase) -> None:
    assert check(kb) == []
    q = Questionnaire(kb, "es")
    assert [s.id for s in q.sections] == [
        "business",
        "customers",
        "demand",
        "organization",
        "staff",
        "constraints",
    ]
    assert q.roster is not None and q.roster.questions[0].field == "staff.name"
    required = [x.field for s in q.sections for x in s.questions if x.required]
    assert required == ["company.name", "staff.name"]
    channels = q.person_question("channels")
    assert channels is not None and len(channels.choices) == 8


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"section": "nada"}, "custom/q.yaml:3: questions.0: unknown section 'nada'"),
        (
            {"field": "company.nombre"},
            "custom/q.yaml:5: questions.0.field: 'company.nombre' is not a field of the profile",
        ),
        (
            {"field": "company.locations", "type": "yesno"},
            "questions.0.type: a 'yesno' question cannot fill company.locations (int)",
        ),
        (
            {"field": "company.locations", "type": "integer", "default": "-1"},
            "questions.0.default: must be greater than or equal to 0",
        ),
        (
            {
                "field": "customers.ticket",
                "type": "choice",
                "choices": "[{value: lujo, label: {es: L, en: L}}]",
            },
            "questions.0.choices.0.value: invalid value; expected one of: low, medium, high, luxury",
        ),
        (
            {"field": "extra.x", "when": "{field: company.sells_onlin, eq: true}"},
            "questions.0.when.field: unknown field 'company.sells_onlin' (did you mean "
            "'company.sells_online'?)",
        ),
        (
            {"field": "extra.x", "when": "{field: constraints.weeks, gt: 4}"},
            "'when' reads constraints.weeks, which is asked later (by 'constraints-weeks')",
        ),
        (
            {"field": "company.sector"},
            "questions.0.field: company.sector is already asked by 'company-sector'",
        ),
        (
            {"field": "extra.x", "type": "choice"},
            "a 'choice' question needs choices or choices_from",
        ),
        (
            {"field": "staff.role", "section": "business"},
            "'staff.role' is not a field of the profile",
        ),
    ],
)
def test_broken_questions_are_located(fields: dict[str, str], expected: str) -> None:
    found = problems_of(question(**fields))
    assert any(expected in p for p in found), found


def test_a_staff_section_must_start_with_the_name() -> None:
    text = """kind: questions
questions:
  - id: staff-name
    section: staff
    field: staff.role
    type: text
    text: {es: a, en: b}
"""
    found = problems_of(text)
    assert any("first question of a staff section must ask staff.name" in p for p in found)


def test_a_question_without_default_takes_the_model_default() -> None:
    kb = with_file(
        question(
            **{
                "id": "constraints-weeks",
                "section": "constraints",
                "field": "constraints.weeks",
                "type": "integer",
            }
        )
    )
    q = Questionnaire(kb, "en")
    weeks = q.top_question("constraints.weeks")
    assert weeks is not None and weeks.default == 12 and not weeks.required


def test_model_defaults() -> None:
    assert model_default("company.name") is MISSING
    assert model_default("company.locations") == 1
    assert model_default("staff.skills.product") == 3
    assert model_default("staff.name") is MISSING
    assert model_default("customers.languages") == ["es"]
    assert model_default("extra.anything") is MISSING


def test_one_answer_is_judged_by_the_profile_model() -> None:
    assert error_at({}, "company.locations", 3, "es") is None
    assert error_at({}, "company.locations", -3, "en") == "must be greater than or equal to 0"
    assert error_at({}, "customers.languages", ["esp"], "es") == (
        "'esp' no es un código de idioma ISO 639-1 de dos letras (p. ej. es, en, fr)"
    )
    data: dict[str, Any] = {"staff": [{"name": "Ana"}, {}]}
    assert "dos veces" in str(error_at(data, "staff.1.name", "ana", "es"))
    assert error_at(data, "staff.1.name", "Luis", "es") is None


def keys(answers: Answers) -> list[str]:
    return [s.key for s in answers.plan().steps]


def test_when_follows_the_answers_and_hidden_answers_drop_out(kb: KnowledgeBase) -> None:
    answers = Answers(Questionnaire(kb, "es"))
    assert "demand-chat" not in keys(answers)
    assert "demand-in-person" in keys(answers)  # one site is the proposed answer
    plan = answers.plan()
    online = plan.find("company-online")
    assert online is not None
    answers.answer(online, True)
    chat = answers.plan().find("demand-chat")
    assert chat is not None
    answers.answer(chat, 300)
    assert answers.data()["demand"]["contacts_per_month"]["chat"] == 300
    answers.answer(online, False)
    assert "demand-chat" not in keys(answers)
    assert "demand" not in answers.data()
    answers.answer(online, True)  # the earlier answer comes back
    assert answers.data()["demand"]["contacts_per_month"]["chat"] == 300


def test_roster_gates(kb: KnowledgeBase) -> None:
    answers = Answers(Questionnaire(kb, "es"))
    gate = answers.plan().find("staff@1")
    assert gate is not None and not answers.answered(gate)
    answers.answer(gate, True)
    name = answers.plan().find("staff-name@1")
    assert name is not None
    answers.answer(name, "Ana")
    second = answers.plan().find("staff@2")
    assert second is not None
    answers.answer(second, True)
    answers.answer(second, False)  # changed mind: nobody else
    assert answers.data()["staff"] == [{"name": "Ana"}]
    assert answers.answered(second) and answers.value(second) is False
    answers.answer(gate, False)  # back at the first gate: no staff at all
    assert "staff" not in answers.data() or answers.data()["staff"] == []


def test_load_keeps_only_listed_answers_and_blank_optional_ones(kb: KnowledgeBase) -> None:
    answers = Answers(Questionnaire(kb, "es"))
    answers.load(
        {
            "company": {"name": "X", "locations": 3},
            "demand": {"targets": {"service_level": 0.9}},
            "staff": [{"name": "Ana", "role": "r"}],
            "interview": {
                "complete": False,
                "answered": ["company-name", "staff@1", "staff-name@1", "constraints-max-hires"],
            },
        }
    )
    assert answers.top == {"company-name": "X", "constraints-max-hires": None}
    assert answers.base == {"demand": {"targets": {"service_level": 0.9}}}
    assert answers.people[0].answers == {"staff-name": "Ana"}
    assert not answers.roster_closed


def test_typed_answers(kb: KnowledgeBase) -> None:
    q = Questionnaire(kb, "es")
    hires = q.top_question("constraints.max_new_hires")
    sector = q.top_question("company.sector")
    assert hires is not None and sector is not None
    assert hires.parse("", 3) == 3  # Enter keeps the current answer
    assert hires.parse("-", 3) is None  # '-' clears an optional one
    assert hires.parse(" 2 ") == 2
    assert sector.parse("-", "joyas") == ""
    assert hires.show(None, "es") == "sin tope"
    faq = q.top_question("customers.faq_share")
    assert faq is not None and faq.show(0.3, "es") == "Una parte (alrededor del 30 %)"
    assert faq.show(0.25, "es") == "25 %"  # a share off the list reads as the choices do
    assert faq.show(0.25, "en") == "25%"
    assert faq.edit_text(0.25, "es") == "0,25"  # what the prompt offers to edit stays a number
