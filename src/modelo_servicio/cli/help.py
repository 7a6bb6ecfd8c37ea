"""``--help`` in the reader's language.

Typer fixes help strings when the module is imported; the language is known only from the
command line (``--lang``, anywhere in it) or ``MODELO_SERVICIO_LANG``. So the root group,
before it parses its arguments, rewrites the help of the command tree it just built (a fresh
tree every invocation) from ``locale/help.yaml``: ``help.<command path>`` for a command,
``help.<command path>.<option>`` or else ``help.any.<option>`` for an option. A text with no
entry is left as written.

``--help`` must stay light (tests/test_startup_imports.py: no YAML parser, no pydantic), so
this module reads help.yaml's one-line entries (``key: {es: "…", en: "…"}``, JSON-style
strings) itself; a test checks that it reads exactly what the message catalogue reads.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import Any, Literal

HelpLang = Literal["es", "en"]
_ENTRY = re.compile(r'^(help\.[\w.]+): \{es: ("(?:[^"\\]|\\.)*"), en: ("(?:[^"\\]|\\.)*")\}$')


def _lang(value: str | None) -> HelpLang:
    """Like ``i18n.lang_from_env``: English when the value starts with ``en``."""
    raw = (value or os.environ.get("MODELO_SERVICIO_LANG") or "es").strip().lower()
    return "en" if raw.startswith("en") else "es"


def help_language(args: Sequence[str]) -> HelpLang:
    """``--lang X`` / ``--lang=X`` anywhere in ``args``, else the environment, else Spanish."""
    for index, arg in enumerate(args):
        if arg == "--lang" and index + 1 < len(args):
            return _lang(args[index + 1])
        if arg.startswith("--lang="):
            return _lang(arg.partition("=")[2])
    return _lang(None)


@cache
def texts() -> dict[str, dict[str, str]]:
    """``help.*`` key -> {"es": …, "en": …}, read once per process (packaged data only)."""
    source = resources.files("modelo_servicio").joinpath("locale", "help.yaml")
    out: dict[str, dict[str, str]] = {}
    for line in source.read_text("utf-8").splitlines():
        match = _ENTRY.match(line)
        if match:
            out[match.group(1)] = {
                "es": json.loads(match.group(2)),
                "en": json.loads(match.group(3)),
            }
    return out


def translate(command: Any, lang: HelpLang, path: str = "app") -> None:
    """Set the help of ``command``, its options and its subcommands in ``lang``."""
    table = texts()
    entry = table.get(f"help.{path}")
    if entry is not None:
        command.help = entry[lang]
        command.short_help = None
    for param in command.params:
        if not hasattr(param, "help"):
            continue
        found = table.get(f"help.{path}.{param.name}") or table.get(f"help.any.{param.name}")
        if found is not None:
            param.help = found[lang]
    for name, sub in getattr(command, "commands", {}).items():
        translate(sub, lang, name if path == "app" else f"{path}.{name}")
