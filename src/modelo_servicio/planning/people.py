"""Who on the current team takes which role, and the training, moves and hires that follow.

First, people who already meet a role's levels are shared out among the roles that need them,
least versatile first: the two tech-savvy counter staff of the seed example go online, since
their colleagues can keep the counter but nobody else could staff the chat. Then the others
take the role that fits them best while roles still need people: the cost of a fit is the
levels they lack (much dearer for someone not open to training), plus a little for changing
channel or lacking a customer language where any customer may call; people go in order of
*regret* (how much worse their second choice is).
Roles needing less than one FTE (a knowledge-base owner, a quiet channel) become duties: part
of the week of the person who fits them best, preferably one whose role has time to spare.

Nobody who meets a role's levels gets training for it. Someone not open to training moves to
a role they already meet; if none exists, the missing skill becomes a hire.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import NamedTuple

from modelo_servicio.domain.profile import StaffMember
from modelo_servicio.planning.kb import RoleSpec, TrainingModule
from modelo_servicio.planning.roles import PRECISION, RoleNeed

SPECIALISM = 5.0
"""Cost of placing someone whose title names a specialism in a role that is no trade of its
own, when the model has one that is."""
UNTRAINABLE = 10.0
"""Cost weight of a missing level for someone not open to training (vs 1 when open)."""
MOVE = 0.5
"""Cost of taking a person off every channel they serve today."""
LANGUAGE = 0.5
"""Cost per customer language a person lacks, in roles that serve every customer."""
OPEN_EPSILON = 0.05
"""A role still takes people while it needs more than this FTE."""


@dataclass
class Placement:
    person: StaffMember
    fte: float
    role: RoleNeed
    duties: list[RoleNeed] = field(default_factory=list)
    status: str = "ready"
    left: RoleNeed | None = None
    """For a reassignment: the role the person lacked skills for."""


class Gap(NamedTuple):
    person: StaffMember | None
    skill: str
    current: int | None
    required: int
    role: RoleNeed


def shortfall(person: StaffMember, spec: RoleSpec) -> dict[str, tuple[int, int]]:
    """Skill -> (level, required) for every level the person is below."""
    skills = person.skills
    out: dict[str, tuple[int, int]] = {}
    for skill, required in spec.skills.items():
        level = skills.level(skill)
        if level < required:
            out[skill] = (level, required)
    return out


def missing_levels(person: StaffMember, spec: RoleSpec) -> int:
    """Levels the person lacks for the role, summed over its skills (0: they meet it)."""
    skills = person.skills
    total = 0
    for skill, required in spec.skills.items():
        level = skills.level(skill)
        if level < required:
            total += required - level
    return total


def is_specialist(person: StaffMember, keywords: list[str]) -> bool:
    """Whether the person's job title names a specialism (``rules/roles.yaml``)."""
    title = plain(person.role)
    return bool(title) and any(plain(k) in title for k in keywords)


