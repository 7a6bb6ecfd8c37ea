"""The recommendation panel of ``score``: answers, values and channels in words, numbers in
the language's style, and a note when more changes exist than the terminal lists."""

from __future__ import annotations

import pytest

from modelo_servicio.app.advisor import advise
from modelo_servicio.domain.i18n import Lang
from modelo_servicio.domain.profile_io import load_profile
from modelo_servicio.domain.result import Result, Sensitivity
from modelo_servicio.knowledge import KnowledgeBase
from modelo_servicio.render.table import MAX_FLIPS, TableFormat

from .conftest import PROFILES


def _result(kb: KnowledgeBase, lang: Lang) -> Result:
    result = advise(load_profile(PROFILES / "deportes-omnicanal.yaml", lang), kb, lang)
    assert result.recommendation.components and result.sensitivity
    return result


@pytest.mark.parametrize(
    ("lang", "lines"),
    [
        (
            "es",
            [
                "Ventaja sobre el segundo: 20 puntos",
                "Chat en vivo (19,8 %): Servicio en línea",
                "• Contacto uno a uno: En persona (punto de venta)",
                "• Servicio en línea: Correo electrónico, Chat en vivo",
                "• Vende en línea: sí → no ⇒ Contacto uno a uno",
            ],
        ),
        (
            "en",
            [
                "Lead over the runner-up: 20 points",
                "Live chat (19.8%): Online service",
                "• One-to-one contact: In person (point of sale)",
                "• Online service: Email, Live chat",
                "• Sells online: yes → no ⇒ One-to-one contact",
            ],
        ),
    ],
)
def test_the_panel_names_answers_and_channels_as_the_report_does(
    lang: Lang, lines: list[str], kb: KnowledgeBase
) -> None:
    text = TableFormat(width=120, kb=kb).format(_result(kb, lang))
    for line in lines:
        assert line in text
    assert "company.sells_online" not in text
    assert "in_person" not in text


def test_without_the_knowledge_base_the_panel_shows_ids(kb: KnowledgeBase) -> None:
    text = TableFormat(width=120).format(_result(kb, "es"))
    assert "• company.sells_online = false ⇒ Contacto uno a uno" in text
    assert "• Contacto uno a uno: in_person" in text


def test_changes_beyond_the_terminal_list_are_counted(kb: KnowledgeBase) -> None:
    result = _result(kb, "es")
    flip = result.sensitivity[0]
    many = [
        Sensitivity(field=flip.field, value=flip.value, model=flip.model, current=flip.current)
        for _ in range(MAX_FLIPS + 3)
    ]
    text = TableFormat(width=120, kb=kb).format(result.model_copy(update={"sensitivity": many}))
    assert text.count("⇒") == MAX_FLIPS
    assert "… y 3 cambios más (todos en el informe: modelo-servicio report)" in text
    assert "cambios más" not in TableFormat(width=120, kb=kb).format(result)
