"""The implementation plan, part one: staffing by channel with its assumptions, roles with
their gaps and hires, who does what, and training by person.

Wording is shared with the terminal tables (``plan.*`` messages and the assumption phrases of
``render.plan_tables``), so a consultant reads the same sentences in both outputs.
"""

from __future__ import annotations

from collections.abc import Hashable

from modelo_servicio.domain.i18n import Lang, t
from modelo_servicio.domain.numbers import num
from modelo_servicio.domain.plan_model import ChannelStaffing, Plan, StaffingPlan, TrainingItem
from modelo_servicio.render.md_context import Ctx, scalar_key
from modelo_servicio.render.md_costs import costs, next_steps, risks
from modelo_servicio.render.md_escape import bullets, cell, table, table_of_rows, table_row, text
from modelo_servicio.render.md_phases import kpis, notes, phases


def plan(c: Ctx) -> str:
    p = c.result.plan
    parts = [
        _staffing(c, p),
        _roles(c, p),
        _people(c, p),
        _training(c, p),
        phases(c, p),
        next_steps(c, p),
        kpis(c, p),
        costs(c, p),
        risks(c, p),
        notes(c, p),
    ]
    body = [part for part in parts if part]
    if not body:
        body = [c.t("report.plan.empty")]
    return "\n\n".join([f"## {c.t('report.h.plan')}", *body])


def fte(c: Ctx, value: float) -> str:
    return num(value, c.lang, 2 if 0 < abs(value) < 1 else 1)


def _staffing(c: Ctx, p: Plan) -> str:
    rows = p.staffing.channels
    if not rows:
        return ""
    names = {row.channel: row.name or c.channel_name(row.channel) for row in rows}
    table_rows = [_channel_row(c, item, names) for item in rows]
    headers = c.headers(
        "report.col.channel",
        "plan.col.contacts",
        "report.col.method",
        "plan.col.agents",
        "report.col.fte",
    )
    out = [
        f"### {c.t('report.h.staffing')}",
        c.t("report.staffing_intro", coverage=text(p.staffing.coverage or "—")),
        table_of_rows(headers, table_rows, right=(1, 3, 4)),
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
    lines = [f"{text(names[row.channel])}: {_assumptions(c, row)}" for row in rows]
    out.append(bullets(lines))
    if any(row.from_profile for row in rows):
        out.append(text(c.t("plan.assume.from_profile")))
    if p.staffing.sources:
        out.append(text(c.t("plan.sources")))
        out.append(bullets([text(source) for source in p.staffing.sources]))
    return "\n\n".join(out)


def _channel_row(c: Ctx, item: ChannelStaffing, names: dict[str, str]) -> str:
    """One row of the staffing table, remembered: small channels get the same staffing in
    many profiles."""
    host = names.get(item.shared_with, item.shared_with) if item.shared_with else None
    contacts, agents, fte_ = item.contacts_per_month, item.agents, item.fte
    figures = (type(contacts), contacts, type(agents), agents, type(fte_), scalar_key(fte_))
    key = ("channel", names[item.channel], item.method, host, *figures)

    def make() -> str:
        method = c.t(f"plan.method.{item.method}")
        if host is not None:
            method = c.t("plan.method.shared", host=host)
        return table_row(
            [
                cell(names[item.channel]),
                num(item.contacts_per_month, c.lang, 0),
                cell(method),
                str(item.agents),
                fte(c, item.fte),
            ]
        )

    return c.remembered(key, make)


def _assumptions(c: Ctx, item: ChannelStaffing) -> str:
    """``text(_assumption_line(item))``, remembered: most channel rows of a batch repeat the
    assumptions and results of one already seen, and the line is long to build and escape."""
    key = _assumptions_key(item)
    found = None if key is None else c.memo.get(key)
    if found is None:
        from modelo_servicio.render.plan_tables import _assumption_line

        found = text(_assumption_line(item, c.lang))
        if key is not None:
            c.remember(key, found)
    return found


_SCALARS = frozenset({str, int, float, bool})


def _assumptions_key(item: ChannelStaffing) -> Hashable | None:
    """Everything ``_assumption_line`` reads, with the type of every value (``1``, ``1.0``
    and ``True`` are equal keys yet print differently); ``None`` when a value is not a plain
    scalar. A zero is kept by its repr, because ``0.0`` and ``-0.0`` print differently."""
    assumptions, results = item.assumptions, item.results
    kinds = (*map(type, assumptions.values()), *map(type, results.values()))
    if not _SCALARS.issuperset(kinds):
        return None
    if 0 in assumptions.values() or 0 in results.values():
        assumptions = {k: scalar_key(v) for k, v in assumptions.items()}
        results = {k: scalar_key(v) for k, v in results.items()}
    return ("assume", *item.from_profile, None, *assumptions.items(), None, *results.items(), kinds)


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
                    ", ".join(
                        names[ch] if ch in names else c.channel_name(ch) for ch in role.channels
                    )
                    or c.t(f"plan.sized.{role.sized_by}")
                ),
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
        out.append(table(headers, rows, right=(2, 3, 4, 5)))
    explained = [
        text(
            f"{role.name or role.role}: {role.basis} {role.why}"
            + (f" ({c.t('plan.roles.source', source=role.source)})" if role.source else "")
        )
        for role in staffing.roles
        if role.basis or role.why
    ]
    if explained:
        out.append(bullets(explained))
    out.append(text(hires_summary(staffing, c.lang)))
    uncovered = [
        text(
            c.t(
                "plan.uncovered_line",
                name=gap.name,
                fte=f" ({fte(c, gap.fte)} {c.t('report.col.fte')})" if gap.fte else "",
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
    headers = c.headers(
        "plan.col.person",
        "report.col.fte",
        "plan.col.role",
        "report.col.channels_now",
        "report.col.channels_plan",
        "plan.col.status",
    )
    return "\n\n".join([f"### {c.t('report.h.people')}", table(headers, rows, right=(1,))])


def _training(c: Ctx, p: Plan) -> str:
    heading = f"### {c.t('report.h.training')}"
    if not p.training:
        return f"{heading}\n\n{text(c.t('plan.no_training'))}" if p.assignments else ""
    rows = [_training_row(c, item) for item in p.training]
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
    return "\n\n".join(
        [
            heading,
            table_of_rows(headers, rows, right=(3, 4, 7)),
            text(c.t("plan.training_total", hours=num(total, c.lang, 0))),
        ]
    )


def _training_row(c: Ctx, item: TrainingItem) -> str:
    """One row of the training table, remembered: the same modules for the same skills and
    roles come back in report after report."""
    texts = (item.staff, item.role_name, item.role, item.skill_name, item.skill, item.action)
    levels = (type(item.current), item.current, type(item.required), item.required)
    key = ("training", *texts, item.module, *levels, type(item.hours), item.hours)

    def make() -> str:
        return table_row(
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
        )

    return c.remembered(key, make)


def hires_summary(staffing: StaffingPlan, lang: Lang) -> str:
    """The hires line under the roles table (every format): the hires, what the model would
    need and the limit; with no team recorded, that the hires cannot be known, and the team
    the model needs."""
    if not staffing.team_known:
        total = sum(role.required_fte for role in staffing.roles)
        return t("plan.hires_unknown_line", lang, fte=num(total, lang))
    limit = "—" if staffing.hire_limit is None else str(staffing.hire_limit)
    needed = max(staffing.hires_needed, staffing.hires)
    return t("plan.hires_line", lang, hires=staffing.hires, needed=needed, limit=limit)
