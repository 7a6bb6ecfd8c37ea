"""The dated part of the plan (phases, KPIs), its cost and the notes a consultant must read."""

from __future__ import annotations

from modelo_servicio.domain.i18n import t
from modelo_servicio.domain.numbers import duration, listing, num, pct
from modelo_servicio.domain.plan_model import StaffingPlan, Timeline
from modelo_servicio.planning import kb as pkb
from modelo_servicio.planning.build import Draft, Fields, language_name
from modelo_servicio.planning.levels import rank, rises
from modelo_servicio.planning.pooling import live_groups
from modelo_servicio.planning.schedule import (
    Facts,
    fit,
    kpis_out,
    matches,
    phases_out,
    training_weeks,
)


def facts_of(d: Draft, movers: list[str]) -> Facts:
    """``movers``: ``ready_movers(d)``."""
    profile = d.evaluation.profile
    org = profile.organization
    needs: set[str] = set()
    if any(i["action"] == "train" for i in d.training):
        needs.add("training")
    if d.hires > 0:
        needs.add("hiring")
    if d.languages:
        needs.add("language_gap")
    if movers:
        needs.add("ready_staff")
    if any(p.status == "reassign" for p in d.placements):
        needs.add("reassignment")
    if any(n.hires < n.hires_needed for n in d.needs) or any(
        i["action"] == "uncovered" for i in d.training
    ):
        needs.add("uncovered")
    if org.knowledge_base == "none":
        needs.add("no_knowledge_base")
    counter = d.demand.get("in_person")
    if counter is not None:  # a walk-in queue has a waiting target; booked visits do not
        needs.add("appointments" if counter.method == "appointments" else "walk_in")
    levels = pkb.service_levels(d.kb)
    if rises(levels, org.service_level_now, org.service_level_goal):
        needs.add("climb")
    return Facts(
        models=frozenset(d.models),
        channels=frozenset(d.demand),
        needs=frozenset(needs),
        goal=rank(levels, org.service_level_goal),
    )


def ready_movers(d: Draft) -> list[str]:
    out: list[str] = []
    for p in d.placements:
        now = set(p.person.channels)
        if p.status == "ready" and now and p.role.channels and not now <= set(p.role.channels):
            out.append(f"{p.person.name} → {p.role.spec.name(d.lang)}")
    return out


def params(d: Draft, movers: list[str]) -> dict[str, object]:
    lang = d.lang
    kb = d.kb
    org = d.evaluation.profile.organization
    levels = pkb.service_levels(kb)
    models, specs = kb.models, kb.channels
    names = [models[m].name(lang) for m in d.models]
    model = names[0]
    if len(names) > 1:
        model = f"{models['hybrid'].name(lang)}: {' + '.join(names)}"
    hours = d.hours
    hires = [f"{n.hires} × {n.spec.name(lang)}" for n in d.needs if n.hires]
    channels = [
        t(
            "plan.channel_shared",
            lang,
            channel=specs[c].name(lang),
            host=specs[d.hosts[c]].name(lang),
        )
        if c in d.hosts
        else f"{specs[c].name(lang)} ({d.rows[c].agents})"
        for c, dem in d.demand.items()
        if dem.method != "self_service"
    ]
    out: dict[str, object] = {
        "model": model,
        "channels": listing(channels, lang),
        "hires": d.hires,
        "roles_to_hire": listing(hires, lang),
        "trainees": t("plan.people.one" if len(hours) == 1 else "plan.people", lang, n=len(hours)),
        "training_hours": sum(hours.values()),
        "ready": listing(movers, lang),
        "reassigned": listing(
            [
                f"{p.person.name} → {p.role.spec.name(lang)}"
                for p in d.placements
                if p.status == "reassign"
            ],
            lang,
        ),
        "languages": listing([language_name(c, lang) for c in d.languages], lang),
        "level_now": levels[org.service_level_now].name(lang),
        "level_goal": levels[org.service_level_goal].name(lang),
        "satisfaction": pct(levels[org.service_level_goal].satisfaction, lang),
    }
    for channel, dem in d.demand.items():
        out[f"sl_{channel}"] = pct(dem.service_level, lang)
        out[f"answer_{channel}"] = duration(dem.answer_seconds, lang)
        out[f"response_{channel}"] = num(dem.response_hours, lang)
    return out


