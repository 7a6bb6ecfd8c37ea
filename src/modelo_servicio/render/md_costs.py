"""The implementation plan, part three: what it costs (monthly and one-off, by kind, the full
model's cost against the budget), the risk register and the next three steps."""

from __future__ import annotations

from modelo_servicio.domain.plan_model import Plan
from modelo_servicio.render import report_costs
from modelo_servicio.render.md_context import Ctx
from modelo_servicio.render.md_escape import plain_table, text


def costs(c: Ctx, p: Plan) -> str:
    found = p.costs
    if found is None:
        return ""
    rows = report_costs.costs(c, found)
    table_md = plain_table(rows.headers, rows.rows, rows.right, rows.strong)
    out = [f"### {c.t('plan.costs.h')}", table_md]
    out.append(text(report_costs.costs_verdict(c, found)))
    if found.source:
        out.append(text(c.t("plan.costs.source", source=found.source)))
    return "\n\n".join(out)


def risks(c: Ctx, p: Plan) -> str:
    if not p.risks:
        return ""
    rows = report_costs.risks(c, p)
    table_md = plain_table(rows.headers, rows.rows, rows.right)
    return "\n\n".join([f"### {c.t('plan.risks.h')}", table_md])


def next_steps(c: Ctx, p: Plan) -> str:
    if not p.next_steps:
        return ""
    steps = report_costs.next_steps(c, p)
    lines = [f"{index}. " + text(step) for index, step in enumerate(steps, 1)]
    return "\n\n".join([f"### {c.t('plan.next.h')}", "\n".join(lines)])
