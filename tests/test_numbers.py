"""Numbers read as the person typed them: one parser for every numeric interview answer and
``--set`` value, in both languages, never guessing (issue 13)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from modelo_servicio.cli.app import app
from modelo_servicio.domain import yamlio
from modelo_servicio.domain.fields import money_fields
from modelo_servicio.domain.i18n import Lang
from modelo_servicio.domain.numbers import UnreadableNumberError, amount, parse_number
from modelo_servicio.interview.questionnaire import Question, Questionnaire
from modelo_servicio.interview.values import Unread, error_at, number_kind, person_path
from modelo_servicio.knowledge import KnowledgeBase, load_kb

NUMERIC = ("integer", "number")


def _numeric_questions() -> list[tuple[str, str, str]]:
    """(question id, field, type) of every numeric question of rules/questions.yaml."""
    kb = load_kb()
    out: list[tuple[str, str, str]] = []
    for section in Questionnaire(kb, "es").sections:
        for q in section.questions:
            if q.type in NUMERIC:
                out.append((q.id, q.field, q.type))
    return out


QUESTIONS = _numeric_questions()

# (typed in Spanish, typed in English, stored value): how people usually write a value of
# each kind. Counts and amounts: grouped thousands, spaces, bare digits, decimals.
LARGE = [
    ("22.000", "22,000", 22000),
    ("22 000", "22 000", 22000),
    ("22000", "22000", 22000),
    ("1.200", "1,200", 1200),
]
DECIMALS = [("2.650,50", "2,650.50", 2650.5), ("2650,5", "2650.5", 2650.5)]
SMALL = [("7,5", "7.5", 7.5), ("40", "40", 40), ("12", "12", 12)]
SHARES = [("0,25", "0.25", 0.25), ("25 %", "25%", 0.25), ("0,8", "0.8", 0.8)]


def _cases(kind: str) -> list[tuple[str, str, float]]:
    if kind == "share":
        return SHARES
    if kind == "integer":
        return [*LARGE, ("12", "12", 12)]
    return [*LARGE, *DECIMALS, *SMALL]


def _question(kb: KnowledgeBase, lang: Lang, field: str) -> Question:
    q = Questionnaire(kb, lang)
    found = q.top_question(field) or q.person_question(field.removeprefix("staff."))
    assert found is not None
    return found


def _path(field: str) -> str:
    return person_path(field, 0) if field.startswith("staff.") else field


@pytest.mark.parametrize(("qid", "field", "qtype"), QUESTIONS, ids=[q[0] for q in QUESTIONS])
@pytest.mark.parametrize("lang", ["es", "en"])
def test_every_numeric_question_reads_both_languages(
    kb: KnowledgeBase, qid: str, field: str, qtype: str, lang: Lang
) -> None:
    question = _question(kb, lang, field)
    kind = number_kind(field, qtype == "integer")
    data = {"staff": [{"name": "Ana"}]} if field.startswith("staff.") else {}
    checked = 0
    for es, en, expected in _cases(kind):
        typed = es if lang == "es" else en
        value = question.parse(typed)
        assert not isinstance(value, Unread), (qid, typed, value)
        assert value == pytest.approx(expected), (qid, typed)
        if error_at(data, _path(field), value) is None:
            checked += 1
    # at least one usual spelling is a valid answer to the question (not only parsed)
    assert checked, qid


MONEY = [q for q in QUESTIONS if number_kind(q[1], q[2] == "integer") == "money"]


@pytest.mark.parametrize(("qid", "field", "qtype"), MONEY, ids=[q[0] for q in MONEY])
def test_money_never_stored_a_thousand_times_smaller(
    kb: KnowledgeBase, qid: str, field: str, qtype: str
) -> None:
    assert MONEY, "the questionnaire asks for money"
    typings: list[tuple[Lang, str]] = [
        ("es", "22.000"),
        ("es", "2.650"),
        ("en", "15,000"),
        ("en", "2,650"),
    ]
    for lang, typed in typings:
        value = _question(kb, lang, field).parse(typed)
        assert isinstance(value, int | float) and value >= 2650, (qid, lang, typed, value)
    # the Spanish '2.650,00' is read, not refused
    assert _question(kb, "es", field).parse("2.650,00") == 2650
    # three decimals after the decimal comma: 1,5 € or 1.500 €? asked back, not guessed
    unsure = _question(kb, "es", field).parse("1,500")
    assert isinstance(unsure, Unread)
    assert "1,5" in unsure.message and "1.500" in unsure.message


@pytest.mark.parametrize(
    ("text", "lang", "kind", "readings"),
    [
        ("1.500", "es", "share", (1500.0, 1.5)),
        ("1,500", "en", "share", (1500.0, 1.5)),
        ("1,5", "en", "number", (1.5,)),
        ("7.5", "es", "number", (7.5,)),
        ("1,500", "es", "money", (1.5, 1500.0)),
        ("1.5", "es", "integer", (1.5,)),
    ],
)
def test_ambiguous_entries_are_asked_back_with_each_reading(
    text: str, lang: Lang, kind: str, readings: tuple[float, ...]
) -> None:
    with pytest.raises(UnreadableNumberError) as caught:
        parse_number(text, lang, kind)  # type: ignore[arg-type]
    assert caught.value.readings == readings
    assert text in caught.value.message


@pytest.mark.parametrize("text", ["abc", "1.2.3", "22 00", "1,2,3.4.5", "--3", ""])
def test_not_a_number_is_refused_in_words(text: str) -> None:
    with pytest.raises(UnreadableNumberError, match="número"):
        parse_number(text, "es", "number")


def test_answer_echo_carries_unit_and_grouping(kb: KnowledgeBase) -> None:
    budget = _question(kb, "es", "constraints.monthly_budget")
    assert budget.show(22000.0, "es") == "22.000 € al mes"
    assert _question(kb, "en", "constraints.monthly_budget").show(22000.0, "en", "USD") == (
        "$22,000 a month"
    )
    customers = _question(kb, "es", "customers.active")
    assert customers.show(9500, "es") == "9.500 clientes"
    assert amount(22000, "es", "EUR") == "22.000 €"
    assert amount(22000, "en", "EUR") == "€22,000"


@pytest.mark.parametrize("field", sorted(money_fields()))
def test_money_is_echoed_with_its_cents_and_its_sign(kb: KnowledgeBase, field: str) -> None:
    """An amount with cents keeps both decimals (never ``2.650,5``); a whole one shows none;
    the sign sits where the language puts it, by the one money formatter (``amount``)."""
    es, en = _question(kb, "es", field), _question(kb, "en", field)
    assert es.show(es.parse("2.650,50"), "es") == "2.650,50 € al mes"
    assert en.show(en.parse("2,650.50"), "en") == "€2,650.50 a month"
    assert es.show(es.parse("2.650,00"), "es") == "2.650 € al mes"
    assert en.show(en.parse("22,000"), "en", "USD") == "$22,000 a month"
    assert es.show(2650.5, "es", "CHF") == "2.650,50 CHF al mes"
    # what Enter keeps when the answer is edited reads back to the same value
    assert es.parse(es.edit_text(2650.5, "es")) == 2650.5
    assert es.edit_text(2650.5, "es") == "2.650,50"
    assert amount(2650.5, "es", "EUR", exact=True) == "2.650,50 €"
    assert amount(2650.5, "en", "EUR", exact=True) == "€2,650.50"
    assert amount(2650.5, "es", "EUR") == "2.650 €"  # an estimate: whole units


def test_set_reads_numbers_the_language_way(tmp_path: Path) -> None:
    out = tmp_path / "p.yaml"
    args = ["interview", str(out), "--defaults", "--set", "company.name=Óptica"]
    sets = [
        "constraints.monthly_budget=22.000",
        "constraints.cost_per_fte_month=2.650,50",
        "customers.active=9.500",
    ]
    for item in sets:
        args += ["--set", item]
    result = CliRunner().invoke(app, [*args, "--lang", "es"])
    assert result.exit_code == 0, result.output
    data = yamlio.load_path(out) if hasattr(yamlio, "load_path") else None
    text = out.read_text(encoding="utf-8")
    assert "monthly_budget: 22000" in text, data
    assert "cost_per_fte_month: 2650.5" in text
    assert "active: 9500" in text
    bad = CliRunner().invoke(
        app,
        [
            *("interview", str(tmp_path / "q.yaml"), "--defaults", "--set", "company.name=X"),
            *("--set", "customers.faq_share=1.500", "--lang", "es"),
        ],
    )
    assert bad.exit_code == 2
    assert "1,5" in bad.output and "1.500" in bad.output
