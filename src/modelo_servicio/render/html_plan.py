"""The implementation plan of the HTML report, in the markdown report's order and with its
rows (``render.report_rows``): staffing with its chart (staff needed against staff today) and
assumptions, roles with their gaps and hires, people, training, phases with a gantt chart, next
steps, indicators, costs with the chart against the budget, risks and notes; then the service
level. Sections whose data is missing are left out.
"""

from __future__ import annotations

from modelo_servicio.domain.plan_model import Plan
from modelo_servicio.render import report_costs, report_parts, report_rows, svg
from modelo_servicio.render.html_model import Section, Table, rich, table
from modelo_servicio.render.md_context import Ctx
from modelo_servicio.render.md_phases import service_level_parts
from modelo_servicio.render.report_rows import fte


def plan_sections(c: Ctx, accent: str) -> list[Section | None]:
    """The plan and, after it, the service level (the markdown report's order)."""
    p = c.result.plan
    subs = [
        _staffing(c, p, accent),
        _roles(c, p),
        _people(c, p),
        _training(c, p),
        _phases(c, p, accent),
        _next_steps(c, p),
        _kpis(c, p),
        _costs(c, p, accent),
        _risks(c, p),
        _notes(c, p),
    ]
    found = [s for s in subs if s is not None]
    plan = Section(
        "plan",
        c.t("report.h.plan"),
        paras=[] if found else [c.t("report.plan.empty")],
        subsections=found,
        page_break=True,
    )
    return [plan, _service_level(c)]


def _today_by_channel(c: Ctx, contract: float) -> dict[str, float]:
    """Full-time equivalents serving each channel today: each person's hours over the
    contract, split evenly over the channels they serve."""
    out: dict[str, float] = {}
    if c.profile is None or contract <= 0:
        return out
    for person in c.profile.staff:
        if not person.channels:
            continue
        share = person.hours_per_week / contract / len(person.channels)
        for channel in person.channels:
            out[channel] = out.get(channel, 0.0) + share
    return out


def _staffing(c: Ctx, p: Plan, accent: str) -> Section | None:
    from modelo_servicio.render.plan_tables import _assumption_line

    rows = p.staffing.channels
    if not rows:
        return None
    names = report_rows.channel_names(c, p)
    cells = [report_rows.staffing_row(c, item, names) for item in rows]
    after: list[str] = [c.t("report.staffing_total", fte=fte(c, sum(row.fte for row in rows)))]
    common = report_parts.assumptions_common(c, p)
    if common:
        after.append(common)
    section = Section(
        "staffing",
        c.t("report.h.staffing"),
        paras=[c.t("report.staffing_intro", coverage=p.staffing.coverage or "—")],
        tables=[Table(list(report_rows.staffing_headers(c)), cells, report_rows.STAFFING_RIGHT)],
        after=after,
        items=[f"{names[row.channel]}: {_assumption_line(row, c.lang)}" for row in rows],
    )
    if any(row.from_profile for row in rows):
        section.closing = [c.t("plan.assume.from_profile")]
    if p.staffing.sources:  # every default with its basis, as the markdown report gives it
        section.closing = [*section.closing, c.t("plan.sources")]
        section.closing_items = list(p.staffing.sources)
    contract = float(rows[0].assumptions.get("contracted_hours", 40) or 40)
    today = _today_by_channel(c, contract)
    # a channel served by another's team (one queue) is drawn with it: what that team needs
    # covers both, so the people serving either today count against it
    hosts = {row.channel: row.shared_with for row in rows if row.shared_with in names}
    labels = {row.channel: [names[row.channel]] for row in rows}
    for channel, host in hosts.items():
        today[host] = today.get(host, 0.0) + today.pop(channel, 0.0)
        labels[host].append(names[channel])
    drawn = [row for row in rows if row.channel not in hosts]
    staffed = [row for row in drawn if row.fte > 0 or today.get(row.channel, 0) > 0]
    pairs = [
        svg.Pair(
            " + ".join(labels[row.channel]),
            row.fte,
            today.get(row.channel, 0.0),
            fte(c, row.fte),
            fte(c, today.get(row.channel, 0.0)),
        )
        for row in staffed
    ]
    if pairs:
        legend = (c.t("report.chart.needed"), c.t("report.chart.today"))
        title = c.t("report.chart.staff_title")
        section.chart = svg.pairs(
            "chart-staff", title, c.t("report.chart.staff_desc"), pairs, legend, accent
        )
        section.chart_caption = c.t("report.chart.staff_desc")
        section.chart_data = Table(
            [c.t("report.col.channel"), *legend],
            [[pair.label, pair.first_shown, pair.second_shown] for pair in pairs],
            right=(1, 2),
        )
    return section


def _roles(c: Ctx, p: Plan) -> Section | None:
    staffing = p.staffing
    if not staffing.roles and not staffing.hires:
        return None
    section = Section(
        "roles",
        c.t("report.h.roles"),
        tables=[table(report_rows.roles(c, p))] if staffing.roles else [],
        items=report_rows.role_notes(c, p),
    )
    section.closing = [report_rows.hires_line(c, p)]
    section.closing_items = report_rows.uncovered(c, p)
    return section


