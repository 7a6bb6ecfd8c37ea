"""The ``modelo-servicio`` application: commands are registered here, errors translated here.

``ErrorHandlingGroup.invoke`` is the one place where the project's ``ModeloError`` becomes a
message on stderr and an exit code, for the installed command and for ``CliRunner`` alike. The
error carries its messages untranslated; they are written here, in the command's language. It
also makes stdout and stderr take any encoding (``cli.output.prepare_streams``) and shows the
message's input-derived text visibly (no terminal escape from a file reaches the terminal).
"""

from __future__ import annotations

import sys
from typing import Any

import typer
from typer.core import TyperGroup

from modelo_servicio import __version__


class ErrorHandlingGroup(TyperGroup):
    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:  # type: ignore[override]
        """Help texts in the language of the command line, before ``--help`` prints them."""
        from modelo_servicio.cli.help import CONTEXTS, help_language, translate

        lang = help_language(args)
        translate(self, lang)
        # this context exists already: its own formatter writes click's words in ``lang`` too
        ctx.formatter_class = CONTEXTS[lang].formatter_class
        return super().parse_args(ctx, args)

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        from modelo_servicio.cli.output import prepare_streams, say
        from modelo_servicio.domain.errors import ModeloError

        prepare_streams()
        try:
            return super().invoke(ctx)
        except ModeloError as exc:
            from modelo_servicio.cli.options import error_language

            say(exc.render(error_language(ctx)))
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt as exc:
            say(exc.args[0] if exc.args else "Interrumpido / interrupted.")
            ctx.exit(getattr(exc, "exit_code", 130))
        except BrokenPipeError:
            sys.stderr.close()
            ctx.exit(0)


app = typer.Typer(
    name="modelo-servicio",
    cls=ErrorHandlingGroup,
    help="Asesor de modelos de atención al cliente / customer-support model advisor.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"modelo-servicio {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version."
    ),
) -> None:
    """Asesor de modelos de atención al cliente / customer-support model advisor."""


def _register() -> None:
    import importlib

    for name in (
        "score",
        "explain",
        "report",
        "batch",
        "interview",
        "staffing",
        "models",
        "schema",
        "whatif",
        "compare",
        "template",
    ):
        try:
            module = importlib.import_module(f"modelo_servicio.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"modelo_servicio.cli.{name}":
                raise
            continue
        module.register(app)
    from modelo_servicio.cli import rules

    app.add_typer(rules.rules_app, name="rules")


_register()


def main() -> None:
    app()
