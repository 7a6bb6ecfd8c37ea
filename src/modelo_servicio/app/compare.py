"""A follow-up assessment: two dated profiles of one client, and what moved between them.

The earlier profile's plan is the yardstick: its hires (did the team grow?), its training items
(did each person reach the level the plan asked for?), its KPIs (those the profile can measure).
The later profile's own plan says what is still to do.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from modelo_servicio.domain.errors import UsageError
from modelo_servicio.domain.figures import figures
from modelo_servicio.domain.followup import AnswerChange, Followup, Indicator, Training
from modelo_servicio.domain.i18n import Lang, t
from modelo_servicio.domain.profile import Profile
from modelo_servicio.domain.result import Result

SKIPPED = ("staff", "interview", "assessment", "schema_version")
"""Not compared answer by answer: the team is compared person by person, the rest is
bookkeeping."""
SATISFACTION = "satisfaction"
TRAINING_DONE = "training-done"


def compare_files(before: Path, after: Path, lang: Lang, rules: Path | None) -> Followup:
    from modelo_servicio.app.advisor import Advisor
    from modelo_servicio.app.service import advise_profile
    from modelo_servicio.domain.profile_io import load_profile
    from modelo_servicio.knowledge.plan_schema import ServiceLevelSpec

    advisor = Advisor.build(rules)
    catalogue = advisor.catalogue
    old = advise_profile(load_profile(before, catalogue=catalogue), lang, advisor=advisor)
    new = advise_profile(load_profile(after, catalogue=catalogue), lang, advisor=advisor)
    levels = list(old.advisor.kb.collection("service_levels", ServiceLevelSpec))
    return followup(old.profile, old.result, new.profile, new.result, lang, levels)


def followup(
    old: Profile,
    old_result: Result,
    new: Profile,
    new_result: Result,
    lang: Lang,
    levels: Sequence[str],
) -> Followup:
    """What moved from the assessment ``old`` to ``new`` (same company, by name); ``levels``:
    the service levels worst first, as the knowledge base orders them."""
    if old.company.name.casefold() != new.company.name.casefold():
        raise UsageError(
            t("compare.not_same", lang, before=old.company.name, after=new.company.name)
        )
    old_names = {p.name.casefold(): p for p in old.staff}
    new_names = {p.name.casefold(): p for p in new.staff}
    return Followup(
        company=new.company.name,
        before_date=_date(old),
        after_date=_date(new),
        before_label=old.assessment.label if old.assessment else "",
        after_label=new.assessment.label if new.assessment else "",
        answers=answer_changes(old, new),
        before=figures(old_result),
        after=figures(new_result),
        hires_planned=old_result.plan.staffing.hires,
        joined=[p.name for p in new.staff if p.name.casefold() not in old_names],
        left=[p.name for p in old.staff if p.name.casefold() not in new_names],
        training=_training(old_result, new),
        opened=_channels(new, old),
        closed=_channels(old, new),
        indicators=_indicators(old, old_result, new, levels),
    )


def answer_changes(old: Profile, new: Profile) -> list[AnswerChange]:
    from modelo_servicio.interview.values import leaves

    def flat(profile: Profile) -> dict[str, Any]:
        data = profile.model_dump(mode="json", exclude=set(SKIPPED))
        return dict(leaves(data))

    before, after = flat(old), flat(new)
    paths = list(before) + [p for p in after if p not in before]
    return [
        AnswerChange(p, before.get(p), after.get(p)) for p in paths if before.get(p) != after.get(p)
    ]


def _date(profile: Profile) -> str | None:
    day = profile.assessment.date if profile.assessment else None
    return day.isoformat() if day else None


def _training(old_result: Result, new: Profile) -> list[Training]:
    people = {p.name.casefold(): p for p in new.staff}
    out: list[Training] = []
    for item in old_result.plan.training:
        if item.action != "train" or item.staff is None:
            continue
        person = people.get(item.staff.casefold())
        now = person.skills.level(item.skill) if person is not None else None
        skill = item.skill_name or item.skill
        out.append(Training(item.staff, item.skill, skill, item.current, now, item.required))
    return out


def _channels(a: Profile, b: Profile) -> list[str]:
    """Channels with contacts in ``a`` and none in ``b`` (in the catalogue's order)."""
    dropped = b.demand.contacts_per_month
    return [c for c, n in a.demand.contacts_per_month.root.items() if n and not dropped.get(c)]


def _indicators(
    old: Profile, old_result: Result, new: Profile, levels: Sequence[str]
) -> list[Indicator]:
    """The earlier plan's KPIs; two can be measured from the later profile: satisfaction, by
    the service level the client reports now against the goal it set then, and training, by
    the skill levels the earlier plan asked for that the team has reached."""
    training = _training(old_result, new)
    done = sum(1 for item in training if item.done)
    out: list[Indicator] = []
    for kpi in old_result.plan.kpis:
        if kpi.id == SATISFACTION:
            now = new.organization.service_level_now
            goal = old.organization.service_level_goal
            met = list(levels).index(now) >= list(levels).index(goal)
            out.append(Indicator(kpi.id, kpi.name, kpi.target, now, met))
        elif kpi.id == TRAINING_DONE and training:
            now_done = [done, len(training)]
            out.append(Indicator(kpi.id, kpi.name, kpi.target, now_done, done == len(training)))
        else:
            out.append(Indicator(kpi.id, kpi.name, kpi.target))
    return out
