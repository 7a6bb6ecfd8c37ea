"""``--help`` follows ``--lang`` / MODELO_SERVICIO_LANG (Spanish by default), for every
command and option."""

from __future__ import annotations

from typing import Any

import pytest
import typer.main
from typer.testing import CliRunner

from modelo_servicio.cli.app import app
from modelo_servicio.cli.help import help_language, texts
from modelo_servicio.domain.i18n import _catalog, has


def _tree(command: Any, path: str = "app") -> list[tuple[str, Any]]:
    out = [(path, command)]
    for name, sub in getattr(command, "commands", {}).items():
        out += _tree(sub, name if path == "app" else f"{path}.{name}")
    return out


def test_every_command_and_option_has_help_in_both_languages() -> None:
    missing = []
    for path, command in _tree(typer.main.get_command(app)):
        if not has(f"help.{path}"):
            missing.append(path)
        for param in command.params:
            keys = (f"help.{path}.{param.name}", f"help.any.{param.name}")
            if getattr(param, "help", None) and not any(has(k) for k in keys):
                missing.append(f"{path} {param.name}")
    assert missing == []


@pytest.mark.parametrize(
    ("args", "env", "expected", "absent"),
    [
        (["report", "--help"], {}, "Escribe el informe", "Write the recommendation"),
        (["report", "--help", "--lang", "en"], {}, "Write the recommendation", "Escribe el"),
        (["report", "--lang=en", "--help"], {}, "Brand file (YAML)", "Archivo de marca"),
        (["report", "--help"], {"MODELO_SERVICIO_LANG": "en"}, "Output language", "Idioma"),
        (["--help"], {}, "Clasifica los ocho modelos", "Rank the eight"),
        (["rules", "test", "--help"], {}, "Falla también", "Fail also"),
        (["staffing", "--help", "--lang", "en"], {}, "Concurrent chats", "Chats simultáneos"),
    ],
)
def test_help_follows_the_language(
    args: list[str], env: dict[str, str], expected: str, absent: str
) -> None:
    result = CliRunner().invoke(app, args, env={"MODELO_SERVICIO_LANG": "", **env})
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert expected in text and absent not in text


def test_the_light_reader_reads_what_the_catalogue_reads() -> None:
    """cli/help.py parses help.yaml without a YAML library (``--help`` stays light): every
    entry of the file, read by the real YAML reader, must come out the same."""
    catalogue = {k: v for k, v in _catalog().items() if k.startswith("help.")}
    assert len(catalogue) > 40
    assert texts() == catalogue


def test_language_from_the_command_line_first() -> None:
    assert help_language(["x", "--lang", "en"]) == "en"
    assert help_language(["--lang=es"]) == "es"


CLICK_ENGLISH = (
    "Usage:",
    "Options:",
    "Arguments:",
    "Commands:",
    "Show this message and exit.",
    "[required]",
    "default:",
    "env var:",
    "<path>",
    "<file>",
    "<dir>",
    "<str>",
    "KEY=VALUE",
    "[OPTIONS]",
    "from rules/",
)
"""Click's own words: none may remain on a Spanish ``--help`` screen."""

COMMAND_PATHS = [
    path.split(".") if path != "app" else [] for path, _ in _tree(typer.main.get_command(app))
]


CLICK_SPANISH = ("Uso:", "Opciones:", "Muestra esta ayuda", "obligatorio", "por defecto:")
"""Their Spanish words: none may remain on an English screen."""
SCREENS = {
    "": ("Uso: ", "Muestra esta ayuda y termina.", CLICK_ENGLISH),
    "en": ("Usage: ", "Show this message and exit.", CLICK_SPANISH),
}


@pytest.mark.parametrize("env", ["", "en"], ids=["spanish-by-default", "english-on-request"])
@pytest.mark.parametrize("path", COMMAND_PATHS, ids=lambda p: " ".join(p) or "root")
def test_every_help_screen_is_in_one_language(path: list[str], env: str) -> None:
    start, help_line, foreign = SCREENS[env]
    result = CliRunner().invoke(app, [*path, "--help"], env={"MODELO_SERVICIO_LANG": env})
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(start)
    assert help_line in result.stdout
    left = [word for word in foreign if word in result.stdout]
    assert left == [], result.stdout


@pytest.mark.parametrize(
    ("args", "lang", "expected"),
    [
        (["report", "--help"], "es", ["Argumentos:", "perfil <ruta>", "[obligatorio]"]),
        (["report", "--help", "--lang", "en"], "en", ["Arguments:", "[required]"]),
        (["score", "--help"], "es", ["[variable de entorno: MODELO_SERVICIO_LANG; por defecto"]),
        (["score", "--lang=en", "--help"], "en", ["[env var: MODELO_SERVICIO_LANG; default"]),
        (["rules", "--help"], "es", ["Comandos:", "COMANDO [ARGUMENTOS]..."]),
        (["rules", "--help"], "en", ["Commands:", "COMMAND [ARGS]..."]),
        (["staffing", "--help"], "es", ["<número>", "según rules/staffing.yaml"]),
        (["batch", "--help"], "es", ["RUTA...", "<carpeta>"]),
        (["interview", "--help"], "es", ["--set CLAVE=VALOR", "[SALIDA.yaml]"]),
        (["compare", "--help", "--lang", "en"], "en", ["before <path>", "after <path>"]),
        (["compare", "--help"], "es", ["antes <ruta>", "después <ruta>"]),
    ],
)
def test_click_words_follow_the_command_line_language(
    args: list[str], lang: str, expected: list[str]
) -> None:
    """``--lang`` when the command takes it, else the environment (a group has no --lang)."""
    env = "" if any(a.startswith("--lang") for a in args) else lang
    result = CliRunner().invoke(app, args, env={"MODELO_SERVICIO_LANG": env})
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    for phrase in expected:
        assert " ".join(str(phrase).split()) in text, (phrase, lang)
