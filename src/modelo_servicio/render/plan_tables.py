"""Rich tables of the implementation plan for ``score --format table``.

Written to read well at 80 columns: wide explanations (assumptions, tasks, notes) go on lines
of their own under the tables instead of in narrow wrapped columns.
"""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from modelo_servicio.domain.i18n import Lang, has, t
from modelo_servicio.domain.numbers import amount, duration, num, pct
from modelo_servicio.domain.plan_model import ChannelStaffing, Plan
from modelo_servicio.render.report_rows import hires_summary

SHARES = {
    "busy_hour_share",
    "service_level_target",
    "max_occupancy",
    "productive_share",
    "shrinkage",
    "service_level",
    "occupancy",
    "probability_wait",
}
SECONDS = {"answer_seconds", "asa_seconds"}
COMMON = ("coverage", "hours_open_per_week", "days_per_month", "contracted_hours", "shrinkage")
HIDDEN = {"busy_hour_share", "service_level_target", "concurrency_factor", *COMMON}


def plan_blocks(plan: Plan, lang: Lang) -> list[RenderableType]:
    if not plan.staffing.channels and not plan.staffing.roles and not plan.phases:
        return []
    out: list[RenderableType] = [Text(t("plan.title", lang), style="bold")]
    out.extend(_staffing(plan, lang))
    out.extend(_roles(plan, lang))
    out.extend(_people(plan, lang))
    out.extend(_training(plan, lang))
    out.extend(_phases(plan, lang))
    out.extend(_next_steps(plan, lang))
    out.extend(_kpis(plan, lang))
    out.extend(_costs(plan, lang))
    out.extend(_risks(plan, lang))
    out.extend(_notes(plan, lang))
    return out


def _table(title: str) -> Table:
    """Titles, headers and cells are ``Text``, never rich markup: names come from the profile."""
    return Table(title=Text(title), title_justify="left", title_style="bold", expand=False)


def _row(table: Table, *cells: str | Text) -> None:
    table.add_row(*(c if isinstance(c, Text) else Text(c) for c in cells))


def _value(key: str, value: Any, lang: Lang) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if key in SHARES:
        return pct(float(value), lang)
    if key in SECONDS:
        return duration(float(value), lang)
    return num(float(value), lang)


def _phrase(key: str, value: Any, lang: Lang) -> str:
    label = f"plan.assume.{key}"
    shown = _value(key, value, lang)
    return t(label, lang, value=shown) if has(label) else f"{key} = {shown}"


def _assumption_line(row: ChannelStaffing, lang: Lang) -> str:
    a = row.assumptions
    parts: list[str] = []
    if "busy_hour_contacts" in a:
        share = pct(float(a.get("busy_hour_share", 0)), lang)
        count = num(float(a["busy_hour_contacts"]), lang)
        parts.append(t("plan.assume.busy_hour", lang, share=share, value=count))
    if "answer_seconds" in a and "service_level_target" in a:
        target = pct(float(a["service_level_target"]), lang)
        wait = duration(float(a["answer_seconds"]), lang)
        parts.append(t("plan.assume.target", lang, target=target, wait=wait))
    for key, value in a.items():
        if key in HIDDEN or key in ("busy_hour_contacts", "answer_seconds"):
            continue
        text = _phrase(key, value, lang)
        if key == "concurrency":
            factor = num(float(a.get("concurrency_factor", 1)), lang, 2)
            text = t("plan.assume.concurrency", lang, value=value, factor=factor)
        parts.append(text + ("*" if key in row.from_profile else ""))
    for key, value in row.results.items():
        parts.append(_phrase(key, value, lang))
    return "; ".join(parts)


