from __future__ import annotations

import typer

from modelo_servicio.cli.options import RulesOpt


def schema(rules: RulesOpt = None) -> None:
    """JSON Schema of the company profile (for editors' YAML language servers): the
    channels, models and skills of the knowledge base (``--rules`` adds a consultancy's)."""
    import json

    from modelo_servicio.app.advisor import Advisor
    from modelo_servicio.cli.output import emit
    from modelo_servicio.domain.profile import json_schema

    catalogue = Advisor.build(rules).catalogue
    emit(json.dumps(json_schema(catalogue), ensure_ascii=False, indent=2) + "\n", json=True)


def register(app: typer.Typer) -> None:
    app.command("schema")(schema)
