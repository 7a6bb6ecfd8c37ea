"""Each customer segment's answers, resolved from the flat answers (``customers.segments``).

A company that serves consumers and businesses may answer some questions per segment: the
businesses buy big, slowly and want an adviser; the consumers buy small and want speed. Each
segment is then advised as if it were the whole company with its own answers (``changes``:
the context paths to replace), an answer it leaves out being the company's.

Read from the flat answers (``demand.contacts_per_month.phone``...), not from the profile, so
the engine, robustness (which patches one answer in the flat context) and the plan resolve a
segment the same way, here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from modelo_servicio.domain.profile import SegmentAnswers, Segments

SEGMENTS = tuple(Segments.model_fields)
"""The segments a company may describe apart (``customers.segment: both``), in order."""

PREFIX = "customers.segments."
OWN = tuple(
    name for name in SegmentAnswers.model_fields if name not in ("share", "active", "channels")
)
"""The answers about customers a segment gives in place of the company's (the fields of
``SegmentAnswers`` that ``Customers`` has too; share, active and channels are resolved apart)."""
CONTACTS = "demand.contacts_per_month."


@dataclass(frozen=True)
class SegmentView:
    """One segment as the engine advises it."""

    segment: str
    share: float
    """Its share of the assisted contacts (the two add up to 1)."""
    described: bool
    """Whether it has answers of its own (else the company's answers are its own)."""
    active: int
    channels: tuple[str, ...]
    """The channels its customers use (every channel when none is named)."""
    changes: dict[str, Any]
    """The answers that differ from the company's, by context path."""


def segment_views(values: Mapping[str, Any]) -> list[SegmentView]:
    """Both segments, when the company serves both (``customers.segment: both``) and
    describes at least one of them; otherwise none (one set of answers serves).

    Shares: a segment not described has what the other leaves; two described ones are
    scaled to add up to 1 (they are parts of the same contacts). Active customers: given, or
    what the company's total leaves once the other's given number is taken, or the
    company's total by share."""
    if values.get("customers.segment") != "both":
        return []
    given = {s: values.get(f"{PREFIX}{s}.share") for s in SEGMENTS}
    if all(share is None for share in given.values()):
        return []
    shares = _shares(given)
    total_active = int(values.get("customers.active") or 0)
    actives = _actives(
        {s: values.get(f"{PREFIX}{s}.active") for s in SEGMENTS}, shares, total_active
    )
    channels_all = tuple(k[len(CONTACTS) :] for k in values if k.startswith(CONTACTS))
    out: list[SegmentView] = []
    for segment in SEGMENTS:
        described = given[segment] is not None
        changes: dict[str, Any] = {
            "customers.segment": segment,
            "customers.active": actives[segment],
        }
        named: tuple[str, ...] = ()
        if described:
            for name in OWN:
                value = values.get(f"{PREFIX}{segment}.{name}")
                if value is not None:
                    changes[f"customers.{name}"] = value
            named = tuple(values.get(f"{PREFIX}{segment}.channels") or ())
        if named:
            for channel in channels_all:
                if channel not in named:
                    changes[CONTACTS + channel] = 0
        out.append(
            SegmentView(
                segment=segment,
                share=shares[segment],
                described=described,
                active=actives[segment],
                channels=tuple(ch for ch in channels_all if not named or ch in named),
                changes=changes,
            )
        )
    return out


def _shares(given: Mapping[str, float | None]) -> dict[str, float]:
    known = {s: float(v) for s, v in given.items() if v is not None}
    if len(known) == len(given):
        total = sum(known.values())
        if total <= 0:
            return {s: round(1 / len(given), 4) for s in given}
        return {s: round(v / total, 4) for s, v in known.items()}
    rest = max(0.0, 1.0 - sum(known.values()))
    missing = [s for s in given if s not in known]
    return {s: round(known.get(s, rest / len(missing)), 4) for s in given}


def _actives(
    given: Mapping[str, int | None], shares: Mapping[str, float], total: int
) -> dict[str, int]:
    known = {s: int(v) for s, v in given.items() if v is not None}
    missing = [s for s in given if s not in known]
    if len(missing) == 1 and known:
        return {**known, missing[0]: max(0, total - sum(known.values()))}
    return {s: known.get(s, round(total * shares[s])) for s in given}