def _staffing(plan: Plan, lang: Lang) -> list[RenderableType]:
    rows = plan.staffing.channels
    if not rows:
        return [Text(t("plan.no_channels", lang))]
    table = _table(t("plan.section.channels", lang, coverage=plan.staffing.coverage))
    table.add_column(Text(t("plan.col.channel", lang)))
    table.add_column(Text(t("plan.col.method", lang)))
    table.add_column(Text(t("plan.col.contacts", lang)), justify="right")
    table.add_column(Text(t("plan.col.agents", lang)), justify="right")
    table.add_column(Text(t("report.col.fte", lang)), justify="right")
    for row in rows:
        method = t(f"plan.method.{row.method}", lang)
        if row.shared_with:
            host = next((r.name for r in rows if r.channel == row.shared_with), row.shared_with)
            method = t("plan.method.shared", lang, host=host)
        _row(
            table,
            row.name,
            method,
            num(row.contacts_per_month, lang, 0),
            str(row.agents),
            _fte(row.fte, lang),
        )
    lines: list[RenderableType] = [table, Text(t("plan.agents_legend", lang), style="dim")]
    common = rows[0].assumptions
    if "coverage" in common:
        lines.append(
            Text(
                t(
                    "plan.assume.common",
                    lang,
                    coverage=plan.staffing.coverage,
                    hours=num(float(common.get("hours_open_per_week", 0)), lang),
                    days=num(float(common.get("days_per_month", 0)), lang),
                    contract=num(float(common.get("contracted_hours", 0)), lang),
                    shrinkage=pct(float(common.get("shrinkage", 0)), lang),
                )
            )
        )
    for row in rows:
        lines.append(Text(f"• {row.name}: {_assumption_line(row, lang)}"))
    if any(r.from_profile for r in rows):
        lines.append(Text(t("plan.assume.from_profile", lang), style="dim"))
    if plan.staffing.sources:
        lines.append(Text(t("plan.sources", lang)))
        lines.extend(Text(f"• {source}", style="dim") for source in plan.staffing.sources)
    return [Group(*lines)]


def _fte(value: float, lang: Lang) -> str:
    return num(value, lang, 2 if 0 < abs(value) < 1 else 1)


def _roles(plan: Plan, lang: Lang) -> list[RenderableType]:
    staffing = plan.staffing
    if not staffing.roles:
        return []
    names = {c.channel: c.name for c in staffing.channels}
    table = _table(t("plan.section.roles", lang))
    table.add_column(Text(t("plan.col.role", lang)))
    table.add_column(Text(t("plan.col.needed", lang)), justify="right")
    table.add_column(Text(t("plan.col.current", lang)), justify="right")
    table.add_column(Text(t("plan.col.gap", lang)), justify="right")
    table.add_column(Text(t("plan.col.hires", lang)), justify="right")
    for role in staffing.roles:
        served = ", ".join(names.get(c, c) for c in role.channels)
        sized = t(f"plan.sized.{role.sized_by}", lang)
        label = f"{role.name}\n[{served or sized}]" if served else f"{role.name}\n[{sized}]"
        _row(
            table,
            label,
            _fte(role.required_fte, lang),
            _fte(role.current_fte, lang),
            _fte(role.gap_fte, lang),
            str(role.hires),
        )
    summary = hires_summary(staffing, lang)
    lines: list[RenderableType] = [table]
    lines.extend(Text(f"• {role.name}: {role.basis} {role.why}") for role in staffing.roles)
    lines.append(Text(summary))
    for gap in staffing.uncovered:
        fte = t("plan.uncovered_fte", lang, fte=_fte(gap.fte, lang)) if gap.fte else ""
        lines.append(
            Text(t("plan.uncovered_line", lang, name=gap.name, fte=fte, reason=gap.reason))
        )
    return [Group(*lines)]


def _people(plan: Plan, lang: Lang) -> list[RenderableType]:
    if not plan.assignments:
        return []
    roles = {r.role: r.name for r in plan.staffing.roles}
    table = _table(t("plan.section.people", lang))
    table.add_column(Text(t("plan.col.person", lang)))
    table.add_column(Text(t("plan.col.role", lang)))
    table.add_column(Text(t("plan.col.status", lang)))
    for item in plan.assignments:
        role = item.role_name
        if item.duties:
            extra = ", ".join(roles.get(d, d) for d in item.duties)
            role += "\n" + t("plan.duties", lang, duties=extra)
        _row(
            table,
            f"{item.staff} ({_fte(item.fte, lang)})",
            role,
            t(f"plan.status.{item.status}", lang),
        )
    return [table]


def _training(plan: Plan, lang: Lang) -> list[RenderableType]:
    if not plan.training:
        if plan.assignments:
            return [Text(t("plan.no_training", lang))]
        return []
    table = _table(t("plan.section.training", lang))
    table.add_column(Text(t("plan.col.person", lang)))
    table.add_column(Text(t("plan.col.skill", lang)))
    table.add_column(Text(t("plan.col.level", lang)), justify="center")
    table.add_column(Text(t("plan.col.action", lang)))
    table.add_column(Text("h"), justify="right")
    modules: list[str] = []
    for item in plan.training:
        who = item.staff or t("plan.new_hire", lang)
        level = f"{item.current if item.current is not None else '—'}→{item.required}"
        action = t(f"plan.action.{item.action}", lang)
        if item.module not in modules:
            modules.append(item.module)
        ref = modules.index(item.module) + 1
        _row(
            table,
            who,
            item.skill_name or item.skill,
            level,
            f"{action} [{ref}]",
            str(item.hours or ""),
        )
    notes = [Text(f"[{i}] {m}") for i, m in enumerate(modules, 1)]
    total = sum(i.hours for i in plan.training)
    if total:
        notes.append(Text(t("plan.training_total", lang, hours=total)))
    return [Group(table, *notes)]


