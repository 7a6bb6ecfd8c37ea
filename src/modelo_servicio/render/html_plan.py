"""The implementation plan of the HTML report: staffing with its chart (staff needed against
staff today), roles, people, training, phases with a gantt chart, indicators, cost against the
budget, risks and next steps when the plan has them, and the service level.

Sections whose data is missing are left out; fields that newer plans add (``risks``,
``next_steps``, phase ``owner``/``milestone``) are read with ``getattr`` so the report shows
them as soon as the plan carries them.
"""

from __future__ import annotations

from typing import Any

from modelo_servicio.domain.numbers import amount
from modelo_servicio.domain.plan_model import Plan
from modelo_servicio.render import svg
from modelo_servicio.render.html_model import Section, Table, rich
from modelo_servicio.render.md_context import Ctx
from modelo_servicio.render.md_costs import verdict
from modelo_servicio.render.md_phases import service_level_parts
from modelo_servicio.render.md_plan import fte, hires_summary


def plan_sections(c: Ctx, accent: str) -> list[Section | None]:
    p = c.result.plan
    subs = [
        _staffing(c, p, accent),
        _roles(c, p),
        _people(c, p),
        _training(c, p),
        _phases(c, p, accent),
        _listed(c, "kpis", "report.h.kpis", p.kpis),
        _cost(c, p, accent),
        _extra(c, p, "risks", "report.h.risks"),
        _extra(c, p, "next_steps", "report.h.next_steps"),
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
    rows = p.staffing.channels
    if not rows:
        return None
    names = {row.channel: row.name or c.channel_name(row.channel) for row in rows}
    table = []
    for row in rows:
        method = c.t(f"plan.method.{row.method}")
        if row.shared_with:
            method = c.t("plan.method.shared", host=names.get(row.shared_with, row.shared_with))
        table.append(
            [
                names[row.channel],
                c.num(row.contacts_per_month, 0),
                method,
                str(row.agents),
                fte(c, row.fte),
            ]
        )
    headers = c.headers(
        "report.col.channel",
        "plan.col.contacts",
        "report.col.method",
        "plan.col.agents",
        "report.col.fte",
    )
    contract = float(rows[0].assumptions.get("contracted_hours", 40) or 40)
    today = _today_by_channel(c, contract)
    staffed = [row for row in rows if row.fte > 0 or today.get(row.channel, 0) > 0]
    pairs = [
        svg.Pair(
            names[row.channel],
            row.fte,
            today.get(row.channel, 0.0),
            fte(c, row.fte),
            fte(c, today.get(row.channel, 0.0)),
        )
        for row in staffed
    ]
    legend = (c.t("report.chart.needed"), c.t("report.chart.today"))
    title = c.t("report.chart.staff_title")
    section = Section(
        "staffing",
        c.t("report.h.staffing"),
        paras=[c.t("report.staffing_intro", coverage=p.staffing.coverage or "—")],
        tables=[Table(list(headers), table, right=(1, 3, 4))],
        after=[c.t("report.staffing_total", fte=fte(c, sum(row.fte for row in rows)))],
    )
    if pairs:
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
    names = {row.channel: row.name or c.channel_name(row.channel) for row in staffing.channels}
    rows = [
        [
            role.name or role.role,
            ", ".join(names.get(ch) or c.channel_name(ch) for ch in role.channels)
            or c.t(f"plan.sized.{role.sized_by}"),
            fte(c, role.required_fte),
            fte(c, role.current_fte),
            fte(c, role.gap_fte),
            str(role.hires),
        ]
        for role in staffing.roles
    ]
    headers = c.headers(
        "plan.col.role",
        "report.col.channels",
        "plan.col.needed",
        "plan.col.current",
        "plan.col.gap",
        "plan.col.hires",
    )
    unit = c.t("report.col.fte")
    return Section(
        "roles",
        c.t("report.h.roles"),
        tables=[Table(list(headers), rows, right=(2, 3, 4, 5))] if rows else [],
        after=[hires_summary(staffing, c.lang)],
        items=[
            c.t(
                "plan.uncovered_line",
                name=gap.name,
                fte=f" ({fte(c, gap.fte)} {unit})" if gap.fte else "",
                reason=gap.reason,
            )
            for gap in staffing.uncovered
        ],
    )


def _people(c: Ctx, p: Plan) -> Section | None:
    if not p.assignments:
        return None
    roles = {r.role: r.name for r in p.staffing.roles}
    names = {row.channel: row.name for row in p.staffing.channels}

    def channels(ids: list[str]) -> str:
        return ", ".join(names.get(ch) or c.channel_name(ch) for ch in ids)

    rows = []
    for item in p.assignments:
        role = item.role_name or item.role
        if item.duties:
            role += " " + c.t("plan.duties", duties=", ".join(roles.get(d, d) for d in item.duties))
        rows.append(
            [
                item.staff,
                fte(c, item.fte),
                role,
                channels(item.channels_now),
                channels(item.channels),
                c.t(f"plan.status.{item.status}"),
            ]
        )
    headers = c.headers(
        "plan.col.person",
        "report.col.fte",
        "plan.col.role",
        "report.col.channels_now",
        "report.col.channels_plan",
        "plan.col.status",
    )
    return Section("people", c.t("report.h.people"), tables=[Table(list(headers), rows, (1,))])


def _training(c: Ctx, p: Plan) -> Section | None:
    title = c.t("report.h.training")
    if not p.training:
        return (
            Section("training", title, paras=[c.t("plan.no_training")]) if p.assignments else None
        )
    rows = [
        [
            item.staff if item.staff is not None else c.t("plan.new_hire"),
            item.role_name or item.role or "—",
            item.skill_name or c.skill_name(item.skill),
            "—" if item.current is None else str(item.current),
            str(item.required),
            c.t(f"plan.action.{item.action}"),
            item.module,
            str(item.hours),
        ]
        for item in p.training
    ]
    headers = c.headers(
        "plan.col.person",
        "plan.col.role",
        "plan.col.skill",
        "report.col.current",
        "report.col.required",
        "report.col.action",
        "report.col.module",
        "report.col.hours",
    )
    total = sum(item.hours for item in p.training)
    return Section(
        "training",
        title,
        tables=[Table(list(headers), rows, right=(3, 4, 7))],
        after=[c.t("plan.training_total", hours=c.num(total, 0))],
    )


def _phases(c: Ctx, p: Plan, accent: str) -> Section | None:
    if not p.phases:
        return None
    owners = any(getattr(phase, "owner", None) for phase in p.phases)
    milestones = any(getattr(phase, "milestone", None) for phase in p.phases)
    rows = []
    for index, phase in enumerate(p.phases, 1):
        span = (
            c.t("report.weeks", start=phase.start_week, end=phase.end_week)
            if phase.end_week != phase.start_week
            else str(phase.start_week)
        )
        row = [str(index), phase.name, span, "; ".join(phase.tasks)]
        if owners:
            row.append(_plain(c, getattr(phase, "owner", None)))
        if milestones:
            row.append(_plain(c, getattr(phase, "milestone", None)))
        rows.append(row)
    headers = list(c.headers("#", "report.col.phase", "report.col.weeks", "report.col.tasks"))
    if owners:
        headers.append(c.t("report.col.owner"))
    if milestones:
        headers.append(c.t("report.col.milestone"))
    after = []
    available = 0
    if p.timeline is not None:
        key = "plan.timeline_fits" if p.timeline.fits else "plan.timeline_over"
        after.append(c.t(key, needed=p.timeline.weeks_needed, weeks=p.timeline.weeks_available))
        available = p.timeline.weeks_available
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
        tables=[Table(headers, rows, right=(0, 2))],
        after=after,
        chart=chart,
        chart_caption=desc,
    )


