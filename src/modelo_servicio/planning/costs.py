"""What the plan costs (staff, tools, hiring, training; monthly and one-off, with the full
model's cost), the risk register, the next steps and the calendar dates of the phases.

Prices come from ``rules/costs.yaml`` (the profile's ``cost_per_fte_month`` replaces every
staff price); risks are the register of ``rules/costs.yaml`` filtered by what the plan needs;
closed weeks (Christmas, August) come from its ``calendar``.
"""

from __future__ import annotations

import datetime
import math
from typing import Any

from modelo_servicio.domain.i18n import Lang, t
from modelo_servicio.domain.numbers import amount, listing, num
from modelo_servicio.domain.plan_model import Costs, Phase, Plan, Timeline
from modelo_servicio.planning import kb as pkb
from modelo_servicio.planning.build import Draft, Fields
from modelo_servicio.planning.kb import CalendarSettings, ClosedWeeks, CostSettings, ToolSpec
from modelo_servicio.planning.roles import RoleNeed
from modelo_servicio.planning.schedule import Facts, compile_when, matches

ROUND = 2


def rate(d: Draft, need: RoleNeed, prices: CostSettings) -> float:
    """Monthly cost of one FTE of the role: the profile's figure, else the role's price."""
    given = d.evaluation.profile.constraints.cost_per_fte_month
    if given is not None:
        return given
    table = prices.cost_per_fte_month
    return table.get(need.id, table.get("default", 0.0))


def _hired(need: RoleNeed) -> float:
    return min(float(need.hires), max(0.0, need.gap))


def _planned(d: Draft, need: RoleNeed) -> float:
    """FTE the plan pays for: today's plus the hires; the full requirement when the team is
    unknown (the plan sizes it, it cannot tell what is there already)."""
    if not d.team_known:
        return need.required
    return need.current + _hired(need)


def _agents(d: Draft, tool: ToolSpec, full: bool) -> int:
    """People who use a per-agent tool: the FTE of the roles serving its channels."""
    channels = set(tool.when.channels)
    total = 0.0
    for need in d.needs:
        if channels and channels.isdisjoint(need.channels):
            continue
        total += max(need.required, need.current) if full else _planned(d, need)
    return max(1, math.ceil(total - 1e-9))


def costs_of(d: Draft, facts: Facts) -> Costs | None:
    """The plan's cost by kind; ``None`` when the knowledge base carries no prices."""
    prices = pkb.cost_settings(d.kb)
    if prices is None:
        return None
    lang = d.lang
    profile = d.evaluation.profile
    currency = profile.constraints.currency
    lines: list[dict[str, Any]] = []
    staff = full_staff = 0.0
    for need in d.needs:
        price = rate(d, need, prices)
        planned = _planned(d, need)
        staff += planned * price
        full_staff += max(need.required, need.current) * price
        detail = t(
            "plan.cost.staff_detail",
            lang,
            fte=num(planned, lang),
            price=amount(price, lang, currency),
        )
        lines.append(
            {
                "kind": "staff",
                "name": need.spec.name(lang),
                "monthly": round(planned * price, ROUND),
                "detail": detail,
            }
        )
    tools = tools_full = tools_once = 0.0
    for tool in pkb.tooling(d.kb).values():
        if not matches(compile_when(tool.when, pkb.service_levels(d.kb)), facts):
            continue
        agents = _agents(d, tool, full=False) if tool.per_agent else 1
        monthly = tool.monthly * agents
        tools += monthly
        tools_full += tool.monthly * (_agents(d, tool, full=True) if tool.per_agent else 1)
        tools_once += tool.one_off
        key = "plan.cost.tool_per_agent" if tool.per_agent else "plan.cost.tool_flat"
        detail = t(key, lang, n=agents, price=amount(tool.monthly, lang, currency))
        lines.append(
            {
                "kind": "tooling",
                "name": tool.name(lang),
                "monthly": round(monthly, ROUND),
                "one_off": tool.one_off,
                "detail": detail,
            }
        )
    hiring = d.hires * prices.hire_one_off
    hiring_full = d.hires_needed * prices.hire_one_off
    hours = sum(int(i["hours"]) for i in d.training if i["action"] == "train")
    training = hours * prices.training_hour_cost
    if d.hires:
        detail = t(
            "plan.cost.hire_detail",
            lang,
            n=d.hires,
            price=amount(prices.hire_one_off, lang, currency),
        )
        name = t("plan.cost.hiring", lang)
        lines.append({"kind": "hiring", "name": name, "one_off": hiring, "detail": detail})
    if hours:
        detail = t(
            "plan.cost.training_detail",
            lang,
            hours=hours,
            price=amount(prices.training_hour_cost, lang, currency),
        )
        name = t("plan.cost.training", lang)
        lines.append({"kind": "training", "name": name, "one_off": training, "detail": detail})
    per_month = {"staff": round(staff, ROUND), "tooling": round(tools, ROUND)}
    per_month["total"] = round(staff + tools, ROUND)
    once = {
        "hiring": round(hiring, ROUND),
        "training": round(training, ROUND),
        "tooling": round(tools_once, ROUND),
    }
    once["total"] = round(hiring + training + tools_once, ROUND)
    full = round(full_staff + tools_full, ROUND)
    budget = profile.constraints.monthly_budget
    return Costs.model_validate(
        {
            "currency": currency,
            "monthly": per_month,
            "one_off": once,
            "full_model_monthly": full,
            "full_model_one_off": round(hiring_full + training + tools_once, ROUND),
            "budget": budget,
            "fits": None if budget is None else per_month["total"] <= budget + 1e-6,
            "full_model_fits": None if budget is None else full <= budget + 1e-6,
            "lines": lines,
            "source": prices.source(lang),
        }
    )


