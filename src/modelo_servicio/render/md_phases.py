"""The implementation plan, part two: phases as a table and a mermaid gantt chart, KPIs,
cost and the plan's notes; then the service level now and goal with the practices that close
the gap (levels and practices come from the plan's knowledge base, seeds/003)."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from modelo_servicio.domain.plan_model import Phase, Plan
from modelo_servicio.planning.levels import climb, rank
from modelo_servicio.render import report_rows
from modelo_servicio.render.md_context import Ctx
from modelo_servicio.render.md_escape import (
    bullets,
    fenced,
    mermaid_label,
    plain_row,
    plain_table,
    table_of_rows,
    text,
)


def phases(c: Ctx, p: Plan) -> str:
    if not p.phases:
        return ""
    cur = report_rows.phase_currency(p)
    rows = [_phase_row(c, index, phase, cur) for index, phase in enumerate(p.phases, 1)]
    headers = report_rows.phase_headers(c)
    right = report_rows.PHASES_RIGHT
    out = [f"### {c.t('report.h.phases')}", table_of_rows(headers, rows, right=right)]
    out.append(text(c.t("plan.phase_cost_note")))
    line = report_rows.timeline_line(c, p)
    if line:
        out.append(text(line))
    dated = bool(p.phases) and all(ph.start_date and ph.end_date for ph in p.phases)
    first = p.phases[0].start_date if dated else c.date
    out.append(c.t("report.gantt_dated" if dated else "report.gantt_intro", date=first))
    out.append(gantt(c, p))
    return "\n\n".join(out)


def _phase_row(c: Ctx, index: int, phase: Phase, currency: str) -> str:
    """One row of the phases table, remembered: the knowledge base's phases and tasks come
    back in report after report."""
    start, end = phase.start_week, phase.end_week
    key = (
        "phase",
        index,
        phase.name,
        type(start),
        start,
        type(end),
        end,
        phase.owner,
        phase.milestone,
        phase.cost,
        currency,
        phase.start_date,
        phase.end_date,
        *phase.deliverables,
        "|",
        *phase.tasks,
    )

    def make() -> str:
        return plain_row(report_rows.phase_row(c, index, phase, currency))

    return c.remembered(key, make)


def gantt(c: Ctx, p: Plan) -> str:
    """Phases as a mermaid gantt chart; week 1 starts on the report date. Remembered: most
    plans of a batch share one of a few dozen phase layouts."""
    layout = [
        (phase.name, type(phase.start_week), phase.start_week, type(phase.end_week), phase.end_week)
        for phase in p.phases
    ]
    dates = tuple((phase.start_date, phase.end_date) for phase in p.phases)
    return c.remembered(("gantt", c.date, *layout, *dates), lambda: _gantt(c, p))


def _gantt(c: Ctx, p: Plan) -> str:
    lines = [
        "gantt",
        f"    title {mermaid_label(c.t('report.h.phases'))}",
        "    dateFormat YYYY-MM-DD",
        "    axisFormat %d/%m" if c.lang == "es" else "    axisFormat %b %d",
        f"    section {mermaid_label(c.t('report.gantt_section'))}",
    ]
    for index, phase in enumerate(p.phases, 1):
        first = _week_start(c.date, phase.start_week)
        days = 7 * max(phase.end_week - phase.start_week + 1, 1)
        if phase.start_date and phase.end_date:  # --start: closed weeks stepped over
            first = phase.start_date
            last = date.fromisoformat(phase.end_date) + timedelta(days=3)
            days = (last - date.fromisoformat(first)).days
        label = mermaid_label(f"{index}. {phase.name}")
        lines.append(f"    {label} :p{index}, {first}, {days}d")
    return fenced("mermaid", lines)


@lru_cache(maxsize=256)
def _week_start(day: str, week: int) -> str:
    """The first day of plan week ``week`` when week 1 starts on ``day`` (both ISO dates);
    a batch shares one report date and plans run a few dozen weeks at most."""
    return (date.fromisoformat(day) + timedelta(weeks=max(week, 1) - 1)).isoformat()


def kpis(c: Ctx, p: Plan) -> str:
    if not p.kpis:
        return ""
    rows = report_rows.kpis(c, p)
    table_md = plain_table(rows.headers, rows.rows, rows.right)
    return "\n\n".join([f"### {c.t('report.h.kpis')}", table_md])


def notes(c: Ctx, p: Plan) -> str:
    if not p.notes:
        return ""
    return "\n\n".join([f"### {c.t('report.h.notes')}", bullets([text(n) for n in p.notes])])


def service_level(c: Ctx) -> str:
    """Now and goal need the profile; without it (``score --format markdown``) the section is
    left out rather than guessed."""
    if c.profile is None:
        return ""
    org = c.profile.organization
    now, goal = org.service_level_now, org.service_level_goal
    return c.remembered(("service_level", now, goal), lambda: _service_level(c, now, goal))


def _service_level(c: Ctx, level_now: str, level_goal: str) -> str:
    parts, gap, practices = service_level_parts(c, level_now, level_goal)
    rows = report_rows.service_level(parts, c)
    table_md = plain_table(rows.headers, rows.rows, rows.right, rows.strong)
    out = [f"## {c.t('report.h.service_level')}", table_md, gap]
    if practices:
        out.append(bullets([text(p) for p in practices]))
    return "\n\n".join(out)


def service_level_parts(
    c: Ctx, level_now: str, level_goal: str
) -> tuple[list[tuple[str, str, str]], str, list[str]]:
    """(now and goal as (when, level name, meaning)), the sentence on the gap, and the
    practices that close it (or keep the level), in plain text."""
    from modelo_servicio.planning.kb import ServiceLevelSpec

    known = c.kb.collection("service_levels", ServiceLevelSpec)
    rows = []
    for key, level in (("report.sl.now", level_now), ("report.sl.goal", level_goal)):
        spec = known.get(level)
        name = spec.name(c.lang) if spec else level
        meaning = spec.description(c.lang) if spec else ""
        rows.append((c.t(key), name, meaning))
    steps = rank(known, level_goal) - rank(known, level_now)
    if steps > 0:
        gap = c.t("report.sl.gap_one") if steps == 1 else c.t("report.sl.gap", steps=steps)
    else:
        gap = c.t("report.sl.reached")
    practices = [
        practice(c.lang)
        for spec in climb(known, level_now, level_goal)
        for practice in spec.practices
    ]
    return rows, gap, practices
