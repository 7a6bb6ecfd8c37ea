"""The implementation plan: staffing per channel, staffing and training gaps, phases, KPIs.

Follows the seed's four steps: the needs (demand per channel -> staffing), the current team
(who fits which role), the decision (the recommended model, or each hybrid component, and its
roles), and the gaps (training first, then hires within the constraints), laid out in weeks.
"""

from __future__ import annotations

import datetime
from dataclasses import replace
from typing import TYPE_CHECKING

from modelo_servicio.domain.plan_model import Plan

if TYPE_CHECKING:
    from modelo_servicio.domain.i18n import Lang
    from modelo_servicio.engine.scoring import Evaluation
    from modelo_servicio.planning.tables import PlanTables


def build_plan(
    evaluation: Evaluation, tables: PlanTables, lang: Lang, start: datetime.date | None = None
) -> Plan:
    """The plan for the recommended model of ``evaluation``, texts in ``lang``, from the plan
    files of the knowledge base compiled in ``tables``; ``start`` (else the profile's
    ``assessment.date``) dates the phases, closed weeks skipped."""
    from modelo_servicio.planning import kb as pkb
    from modelo_servicio.planning.build import assignments_out, draft, staffing_out
    from modelo_servicio.planning.costs import (
        add_dates,
        costs_of,
        next_steps,
        phase_details,
        risk_needs,
        risks_of,
    )
    from modelo_servicio.planning.outline import facts_of, notes, phases_and_kpis
    from modelo_servicio.planning.outline import ready_movers as movers

    d = draft(evaluation, tables, lang)
    staffing = staffing_out(d)
    phases, kpis, timeline = phases_and_kpis(d)
    facts = facts_of(d, movers(d))
    costs = costs_of(d, facts)
    facts = replace(facts, needs=facts.needs | risk_needs(d, costs, timeline))
    phase_details(d, phases, costs)
    first = start or (evaluation.profile.assessment and evaluation.profile.assessment.date)
    if first:
        add_dates(phases, first, pkb.calendar(tables.kb))
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
            "notes": notes(d, staffing, phases, timeline),
            "costs": costs,
            "risks": risks_of(d, facts),
            "next_steps": next_steps(phases),
        }
    )


def build_plan_for(evaluation: Evaluation, tables: PlanTables, lang: Lang, model: str) -> Plan:
    """The plan ``model`` would get were it the recommendation (``whatif --compare-models``):
    the same evaluation with ``model`` ranked first, so the plan is built the one way."""
    from dataclasses import replace

    ranking = [model, *(m for m in evaluation.ranking if m != model)]
    return build_plan(replace(evaluation, ranking=ranking), tables, lang)
