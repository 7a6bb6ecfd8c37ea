"""Writing command output: stdout, or a file written atomically."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path


def width() -> int:
    return max(80, min(shutil.get_terminal_size((100, 24)).columns, 120))


def emit(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def write(path: Path, text: str | bytes) -> None:
    from modelo_servicio.domain.yamlio import atomic_write

    atomic_write(path, text)
