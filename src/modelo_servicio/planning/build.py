"""Assemble the plan: staffing per channel, roles and hires, people and training."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from modelo_servicio.domain.i18n import Lang, t
from modelo_servicio.domain.numbers import listing, num, pct
from modelo_servicio.domain.plan_model import StaffingPlan
from modelo_servicio.domain.profile import Profile
from modelo_servicio.knowledge.loader import KnowledgeBase
from modelo_servicio.planning import kb as pkb
from modelo_servicio.planning.channels import (
    Demand,
    Setup,
    Staffed,
    demands,
    live_pool,
    setup,
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
from modelo_servicio.planning.pooling import folded_fte, folds, shared_hosts
from modelo_servicio.planning.roles import (
    RoleNeed,
    absorb_small,
    allocate,
    dedicated_customers,
    hire_limit,
    hires_for,
    role_needs,
    serving_models,
    uncovered_fte,
)
from modelo_servicio.planning.sector import sector_handle_times, staffing_sources

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
    dedicated: float = 0.0
    """Customers who need a dedicated adviser (``roles.dedicated_customers``)."""
    unrecorded: float = 0.0
    """FTE of people in ``organization.team_size`` who are not in the roster."""
    team_known: bool = True
    """False with no roster and no ``team_size``: the plan sizes the team, nothing more."""


Split = dict[str, list[tuple[str, float]]]


def plan_models(evaluation: Evaluation) -> tuple[list[str], dict[str, str], Split]:
    """The models the plan implements and, for a hybrid, which channels each one owns (a
    channel the components of two customer segments share is shown under the larger's), and
    how such a shared channel's work splits between the components' models: by the share of
    the contacts each component serves (the phone of installers at 35% and households at
    65% is 35% account managers' work)."""
    best = evaluation.best
    if best.model == HYBRID and best.components:
        owners: dict[str, str] = {}
        sharing: dict[str, list[tuple[str, float]]] = {}
        for c in best.components:
            for ch in c.channels:
                owners.setdefault(ch, c.model)
                sharing.setdefault(ch, []).append((c.model, c.share))
        split: Split = {}
        for ch, parts in sharing.items():
            total = sum(share for _, share in parts)
            if len({m for m, _ in parts}) > 1 and total > 0:
                split[ch] = [(m, share / total) for m, share in parts]
        return [c.model for c in best.components], owners, split
    return [best.model], {}, {}


def draft(evaluation: Evaluation, tables: PlanTables, lang: Lang) -> Draft:
    """Staffing per channel, the roles and who fills them, hires and training."""
    kb = tables.kb
    profile = evaluation.profile
    settings = tables.staffing
    base = setup(profile, settings, pkb.coverages(kb)[profile.demand.coverage])
    typical = sector_handle_times(kb, profile.company.sector)
    items = demands(profile, pkb.channel_defaults(kb), base, typical)
    demand = {d.channel: d for d in items}
    rows = {d.channel: staff_one(d, base) for d in items}
    hosts = shared_hosts(items, rows, base)
    for channel, host in hosts.items():
        if folds(demand[channel], demand[host], base):
            extra = folded_fte(demand[channel], base)
            rows[channel] = replace(rows[channel], agents=0, seats=0.0, fte=extra)
            continue
        pooled = live_pool([demand[host], demand[channel]], base)
        alone = rows[host]
        rows[channel] = replace(
            rows[channel],
            agents=max(0, pooled.agents - alone.agents),
            seats=max(0.0, pooled.seats - alone.seats),
            fte=max(0.0, pooled.fte - alone.fte),
        )
    models, owners, split = plan_models(evaluation)
    served_by = serving_models(kb, models, owners, list(demand))
    dedicated = dedicated_customers(profile, pkb.dedicated_share(kb), evaluation.context)
    needs = role_needs(
        kb, pkb.roles(kb), models, served_by, hosts, demand, base, profile, dedicated, split
    )
    languages = profile.customers.languages
    keywords = pkb.specialist_keywords(kb)
    placements = place(profile.staff, needs, settings.contracted_hours, languages, keywords)
    unrecorded = add_unrecorded(profile, needs, settings.contracted_hours)
    # with no roster nobody knows which languages the team speaks: no gap is invented
    missing = unspoken(profile.staff, languages) if profile.staff else []
    absorb_small(needs, settings)
    needed = hires_for(needs, settings)
    limit = hire_limit(profile, settings)
    known = bool(profile.staff) or profile.organization.team_size is not None
    if not known:
        # nobody knows who works there today: the plan sizes the team, it does not hire it
        for need in needs:
            need.hires_needed = 0
        needed = 0
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
        dedicated=dedicated,
        unrecorded=unrecorded,
        team_known=known,
    )
    d.training = training_items(d)
    d.hours = training_hours(d.training)
    return d


def add_unrecorded(profile: Profile, needs: list[RoleNeed], contracted: float) -> float:
    """People ``organization.team_size`` counts but the roster does not list: today's FTE of
    the roles they most likely fill (in proportion to what each role still lacks), skills
    unknown. Returns their FTE."""
    size = profile.organization.team_size
    if size is None or size <= len(profile.staff):
        return 0.0
    hours = [p.hours_per_week for p in profile.staff] or [contracted]
    fte = (size - len(profile.staff)) * (sum(hours) / len(hours)) / contracted
    open_gaps = [(n, max(0.0, n.gap)) for n in needs]
    total = sum(g for _, g in open_gaps)
    for need, gap in open_gaps:
        if total > 0:
            need.current += fte * gap / total
    return fte


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
                "method": dem.method,
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
                **role_basis(d, need),
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
            "team_known": d.team_known,
            "sources": staffing_sources(d),
        }
    )


