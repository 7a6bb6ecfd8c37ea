from __future__ import annotations

import typer

rules_app = typer.Typer(help="Validate and test rule sets.", no_args_is_help=True)