def _phases(plan: Plan, lang: Lang) -> list[RenderableType]:
    if not plan.phases:
        return []
    table = _table(t("plan.section.phases", lang))
    table.add_column(Text(t("plan.col.weeks", lang)), justify="right", no_wrap=True)
    table.add_column(Text(t("plan.col.phase", lang)))
    for phase in plan.phases:
        weeks = (
            str(phase.start_week)
            if phase.start_week == phase.end_week
            else f"{phase.start_week}–{phase.end_week}"
        )
        tasks = "\n".join(f"• {task}" for task in phase.tasks)
        body = Text(phase.name, style="bold")
        if phase.owner:
            body.append(" — " + phase.owner, style="")
        if tasks:
            body.append("\n" + tasks, style="")
        if phase.milestone:
            body.append("\n" + t("plan.milestone_line", lang, milestone=phase.milestone), style="")
        if phase.start_date and phase.end_date:
            weeks += f"\n{phase.start_date}\n{phase.end_date}"
        _row(table, weeks, body)
    out: list[RenderableType] = [table]
    if plan.timeline is not None:
        tl = plan.timeline
        key = "plan.timeline_fits" if tl.fits else "plan.timeline_over"
        out.append(Text(t(key, lang, needed=tl.weeks_needed, weeks=tl.weeks_available)))
    return [Group(*out)]


def _kpis(plan: Plan, lang: Lang) -> list[RenderableType]:
    if not plan.kpis:
        return []
    table = _table(t("plan.section.kpis", lang))
    table.add_column(Text(t("plan.col.kpi", lang)))
    table.add_column(Text(t("plan.col.target", lang)))
    for kpi in plan.kpis:
        _row(table, kpi.name, kpi.target)
    return [table]


def _notes(plan: Plan, lang: Lang) -> list[RenderableType]:
    if not plan.notes:
        return []
    lines = [Text(t("plan.section.notes", lang), style="bold")]
    lines.extend(Text(f"• {note}") for note in plan.notes)
    return [Group(*lines)]


def _next_steps(plan: Plan, lang: Lang) -> list[RenderableType]:
    if not plan.next_steps:
        return []
    lines = [Text(t("plan.next.h", lang), style="bold")]
    for index, step in enumerate(plan.next_steps, 1):
        line = t("plan.next.line", lang, step=step.step, owner=step.owner or "—", week=step.week)
        lines.append(Text(f"{index}. {line}"))
    return [Group(*lines)]


def _costs(plan: Plan, lang: Lang) -> list[RenderableType]:
    """Short: the totals by kind, the full model and the budget; the lines are in the report
    and the JSON."""
    found = plan.costs
    if found is None:
        return []
    cur = found.currency
    table = _table(t("plan.costs.h", lang))
    table.add_column(Text(t("plan.col.concept", lang)))
    table.add_column(Text(t("plan.costs.col.monthly", lang)), justify="right")
    table.add_column(Text(t("plan.costs.col.once", lang)), justify="right")
    for kind in ("staff", "tooling", "hiring", "training"):
        monthly, once = found.monthly.get(kind, 0.0), found.one_off.get(kind, 0.0)
        if monthly or once:
            _row(
                table,
                t(f"plan.costs.kind.{kind}", lang),
                amount(monthly, lang, cur) if monthly else "—",
                amount(once, lang, cur) if once else "—",
            )
    _row(
        table,
        Text(t("plan.costs.total", lang), style="bold"),
        Text(amount(found.monthly["total"], lang, cur), style="bold"),
        Text(amount(found.one_off["total"], lang, cur), style="bold"),
    )
    _row(
        table,
        t("plan.costs.full_model", lang),
        amount(found.full_model_monthly, lang, cur),
        amount(found.full_model_one_off, lang, cur),
    )
    if found.budget is not None:
        _row(table, t("plan.costs.budget", lang), amount(found.budget, lang, cur), "")
    return [table]


def _risks(plan: Plan, lang: Lang) -> list[RenderableType]:
    if not plan.risks:
        return []
    lines = [Text(t("plan.risks.h", lang), style="bold")]
    for r in plan.risks:
        level = t(
            "plan.risk_level",
            lang,
            likelihood=t(f"plan.level.{r.likelihood}", lang),
            impact=t(f"plan.impact.{r.impact}", lang),
        )
        lines.append(Text(f"• {r.risk} ({level}) → {r.mitigation} [{r.owner}]"))
    return [Group(*lines)]
