from __future__ import annotations

from typing import Annotated

import typer

from modelo_servicio.cli.options import (
    LangChoice,
    LangOpt,
    ListFormat,
    ListFormatOpt,
    ProfileArg,
    RulesOpt,
    SetOpt,
    note_changes,
)

ModelOpt = Annotated[
    str | None,
    typer.Option("--model", "-m", help="Why (not) this model: also the rules that did not fire."),
]

SegmentOpt = Annotated[
    str | None,
    typer.Option(
        "--segment",
        help="The models as scored on one customer segment's own answers (consumers, businesses).",
    ),
]


def explain(
    profile: ProfileArg,
    model: ModelOpt = None,
    segment: SegmentOpt = None,
    format: ListFormatOpt = ListFormat.table,
    lang: LangOpt = LangChoice.es,
    rules: RulesOpt = None,
    sets: SetOpt = None,
) -> None:
    """Every rule that fired for every model, with the values it read."""
    import json

    from modelo_servicio.app.service import explain_file
    from modelo_servicio.cli.options import language
    from modelo_servicio.cli.output import emit, width

    explanation = explain_file(profile, language(lang), rules, model, tuple(sets or ()), segment)
    note_changes(profile, sets, language(lang))
    if format == ListFormat.json:
        text = json.dumps(explanation.model_dump(mode="json"), ensure_ascii=False, indent=2)
        emit(text + "\n", json=True)
        return
    from modelo_servicio.render.explain_text import ExplainText

    emit(ExplainText(width=width()).format(explanation))


def register(app: typer.Typer) -> None:
    app.command("explain")(explain)
