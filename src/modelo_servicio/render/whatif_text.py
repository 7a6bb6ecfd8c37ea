"""``whatif`` outputs: the changes in words, then the figures before and after side by side
(or two models' plans side by side), as a terminal table, markdown, HTML or JSON."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from modelo_servicio.domain.i18n import Lang, t
from modelo_servicio.render.sides import (
    Document,
    Section,
    figure_rows,
    markdown,
    recommendation_rows,
    terminal,
)

if TYPE_CHECKING:
    from modelo_servicio.domain.brand import Brand
    from modelo_servicio.domain.followup import SideBySide, WhatIf
    from modelo_servicio.render.answers import Answers


SIDES = ("before", "after")


def whatif_document(whatif: WhatIf, answers: Answers) -> Document:
    lang = answers.lang
    changes = [
        [
            answers.question(c.path),
            _answer(answers, c.path, c.before),
            answers.answer(c.path, c.after),
        ]
        for c in whatif.changes
    ]
    columns = [whatif.before, whatif.after]
    heads = [
        t("whatif.col.figure", lang),
        t("whatif.col.before", lang),
        t("whatif.col.after", lang),
    ]
    rows = figure_rows(columns, lang, first="recommendation")
    rows[1:1] = recommendation_rows(columns, lang)
    return Document(
        title=t("whatif.title", lang, company=whatif.company),
        sections=[
            Section(
                t("whatif.changes", lang),
                [t("whatif.col.answer", lang), *heads[1:]],
                changes,
                empty=t("whatif.no_changes", lang),
            ),
            Section(t("compare.movement", lang), heads, rows),
        ],
    )


def models_document(sides: SideBySide, lang: Lang) -> Document:
    heads = [t("whatif.col.figure", lang), *(f.model_name for f in sides.models)]
    rows = figure_rows(sides.models, lang)
    return Document(
        title=t("whatif.models_title", lang, company=sides.company),
        sections=[Section(t("whatif.models_section", lang), heads, rows)],
    )


def _answer(answers: Answers, path: str, value: Any) -> str:
    return "—" if value is None else answers.answer(path, value)


def render_document(document: Document, fmt: str, width: int) -> str:
    return markdown(document) if fmt == "markdown" else terminal(document, width)


def whatif_html(whatif: WhatIf, document: Document, lang: Lang, brand: Brand | None) -> str:
    """The what-if as one page, with the staff needed and on hand before and after."""
    from modelo_servicio.render import sides_html

    columns = [(t(f"whatif.col.{side}", lang), getattr(whatif, side)) for side in SIDES]
    chart = sides_html.staff_chart(columns, lang, brand)
    return sides_html.page(document, lang, brand, {len(document.sections) - 1: chart})


def models_html(sides: SideBySide, document: Document, lang: Lang, brand: Brand | None) -> str:
    """Two models' plans as one page, with the staff each needs and the team on hand."""
    from modelo_servicio.render import sides_html

    columns = [(f.model_name, f) for f in sides.models]
    chart = sides_html.staff_chart(columns, lang, brand)
    return sides_html.page(document, lang, brand, {0: chart})


def whatif_json(whatif: WhatIf) -> str:
    data = {
        "company": whatif.company,
        "changes": [{"path": c.path, "before": c.before, "after": c.after} for c in whatif.changes],
        "before": whatif.before.as_dict(),
        "after": whatif.after.as_dict(),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def models_json(sides: SideBySide) -> str:
    data = {"company": sides.company, "models": [f.as_dict() for f in sides.models]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
