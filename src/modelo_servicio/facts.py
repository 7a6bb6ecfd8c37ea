"""Derived facts the engine computes from a profile, readable by rules as ``facts.<name>``.

These are mechanisms (sums, shares, averages), not business judgements: thresholds that turn
a fact into points live in the rule files.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from modelo_servicio.fields import FieldType, profile_fields
from modelo_servicio.profile import CHANNELS, SKILLS, Profile

LIVE = ("in_person", "phone", "on_site", "chat")
VOICE = ("in_person", "phone", "on_site")
DIGITAL = ("email", "chat", "sms", "social", "self_service")


@dataclass(frozen=True)
class Fact:
    type: FieldType
    compute: Callable[[Profile], Any]
    doc: str


def _total(p: Profile) -> int:
    c = p.demand.contacts_per_month
    return sum(c.get(ch) for ch in CHANNELS)


def _share(channels: tuple[str, ...]) -> Callable[[Profile], float]:
    def compute(p: Profile) -> float:
        total = _total(p)
        c = p.demand.contacts_per_month
        return round(sum(c.get(ch) for ch in channels) / total, 4) if total else 0.0

    return compute


def _team_avg(skill: str) -> Callable[[Profile], float]:
    def compute(p: Profile) -> float:
        if not p.staff:
            return 0.0
        return round(sum(s.skills.level(skill) for s in p.staff) / len(p.staff), 2)

    return compute


def _strong(skill: str) -> Callable[[Profile], int]:
    return lambda p: sum(1 for s in p.staff if s.skills.level(skill) >= 4)


def _team_avg_skill(p: Profile) -> float:
    if not p.staff:
        return 0.0
    levels = [s.skills.level(k) for s in p.staff for k in SKILLS]
    return round(sum(levels) / len(levels), 2)


def _min_skill_avg(p: Profile) -> float:
    if not p.staff:
        return 0.0
    return round(sum(min(s.skills.level(k) for k in SKILLS) for s in p.staff) / len(p.staff), 2)


def _uncovered_languages(p: Profile) -> int:
    spoken = {code for s in p.staff for code in s.languages}
    return sum(1 for code in p.customers.languages if code not in spoken)


def _service_gap(p: Profile) -> int:
    levels = profile_fields()["organization.service_level_now"].values
    o = p.organization
    return levels.index(o.service_level_goal) - levels.index(o.service_level_now)


_INT = FieldType("int", lo=0)
_SHARE = FieldType("float", lo=0, hi=1)
_LEVEL = FieldType("float", lo=0, hi=5)

FACTS: dict[str, Fact] = {
    "total_contacts": Fact(_INT, _total, "contacts per month over all channels"),
    "active_channels": Fact(
        FieldType("int", lo=0, hi=len(CHANNELS)),
        lambda p: sum(1 for ch in CHANNELS if p.demand.contacts_per_month.get(ch) > 0),
        "channels with at least one contact a month",
    ),
    "live_share": Fact(_SHARE, _share(LIVE), "share of contacts on live channels"),
    "voice_share": Fact(
        _SHARE, _share(VOICE), "share of contacts spoken: in person, phone, on site"
    ),
    "digital_share": Fact(_SHARE, _share(DIGITAL), "share of contacts on digital channels"),
    "assisted_digital_share": Fact(
        _SHARE, _share(("email", "chat", "social")), "share on email, chat and social"
    ),
    "contacts_per_customer": Fact(
        FieldType("float", lo=0),
        lambda p: round(_total(p) / p.customers.active, 3) if p.customers.active else 0.0,
        "contacts a month per active customer",
    ),
    "staff_count": Fact(_INT, lambda p: len(p.staff), "people who serve customers"),
    "customers_per_staff": Fact(
        FieldType("float", lo=0),
        lambda p: round(p.customers.active / len(p.staff), 1) if p.staff else 0.0,
        "active customers per person on staff",
    ),
    "team_avg_skill": Fact(_LEVEL, _team_avg_skill, "average of all skills of all staff"),
    "team_min_skill_avg": Fact(
        _LEVEL, _min_skill_avg, "average over staff of each person's weakest skill"
    ),
    "uncovered_languages": Fact(_INT, _uncovered_languages, "customer languages nobody speaks"),
    "service_gap": Fact(
        FieldType("int", lo=-3, hi=3), _service_gap, "service-level goal minus current, in steps"
    ),
}
for _ch in CHANNELS:
    FACTS[f"share_{_ch}"] = Fact(_SHARE, _share((_ch,)), f"share of contacts on {_ch}")
for _sk in SKILLS:
    FACTS[f"team_avg_{_sk}"] = Fact(_LEVEL, _team_avg(_sk), f"team average {_sk} (0 if no staff)")
    FACTS[f"strong_{_sk}"] = Fact(_INT, _strong(_sk), f"people with {_sk} of 4 or more")

LATE_FACTS: dict[str, FieldType] = {
    "hybrid_components": FieldType("int", lo=0, hi=len(CHANNELS)),
    "hybrid_secondary_share": FieldType("float", lo=0, hi=1),
    "best_base_score": FieldType("float", lo=0, hi=100),
}
"""Facts computed after the base models are scored, readable only by ``hybrid`` rules."""


def fact_types() -> dict[str, FieldType]:
    out = {f"facts.{name}": fact.type for name, fact in FACTS.items()}
    out.update({f"facts.{name}": kind for name, kind in LATE_FACTS.items()})
    return out


def context(profile: Profile) -> dict[str, Any]:
    """Every value a rule may read, by path: profile fields, ``extra.*`` and ``facts.*``."""
    out: dict[str, Any] = {}
    _flatten(profile.model_dump(exclude={"staff", "interview", "extra"}), "", out)
    for key, value in profile.extra.items():
        out[f"extra.{key}"] = value
    for name, fact in FACTS.items():
        out[f"facts.{name}"] = fact.compute(profile)
    return out


def _flatten(data: dict[str, Any], prefix: str, out: dict[str, Any]) -> None:
    for key, value in data.items():
        if isinstance(value, dict):
            _flatten(value, f"{prefix}{key}.", out)
        else:
            out[f"{prefix}{key}"] = value
