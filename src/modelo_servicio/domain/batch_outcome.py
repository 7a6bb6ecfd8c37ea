"""What a batch run produces, profile by profile: plain data that the batch (``app.batch``)
fills and the summaries (``render.md_index``) read, so the renderer needs nothing from the
application layer above it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Outcome:
    """One document of one file: a rendered report and its summary row, or an error."""

    source: str
    document: int
    company: str
    text: str | None = None
    row: dict[str, Any] = field(default_factory=dict)
    error: str | None = None


@dataclass
class Summary:
    profiles: int = 0
    reports: int = 0
    failures: int = 0
    files: int = 0
