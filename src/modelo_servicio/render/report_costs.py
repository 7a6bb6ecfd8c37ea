"""The plan's money and risks as plain rows, built once for every format: the cost table and
its verdict against the budget, the risk register and the next steps (split from
``report_rows``, which holds the other tables, on the same terms: plain text, never markup)."""

from __future__ import annotations

from modelo_servicio.domain.numbers import amount
from modelo_servicio.domain.plan_model import Costs, Plan
from modelo_servicio.render.md_context import Ctx
from modelo_servicio.render.report_rows import Rows


def costs(c: Ctx, found: Costs) -> Rows:
    """Monthly and one-off cost by kind, the total (in bold) and the full model's cost."""
    cur = found.currency

    def money(value: float) -> str:
        return amount(value, c.lang, cur)

    rows = [
        [
            line.name,
            line.detail,
            money(line.monthly) if line.monthly else "—",
            money(line.one_off) if line.one_off else "—",
        ]
        for line in found.lines
    ]
    total = len(rows)
    rows.append(
        [
            c.t("plan.costs.total"),
            "",
            money(found.monthly["total"]),
            money(found.one_off["total"]),
        ]
    )
    rows.append(
        [
            c.t("plan.costs.full_model"),
            c.t("plan.costs.full_model_detail"),
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
    return Rows(headers, rows, (2, 3), frozenset({(total, 0), (total, 2), (total, 3)}))


def costs_verdict(c: Ctx, found: Costs) -> str:
    """The plan's monthly cost against the budget, and the full model's when it costs more."""
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


def risks(c: Ctx, p: Plan) -> Rows:
    rows = [
        [
            r.risk,
            c.t(f"plan.level.{r.likelihood}"),
            c.t(f"plan.impact.{r.impact}"),
            r.mitigation,
            r.owner,
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
    return Rows(headers, rows)


def next_steps(c: Ctx, p: Plan) -> list[str]:
    """The next steps in order, each with its owner and week."""
    return [
        c.t("plan.next.line", step=s.step, owner=s.owner or "—", week=str(s.week))
        for s in p.next_steps
    ]
