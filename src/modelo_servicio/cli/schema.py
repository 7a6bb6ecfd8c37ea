from __future__ import annotations

import typer


def schema() -> None:
    """JSON Schema of the company profile (for editors' YAML language servers)."""
    import json

    from modelo_servicio.cli.output import emit
    from modelo_servicio.domain.profile import json_schema

    emit(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n", json=True)


def register(app: typer.Typer) -> None:
    app.command("schema")(schema)
