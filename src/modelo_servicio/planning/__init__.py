"""The implementation plan: staffing per channel, staffing and training gaps, phases, KPIs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from modelo_servicio.plan_model import Plan

if TYPE_CHECKING:
    from modelo_servicio.engine import Evaluation
    from modelo_servicio.i18n import Lang
    from modelo_servicio.kb.loader import KnowledgeBase


def build_plan(evaluation: Evaluation, kb: KnowledgeBase, lang: Lang) -> Plan:
    """Placeholder until the planning work lands: an empty plan."""
    return Plan()
