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

from modelo_servicio.domain.catalogue import SESSIONS, Catalogue
from modelo_servicio.domain.fields import FieldType, profile_fields
from modelo_servicio.domain.profile import Profile, StaffMember

if TYPE_CHECKING:
    from modelo_servicio.knowledge.loader import KnowledgeBase

Answers = Mapping[str, Any]
Staff = Sequence[StaffMember]
CONTACTS = "demand.contacts_per_month."
HANDLE = "demand.handle_minutes."


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


_SESSIONS = CONTACTS + SESSIONS
"""The volume of ``catalogue.SESSIONS``: self-help sessions (help centre, kiosk, app), not
contacts a person answers, kept apart from every share and total of assisted contacts."""


def assisted(channels: Sequence[str]) -> tuple[str, ...]:
    """The channels a person answers (every channel but the self-help sessions)."""
    return tuple(ch for ch in channels if ch != SESSIONS)


def _total(volumes: tuple[str, ...]) -> Callable[[Answers, Staff], int]:
    return lambda a, staff: sum([a[key] for key in volumes])


def _sessions_per_contact(a: Answers, staff: Staff) -> float:
    total = int(a["facts.total_contacts"])
    sessions = int(a[_SESSIONS])
    if not total:
        return 1000.0 if sessions else 0.0
    return round(min(1000.0, sessions / total), 3)


def _deflection(a: Answers, staff: Staff) -> float:
    sessions = a[_SESSIONS]
    needs = sessions + a["facts.total_contacts"]
    return round(sessions / needs, 4) if needs else 0.0


def _team_size(a: Answers, staff: Staff) -> int:
    given = a["organization.team_size"]
    return int(given) if given else len(staff)


def _share(channels: Sequence[str]) -> Callable[[Answers, Staff], float]:
    """The share of assisted contacts on ``channels`` (self-help sessions never count)."""
    keys = tuple(CONTACTS + ch for ch in channels if ch != SESSIONS)
    if not keys:
        return lambda a, staff: 0.0
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


def _team_avg_skill(skills: tuple[str, ...]) -> Callable[[Answers, Staff], float]:
    def compute(a: Answers, staff: Staff) -> float:
        if not staff:
            return 0.0
        levels = [s.skills.level(k) for s in staff for k in skills]
        return round(sum(levels) / len(levels), 2)

    return compute


def _min_skill_avg(skills: tuple[str, ...]) -> Callable[[Answers, Staff], float]:
    def compute(a: Answers, staff: Staff) -> float:
        if not staff:
            return 0.0
        return round(sum(min(s.skills.level(k) for k in skills) for s in staff) / len(staff), 2)

    return compute


def _versatility(
    needs: Mapping[str, Sequence[str]], catalogue: Catalogue
) -> Callable[[Answers, Staff], float]:
    """Average over staff of each person's weakest skill among those the channels they work
    need (``skills`` of each channel in ``rules/channels.yaml``); a person with no channels
    listed is measured on the needs of every channel the company has assisted contacts on. A
    counter assistant who never writes is not judged on writing."""
    every = catalogue.skills
    answered = assisted(catalogue.channels)

    def compute(a: Answers, staff: Staff) -> float:
        if not staff:
            return 0.0
        busy = [ch for ch in answered if a[CONTACTS + ch] > 0]
        total = 0
        for person in staff:
            worked = person.channels or busy
            wanted = {k for ch in worked for k in needs.get(ch, ())} or set(every)
            total += min(person.skills.level(k) for k in wanted)
        return round(total / len(staff), 2)

    return compute


def _uncovered_languages(a: Answers, staff: Staff) -> int:
    spoken = {code for s in staff for code in s.languages}
    return sum(1 for code in a["customers.languages"] if code not in spoken)


def _service_gap(levels: tuple[str, ...]) -> Callable[[Answers, Staff], int]:
    """Steps from the level now to the goal, in the knowledge base's order (worst first)."""
    rank = {level: i for i, level in enumerate(levels)}

    def compute(a: Answers, staff: Staff) -> int:
        now, goal = a["organization.service_level_now"], a["organization.service_level_goal"]
        return rank[goal] - rank[now]

    return compute


