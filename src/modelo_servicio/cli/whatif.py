"""``modelo-servicio whatif``: the recommendation, staff, hires, cost and risks before and after
some ``--set`` changes, side by side; or two models' plans side by side. The file is not
touched."""

from __future__ import annotations

from typing import Annotated

import typer

from modelo_servicio.cli.options import (
    BrandOpt,
    LangChoice,
    LangOpt,
    ProfileArg,
    RulesOpt,
    SetOpt,
    SidesFormat,
    SidesFormatOpt,
)


def whatif(
    profile: ProfileArg,
    sets: SetOpt = None,
    compare_models: Annotated[
        str | None,
        typer.Option(
            "--compare-models",
            metavar="A,B",
            help="Two models' plans side by side (plan, FTE, cost, hires, risks), e.g. "
            "concierge,convenient.",
            show_default=False,
        ),
    ] = None,
    format: SidesFormatOpt = SidesFormat.table,
    brand: BrandOpt = None,
    lang: LangOpt = LangChoice.es,
    rules: RulesOpt = None,
) -> None:
    """Try changes without editing the file: before and after side by side."""
    from modelo_servicio.app import whatif as lib
    from modelo_servicio.app.advisor import Advisor
    from modelo_servicio.cli.options import language as chosen
    from modelo_servicio.cli.output import emit, width
    from modelo_servicio.domain.errors import UsageError
    from modelo_servicio.domain.i18n import t
    from modelo_servicio.render import whatif_text as out

    language = chosen(lang)
    identity = None
    if brand is not None:
        from modelo_servicio.domain.brand import load_brand

        identity = load_brand(brand, language)
    advisor = Advisor.build(rules)
    kb = advisor.kb
    if compare_models is not None:
        models = lib.check_models(compare_models, list(kb.models), language)
        sides = lib.compare_models(profile, language, rules, sets or (), models)
        if format == SidesFormat.json:
            emit(out.models_json(sides))
        else:
            document = out.models_document(sides, language)
            if format == SidesFormat.html:
                emit(out.models_html(sides, document, language, identity))
            else:
                emit(out.render_document(document, format.value, width()))
        return
    if not sets:
        raise UsageError(t("whatif.need_set", language))
    result = lib.whatif(profile, language, rules, sets)
    if format == SidesFormat.json:
        emit(out.whatif_json(result))
        return
    from modelo_servicio.render.answers import Answers

    document = out.whatif_document(result, Answers(kb, language, advisor.questions))
    if format == SidesFormat.html:
        emit(out.whatif_html(result, document, language, identity))
    else:
        emit(out.render_document(document, format.value, width()))


def register(app: typer.Typer) -> None:
    app.command("whatif")(whatif)
