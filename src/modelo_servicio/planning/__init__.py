"""The implementation plan: staffing per channel, staffing and training gaps, phases, KPIs.

Follows the seed's four steps: the needs (demand per channel -> staffing), the current team
(who fits which role), the decision (the recommended model, or each hybrid component, and its
roles), and the gaps (training first, then hires within the constraints), laid out in weeks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from modelo_servicio.domain.plan_model import Plan

if TYPE_CHECKING:
    from modelo_servicio.domain.i18n import Lang
    from modelo_servicio.engine.scoring import Evaluation
    from modelo_servicio.planning.tables import PlanTables


def build_plan(evaluation: Evaluation, tables: PlanTables, lang: Lang) -> Plan:
    """The plan for the recommended model of ``evaluation``, texts in ``lang``, from the plan
    files of the knowledge base compiled in ``tables``."""
    from modelo_servicio.planning.build import assignments_out, draft, staffing_out
    from modelo_servicio.planning.outline import cost_of, notes, phases_and_kpis

    d = draft(evaluation, tables, lang)
    staffing = staffing_out(d)
    phases, kpis, timeline = phases_and_kpis(d)
    cost = cost_of(d)
    # phases, indicators and assignments are plain fields: one validation builds them all
    return Plan.model_validate(
        {
            "staffing": staffing,
            "training": d.training,
            "phases": phases,
            "kpis": kpis,
            "models": list(d.models),
            "assignments": assignments_out(d),
            "timeline": timeline,
            "cost": cost,
            "notes": notes(d, staffing, phases, timeline, cost),
        }
    )
