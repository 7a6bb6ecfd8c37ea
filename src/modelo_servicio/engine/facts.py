"""Derived facts the engine computes from a profile, readable by rules as ``facts.<name>``.

These are mechanisms (sums, shares, averages), not business judgements: thresholds that turn
a fact into points live in the rule files, and which channels count as live, spoken or
digital is the channel catalogue's ``groups`` (``rules/channels.yaml``): every group named
there becomes a ``<group>_share`` fact, so a consultancy can reclassify a channel with
``--rules`` and every rule reading the share follows.

A fact reads the answers as the flat context (``demand.contacts_per_month.phone``...), the
facts computed before it (``facts.total_contacts``) and the staff list, never the profile
object: robustness changes one answer in the context and recomputes only the facts that read
it, directly or through another fact (``FactBook.reading``, found by tracing).
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


@dataclass(frozen=True)
class Fact:
    type: FieldType
    compute: Callable[[Answers, Staff], Any]
    doc: str


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


def _strong(skill: str, strong: int) -> Callable[[Answers, Staff], int]:
    return lambda a, staff: sum(1 for s in staff if s.skills.level(skill) >= strong)


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


def _fixed(strong: int) -> dict[str, Fact]:
    """The facts every knowledge base has; ``strong``: the skill level that counts as strong
    (``settings.strong_skill_level``)."""
    out: dict[str, Fact] = {
        "total_contacts": Fact(_INT, _total, "contacts per month over all channels"),
        "active_channels": Fact(
            FieldType("int", lo=0, hi=len(CHANNELS)),
            lambda a, staff: sum([1 for key in _VOLUMES if a[key] > 0]),
            "channels with at least one contact a month",
        ),
        "contacts_per_customer": Fact(
            FieldType("float", lo=0), _per_customer, "contacts a month per active customer"
        ),
        "staff_count": Fact(_INT, lambda a, staff: len(staff), "people who serve customers"),
        "customers_per_staff": Fact(
            FieldType("float", lo=0), _per_staff, "active customers per person on staff"
        ),
        "team_avg_skill": Fact(_LEVEL, _team_avg_skill, "average of all skills of all staff"),
        "team_min_skill_avg": Fact(
            _LEVEL, _min_skill_avg, "average over staff of each person's weakest skill"
        ),
        "uncovered_languages": Fact(
            _INT, _uncovered_languages, "customer languages nobody on staff speaks"
        ),
        "service_gap": Fact(
            FieldType("int", lo=-3, hi=3), _service_gap, "service-level goal minus now, in steps"
        ),
    }
    for ch in CHANNELS:
        out[f"share_{ch}"] = Fact(_SHARE, _share((ch,)), f"share of contacts on {ch}")
    for sk in SKILLS:
        out[f"team_avg_{sk}"] = Fact(_LEVEL, _team_avg(sk), f"team average {sk} (0 if no staff)")
        out[f"strong_{sk}"] = Fact(
            _INT, _strong(sk, strong), f"people with {sk} of {strong} or more"
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

    def __init__(self, groups: Mapping[str, Sequence[str]], strong: int) -> None:
        self.facts = _fixed(strong)
        for group, channels in groups.items():
            listed = ", ".join(channels)
            self.facts[f"{group}_share"] = Fact(
                _SHARE, _share(channels), f"share of contacts on {group} channels ({listed})"
            )
        self._reading: dict[str, tuple[str, ...]] = {}
        self._inputs: dict[str, frozenset[str]] | None = None

    @classmethod
    def of(cls, kb: KnowledgeBase) -> FactBook:
        """The book for ``kb``'s channel groups (the ``Advisor``'s engine keeps one)."""
        groups: dict[str, list[str]] = {}
        for channel in kb.channels.values():
            for group in channel.groups:
                groups.setdefault(group, []).append(channel.id)
        return cls(groups, kb.settings.strong_skill_level)

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
        found = self._reading.get(path)
        if found is None:
            if self._inputs is None:
                self._inputs = self._trace()
            hit = {path}
            for name, inputs in self._inputs.items():
                if inputs & hit:
                    hit.add(f"facts.{name}")
            found = self._reading[path] = tuple(
                name for name in self._inputs if f"facts.{name}" in hit
            )
        return found

    def _trace(self) -> dict[str, frozenset[str]]:
        """The keys each fact reads, recorded on a probe that takes every branch."""
        probe = _probe()
        known = answers(probe)
        out: dict[str, frozenset[str]] = {}
        for name, fact in self.facts.items():
            seen = _Recorder(known)
            known[f"facts.{name}"] = fact.compute(seen, probe.staff)
            out[name] = frozenset(seen.read)
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


class _Recorder(Mapping[str, Any]):
    def __init__(self, answers: dict[str, Any]) -> None:
        self.answers = answers
        self.read: set[str] = set()

    def __getitem__(self, key: str) -> Any:
        self.read.add(key)
        return self.answers[key]

    def __iter__(self) -> Any:
        self.read.update(self.answers)
        return iter(self.answers)

    def __len__(self) -> int:
        return len(self.answers)


def _probe() -> Profile:
    staff = [{"name": n, "languages": ["es"]} for n in ("a", "b")]
    return Profile.model_validate(
        {
            "company": {"name": "probe"},
            "customers": {"active": 100, "languages": ["es", "en"]},
            "demand": {"contacts_per_month": dict.fromkeys(CHANNELS, 10)},
            "staff": staff,
        }
    )
