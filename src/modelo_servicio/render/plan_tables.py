"""Rich tables of the implementation plan (filled in by the planning work)."""

from __future__ import annotations

from rich.console import RenderableType

from modelo_servicio.i18n import Lang
from modelo_servicio.plan_model import Plan


def plan_blocks(plan: Plan, lang: Lang) -> list[RenderableType]:
    return []
