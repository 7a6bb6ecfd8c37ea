"""The implementation plan, part one: staffing by channel with its assumptions, roles with
their gaps and hires, who does what, and training by person.

Wording is shared with the terminal tables (``plan.*`` messages and the assumption phrases of
``render.plan_tables``), so a consultant reads the same sentences in both outputs.
"""

from __future__ import annotations

from modelo_servicio.plan_model import Plan
from modelo_servicio.planning.fmt import num
from modelo_servicio.render.md_context import Ctx
from modelo_servicio.render.md_escape import bullets, cell, table, text
from modelo_servicio.render.md_phases import cost, kpis, notes, phases


def plan(c: Ctx) -> str:
    p = c.result.plan
    parts = [
        _staffing(c, p),
        _roles(c, p),
        _people(c, p),
        _training(c, p),
        phases(c, p),
        kpis(c, p),
        cost(c, p),
        notes(c, p),
    ]
    body = [part for part in parts if part]
    if not body:
        body = [c.t("report.plan.empty")]
    return "\n\n".join([f"## {c.t('report.h.plan')}", *body])


def fte(c: Ctx, value: float) -> str:
    return num(value, c.lang, 2 if 0 < abs(value) < 1 else 1)


def _staffing(c: Ctx, p: Plan) -> str:
    from modelo_servicio.render.plan_tables import _assumption_line

    rows = p.staffing.channels
    if not rows:
        return ""
    names = {row.channel: row.name or c.channel_name(row.channel) for row in rows}
    table_rows = []
    for row in rows:
        method = c.t(f"plan.method.{row.method}")
        if row.shared_with:
            method = c.t("plan.method.shared", host=names.get(row.shared_with, row.shared_with))
        table_rows.append(
            [
                cell(names[row.channel]),
                num(row.contacts_per_month, c.lang, 0),
                cell(method),
                str(row.agents),
                fte(c, row.fte),
            ]
        )
    headers = [
        c.t("report.col.channel"),
        c.t("plan.col.contacts"),
        c.t("report.col.method"),
        c.t("plan.col.agents"),
        "FTE",
    ]
    out = [
        f"### {c.t('report.h.staffing')}",
        c.t("report.staffing_intro", coverage=text(p.staffing.coverage or "—")),
        table(headers, table_rows, right=(1, 3, 4)),
        c.t("report.staffing_total", fte=fte(c, sum(row.fte for row in rows))),
    ]
    common = rows[0].assumptions
    if "coverage" in common:
        out.append(
            text(
                c.t(
                    "plan.assume.common",
                    coverage=p.staffing.coverage,
                    hours=num(float(common.get("hours_open_per_week", 0)), c.lang),
                    days=num(float(common.get("days_per_month", 0)), c.lang),
                    contract=num(float(common.get("contracted_hours", 0)), c.lang),
                    shrinkage=c.percent(float(common.get("shrinkage", 0))),
                )
            )
        )
    lines = [f"{text(names[row.channel])}: {text(_assumption_line(row, c.lang))}" for row in rows]
    out.append(bullets(lines))
    if any(row.from_profile for row in rows):
        out.append(text(c.t("plan.assume.from_profile")))
    return "\n\n".join(out)


def _roles(c: Ctx, p: Plan) -> str:
    staffing = p.staffing
    if not staffing.roles and not staffing.hires:
        return ""
    out = [f"### {c.t('report.h.roles')}"]
    names = {row.channel: row.name or c.channel_name(row.channel) for row in staffing.channels}
    if staffing.roles:
        rows = [
            [
                cell(role.name or role.role),
                cell(
                    ", ".join(names.get(ch, c.channel_name(ch)) for ch in role.channels)
                    or c.t(f"plan.sized.{role.sized_by}")
                ),
                fte(c, role.required_fte),
                fte(c, role.current_fte),
                fte(c, role.gap_fte),
                str(role.hires),
            ]
            for role in staffing.roles
        ]
        headers = [
            c.t("plan.col.role"),
            c.t("report.col.channels"),
            c.t("plan.col.needed"),
            c.t("plan.col.current"),
            c.t("plan.col.gap"),
            c.t("plan.col.hires"),
        ]
        out.append(table(headers, rows, right=(2, 3, 4, 5)))
    limit = "—" if staffing.hire_limit is None else str(staffing.hire_limit)
    needed = max(staffing.hires_needed, staffing.hires)
    out.append(
        text(c.t("plan.hires_line", hires=staffing.hires, needed=needed, limit=limit)),
    )
    uncovered = [
        text(
            c.t(
                "plan.uncovered_line",
                name=gap.name,
                fte=f" ({fte(c, gap.fte)} FTE)" if gap.fte else "",
                reason=gap.reason,
            )
        )
        for gap in staffing.uncovered
    ]
    if uncovered:
        out.append(bullets(uncovered))
    return "\n\n".join(out)


def _people(c: Ctx, p: Plan) -> str:
    if not p.assignments:
        return ""
    roles = {r.role: r.name for r in p.staffing.roles}
    names = {row.channel: row.name for row in p.staffing.channels}

    def channels(ids: list[str]) -> str:
        return cell(", ".join(names.get(ch) or c.channel_name(ch) for ch in ids))

    rows = []
    for item in p.assignments:
        role = item.role_name or item.role
        if item.duties:
            extra = ", ".join(roles.get(d, d) for d in item.duties)
            role += " " + c.t("plan.duties", duties=extra)
        rows.append(
            [
                cell(item.staff),
                fte(c, item.fte),
                cell(role),
                channels(item.channels_now),
                channels(item.channels),
                cell(c.t(f"plan.status.{item.status}")),
            ]
        )
    headers = [
        c.t("plan.col.person"),
        "FTE",
        c.t("plan.col.role"),
        c.t("report.col.channels_now"),
        c.t("report.col.channels_plan"),
        c.t("plan.col.status"),
    ]
    return "\n\n".join([f"### {c.t('report.h.people')}", table(headers, rows, right=(1,))])


def _training(c: Ctx, p: Plan) -> str:
    heading = f"### {c.t('report.h.training')}"
    if not p.training:
        return f"{heading}\n\n{text(c.t('plan.no_training'))}" if p.assignments else ""
    rows = [
        [
            cell(item.staff) if item.staff is not None else cell(c.t("plan.new_hire")),
            cell(item.role_name or item.role or "—"),
            cell(item.skill_name or c.skill_name(item.skill)),
            "—" if item.current is None else str(item.current),
            str(item.required),
            cell(c.t(f"plan.action.{item.action}")),
            cell(item.module),
            str(item.hours),
        ]
        for item in p.training
    ]
    headers = [
        c.t("plan.col.person"),
        c.t("plan.col.role"),
        c.t("plan.col.skill"),
        c.t("report.col.current"),
        c.t("report.col.required"),
        c.t("report.col.action"),
        c.t("report.col.module"),
        c.t("report.col.hours"),
    ]
    total = sum(item.hours for item in p.training)
    return "\n\n".join(
        [
            heading,
            table(headers, rows, right=(3, 4, 7)),
            text(c.t("plan.training_total", hours=num(total, c.lang, 0))),
        ]
    )