def _per_customer(a: Answers, staff: Staff) -> float:
    """Assisted contacts a month per active customer."""
    active = a["customers.active"]
    return round(a["facts.total_contacts"] / active, 3) if active else 0.0


def _per_staff(a: Answers, staff: Staff) -> float:
    size = a["facts.team_size"]
    return round(a["customers.active"] / size, 1) if size else 0.0


_INT = FieldType("int", lo=0)
_SHARE = FieldType("float", lo=0, hi=1)
_LEVEL = FieldType("float", lo=0, hi=5)


def _fixed(strong: int, catalogue: Catalogue) -> dict[str, Fact]:
    """The facts every knowledge base has; ``strong``: the skill level that counts as strong
    (``settings.strong_skill_level``); a share per channel and an average per skill of the
    ``catalogue``."""
    answered = assisted(catalogue.channels)
    volumes = tuple(CONTACTS + ch for ch in answered)
    steps = len(catalogue.service_levels)
    level_now, level_goal = "organization.service_level_now", "organization.service_level_goal"
    out: dict[str, Fact] = {
        "total_contacts": Fact(
            _INT,
            _total(volumes),
            "contacts a month that people answer (self-service sessions apart)",
            volumes,
        ),
        "self_service_sessions": Fact(
            _INT,
            lambda a, staff: a[_SESSIONS],
            "self-help sessions a month (not contacts)",
            (_SESSIONS,),
        ),
        "sessions_per_contact": Fact(
            FieldType("float", lo=0, hi=1000),
            _sessions_per_contact,
            "self-help sessions per contact people answer",
            (TOTAL, _SESSIONS),
        ),
        "deflection_share": Fact(
            _SHARE,
            _deflection,
            "share of all customer needs met by self-help sessions",
            (TOTAL, _SESSIONS),
        ),
        "active_channels": Fact(
            FieldType("int", lo=0, hi=len(catalogue.channels)),
            lambda a, staff: sum([1 for key in volumes if a[key] > 0]),
            "channels with at least one assisted contact a month",
            volumes,
        ),
        "contacts_per_customer": Fact(
            FieldType("float", lo=0),
            _per_customer,
            "contacts a month per active customer",
            ("customers.active", TOTAL),
        ),
        "staff_count": Fact(
            _INT, lambda a, staff: len(staff), "people listed on the roster", (STAFF,)
        ),
        "team_size": Fact(
            _INT,
            _team_size,
            "people who serve customers (team_size, else the roster)",
            ("organization.team_size", STAFF),
        ),
        "customers_per_staff": Fact(
            FieldType("float", lo=0),
            _per_staff,
            "active customers per person who serves them",
            ("customers.active", "facts.team_size"),
        ),
        "team_avg_skill": Fact(
            _LEVEL,
            _team_avg_skill(catalogue.skills),
            "average of all skills of all staff",
            (STAFF,),
        ),
        "team_min_skill_avg": Fact(
            _LEVEL,
            _min_skill_avg(catalogue.skills),
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
            FieldType("int", lo=1 - steps, hi=steps - 1),
            _service_gap(catalogue.service_levels),
            "service-level goal minus now, in steps",
            (level_now, level_goal),
        ),
    }
    for ch in answered:
        out[f"share_{ch}"] = Fact(
            _SHARE,
            _share((ch,)),
            f"share of assisted contacts on {ch}",
            (TOTAL, CONTACTS + ch),
        )
    for sk in catalogue.skills:
        out[f"team_avg_{sk}"] = Fact(
            _LEVEL, _team_avg(sk), f"team average {sk} (0 if no staff)", (STAFF,)
        )
        out[f"strong_{sk}"] = Fact(
            _INT, _strong(sk, strong), f"people with {sk} of {strong} or more", (STAFF,)
        )
    return out


LATE_FACTS: dict[str, FieldType] = {
    "hybrid_components": FieldType("int", lo=0),
    "hybrid_secondary_share": FieldType("float", lo=0, hi=1),
    "best_base_score": FieldType("float", lo=0, hi=100),
    "hybrid_help_centre": FieldType("bool"),
}
"""Facts computed after the base models are scored, readable only by ``hybrid`` rules."""


