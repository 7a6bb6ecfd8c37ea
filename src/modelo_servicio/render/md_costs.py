"""The implementation plan, part three: what it costs (monthly and one-off, by kind, the full
model's cost against the budget), the risk register and the next three steps."""

from __future__ import annotations

from modelo_servicio.domain.numbers import amount
from modelo_servicio.domain.plan_model import Costs, Plan
from modelo_servicio.render.md_context import Ctx
from modelo_servicio.render.md_escape import cell, table, text


def costs(c: Ctx, p: Plan) -> str:
    found = p.costs
    if found is None:
        return ""
    cur = found.currency

    def money(value: float) -> str:
        return cell(amount(value, c.lang, cur))

    rows = [
        [
            cell(line.name),
            cell(line.detail),
            money(line.monthly) if line.monthly else "—",
            money(line.one_off) if line.one_off else "—",
        ]
        for line in found.lines
    ]
    rows.append(
        [
            f"**{c.t('plan.costs.total')}**",
            "",
            f"**{money(found.monthly['total'])}**",
            f"**{money(found.one_off['total'])}**",
        ]
    )
    rows.append(
        [
            cell(c.t("plan.costs.full_model")),
            cell(c.t("plan.costs.full_model_detail")),
            money(found.full_model_monthly),
            money(found.full_model_one_off),
        ]
    )
    headers = c.headers(
        "report.col.concept",
        "plan.costs.col.detail",
        "plan.costs.col.monthly",
        "plan.costs.col.once",
    )
    out = [f"### {c.t('plan.costs.h')}", table(headers, rows, right=(2, 3))]
    out.append(text(verdict(c, found)))
    if found.source:
        out.append(text(c.t("plan.costs.source", source=found.source)))
    return "\n\n".join(out)


def verdict(c: Ctx, found: Costs) -> str:
    cur = found.currency
    values = {
        "planned": amount(found.monthly["total"], c.lang, cur),
        "full": amount(found.full_model_monthly, c.lang, cur),
        "budget": amount(found.budget or 0, c.lang, cur),
    }
    if found.budget is None:
        return c.t("plan.costs.no_budget", **values)
    key = "plan.costs.fits" if found.fits else "plan.costs.over"
    line = c.t(key, **values)
    if found.full_model_monthly > found.monthly["total"] + 0.5:
        full = "plan.costs.full_fits" if found.full_model_fits else "plan.costs.full_over"
        times = found.full_model_monthly / found.budget if found.budget else 0.0
        line += " " + c.t(full, times=c.num(times), **values)
    return line


def risks(c: Ctx, p: Plan) -> str:
    if not p.risks:
        return ""
    rows = [
        [
            cell(r.risk),
            c.t(f"plan.level.{r.likelihood}"),
            c.t(f"plan.impact.{r.impact}"),
            cell(r.mitigation),
            cell(r.owner),
        ]
        for r in p.risks
    ]
    headers = c.headers(
        "plan.risks.col.risk",
        "plan.risks.col.likelihood",
        "plan.risks.col.impact",
        "plan.risks.col.mitigation",
        "plan.risks.col.owner",
    )
    return "\n\n".join([f"### {c.t('plan.risks.h')}", table(headers, rows)])


def next_steps(c: Ctx, p: Plan) -> str:
    if not p.next_steps:
        return ""
    lines = [
        f"{index}. "
        + text(c.t("plan.next.line", step=s.step, owner=s.owner or "—", week=str(s.week)))
        for index, s in enumerate(p.next_steps, 1)
    ]
    return "\n\n".join([f"### {c.t('plan.next.h')}", "\n".join(lines)])