def _people(c: Ctx, p: Plan) -> Section | None:
    if not p.assignments:
        return None
    return Section("people", c.t("report.h.people"), tables=[table(report_rows.people(c, p))])


def _training(c: Ctx, p: Plan) -> Section | None:
    title = c.t("report.h.training")
    if not p.training:
        return (
            Section("training", title, paras=[c.t("plan.no_training")]) if p.assignments else None
        )
    rows = [report_rows.training_row(c, item) for item in p.training]
    total = sum(item.hours for item in p.training)
    return Section(
        "training",
        title,
        tables=[Table(list(report_rows.training_headers(c)), rows, report_rows.TRAINING_RIGHT)],
        after=[c.t("plan.training_total", hours=c.num(total, 0))],
    )


def _phases(c: Ctx, p: Plan, accent: str) -> Section | None:
    if not p.phases:
        return None
    cur = report_rows.phase_currency(p)
    rows = [report_rows.phase_row(c, i, phase, cur) for i, phase in enumerate(p.phases, 1)]
    line = report_rows.timeline_line(c, p)
    available = p.timeline.weeks_available if p.timeline is not None else 0
    spans = [
        svg.Span(f"{i}. {ph.name}", ph.start_week, ph.end_week) for i, ph in enumerate(p.phases, 1)
    ]
    title = c.t("report.chart.gantt_title")
    desc = c.t("report.chart.gantt_desc", date=c.date)
    chart = svg.gantt(
        "chart-gantt", title, desc, spans, available, c.t("report.chart.week_short"), accent
    )
    return Section(
        "phases",
        c.t("report.h.phases"),
        tables=[Table(list(report_rows.phase_headers(c)), rows, report_rows.PHASES_RIGHT)],
        after=[line] if line else [],
        chart=chart,
        chart_caption=desc,
    )


def _next_steps(c: Ctx, p: Plan) -> Section | None:
    if not p.next_steps:
        return None
    return Section("next-steps", c.t("plan.next.h"), steps=report_costs.next_steps(c, p))


def _kpis(c: Ctx, p: Plan) -> Section | None:
    if not p.kpis:
        return None
    return Section("kpis", c.t("report.h.kpis"), tables=[table(report_rows.kpis(c, p))])


def _costs(c: Ctx, p: Plan, accent: str) -> Section | None:
    """The plan's costs by kind, the verdict against the budget, and a chart of the monthly
    cost now, with the plan and with the full model against the budget."""
    found = p.costs
    if found is None:
        return None
    after = [report_costs.costs_verdict(c, found)]
    if found.source:
        after.append(c.t("plan.costs.source", source=found.source))
    today = None  # the plan's costs price the team it plans, not today's payroll
    return _cost_section(
        c,
        c.t("plan.costs.h"),
        table(report_costs.costs(c, found)),
        (today, found.monthly["total"], found.full_model_monthly, found.budget),
        found.currency,
        after,
        accent,
    )


def _cost_section(
    c: Ctx,
    title: str,
    rows: Table,
    figures: tuple[float | None, float, float, float | None],
    currency: str,
    after: list[str],
    accent: str,
) -> Section:
    """A cost table with its chart: the monthly cost of today's team (when known), of the
    planned team and of the model fully staffed, and the budget (when there is one)."""
    from modelo_servicio.domain.numbers import amount, listing

    keys = ("cost_current", "cost_planned", "cost_full")
    labels = [*(c.t(f"report.chart.{key}") for key in keys), c.t("report.cost.budget")]
    bars = [
        svg.Bar(label, value, amount(value, c.lang, currency), muted=index >= 2)
        for index, (label, value) in enumerate(zip(labels, figures, strict=True))
        if value is not None
    ]
    top = max(bar.value for bar in bars) or 1.0
    shown = [bar.label[:1].lower() + bar.label[1:] for bar in bars]
    desc = c.t("report.chart.cost_desc", items=listing(shown, c.lang))
    return Section(
        "cost",
        title,
        tables=[rows],
        after=list(after),
        chart=svg.bars("chart-cost", c.t("report.chart.cost_title"), desc, bars, top, accent),
        chart_caption=desc,
    )


def _risks(c: Ctx, p: Plan) -> Section | None:
    if not p.risks:
        return None
    return Section("risks", c.t("plan.risks.h"), tables=[table(report_costs.risks(c, p))])


def _notes(c: Ctx, p: Plan) -> Section | None:
    if not p.notes:
        return None
    return Section("notes", c.t("report.h.notes"), items=list(p.notes))


def _service_level(c: Ctx) -> Section | None:
    if c.profile is None:
        return None
    org = c.profile.organization
    parts, gap, practices = service_level_parts(c, org.service_level_now, org.service_level_goal)
    return Section(
        "service-level",
        c.t("report.h.service_level"),
        tables=[table(report_rows.service_level(parts, c))],
        after=[rich(gap)],
        items=practices,
    )
