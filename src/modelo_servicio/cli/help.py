"""``--help`` in the reader's language.

Typer fixes help strings when the module is imported; the language is known only from the
command line (``--lang``, anywhere in it) or ``MODELO_SERVICIO_LANG``. So the root group,
before it parses its arguments, rewrites the help of the command tree it just built (a fresh
tree every invocation) from ``locale/help.yaml``: ``help.<command path>`` for a command,
``help.<command path>.<option>`` or else ``help.any.<option>`` for an option. A text with no
entry is left as written.

Click's own words (``Usage:``, ``Options:``, ``[required]``, ``[default: …]``, the help
option's "Show this message and exit.", the type placeholders ``<path>``…) are written by the
help formatter; ``translate`` gives every command of the tree a context whose formatter puts
them in the same language, from ``help.click.*`` entries of the same file.

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

import typer
from typer._click.formatting import HelpFormatter

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


def _word(key: str, lang: HelpLang) -> str:
    return texts()[f"help.click.{key}"][lang]


_EXTRA = re.compile(r"^(?P<help>.*?)(?P<gap> {2})?\[(?P<extra>[^\[\]]*)\]$", re.DOTALL)
_PLACEHOLDER = re.compile(r"<([a-z]+(?:\[[a-z]+\]| range)?)>")
_EXTRA_WORDS = {"required": "required", "default": "default", "env var": "env_var"}
_TYPES = {
    "path": "type_path",
    "file": "type_file",
    "dir": "type_dir",
    "str": "type_text",
    "int": "type_int",
    "int range": "type_int",
    "float": "type_number",
    "list[str]": "type_paths",
}
_HEADINGS = {"Options": "options", "Arguments": "arguments", "Commands": "commands"}
_USAGE_WORDS = (("[OPTIONS]", "usage_options"), ("COMMAND [ARGS]...", "usage_command"))


def _names(value: str, lang: HelpLang) -> str:
    """The placeholder names the commands declare (``KEY=VALUE``, ``PATH``, ``FILE.md``) and
    the defaults they describe in words, in ``lang``: ``help.click.name_*`` entries hold
    each one's English and its translation."""
    if lang == "en":
        return value
    for key, entry in texts().items():
        if key.startswith("help.click.name_") and entry["en"] in value:
            value = re.sub(rf"(?<![\w.-]){re.escape(entry['en'])}(?![\w])", entry[lang], value)
    return value


class LocalFormatter(HelpFormatter):
    """Click's help formatter with click's own words in ``lang`` (a subclass per language,
    since click makes the formatter from a class attribute of the context)."""

    lang: HelpLang = "en"

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        for english, key in _USAGE_WORDS:
            args = args.replace(english, _word(key, self.lang))
        label = _word("usage", self.lang) if prefix is None else prefix
        super().write_usage(prog, self.placeholders(args), label)

    def write_heading(self, heading: str) -> None:
        key = _HEADINGS.get(heading)
        super().write_heading(heading if key is None else _word(key, self.lang))

    def write_dl(
        self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        out = [(self.placeholders(first), self.extras(second)) for first, second in rows]
        super().write_dl(out, col_max, col_spacing)

    def placeholders(self, value: str) -> str:
        """``<path>``, ``<file>``… in words of the language (choices like ``<es|en>`` stay)."""

        def word(match: re.Match[str]) -> str:
            key = _TYPES.get(match.group(1))
            return match.group(0) if key is None else f"<{_word(key, self.lang)}>"

        return _names(_PLACEHOLDER.sub(word, value), self.lang)

    def extras(self, value: str) -> str:
        """The option's help with the bracketed notes (``[required]``, ``[default: x]``,
        ``[env var: X]``) in the language, and the help option's own sentence."""
        if value == "Show this message and exit.":
            return _word("help", self.lang)
        match = _EXTRA.match(value)
        if match is None:
            return value
        notes = []
        for note in match.group("extra").split("; "):
            name, colon, rest = note.partition(": ")
            key = _EXTRA_WORDS.get(name)
            if key is not None:
                note = f"{_word(key, self.lang)}{colon}{_names(rest, self.lang)}"
            notes.append(note)
        gap = match.group("gap") or ""
        return f"{match.group('help')}{gap}[{'; '.join(notes)}]"


class SpanishFormatter(LocalFormatter):
    lang: HelpLang = "es"


class EnglishContext(typer.Context):
    formatter_class = LocalFormatter


class SpanishContext(typer.Context):
    formatter_class = SpanishFormatter


CONTEXTS: dict[HelpLang, type[typer.Context]] = {"es": SpanishContext, "en": EnglishContext}
"""The context class that writes click's words in each language (read-only)."""


def translate(command: Any, lang: HelpLang, path: str = "app") -> None:
    """Set the help of ``command``, its options and its subcommands in ``lang``, and the
    context class that writes click's own words in it."""
    table = texts()
    command.context_class = CONTEXTS[lang]
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