def role_basis(d: Draft, need: RoleNeed) -> dict[str, str]:
    """``basis`` (what set the requirement, in words, with its figures), ``source`` and
    ``why`` (today's FTE against the plan's, explained) of one role."""
    lang = d.lang
    ratio = need.spec.sizing.ratio
    source = ""
    if need.sized_by == "channels":
        names = [
            d.kb.channels[c].name(lang)
            if c not in need.portions
            else t(
                "plan.basis.portion",
                lang,
                channel=d.kb.channels[c].name(lang),
                share=pct(need.portions[c], lang),
            )
            for c in need.channels
        ]
        basis = t("plan.basis.channels", lang, channels=listing(names, lang))
        if ratio is not None and ratio.text:
            fte = num(need.by_ratio, lang)
            basis += " " + t("plan.basis.above_ratio", lang, rule=ratio.text(lang), fte=fte)
    elif need.sized_by == "ratio" and ratio is not None:
        rule = ratio.text(lang) if ratio.text else f"{ratio.basis} / {num(ratio.per, lang)}"
        basis = t("plan.basis.ratio", lang, rule=rule, fte=num(need.required, lang))
    else:
        basis = t("plan.basis.minimum", lang, fte=num(need.spec.sizing.minimum, lang, 2))
    if ratio is not None and need.sized_by != "minimum":
        sources = [ratio.source(lang)] if ratio.source else []
        if ratio.basis == "dedicated_customers":
            share = pkb.dedicated_share(d.kb)
            basis += " " + t(
                "plan.basis.dedicated",
                lang,
                n=num(d.dedicated, lang, 0),
                active=num(d.evaluation.profile.customers.active, lang, 0),
            )
            sources += [share.source(lang)] if share else []
        source = "; ".join(sources)
    gap = need.required - need.current
    if not d.team_known:
        return {"basis": basis, "source": source, "why": t("plan.why.unknown", lang)}
    values = {
        "required": num(need.required, lang),
        "current": num(need.current, lang),
        "gap": num(abs(gap), lang),
        "hires": need.hires,
    }
    if abs(gap) < 0.05:
        why = t("plan.why.met", lang, **values)
    elif gap < 0:
        why = t("plan.why.surplus", lang, **values)
    elif need.absorbed_by is not None:
        why = t("plan.why.absorbed", lang, host=need.absorbed_by.spec.name(lang), **values)
    elif need.hires >= need.hires_needed:
        key = "plan.why.hire_one" if need.hires == 1 else "plan.why.hire"
        why = t(key if need.hires else "plan.why.small", lang, **values)
    else:
        why = t("plan.why.capped", lang, left=num(uncovered_fte(need), lang), **values)
    return {"basis": basis, "source": source, "why": why}


def assignments_out(d: Draft) -> list[Fields]:
    return [
        {
            "staff": p.person.name,
            "role": p.role.id,
            "role_name": _title(d, p),
            "fte": round(p.fte, 2),
            "channels_now": list(p.person.channels),
            "channels": _channels_for(d, p),
            "status": p.status,
            "duties": [x.id for x in p.duties],
        }
        for p in d.placements
    ]


def _title(d: Draft, p: Placement) -> str:
    """A specialist keeps their own title (an optometrist is no account manager)."""
    if p.status == "specialist":
        return t("plan.specialist_title", d.lang, title=p.person.role.strip())
    return p.role.spec.name(d.lang)


def _channels_for(d: Draft, p: Placement) -> list[str]:
    """The role's channels this person serves: a specialist keeps the ones they serve today;
    someone not open to training is given no channel whose levels they lack."""
    channels: list[str] = list(p.role.channels)
    if p.status == "specialist":
        kept: list[str] = [c for c in channels if c in p.person.channels]
        return kept or [str(c) for c in p.person.channels]
    if p.person.open_to_training:
        return channels
    specs = d.kb.channels
    able = [
        c
        for c in channels
        if all(p.person.skills.level(s) >= lvl for s, lvl in specs[c].skills.items())
    ]
    return able or [c for c in channels if c in p.person.channels]
