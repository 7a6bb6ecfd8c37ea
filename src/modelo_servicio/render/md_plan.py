"""The implementation plan, part one: staffing by channel with its assumptions, roles with
their gaps and hires, who does what, and training by person.

Wording is shared with the terminal tables (``plan.*`` messages and the assumption phrases of
``render.plan_tables``), so a consultant reads the same sentences in both outputs.
"""

from __future__ import annotations

from collections.abc import Hashable

from modelo_servicio.domain.numbers import num
from modelo_servicio.domain.plan_model import ChannelStaffing, Plan, TrainingItem
from modelo_servicio.render import report_parts, report_rows
from modelo_servicio.render.md_context import Ctx, scalar_key
from modelo_servicio.render.md_costs import costs, next_steps, risks
from modelo_servicio.render.md_escape import bullets, plain_row, plain_table, table_of_rows, text
from modelo_servicio.render.md_phases import kpis, notes, phases
from modelo_servicio.render.report_rows import fte


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


def _staffing(c: Ctx, p: Plan) -> str:
    rows = p.staffing.channels
    if not rows:
        return ""
    names = report_rows.channel_names(c, p)
    table_rows = [_channel_row(c, item, names) for item in rows]
    headers = report_rows.staffing_headers(c)
    out = [
        f"### {c.t('report.h.staffing')}",
        c.t("report.staffing_intro", coverage=text(p.staffing.coverage or "—")),
        table_of_rows(headers, table_rows, right=report_rows.STAFFING_RIGHT),
        c.t("report.staffing_total", fte=fte(c, sum(row.fte for row in rows))),
    ]
    common = report_parts.assumptions_common(c, p)
    if common:
        out.append(text(common))
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

    return c.remembered(key, lambda: plain_row(report_rows.staffing_row(c, item, names)))


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
    if staffing.roles:
        rows = report_rows.roles(c, p)
        out.append(plain_table(rows.headers, rows.rows, rows.right))
    explained = [text(line) for line in report_rows.role_notes(c, p)]
    if explained:
        out.append(bullets(explained))
    out.append(text(report_rows.hires_line(c, p)))
    uncovered = [text(line) for line in report_rows.uncovered(c, p)]
    if uncovered:
        out.append(bullets(uncovered))
    return "\n\n".join(out)


def _people(c: Ctx, p: Plan) -> str:
    if not p.assignments:
        return ""
    rows = report_rows.people(c, p)
    table_md = plain_table(rows.headers, rows.rows, rows.right)
    return "\n\n".join([f"### {c.t('report.h.people')}", table_md])


def _training(c: Ctx, p: Plan) -> str:
    heading = f"### {c.t('report.h.training')}"
    if not p.training:
        return f"{heading}\n\n{text(c.t('plan.no_training'))}" if p.assignments else ""
    rows = [_training_row(c, item) for item in p.training]
    headers = report_rows.training_headers(c)
    total = sum(item.hours for item in p.training)
    return "\n\n".join(
        [
            heading,
            table_of_rows(headers, rows, right=report_rows.TRAINING_RIGHT),
            text(c.t("plan.training_total", hours=num(total, c.lang, 0))),
        ]
    )


def _training_row(c: Ctx, item: TrainingItem) -> str:
    """One row of the training table, remembered: the same modules for the same skills and
    roles come back in report after report."""
    texts = (item.staff, item.role_name, item.role, item.skill_name, item.skill, item.action)
    levels = (type(item.current), item.current, type(item.required), item.required)
    key = ("training", *texts, item.module, *levels, type(item.hours), item.hours)

    return c.remembered(key, lambda: plain_row(report_rows.training_row(c, item)))
