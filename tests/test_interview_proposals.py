"""Interview proposals that follow earlier answers, and what an answer does to the staff
number (issue 13), driven through the real prompts on a pipe input."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from modelo_servicio.domain.errors import InterruptedByUser
from modelo_servicio.domain.i18n import Lang
from modelo_servicio.interview.proposals import propose
from modelo_servicio.knowledge import KnowledgeBase

from .test_interview_prompts import CTRL_C, ENTER, run, saved

CHOICES = ENTER * 7
"""Segment, ticket, complexity, journey, preference, FAQ share and languages: as proposed."""


def _optician(customers: str, minutes: str) -> str:
    """Name, sector, 4 shops, no web shop, no field service, the customers, the customer
    choices as proposed; then the volumes, coverage and hours as proposed, and ``minutes``
    for an in-person contact; then stop."""
    business = "Óptica Mirada" + ENTER + "óptica" + ENTER + "4" + ENTER + ENTER + ENTER
    volumes = ENTER * 6 + ENTER + ENTER  # counter, phone, email, sms, social, self-service
    return business + customers + ENTER + CHOICES + volumes + minutes + ENTER + CTRL_C


@pytest.mark.parametrize(
    ("lang", "customers", "impact"),
    [
        ("es", "9.500", "→ Con 40 min, En persona (punto de venta) necesita 7,8 ETC por sí solo."),
        ("en", "9,500", "→ With 40 min, In person (point of sale) needs 7.8 FTE on its own."),
    ],
)
def test_volumes_follow_customers_shops_and_sector(
    tmp_path: Path, lang: Lang, customers: str, impact: str
) -> None:
    path = tmp_path / "p.yaml"
    result, screen = run(path, _optician(customers, "40"), lang=lang)
    assert isinstance(result, InterruptedByUser), screen
    data = saved(path)
    assert data["customers"]["active"] == 9500
    volumes = data["demand"]["contacts_per_month"]
    # an optician's customer comes about 1.5 times a year: 9,500 x 0.125 = 1,188 -> 1,200
    # (a one-shop figure of 250 was proposed before); calls 9,500 x 0.08, emails x 0.02
    assert volumes["in_person"] == 1200
    assert volumes["phone"] == 760
    assert volumes["email"] == 190
    assert data["demand"]["handle_minutes"]["in_person"] == 40
    # 1,200 booked tests x 40 min = 800 h against about 103 bookable hours per person
    assert impact in screen
    # the volume answers also say what they imply when it is large
    first = "1.200 atenciones al mes" if lang == "es" else "1,200 contacts a month"
    assert first in screen and ("6,8 ETC" in screen or "6.8 FTE" in screen)
    # and the opening hours, for the whole service
    flat = " ".join(screen.split())
    whole = "la atención en todos los canales necesita" if lang == "es" else "every channel needs"
    assert whole in flat


def test_without_a_sector_the_general_ratio_applies(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    keys = "Tienda" + ENTER + ENTER + "4" + ENTER + ENTER + ENTER + "9.500" + ENTER + CHOICES
    result, screen = run(path, keys + ENTER * 3 + CTRL_C)
    assert isinstance(result, InterruptedByUser), screen
    volumes = saved(path)["demand"]["contacts_per_month"]
    # 9,500 x 0.5, x 0.3, x 0.12, to two significant figures
    shown = {k: volumes[k] for k in ("in_person", "phone", "email")}
    assert shown == {"in_person": 4800, "phone": 2800, "email": 1100}


def test_a_quiet_base_still_gets_the_floor_of_its_shops(kb: KnowledgeBase) -> None:
    data = {"company": {"locations": 6}, "customers": {"active": 200}}
    found = propose(kb, "demand.contacts_per_month.in_person", data, "es")
    assert found is not None and found.value == 600  # 6 shops x 100, not 200 x 0.5
    assert "mínimo de 6 locales" in found.basis
    # the general small-shop figures with the defaults (500 customers, 1 shop)
    defaults: dict[str, Any] = {"company": {}, "customers": {}}
    assert [
        p.value
        for p in (
            propose(kb, f"demand.contacts_per_month.{c}", defaults, "en")
            for c in ("in_person", "phone", "email", "on_site")
        )
        if p is not None
    ] == [250, 150, 60, 20]
    assert propose(kb, "demand.contacts_per_month.chat", defaults, "es") is None


def test_the_help_says_how_the_proposal_was_worked_out(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    business = "Óptica" + ENTER + "óptica" + ENTER + "4" + ENTER + ENTER + ENTER
    keys = business + "9.500" + ENTER + CHOICES + "?" + ENTER + CTRL_C
    result, screen = run(path, keys)
    assert isinstance(result, InterruptedByUser), screen
    flat = " ".join(screen.split())  # the help is wrapped to the terminal's width
    assert "Valor propuesto: 1.200 atenciones al mes." in flat
    assert "9.500 clientes activos × 0,125 contactos al mes por cliente (Óptica) = 1.200" in flat


def test_the_sectors_usual_minutes_are_named_in_the_staff_line(tmp_path: Path) -> None:
    """Enter on a handle time keeps "the sector's usual figure": the staff line says which
    figure that is, since the number of people rests on it."""
    path = tmp_path / "p.yaml"
    result, screen = run(path, _optician("9.500", ""))
    assert isinstance(result, InterruptedByUser), screen
    assert saved(path)["demand"]["handle_minutes"].get("in_person") is None
    flat = " ".join(screen.split())
    assert "→ Con la cifra habitual del sector (35 min), En persona (punto de venta)" in flat


def test_a_small_answer_says_nothing_about_staff(tmp_path: Path) -> None:
    """Below two full-time people a channel is one person's job, set by the opening hours
    more than by the answer: no staff line."""
    path = tmp_path / "p.yaml"
    keys = "Kiosko" + ENTER + ENTER + ENTER + ENTER + ENTER + "40" + ENTER + CHOICES
    result, screen = run(path, keys + ENTER + CTRL_C)
    assert isinstance(result, InterruptedByUser), screen
    assert saved(path)["demand"]["contacts_per_month"]["in_person"] == 100
    assert "→" not in screen


@pytest.mark.parametrize("lang", ["es", "en"])
def test_every_numeric_answer_typed_in_the_interview_is_stored_as_read(
    tmp_path: Path, lang: Lang
) -> None:
    """Every numeric question, answered through the real prompts (the review's edit) in the
    way its language usually writes a number, stores what the person meant: never a money
    amount 1,000 times smaller, never a decimal taken for grouping."""
    from modelo_servicio.interview.session import Request, Session
    from modelo_servicio.interview.values import error_at, number_kind
    from modelo_servicio.knowledge import load_kb

    from .test_interview_prompts import CTRL_U, complete
    from .test_numbers import QUESTIONS, _cases

    sets = (
        "company.sells_online=true",
        "company.field_service=true",
        "demand.contacts_per_month.chat=100",
        "demand.contacts_per_month.on_site=10",
        "constraints.monthly_budget=1000",
        "constraints.cost_per_fte_month=2000",
        "constraints.hiring=limited",
        "staff.0.name=Ana",
        "customers.segment=both",  # the businesses' own questions, their accounts among them
        "customers.segments.businesses.share=0,35",
    )
    path = complete(tmp_path / "p.yaml", *sets)
    session = Session(Request(path=path, lang=lang, resume=True), load_kb())
    session.start()
    answers = session.answers
    rows = [s for s in answers.plan().steps if s.question is not None and answers.answered(s)]
    data = answers.data()
    keys = ""
    expected: dict[str, float] = {}
    fields: set[str] = set()
    for number, step in enumerate(rows, 1):
        question = step.question
        assert question is not None
        if question.type not in ("integer", "number"):
            continue
        kind = number_kind(question.field, question.type == "integer")
        for es, en, value in _cases(kind):
            if error_at(data, step.path, value) is None:
                keys += f"{number}" + ENTER + CTRL_U + (es if lang == "es" else en) + ENTER
                expected[step.path] = value
                fields.add(question.field)
                break
    assert fields == {field for _, field, _ in QUESTIONS}  # every numeric question
    result, screen = run(path, keys + ENTER, lang=lang, resume=True)
    assert not isinstance(result, InterruptedByUser), screen
    stored = saved(path)
    for dotted, value in expected.items():
        node: Any = stored
        for part in dotted.split("."):
            node = node[int(part)] if part.isdigit() else node[part]
        assert node == pytest.approx(value), (dotted, node, value)
    money = [p for p in expected if number_kind(p, False) == "money"]
    assert money and all(expected[p] >= 1000 for p in money)
