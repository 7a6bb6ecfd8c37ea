"""``modelo-servicio compare``: a follow-up assessment of one client from two dated profiles."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from modelo_servicio.cli.options import Format, FormatOpt, LangChoice, LangOpt, RulesOpt


def compare(
    before: Annotated[
        Path, typer.Argument(help="The earlier assessment (YAML).", show_default=False)
    ],
    after: Annotated[Path, typer.Argument(help="The later assessment (YAML).", show_default=False)],
    format: FormatOpt = Format.table,
    lang: LangOpt = LangChoice.es,
    rules: RulesOpt = None,
) -> None:
    """Compare two assessments of one client: answers that changed, score and recommendation
    movement, progress on the earlier plan (hires, training, channels, KPIs), what is open."""
    from modelo_servicio.app.advisor import Advisor
    from modelo_servicio.app.compare import compare_files
    from modelo_servicio.app.service import use_language
    from modelo_servicio.cli.output import emit, width
    from modelo_servicio.render import compare_text
    from modelo_servicio.render.sides import markdown, terminal

    language = use_language(lang.value)
    advisor = Advisor.build(rules)
    kb = advisor.kb
    followup = compare_files(before, after, language, rules)
    if format == Format.json:
        emit(compare_text.compare_json(followup))
        return
    from modelo_servicio.render.answers import Answers

    document = compare_text.compare_document(followup, Answers(kb, language, advisor.questions))
    emit(markdown(document) if format == Format.markdown else terminal(document, width()))


def register(app: typer.Typer) -> None:
    app.command("compare")(compare)
