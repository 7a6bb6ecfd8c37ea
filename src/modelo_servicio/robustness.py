"""How solid a recommendation is: margin, single-answer changes that flip it, verdict."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from modelo_servicio.engine import Engine, Evaluation


@dataclass(frozen=True)
class Flip:
    field: str
    value: Any
    current: Any
    model: str


@dataclass(frozen=True)
class Robustness:
    margin: float
    robust: bool
    flips: list[Flip]


def analyse(engine: Engine, evaluation: Evaluation) -> Robustness:
    """Placeholder until the robustness work lands: margin only."""
    margin = evaluation.margin
    return Robustness(margin=margin, robust=margin >= engine.settings.robust_margin, flips=[])
