"""Assemble the plan: staffing per channel, roles and hires, people and training."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from modelo_servicio.domain.i18n import Lang, t
from modelo_servicio.domain.plan_model import StaffingPlan
from modelo_servicio.knowledge.loader import KnowledgeBase
from modelo_servicio.planning import kb as pkb
from modelo_servicio.planning.channels import (
    Demand,
    Setup,
    Staffed,
    demands,
    live_pool,
    setup,
    shared_hosts,
    staff_one,
)
from modelo_servicio.planning.people import (
    Placement,
    gaps,
    language_learner,
    module_for,
    place,
    unspoken,
)
from modelo_servicio.planning.roles import (
    RoleNeed,
    absorb_small,
    allocate,
    hire_limit,
    hires_for,
    role_needs,
    serving_models,
    uncovered_fte,
)

if TYPE_CHECKING:
    from modelo_servicio.engine.scoring import Evaluation
    from modelo_servicio.planning.tables import PlanTables

HYBRID = "hybrid"
Fields = dict[str, Any]
"""The fields of one output model (a training item, a phase...), validated with the plan in one
call (see ``build_plan``): one validation of the whole plan costs less than one per item."""


@dataclass
class Draft:
    """Everything the later steps (schedule, KPIs, cost, notes, rendering) read."""

    evaluation: Evaluation
    tables: PlanTables
    kb: KnowledgeBase
    lang: Lang
    base: Setup
    models: list[str]
    demand: dict[str, Demand]
    rows: dict[str, Staffed]
    hosts: dict[str, str]
    needs: list[RoleNeed]
    placements: list[Placement]
    training: list[Fields]
    """The fields of each ``TrainingItem``."""
    languages: list[str]
    hires: int
    hires_needed: int
    limit: int | None
    hours: dict[str, int] = field(default_factory=dict)
    """Training hours per person (``training_hours``)."""
    served_by: dict[str, str | None] = field(default_factory=dict)
    """Channel -> the planned model serving it (``roles.serving_models``)."""


def plan_models(evaluation: Evaluation) -> tuple[list[str], dict[str, str]]:
    """The models the plan implements and, for a hybrid, which channels each one owns."""
    best = evaluation.best
    if best.model == HYBRID and best.components:
        owners = {ch: c.model for c in best.components for ch in c.channels}
        return [c.model for c in best.components], owners
    return [best.model], {}


def draft(evaluation: Evaluation, tables: PlanTables, lang: Lang) -> Draft:
    """Staffing per channel, the roles and who fills them, hires and training."""
    kb = tables.kb
    profile = evaluation.profile
    settings = tables.staffing
    base = setup(profile, settings, pkb.coverages(kb)[profile.demand.coverage])
    items = demands(profile, pkb.channel_defaults(kb), base)
    demand = {d.channel: d for d in items}
    rows = {d.channel: staff_one(d, base) for d in items}
    hosts = shared_hosts(items, rows, base)
    for channel, host in hosts.items():
        pooled = live_pool([demand[host], demand[channel]], base)
        alone = rows[host]
        rows[channel] = replace(
            rows[channel],
            agents=max(0, pooled.agents - alone.agents),
            seats=max(0.0, pooled.seats - alone.seats),
            fte=max(0.0, pooled.fte - alone.fte),
        )
    models, owners = plan_models(evaluation)
    served_by = serving_models(kb, models, owners, list(demand))
    needs = role_needs(kb, pkb.roles(kb), models, served_by, hosts, demand, base, profile)
    languages = profile.customers.languages
    placements = place(profile.staff, needs, settings.contracted_hours, languages)
    missing = unspoken(profile.staff, languages)
    absorb_small(needs, settings)
    needed = hires_for(needs, settings)
    limit = hire_limit(profile, settings)
    if missing and needed == 0 and needs and (limit is None or limit > 0):
        carrier = next(
            (n for n in needs if n.spec.all_languages), max(needs, key=lambda n: n.required)
        )
        carrier.hires_needed += 1
        needed += 1
    hires = allocate(needs, limit)
    d = Draft(
        evaluation=evaluation,
        tables=tables,
        kb=kb,
        lang=lang,
        base=base,
        models=models,
        demand=demand,
        rows=rows,
        hosts=hosts,
        needs=needs,
        placements=placements,
        training=[],
        languages=missing,
        hires=hires,
        hires_needed=needed,
        limit=limit,
        served_by=served_by,
    )
    d.training = training_items(d)
    d.hours = training_hours(d.training)
    return d


def training_hours(training: list[Fields]) -> dict[str, int]:
    per: dict[str, int] = {}
    for item in training:
        staff = item["staff"]
        if item["action"] == "train" and staff is not None:
            per[staff] = per.get(staff, 0) + item["hours"]
    return per


def _skill_name(d: Draft, skill: str) -> str:
    if skill.startswith("language:"):
        return language_name(skill.partition(":")[2], d.lang)
    spec = d.kb.skills.get(skill)
    return spec.name(d.lang) if spec else skill


def _item(d: Draft, role: RoleNeed | None, **fields: Any) -> Fields:
    fields["role"] = role.id if role else None
    fields["role_name"] = role.spec.name(d.lang) if role else ""
    fields["skill_name"] = _skill_name(d, str(fields["skill"]))
    return fields


def training_items(d: Draft) -> list[Fields]:
    """One line per missing level: train, move, or leave it to a hire."""
    lang = d.lang
    modules = d.tables.modules_by_skill
    order = sorted(d.demand, key=lambda c: -d.demand[c].contacts_per_month)
    placed = {p.person.name: p for p in d.placements}
    out: list[Fields] = []
    for gap in gaps(d.placements):
        role = gap.role
        base: dict[str, Any] = {"skill": gap.skill, "required": gap.required, "hours": 0}
        if gap.person is None:
            action = "hire" if role.hires > 0 else "uncovered"
            module = t(f"plan.module.{action}", lang, role=role.spec.name(lang))
            out.append(
                _item(d, role, staff=None, current=None, action=action, module=module, **base)
            )
            continue
        who = {"staff": gap.person.name, "current": gap.current}
        mover = placed[gap.person.name]
        if mover.status == "reassign":
            module = t("plan.module.reassign", lang, role=mover.role.spec.name(lang))
            out.append(_item(d, role, action="reassign", module=module, **who, **base))
            continue
        found = module_for(gap.skill, role.spec, modules, order)
        base["hours"] = found.hours_per_level * (gap.required - (gap.current or 0))
        out.append(_item(d, role, action="train", module=found.name(lang), **who, **base))
    out.extend(_language_items(d))
    return out


def language_name(code: str, lang: Lang) -> str:
    key = f"plan.lang.{code}"
    name = t(key, lang)
    return code if name == key else name


def _language_items(d: Draft) -> list[Fields]:
    """Customer languages nobody speaks: a hire brings it, else someone learns it, else a gap."""
    course = d.tables.training.language
    learner = language_learner(d.placements)
    out: list[Fields] = []
    for code in d.languages:
        language = language_name(code, d.lang)
        base: dict[str, Any] = {"skill": f"language:{code}", "current": None}
        base["required"] = course.level
        if d.hires > 0:
            module = t("plan.module.language_hire", d.lang, language=language)
            out.append(_item(d, None, staff=None, action="hire", module=module, hours=0, **base))
        elif learner is not None:
            module = t(
                "plan.module.language", d.lang, course=course.name(d.lang), language=language
            )
            name = learner.person.name
            out.append(
                _item(
                    d,
                    learner.role,
                    staff=name,
                    action="train",
                    module=module,
                    hours=course.hours,
                    **base,
                )
            )
        else:
            module = t("plan.module.language_uncovered", d.lang, language=language)
            out.append(
                _item(d, None, staff=None, action="uncovered", module=module, hours=0, **base)
            )
    return out


def _channel_rows(d: Draft) -> list[Fields]:
    serving: dict[str, list[str]] = {c: [] for c in d.demand}
    for need in d.needs:
        for channel in need.channels:
            ids = serving[channel]
            if not ids or ids[-1] != need.id:  # once per role, even if listed twice
                ids.append(need.id)
    names = d.kb.channels
    out: list[Fields] = []
    for channel, dem in d.demand.items():
        row = d.rows[channel]
        assumptions = row.assumptions.copy()
        out.append(
            {
                "channel": channel,
                "method": dem.spec.method,
                "agents": row.agents,
                "fte": round(row.fte, 2),
                "assumptions": assumptions,
                "name": names[channel].name(d.lang),
                "contacts_per_month": dem.contacts_per_month,
                "results": row.results.copy(),
                "from_profile": sorted(k for k in dem.from_profile if k in assumptions),
                "shared_with": d.hosts.get(channel),
                "roles": serving[channel],
                "model": d.served_by.get(channel),
            }
        )
    return out


def staffing_out(d: Draft) -> StaffingPlan:
    lang = d.lang
    roles: list[Fields] = []
    uncovered: list[Fields] = []
    for need in d.needs:
        required, current = round(need.required, 2), round(need.current, 2)
        left = round(uncovered_fte(need), 2)
        name = need.spec.name(lang)
        roles.append(
            {
                "role": need.id,
                "required_fte": required,
                "current_fte": current,
                "gap_fte": round(required - current, 2),
                "name": name,
                "channels": list(need.channels),
                "sized_by": need.sized_by,
                "hires": need.hires,
                "uncovered_fte": left,
                "covered_by": need.absorbed_by.id if need.absorbed_by else None,
            }
        )
        if need.hires < need.hires_needed:
            why = "no_hiring" if d.limit == 0 else "cap"
            reason = t(f"plan.uncovered.{why}", lang, limit=d.limit or 0)
            uncovered.append({"role": need.id, "name": name, "fte": left, "reason": reason})
    for item in d.training:
        skill: str = item["skill"]
        if item["action"] == "uncovered" and skill.startswith("language:"):
            code = skill.partition(":")[2]
            uncovered.append(
                {
                    "role": skill,
                    "name": language_name(code, lang),
                    "fte": 0.0,
                    "reason": t("plan.uncovered.language", lang),
                }
            )
    return StaffingPlan.model_validate(
        {
            "channels": _channel_rows(d),
            "roles": roles,
            "hires": d.hires,
            "hires_needed": d.hires_needed,
            "hire_limit": d.limit,
            "uncovered": uncovered,
            "coverage": d.base.coverage.name(lang),
        }
    )


def assignments_out(d: Draft) -> list[Fields]:
    return [
        {
            "staff": p.person.name,
            "role": p.role.id,
            "role_name": p.role.spec.name(d.lang),
            "fte": round(p.fte, 2),
            "channels_now": list(p.person.channels),
            "channels": list(p.role.channels),
            "status": p.status,
            "duties": [x.id for x in p.duties],
        }
        for p in d.placements
    ]