def risk_needs(d: Draft, costs: Costs | None, timeline: Timeline) -> set[str]:
    """Conditions of the risk register beyond the plan's own needs."""
    profile = d.evaluation.profile
    out: set[str] = set()
    if not profile.staff and not profile.organization.team_size:
        out.add("no_roster")
    holders: dict[str, int] = {}
    for p in d.placements:
        holders[p.role.id] = holders.get(p.role.id, 0) + 1
    if profile.staff and any(
        holders.get(n.id, 0) == 1 and n.required >= 0.5 and n.hires == 0 for n in d.needs
    ):
        out.add("key_person")
    if d.hires < d.hires_needed:
        out.add("hiring_capped")
    if costs is not None and costs.full_model_fits is False:
        out.add("budget_gap")
    heavy = d.tables.training.heavy_hours_per_person
    if max(d.hours.values(), default=0) > heavy:
        out.add("training_load")
    if not timeline.fits:
        out.add("too_long")
    return out


def risks_of(d: Draft, facts: Facts) -> list[dict[str, str]]:
    lang = d.lang
    return [
        {
            "id": r.id,
            "risk": r.risk(lang),
            "likelihood": r.likelihood,
            "impact": r.impact,
            "mitigation": r.mitigation(lang),
            "owner": r.owner(lang),
        }
        for r in pkb.risks(d.kb).values()
        if matches(compile_when(r.when, pkb.service_levels(d.kb)), facts)
    ]


def phase_details(d: Draft, phases: list[Fields], costs: Costs | None) -> None:
    """Owner, deliverables, milestone and one-off cost of each phase (fields added in place)."""
    specs = pkb.phases(d.kb)
    once = costs.one_off if costs is not None else {}
    for phase in phases:
        spec = specs.get(phase["id"])
        if spec is None:
            continue
        phase["owner"] = spec.owner(d.lang) if spec.owner else ""
        phase["deliverables"] = [x(d.lang) for x in spec.deliverables]
        phase["milestone"] = spec.milestone(d.lang) if spec.milestone else ""
        phase["cost"] = round(sum(once.get(kind, 0.0) for kind in spec.cost), ROUND)


def next_steps(phases: list[Fields], count: int = 3) -> list[dict[str, Any]]:
    """The first ``count`` tasks in calendar order, each with its phase's owner and week."""
    out: list[dict[str, Any]] = []
    for phase in sorted(phases, key=lambda p: (p["start_week"], p["end_week"])):
        for task in phase["tasks"]:
            if len(out) == count:
                return out
            out.append(
                {
                    "step": task,
                    "owner": phase.get("owner", ""),
                    "phase": phase["name"],
                    "week": phase["start_week"],
                }
            )
    return out


def _within(day: datetime.date, period: ClosedWeeks) -> bool:
    """Whether ``day`` falls in ``period`` (a range may run over the new year)."""
    key = day.strftime("%m-%d")
    if period.start <= period.end:
        return period.start <= key <= period.end
    return key >= period.start or key <= period.end


def closed(day: datetime.date, calendar: CalendarSettings) -> bool:
    """Whether ``day`` falls in a closed period."""
    return any(_within(day, period) for period in calendar.closed)


def open_weeks(start: datetime.date, count: int, calendar: CalendarSettings) -> list[datetime.date]:
    """The Mondays of the first ``count`` working weeks from ``start``'s week, skipping
    weeks with most of their working days (3 of 5) in a closed period."""
    monday = start - datetime.timedelta(days=start.weekday())
    out: list[datetime.date] = []
    guard = 0
    while len(out) < count and guard < count + 520:
        shut = sum(closed(monday + datetime.timedelta(days=n), calendar) for n in range(5))
        if shut < 3:
            out.append(monday)
        monday += datetime.timedelta(days=7)
        guard += 1
    return out


def add_dates(phases: list[Fields], start: datetime.date, calendar: CalendarSettings) -> None:
    """Calendar dates of each phase: plan week N is the N-th open week from ``start``."""
    last = max((p["end_week"] for p in phases), default=0)
    weeks = open_weeks(start, last, calendar)
    if len(weeks) < last:
        return
    for phase in phases:
        phase["start_date"] = weeks[phase["start_week"] - 1].isoformat()
        friday = weeks[phase["end_week"] - 1] + datetime.timedelta(days=4)
        phase["end_date"] = friday.isoformat()


def dated(plan: Plan, start: datetime.date, calendar: CalendarSettings, lang: Lang) -> Plan:
    """``plan`` with its phases dated from ``start`` (``--start``), closed weeks skipped, and
    a note naming the closed periods the calendar steps over."""
    phases = [p.model_dump() for p in plan.phases]
    add_dates(phases, start, calendar)
    last = max((p["end_week"] for p in phases), default=0)
    weeks = open_weeks(start, last, calendar)
    names: list[str] = []
    monday = start - datetime.timedelta(days=start.weekday())
    while weeks and monday <= weeks[-1]:
        if monday not in weeks:
            middle = monday + datetime.timedelta(days=2)
            for period in calendar.closed:
                name = period.name(lang)
                if _within(middle, period) and name not in names:
                    names.append(name)
        monday += datetime.timedelta(days=7)
    notes = list(plan.notes)
    if phases and weeks:
        first = weeks[0].isoformat()
        key = "plan.note.calendar_skips" if names else "plan.note.calendar"
        notes.append(t(key, lang, start=first, periods=listing(names, lang)))
    return plan.model_copy(
        update={"phases": [Phase.model_validate(p) for p in phases], "notes": notes}
    )