class FactBook:
    """The facts of one knowledge base: the fixed mechanisms plus a share per channel group."""

    def __init__(
        self,
        groups: Mapping[str, Sequence[str]],
        strong: int,
        needs: Mapping[str, Sequence[str]],
        catalogue: Catalogue,
    ) -> None:
        self.groups = {group: tuple(channels) for group, channels in groups.items()}
        self.needs = {channel: tuple(skills) for channel, skills in needs.items()}
        self.strong = strong
        self.catalogue = catalogue
        self.facts = _fixed(strong, catalogue)
        answered = assisted(catalogue.channels)
        self.facts["team_channel_versatility"] = Fact(
            _LEVEL,
            _versatility(self.needs, catalogue),
            "average over staff of each person's weakest skill among those their channels need",
            (STAFF, *(CONTACTS + ch for ch in answered)),
        )
        for group, channels in self.groups.items():
            listed = ", ".join(ch for ch in channels if ch != SESSIONS)
            self.facts[f"{group}_share"] = Fact(
                _SHARE,
                _share(channels),
                f"share of assisted contacts on {group} channels ({listed})",
                (TOTAL, *(CONTACTS + ch for ch in channels if ch != SESSIONS)),
            )
        self._reading = _dependents(self.facts, catalogue)

    def __reduce__(self) -> tuple[type[FactBook], tuple[Any, ...]]:
        """Pickled as what it is built of (channel groups, strong level, skill needs, the
        catalogue): the facts are functions, rebuilt on loading."""
        return (FactBook, (self.groups, self.strong, self.needs, self.catalogue))

    @classmethod
    def of(cls, kb: KnowledgeBase) -> FactBook:
        """The book for ``kb``'s channel groups and the skills each channel needs (the
        ``Advisor``'s engine keeps one)."""
        groups: dict[str, list[str]] = {}
        for channel in kb.channels.values():
            for group in channel.groups:
                groups.setdefault(group, []).append(channel.id)
        needs: dict[str, list[str]] = {
            str(ch.id): [str(k) for k in ch.skills] for ch in kb.channels.values()
        }
        return cls(groups, kb.settings.strong_skill_level, needs, kb.catalogue)

    def types(self, late: bool = True) -> dict[str, FieldType]:
        """``facts.<name>`` paths and their types (``late``: with the hybrid-only facts)."""
        out = {f"facts.{name}": fact.type for name, fact in self.facts.items()}
        if late:
            out.update({f"facts.{name}": kind for name, kind in LATE_FACTS.items()})
            components = FieldType("int", lo=0, hi=len(self.catalogue.channels))
            out["facts.hybrid_components"] = components  # at most one per channel
        return out

    def context(self, profile: Profile) -> dict[str, Any]:
        """Every value a rule may read, by path: profile fields, ``extra.*`` and ``facts.*``."""
        out = answers(profile)
        for channel in self.catalogue.channels:  # a profile built without the catalogue
            out.setdefault(CONTACTS + channel, 0)
            out.setdefault(HANDLE + channel, None)
        for name, fact in self.facts.items():
            out[f"facts.{name}"] = fact.compute(out, profile.staff)
        return out

    def patched(
        self, ctx: Mapping[str, Any], changes: Mapping[str, Any], staff: Staff
    ) -> dict[str, Any]:
        """A copy of ``ctx`` with ``changes`` (answers by path) and the facts reading them
        computed again (a customer segment advised with its own answers)."""
        out = {**ctx, **changes}
        stale = {name for path in changes for name in self.reading(path)}
        for name, fact in self.facts.items():
            if name in stale:
                out[f"facts.{name}"] = fact.compute(out, staff)
        return out

    def reading(self, path: str) -> tuple[str, ...]:
        """Facts whose value may depend on the answer at ``path`` (a context key), directly
        or through an earlier fact, in the order they are computed."""
        return self._reading.get(path, ())


def _dependents(facts: Mapping[str, Fact], catalogue: Catalogue) -> dict[str, tuple[str, ...]]:
    """For each key some fact declares it reads, the facts that depend on it. A fact may read
    only answers, the staff list and the facts defined before it."""
    fields = profile_fields(catalogue)
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