def plain(text: str) -> str:
    """Lower case without accents, for keyword matching (``Óptica`` -> ``optica``)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def cost(
    person: StaffMember,
    spec: RoleSpec,
    languages: list[str],
    missing: int | None = None,
    specialist: bool = False,
) -> float:
    """How badly the person fits the role; ``missing`` is ``missing_levels`` if known."""
    if missing is None:
        missing = missing_levels(person, spec)
    value = missing * (1.0 if person.open_to_training else UNTRAINABLE)
    if specialist and not spec.specialism:
        value += SPECIALISM
    if person.channels and spec.channels and set(person.channels).isdisjoint(spec.channels):
        value += MOVE
    if spec.all_languages:
        value += LANGUAGE * sum(1 for code in languages if code not in person.languages)
    return value


def place(
    staff: list[StaffMember],
    needs: list[RoleNeed],
    contracted: float,
    languages: list[str],
    keywords: list[str] | None = None,
) -> list[Placement]:
    """Primary roles, then duties, then moves for those who will not train; sets ``current``.
    ``keywords``: job titles that name a specialism (``is_specialist``)."""
    if not staff or not needs:
        return []
    trade = [is_specialist(p, keywords or []) for p in staff]
    slots = [n for n in needs if n.required >= 1] or list(needs)
    duties = [n for n in needs if n not in slots]
    remaining = {n.id: n.required for n in slots}
    missing = {(i, n.id): missing_levels(p, n.spec) for i, p in enumerate(staff) for n in slots}
    grid = {
        (i, n.id): cost(p, n.spec, languages, missing[(i, n.id)], trade[i])
        for i, p in enumerate(staff)
        for n in slots
    }
    chosen = _seed(staff, slots, remaining, contracted, grid, missing)
    while len(chosen) < len(staff):
        open_roles = [n for n in slots if remaining[n.id] > OPEN_EPSILON] or slots
        queue = sorted((_key(i, open_roles, grid), i) for i in range(len(staff)) if i not in chosen)
        for key, index in queue:
            role = key[3]
            chosen[index] = role
            remaining[role.id] -= staff[index].hours_per_week / contracted
            if role in open_roles and remaining[role.id] <= OPEN_EPSILON and len(open_roles) > 1:
                break
    placements = [
        Placement(p, p.hours_per_week / contracted, chosen[i]) for i, p in enumerate(staff)
    ]
    for p in placements:
        p.role.current += p.fte
    for duty in duties:
        _give_duty(duty, placements, languages)
    for p, specialist in zip(placements, trade, strict=True):
        if specialist and not p.role.spec.specialism:
            # keeps their trade on the channels they serve: no training into another one
            p.status = "specialist"
            continue
        _settle(p, slots, languages)
    return placements


def _seed(
    staff: list[StaffMember],
    slots: list[RoleNeed],
    remaining: dict[str, float],
    contracted: float,
    grid: dict[tuple[int, str], float],
    missing: dict[tuple[int, str], int],
) -> dict[int, RoleNeed]:
    """First, people who already meet a role's levels, shared out among the roles in
    proportion to what each still needs; the least versatile go first, so those who could
    do several roles stay available for the roles few people can do."""
    fits = {i: [n for n in slots if not missing[(i, n.id)]] for i in range(len(staff))}
    lines = {
        n.id: sorted(
            (i for i in fits if n in fits[i]), key=lambda i: (len(fits[i]), grid[(i, n.id)], i)
        )
        for n in slots
    }
    cursor = dict.fromkeys(remaining, 0)
    chosen: dict[int, RoleNeed] = {}
    while True:
        for role_id, line in lines.items():
            while cursor[role_id] < len(line) and line[cursor[role_id]] in chosen:
                cursor[role_id] += 1
        ready = [
            n for n in slots if remaining[n.id] > OPEN_EPSILON and cursor[n.id] < len(lines[n.id])
        ]
        if not ready:
            return chosen
        role = max(ready, key=lambda n: (remaining[n.id] / n.required, n.required))
        index = lines[role.id][cursor[role.id]]
        chosen[index] = role
        remaining[role.id] -= staff[index].hours_per_week / contracted


def _key(
    index: int, roles: list[RoleNeed], grid: dict[tuple[int, str], float]
) -> tuple[float, float, int, RoleNeed]:
    ranked = sorted(((grid[(index, n.id)], pos) for pos, n in enumerate(roles)))
    best_cost, best_pos = ranked[0]
    regret = ranked[1][0] - best_cost if len(ranked) > 1 else 0.0
    return (-regret, best_cost, index, roles[best_pos])


def _give_duty(duty: RoleNeed, placements: list[Placement], languages: list[str]) -> None:
    def key(p: Placement) -> tuple[float, bool, int]:
        spare = p.role.current - p.role.required >= duty.required - PRECISION
        strength = sum(p.person.skills.level(s) for s in duty.spec.skills)
        return (cost(p.person, duty.spec, languages), not spare, -strength)

    holder = min(placements, key=key)
    share = min(duty.required, holder.fte)
    holder.duties.append(duty)
    holder.role.current -= share
    duty.current += share


def _settle(p: Placement, slots: list[RoleNeed], languages: list[str]) -> None:
    missing = shortfall(p.person, p.role.spec)
    if not missing and not any(shortfall(p.person, d.spec) for d in p.duties):
        p.status = "ready"
        return
    if p.person.open_to_training:
        p.status = "train"
        return
    for duty in p.duties:
        if shortfall(p.person, duty.spec):
            duty.skill_hire = True
    if not missing:
        p.status = "ready"
        return
    fits = [n for n in slots if n is not p.role and not shortfall(p.person, n.spec)]
    if fits:
        target = min(fits, key=lambda n: (cost(p.person, n.spec, languages), -n.gap))
        p.role.current -= p.fte
        target.current += p.fte
        p.left, p.role, p.status = p.role, target, "reassign"
        return
    p.status = "hire_skill"
    p.role.skill_hire = True


def gaps(placements: list[Placement]) -> list[Gap]:
    """Every missing level, once per person and skill (the highest requirement wins)."""
    out: list[Gap] = []
    for p in placements:
        if p.status == "specialist":
            continue
        if p.status == "reassign" and p.left is not None:
            for skill, (have, need) in shortfall(p.person, p.left.spec).items():
                out.append(Gap(p.person, skill, have, need, p.left))
            continue
        if p.status == "hire_skill":
            for skill, (_have, need) in shortfall(p.person, p.role.spec).items():
                out.append(Gap(None, skill, None, need, p.role))
        if not p.person.open_to_training:
            for duty in p.duties:
                for skill, (_have, need) in shortfall(p.person, duty.spec).items():
                    out.append(Gap(None, skill, None, need, duty))
            continue
        best: dict[str, Gap] = {}
        for role in [p.role, *p.duties]:
            for skill, (have, need) in shortfall(p.person, role.spec).items():
                if skill not in best or need > best[skill].required:
                    best[skill] = Gap(p.person, skill, have, need, role)
        out.extend(best.values())
    return _dedupe_hires(out)


def _dedupe_hires(items: list[Gap]) -> list[Gap]:
    seen: dict[tuple[str, str], Gap] = {}
    out: list[Gap] = []
    for g in items:
        if g.person is not None:
            out.append(g)
            continue
        key = (g.role.id, g.skill)
        if key not in seen or g.required > seen[key].required:
            seen[key] = g
    return out + list(seen.values())


def module_for(
    skill: str, role: RoleSpec, modules: dict[str, list[TrainingModule]], channel_order: list[str]
) -> TrainingModule:
    """The module of ``skill`` for the role's busiest channel, else the general one.

    ``modules`` maps a skill to its modules (``planning.kb.modules_by_skill``).
    """
    candidates = modules.get(skill, [])
    for channel in channel_order:
        if channel not in role.channels:
            continue
        for m in candidates:
            if channel in m.channels:
                return m
    return next(m for m in candidates if not m.channels)


def unspoken(staff: list[StaffMember], languages: list[str]) -> list[str]:
    spoken = {code for p in staff for code in p.languages}
    return [code for code in languages if code not in spoken]


def language_learner(placements: list[Placement]) -> Placement | None:
    """The person best placed to learn a language: open to training, strongest speaker."""
    willing = [p for p in placements if p.person.open_to_training]
    if not willing:
        return None

    def key(p: Placement) -> tuple[bool, int]:
        strength = p.person.skills.level("speaking") + p.person.skills.level("writing")
        return (not p.role.spec.all_languages, -strength)

    return min(willing, key=key)
