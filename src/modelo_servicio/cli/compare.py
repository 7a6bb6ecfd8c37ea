"""``modelo-servicio compare``: a follow-up assessment of one client from two dated profiles."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from modelo_servicio.cli.options import (
    BrandOpt,
    LangChoice,
    LangOpt,
    RulesOpt,
    SidesFormat,
    SidesFormatOpt,
)


def compare(
    before: Annotated[
        Path, typer.Argument(help="The earlier assessment (YAML).", show_default=False)
    ],
    after: Annotated[Path, typer.Argument(help="The later assessment (YAML).", show_default=False)],
    format: SidesFormatOpt = SidesFormat.table,
    brand: BrandOpt = None,
    lang: LangOpt = LangChoice.es,
    rules: RulesOpt = None,
) -> None:
    """Compare two assessments of one client: answers that changed, score and recommendation
    movement, progress on the earlier plan (hires, training, channels, KPIs), what is open."""
    from modelo_servicio.app.advisor import Advisor
    from modelo_servicio.app.compare import compare_files
    from modelo_servicio.cli.options import language as chosen
    from modelo_servicio.cli.output import emit, width
    from modelo_servicio.render import compare_text
    from modelo_servicio.render.sides import markdown, terminal

    language = chosen(lang)
    identity = None
    if brand is not None:
        from modelo_servicio.domain.brand import load_brand

        identity = load_brand(brand, language)
    advisor = Advisor.build(rules)
    kb = advisor.kb
    followup = compare_files(before, after, language, rules)
    if format == SidesFormat.json:
        emit(compare_text.compare_json(followup))
        return
    from modelo_servicio.render.answers import Answers

    answers = Answers(kb, language, advisor.questions)
    if format == SidesFormat.html:
        emit(compare_text.compare_html(followup, answers, identity))
        return
    document = compare_text.compare_document(followup, answers)
    emit(markdown(document) if format == SidesFormat.markdown else terminal(document, width()))


def register(app: typer.Typer) -> None:
    app.command("compare")(compare)