def phases_and_kpis(d: Draft) -> tuple[list[Fields], list[dict[str, str]], Timeline]:
    """The fields of the phases and indicators (validated with the plan), and the timeline."""
    lang = d.lang
    profile = d.evaluation.profile
    movers = ready_movers(d)
    facts = facts_of(d, movers)
    values = params(d, movers)
    pace = d.tables.training
    longest = max(d.hours.values(), default=0)
    book = d.tables.playbook(lang)
    rules = [r for r in book.phases if matches(r.test, facts)]
    weeks: dict[str, int] = {}
    floor: dict[str, int] = {}
    for spec in (r.spec for r in rules):
        if spec.computed == "training":
            weeks[spec.id], floor[spec.id] = training_weeks(
                longest, pace.hours_per_week, pace.max_hours_per_week
            )
        else:
            weeks[spec.id], floor[spec.id] = spec.weeks, spec.min_weeks or spec.weeks
    ordered, start, end, timeline = fit(rules, weeks, floor, profile.constraints.weeks)
    if "training" in end:
        span = end["training"] - start["training"] + 1
        values["pace"] = num(longest / span, lang)
        values["training_end"] = end["training"]
    org = profile.organization
    practices = book.practices[(org.service_level_now, org.service_level_goal)]
    phases = phases_out(ordered, start, end, facts, values, practices)
    kpis = kpis_out(book, facts, values)
    return phases, kpis, timeline


def notes(
    d: Draft,
    staffing: StaffingPlan,
    phases: list[Fields],
    timeline: Timeline,
) -> list[str]:
    lang = d.lang
    profile = d.evaluation.profile
    out: list[str] = []
    if not profile.staff:
        size = profile.organization.team_size
        if size:
            out.append(t("plan.note.team_unlisted", lang, people=num(size, lang)))
        else:
            out.append(t("plan.note.no_staff", lang))
    if profile.company.locations == 0 and "in_person" in d.demand:
        out.append(t("plan.note.no_locations", lang))
    for channel, host in d.hosts.items():
        out.append(
            t(
                "plan.note.shared",
                lang,
                channel=d.kb.channels[channel].name(lang),
                host=d.kb.channels[host].name(lang),
            )
        )
    for need in d.needs:
        if need.absorbed_by is not None:
            host = need.absorbed_by.spec.name(lang)
            fte = num(need.gap, lang, 2)
            key = "plan.note.absorbed" if d.team_known else "plan.note.absorbed_unknown"
            out.append(t(key, lang, role=need.spec.name(lang), fte=fte, host=host))
    pooled = _pooling_saving(d)
    if pooled:
        out.append(pooled)
    if d.hires_needed > d.hires:
        key = "plan.note.no_hiring" if d.limit == 0 else "plan.note.hire_cap"
        short = sum(u.fte for u in staffing.uncovered)
        out.append(
            t(
                key,
                lang,
                needed=d.hires_needed,
                hires=d.hires,
                limit=d.limit or 0,
                fte=num(short, lang),
            )
        )
    required = sum(n.required for n in d.needs)
    current = sum(n.current for n in d.needs)
    if profile.staff and current < 0.5 * required:
        out.append(
            t(
                "plan.note.far_below",
                lang,
                current=num(current, lang),
                required=num(required, lang),
                share=pct(current / required, lang),
            )
        )
    surplus = [n for n in d.needs if n.current - n.required >= 1]
    if surplus:
        names = listing(
            [f"{n.spec.name(lang)} (+{num(n.current - n.required, lang)})" for n in surplus], lang
        )
        out.append(t("plan.note.surplus", lang, roles=names))
    if not timeline.fits:
        out.append(
            t(
                "plan.note.too_long",
                lang,
                needed=timeline.weeks_needed,
                weeks=timeline.weeks_available,
            )
        )
    elif timeline.compressed:
        out.append(t("plan.note.compressed", lang, weeks=timeline.weeks_available))
    pace = d.tables.training
    normal = training_weeks(max(d.hours.values(), default=0), pace.hours_per_week, 1)
    for phase in phases:
        if phase["id"] == "training" and phase["end_week"] - phase["start_week"] + 1 < normal[0]:
            hours = num(pace.max_hours_per_week, lang)
            out.append(t("plan.note.intensive", lang, hours=hours))
    return out


def _pooling_saving(d: Draft) -> str:
    """The first role whose live channels share one queue (``pooling.live_groups``)."""
    ratio = d.base.settings.pool_handle_ratio
    for need in d.needs:
        live = [d.demand[c] for c in need.channels if d.demand[c].method == "erlang_c"]
        shared = next((g for g in live_groups(live, ratio) if len(g) > 1), None)
        if shared is None:
            continue
        ids = sorted((x.channel for x in shared), key=list(d.kb.channels).index)
        names = [d.kb.channels[c].name(d.lang) for c in ids]
        return t(
            "plan.note.pooled", d.lang, role=need.spec.name(d.lang), channels=listing(names, d.lang)
        )
    return ""
