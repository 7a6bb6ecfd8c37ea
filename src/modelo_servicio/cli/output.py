"""Writing command output: stdout, or a file written atomically (``domain.output``).

The edge where text reaches the user: everything printed goes through ``emit``/``say``, which
show control and bidi characters visibly (``domain.text.visible``), and ``prepare_streams``
makes any output encoding work (what a legacy code page cannot encode is replaced in text;
JSON becomes ASCII with ``\\u`` escapes, which is the same data).
"""

from __future__ import annotations

import contextlib
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from modelo_servicio.domain.i18n import Lang


def width() -> int:
    return max(80, min(shutil.get_terminal_size((100, 24)).columns, 120))


def prepare_streams() -> None:
    """stdout and stderr replace what their encoding cannot hold instead of raising
    ``UnicodeEncodeError`` (``PYTHONIOENCODING=cp1252``, a redirected Windows console)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and not _is_utf8(stream):
            with contextlib.suppress(ValueError, OSError):  # a stream that cannot
                reconfigure(errors="replace")


def _is_utf8(stream: Any) -> bool:
    encoding = str(getattr(stream, "encoding", None) or "utf-8").lower().replace("_", "-")
    return encoding in ("utf-8", "utf8")


def emit(text: str, json: bool = False) -> None:
    """Command output on stdout; ``json`` text stays valid JSON (escapes, not replacements)."""
    from modelo_servicio.domain.text import json_text, visible

    stream = sys.stdout
    safe = json_text(text, ascii_only=not _is_utf8(stream)) if json else visible(text)
    stream.write(safe)
    stream.flush()


def say(message: object) -> None:
    """A message for the user on stderr, input-derived parts shown visibly."""
    import typer

    from modelo_servicio.domain.text import visible

    typer.echo(visible(message), err=True)


def write(path: Path, text: str | bytes, lang: Lang) -> None:
    """``text`` (or raw bytes, e.g. a PDF) into ``path`` (``-``: stdout) through the one safe
    writer."""
    from modelo_servicio.domain.output import is_stdout, write_atomic

    if is_stdout(path):
        if isinstance(text, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(text)
            sys.stdout.buffer.flush()
        else:
            emit(text)
        return
    write_atomic(path, text, lang)


def check(path: Path | None, lang: Lang) -> None:
    """Refuse an output path that cannot be written, before any work is done."""
    if path is None:
        return
    from modelo_servicio.domain.output import check_writable, is_stdout

    if not is_stdout(path):
        check_writable(path, lang)
