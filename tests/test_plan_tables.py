"""The plan in ``score`` table output: every section, both languages, 80 columns."""

from __future__ import annotations

import io
from typing import Any

import pytest
from rich.console import Console

from modelo_servicio.domain.i18n import Lang
from modelo_servicio.domain.plan_model import Plan
from modelo_servicio.domain.profile import Profile
from modelo_servicio.render.plan_tables import plan_blocks
from modelo_servicio.render.table import TableFormat

from .conftest import packaged_advisor

SKILLS = dict.fromkeys(
    ("product", "empathy", "problem_solving", "writing", "speaking", "technology", "multitasking"),
    4,
)

SHOP: dict[str, Any] = {
    "company": {"name": "Moda [bold]Sol[/bold]", "locations": 2, "sells_online": True},
    "customers": {"faq_share": 0.5, "languages": ["es", "fr"]},
    "demand": {
        "contacts_per_month": {"in_person": 2400, "chat": 1500, "email": 900, "self_service": 6000}
    },
    "staff": [
        {"name": "Lucía [red]", "channels": ["in_person"], "skills": {**SKILLS, "technology": 5}},
        {"name": "Nuria", "channels": ["in_person"], "skills": {**SKILLS, "writing": 2}},
        {"name": "Óscar", "channels": ["in_person"], "skills": {**SKILLS, "product": 3}},
    ],
    "constraints": {
        "hiring": "limited",
        "max_new_hires": 2,
        "weeks": 10,
        "monthly_budget": 20000,
        "cost_per_fte_month": 2800,
    },
}


def render(data: dict[str, Any], lang: Lang, width: int = 80) -> str:
    profile = Profile.model_validate(data)
    result = packaged_advisor().advise(profile, lang)
    return TableFormat(width=width).format(result)


@pytest.mark.parametrize(
    ("lang", "titles"),
    [
        (
            "es",
            [
                "Plan de implantación",
                "Dotación por canal",
                "Funciones: necesidad",
                "Personas: función asignada",
                "Formación y brechas",
                "Fases (semanas)",
                "Indicadores y objetivos",
                "A tener en cuenta",
            ],
        ),
        (
            "en",
            [
                "Implementation plan",
                "Staffing per channel",
                "Roles: need",
                "People: assigned role",
                "Training and gaps",
                "Phases (weeks)",
                "Indicators and targets",
                "Points to note",
            ],
        ),
    ],
)
def test_every_section_in_both_languages_within_80_columns(lang: Lang, titles: list[str]) -> None:
    text = render(SHOP, lang)
    for title in titles:
        assert title in text, title
    plan_part = text[text.index(titles[0]) :]
    assert max(len(line) for line in plan_part.splitlines()) <= 80
    assert "plan." not in plan_part
    assert "{" not in plan_part


def test_names_from_the_profile_are_not_markup() -> None:
    text = render(SHOP, "es")
    assert "Lucía [red]" in text


def flat(text: str) -> str:
    """The text with rich's line wrapping undone."""
    return " ".join(text.split())


def test_assumptions_are_printed_next_to_the_result() -> None:
    text = flat(render(SHOP, "en"))
    assert "Common assumptions" in text
    assert "busy hour 15%" in text
    assert "30% shrinkage" in text
    assert "2 chats at once" in text


def test_training_section_says_so_when_nobody_needs_training() -> None:
    data = {
        "company": {"name": "Calm", "locations": 1},
        "demand": {"contacts_per_month": {"in_person": 500}},
        "staff": [
            {"name": "A", "channels": ["in_person"], "skills": {**SKILLS, "product": 5}},
            {"name": "B", "channels": ["in_person"], "skills": {**SKILLS, "product": 5}},
        ],
    }
    text = flat(render(data, "es"))
    assert "no hace falta formación" in text


def test_an_empty_plan_renders_nothing() -> None:
    assert plan_blocks(Plan(), "es") == []


def test_blocks_render_on_a_narrow_console() -> None:
    profile = Profile.model_validate(SHOP)
    plan = packaged_advisor().advise(profile, "en").plan
    buffer = io.StringIO()
    console = Console(file=buffer, width=80, color_system=None)
    for block in plan_blocks(plan, "en"):
        console.print(block)
    assert max(len(line) for line in buffer.getvalue().splitlines()) <= 80
