from __future__ import annotations

import typer

from modelo_servicio.cli.options import LangChoice, LangOpt, ListFormat, ListFormatOpt, RulesOpt


def models(
    format: ListFormatOpt = ListFormat.table,
    lang: LangOpt = LangChoice.es,
    rules: RulesOpt = None,
) -> None:
    """The eight support models: description, channels, skills, roles, cost."""
    from modelo_servicio.app.advisor import Advisor
    from modelo_servicio.app.service import use_language
    from modelo_servicio.cli.output import emit, width
    from modelo_servicio.render.catalog import CatalogJson, CatalogTable

    language = use_language(lang.value)
    kb = Advisor.build(rules).kb
    renderer = CatalogJson() if format == ListFormat.json else CatalogTable(width=width())
    emit(renderer.format(kb, language))


def register(app: typer.Typer) -> None:
    app.command("models")(models)