def _plain(c: Ctx, value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    risk, step = getattr(value, "risk", None), getattr(value, "step", None)
    if risk:  # a risk: what may happen, then what to do and who does it
        return f"{risk}. {getattr(value, 'mitigation', '')} ({getattr(value, 'owner', '')})"
    if step:
        return f"{step} ({getattr(value, 'owner', '')})"
    name = getattr(value, "name", None)
    return str(name) if name else c.plain(value)


def _listed(c: Ctx, ident: str, title: str, items: list[Any]) -> Section | None:
    if not items:
        return None
    rows = [[k.name, k.target] for k in items]
    headers = c.headers("report.col.kpi", "report.col.target")
    return Section(ident, c.t(title), tables=[Table(list(headers), rows)])


def _cost(c: Ctx, p: Plan, accent: str) -> Section | None:
    """The plan's costs (``plan.costs``, the one cost computation): each line, the plan's
    total, the full model's and the budget, with a chart of the three monthly figures."""
    found = p.costs
    if found is None:
        return None
    cur = found.currency

    def money(value: float) -> str:
        return amount(value, c.lang, cur) if value else "—"

    rows = [
        [line.name, line.detail, money(line.monthly), money(line.one_off)] for line in found.lines
    ]
    rows.append(
        [
            c.t("plan.costs.total"),
            "",
            amount(found.monthly["total"], c.lang, cur),
            amount(found.one_off["total"], c.lang, cur),
        ]
    )
    rows.append(
        [
            c.t("plan.costs.full_model"),
            c.t("plan.costs.full_model_detail"),
            amount(found.full_model_monthly, c.lang, cur),
            amount(found.full_model_one_off, c.lang, cur),
        ]
    )
    headers = c.headers(
        "report.col.concept",
        "plan.costs.col.detail",
        "plan.costs.col.monthly",
        "plan.costs.col.once",
    )
    total = found.monthly["total"]
    bars = [
        svg.Bar(c.t("report.chart.cost_planned"), total, amount(total, c.lang, cur)),
        svg.Bar(
            c.t("report.chart.cost_full"),
            found.full_model_monthly,
            amount(found.full_model_monthly, c.lang, cur),
            muted=True,
        ),
    ]
    if found.budget is not None:
        bars.append(
            svg.Bar(
                c.t("report.cost.budget"),
                found.budget,
                amount(found.budget, c.lang, cur),
                muted=True,
            )
        )
    top = max(bar.value for bar in bars) or 1.0
    title = c.t("report.chart.cost_title")
    desc = c.t("report.chart.cost_desc")
    return Section(
        "cost",
        c.t("plan.costs.h"),
        tables=[Table(list(headers), rows, right=(2, 3))],
        chart=svg.bars("chart-cost", title, desc, bars, top, accent),
        chart_caption=desc,
        after=[rich(verdict(c, found))],
    )


def _extra(c: Ctx, p: Plan, name: str, title: str) -> Section | None:
    """A list the plan may carry (risks, next steps): each item's text, in words."""
    items = getattr(p, name, None)
    if not items:
        return None
    return Section(name.replace("_", "-"), c.t(title), items=[_plain(c, i) for i in items])


def _notes(c: Ctx, p: Plan) -> Section | None:
    if not p.notes:
        return None
    return Section("notes", c.t("report.h.notes"), items=list(p.notes))


def _service_level(c: Ctx) -> Section | None:
    if c.profile is None:
        return None
    org = c.profile.organization
    rows, gap, practices = service_level_parts(c, org.service_level_now, org.service_level_goal)
    headers = c.headers("report.col.when", "report.col.level", "report.col.meaning")
    return Section(
        "service-level",
        c.t("report.h.service_level"),
        tables=[Table(list(headers), [list(r) for r in rows])],
        after=[rich(gap)],
        items=practices,
    )
