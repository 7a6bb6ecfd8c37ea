"""What the consultant's comparison tools produce: the answers a what-if changes, the figures
before and after, two models side by side, and a follow-up assessment between two dated
profiles. Plain data, so that the renderers (``render/whatif_text``, ``render/compare_text``)
depend on the domain and not on the application that computes it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from modelo_servicio.domain.figures import Figures


@dataclass(frozen=True)
class Change:
    """One ``--set``: the field path and its value before (``None``: absent) and after."""

    path: str
    before: Any
    after: Any


@dataclass(frozen=True)
class WhatIf:
    company: str
    changes: list[Change]
    before: Figures
    after: Figures


@dataclass(frozen=True)
class SideBySide:
    company: str
    models: list[Figures]


@dataclass(frozen=True)
class AnswerChange:
    path: str
    before: Any
    after: Any


@dataclass(frozen=True)
class Training:
    """One training item of the earlier plan and where that person stands now."""

    person: str
    skill: str
    skill_name: str
    before: int | None
    now: int | None
    """``None``: the person is no longer on the team."""
    required: int

    @property
    def done(self) -> bool:
        return self.now is not None and self.now >= self.required


@dataclass(frozen=True)
class Indicator:
    """A KPI of the earlier plan; ``met`` is ``None`` when the profile cannot measure it."""

    id: str
    name: str
    target: str
    now: Any = None
    """The measure now: a service level (``satisfaction``) or ``[done, planned]`` training
    levels (``training-done``)."""
    met: bool | None = None


@dataclass(frozen=True)
class Followup:
    company: str
    before_date: str | None
    after_date: str | None
    before_label: str
    after_label: str
    answers: list[AnswerChange]
    before: Figures
    after: Figures
    hires_planned: int
    joined: list[str]
    left: list[str]
    training: list[Training]
    opened: list[str]
    closed: list[str]
    indicators: list[Indicator] = field(default_factory=list)

    @property
    def hires_made(self) -> int:
        return len(self.joined)
