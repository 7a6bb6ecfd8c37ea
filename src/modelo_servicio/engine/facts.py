"""Derived facts the engine computes from a profile, readable by rules as ``facts.<name>``.

These are mechanisms (sums, shares, averages), not business judgements: thresholds that turn
a fact into points live in the rule files, and which channels count as live, spoken or
digital is the channel catalogue's ``groups`` (``rules/channels.yaml``): every group named
there becomes a ``<group>_share`` fact, so a consultancy can reclassify a channel with
``--rules`` and every rule reading the share follows.

A fact reads the answers as the flat context (``demand.contacts_per_month.phone``...), the
facts computed before it (``facts.total_contacts``) and the staff list, never the profile
object, and declares what it reads next to its definition (``Fact.reads``; ``STAFF`` for the
staff list). Robustness changes one answer in the context and recomputes only the facts that
read it, directly or through another fact (``FactBook.reading``, from those declarations; a
test checks them against what each fact actually reads).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from modelo_servicio.domain.fields import FieldType, profile_fields
from modelo_servicio.domain.profile import CHANNELS, SKILLS, Profile, StaffMember

if TYPE_CHECKING:
    from modelo_servicio.knowledge.loader import KnowledgeBase

Answers = Mapping[str, Any]
Staff = Sequence[StaffMember]
CONTACTS = "demand.contacts_per_month."
STRONG = 4
"""A skill level that counts as strong: the top two steps of the 1-5 scale."""


STAFF = "staff"
"""What a fact reading the staff list declares (the list is no answer of the context)."""
TOTAL = "facts.total_contacts"


@dataclass(frozen=True)
class Fact:
    type: FieldType
    compute: Callable[[Answers, Staff], Any]
    doc: str
    reads: tuple[str, ...]
    """The context keys (answers, earlier ``facts.*``) and ``STAFF`` that ``compute`` reads."""


_VOLUMES = tuple(CONTACTS + ch for ch in CHANNELS)


def _total(a: Answers, staff: Staff) -> int:
    return sum([a[key] for key in _VOLUMES])


def _share(channels: Sequence[str]) -> Callable[[Answers, Staff], float]:
    keys = tuple(CONTACTS + ch for ch in channels)
    if len(keys) == 1:
        (key,) = keys

        def one(a: Answers, staff: Staff) -> float:
            total = a["facts.total_contacts"]
            return round(a[key] / total, 4) if total else 0.0

        return one

    def compute(a: Answers, staff: Staff) -> float:
        total = a["facts.total_contacts"]
        return round(sum([a[k] for k in keys]) / total, 4) if total else 0.0

    return compute


def _team_avg(skill: str) -> Callable[[Answers, Staff], float]:
    def compute(a: Answers, staff: Staff) -> float:
        if not staff:
            return 0.0
        return round(sum(s.skills.level(skill) for s in staff) / len(staff), 2)

    return compute


def _strong(skill: str) -> Callable[[Answers, Staff], int]:
    return lambda a, staff: sum(1 for s in staff if s.skills.level(skill) >= STRONG)


def _team_avg_skill(a: Answers, staff: Staff) -> float:
    if not staff:
        return 0.0
    levels = [s.skills.level(k) for s in staff for k in SKILLS]
    return round(sum(levels) / len(levels), 2)


def _min_skill_avg(a: Answers, staff: Staff) -> float:
    if not staff:
        return 0.0
    return round(sum(min(s.skills.level(k) for k in SKILLS) for s in staff) / len(staff), 2)


def _uncovered_languages(a: Answers, staff: Staff) -> int:
    spoken = {code for s in staff for code in s.languages}
    return sum(1 for code in a["customers.languages"] if code not in spoken)


def _service_gap(a: Answers, staff: Staff) -> int:
    levels = profile_fields()["organization.service_level_now"].values
    now, goal = a["organization.service_level_now"], a["organization.service_level_goal"]
    return levels.index(goal) - levels.index(now)


def _per_customer(a: Answers, staff: Staff) -> float:
    active = a["customers.active"]
    return round(a["facts.total_contacts"] / active, 3) if active else 0.0


def _per_staff(a: Answers, staff: Staff) -> float:
    return round(a["customers.active"] / len(staff), 1) if staff else 0.0


_INT = FieldType("int", lo=0)
_SHARE = FieldType("float", lo=0, hi=1)
_LEVEL = FieldType("float", lo=0, hi=5)


def _fixed() -> dict[str, Fact]:
    level_now, level_goal = "organization.service_level_now", "organization.service_level_goal"
    out: dict[str, Fact] = {
        "total_contacts": Fact(_INT, _total, "contacts per month over all channels", _VOLUMES),
        "active_channels": Fact(
            FieldType("int", lo=0, hi=len(CHANNELS)),
            lambda a, staff: sum([1 for key in _VOLUMES if a[key] > 0]),
            "channels with at least one contact a month",
            _VOLUMES,
        ),
        "contacts_per_customer": Fact(
            FieldType("float", lo=0),
            _per_customer,
            "contacts a month per active customer",
            ("customers.active", TOTAL),
        ),
        "staff_count": Fact(
            _INT, lambda a, staff: len(staff), "people who serve customers", (STAFF,)
        ),
        "customers_per_staff": Fact(
            FieldType("float", lo=0),
            _per_staff,
            "active customers per person on staff",
            ("customers.active", STAFF),
        ),
        "team_avg_skill": Fact(
            _LEVEL, _team_avg_skill, "average of all skills of all staff", (STAFF,)
        ),
        "team_min_skill_avg": Fact(
            _LEVEL,
            _min_skill_avg,
            "average over staff of each person's weakest skill",
            (STAFF,),
        ),
        "uncovered_languages": Fact(
            _INT,
            _uncovered_languages,
            "customer languages nobody on staff speaks",
            ("customers.languages", STAFF),
        ),
        "service_gap": Fact(
            FieldType("int", lo=-3, hi=3),
            _service_gap,
            "service-level goal minus now, in steps",
            (level_now, level_goal),
        ),
    }
    for ch in CHANNELS:
        out[f"share_{ch}"] = Fact(
            _SHARE, _share((ch,)), f"share of contacts on {ch}", (TOTAL, CONTACTS + ch)
        )
    for sk in SKILLS:
        out[f"team_avg_{sk}"] = Fact(
            _LEVEL, _team_avg(sk), f"team average {sk} (0 if no staff)", (STAFF,)
        )
        out[f"strong_{sk}"] = Fact(
            _INT, _strong(sk), f"people with {sk} of {STRONG} or more", (STAFF,)
        )
    return out


LATE_FACTS: dict[str, FieldType] = {
    "hybrid_components": FieldType("int", lo=0, hi=len(CHANNELS)),
    "hybrid_secondary_share": FieldType("float", lo=0, hi=1),
    "best_base_score": FieldType("float", lo=0, hi=100),
}
"""Facts computed after the base models are scored, readable only by ``hybrid`` rules."""


class FactBook:
    """The facts of one knowledge base: the fixed mechanisms plus a share per channel group."""

    def __init__(self, groups: Mapping[str, Sequence[str]]) -> None:
        self.groups = {group: tuple(channels) for group, channels in groups.items()}
        self.facts = _fixed()
        for group, channels in self.groups.items():
            listed = ", ".join(channels)
            self.facts[f"{group}_share"] = Fact(
                _SHARE,
                _share(channels),
                f"share of contacts on {group} channels ({listed})",
                (TOTAL, *(CONTACTS + ch for ch in channels)),
            )
        self._reading = _dependents(self.facts)

    def __reduce__(self) -> tuple[type[FactBook], tuple[dict[str, tuple[str, ...]]]]:
        """Pickled as its channel groups: the facts are functions, rebuilt on loading."""
        return (FactBook, (self.groups,))

    @classmethod
    def of(cls, kb: KnowledgeBase) -> FactBook:
        """The book for ``kb``'s channel groups (the ``Advisor``'s engine keeps one)."""
        groups: dict[str, list[str]] = {}
        for channel in kb.channels.values():
            for group in channel.groups:
                groups.setdefault(group, []).append(channel.id)
        return cls(groups)

    def types(self, late: bool = True) -> dict[str, FieldType]:
        """``facts.<name>`` paths and their types (``late``: with the hybrid-only facts)."""
        out = {f"facts.{name}": fact.type for name, fact in self.facts.items()}
        if late:
            out.update({f"facts.{name}": kind for name, kind in LATE_FACTS.items()})
        return out

    def context(self, profile: Profile) -> dict[str, Any]:
        """Every value a rule may read, by path: profile fields, ``extra.*`` and ``facts.*``."""
        out = answers(profile)
        for name, fact in self.facts.items():
            out[f"facts.{name}"] = fact.compute(out, profile.staff)
        return out

    def reading(self, path: str) -> tuple[str, ...]:
        """Facts whose value may depend on the answer at ``path`` (a context key), directly
        or through an earlier fact, in the order they are computed."""
        return self._reading.get(path, ())


def _dependents(facts: Mapping[str, Fact]) -> dict[str, tuple[str, ...]]:
    """For each key some fact declares it reads, the facts that depend on it. A fact may read
    only answers, the staff list and the facts defined before it."""
    fields = profile_fields()
    earlier: set[str] = set()
    for name, fact in facts.items():
        for key in fact.reads:
            if key != STAFF and key not in fields and key not in earlier:
                raise ValueError(f"fact {name!r} reads {key!r}, no answer or earlier fact")
        earlier.add(f"facts.{name}")
    out: dict[str, tuple[str, ...]] = {}
    for key in {key for fact in facts.values() for key in fact.reads}:
        hit = {key}
        for name, fact in facts.items():
            if hit.intersection(fact.reads):
                hit.add(f"facts.{name}")
        out[key] = tuple(name for name in facts if f"facts.{name}" in hit)
    return out


def answers(profile: Profile) -> dict[str, Any]:
    """The profile's answers by path (staff and interview bookkeeping aside)."""
    out: dict[str, Any] = {}
    _flatten(profile.model_dump(exclude={"staff", "interview", "extra"}), "", out)
    for key, value in profile.extra.items():
        out[f"extra.{key}"] = value
    return out


def _flatten(data: dict[str, Any], prefix: str, out: dict[str, Any]) -> None:
    for key, value in data.items():
        if isinstance(value, dict):
            _flatten(value, f"{prefix}{key}.", out)
        else:
            out[f"{prefix}{key}"] = value
