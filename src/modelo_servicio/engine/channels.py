"""The model per channel, and the hybrid's components built from it.

A consultant does not ask "which model for the company" first but "which model for each
channel": the counter, the phone, the web chat, the help centre. Every channel with contacts
that people answer is served by the best-scoring feasible model that works that channel
(``channels`` of each model in ``rules/models.yaml``); ties break in ``settings.tie_order``.
The help centre (``self_service``) holds sessions, not contacts: it is served by the
self-service model when customers open enough sessions per assisted contact.

Channels are then **grouped by model before any floor applies**: chat and email at 8% each
are a 16% online component, not two slivers. A group is a component of the hybrid when its
share of the assisted contacts reaches ``hybrid_min_component_share`` and its model scores
within ``hybrid_max_gap`` of the best base model. The help centre is a component of its own
either (companion) the assisted channels already combine two models and the help centre meets
at least ``hybrid_min_component_share`` of all needs (sessions plus assisted contacts), or
(strong) customers open ``self_service_component_sessions`` sessions or more per assisted
contact and the self-service model scores at least ``self_service_component_score``:
self-service is mostly a companion of other models (seeds/002), so it need not rival the best
one, but on its own it must be strong to turn a single model into a hybrid. When
self-service is the best model and
customers open ``self_service_alone_sessions`` or more sessions per assisted contact, people
are a backstop and self-service alone serves the business.

Pure functions of the scores and the context: scoring, robustness and the output share them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Protocol

from modelo_servicio.domain.catalogue import HYBRID, SELF_SERVICE, SESSIONS

if TYPE_CHECKING:
    from modelo_servicio.knowledge.schema import ModelSpec, Settings

READS = ("facts.self_service_sessions", "facts.sessions_per_contact", "facts.deflection_share")
"""Facts besides the channel shares that the choice of components reads."""


class Scored(Protocol):
    """What the choice reads of a base model's score."""

    @property
    def score(self) -> float: ...

    @property
    def feasible(self) -> bool: ...


@dataclass(frozen=True)
class ChannelChoice:
    """The model that serves one channel best, and what it was weighed against."""

    channel: str
    model: str | None
    share: float
    """Share of assisted contacts; for the help centre, the share of needs it meets."""
    score: float
    alternatives: tuple[tuple[str, float], ...]
    """The other feasible models that work this channel, best first, with their scores."""
    component: bool = False
    """Whether the channel belongs to a component of the hybrid."""


class Owner(Protocol):
    """What marking reads of a component: its model, its channels and its score."""

    @property
    def model(self) -> str: ...

    @property
    def channels(self) -> tuple[str, ...]: ...

    @property
    def score(self) -> float: ...


@dataclass(frozen=True)
class Group:
    model: str
    channels: tuple[str, ...]
    share: float
    score: float


def servers(
    models: Mapping[str, ModelSpec], tie: Mapping[str, int], channels: Sequence[str]
) -> dict[str, list[str]]:
    """Channel -> the base models that work it, in tie order; every one of ``channels``
    (the catalogue's), in its order."""
    return {
        ch: sorted(
            (m for m in models if m != HYBRID and ch in models[m].channels),
            key=lambda m: tie.get(m, 99),
        )
        for ch in channels
    }


def choose(
    ctx: Mapping[str, Any],
    scores: Mapping[str, Scored],
    serving: Mapping[str, Sequence[str]],
) -> list[ChannelChoice]:
    """For each channel with assisted contacts (and the help centre when it has sessions),
    the best feasible model working it (channels in ``serving``'s order, the catalogue's)."""
    out: list[ChannelChoice] = []
    for channel in serving:
        if channel == SESSIONS:
            if not ctx.get("facts.self_service_sessions"):
                continue
            share = float(ctx.get("facts.deflection_share", 0.0))
        else:
            share = float(ctx.get(f"facts.share_{channel}", 0.0))
            if share <= 0:
                continue
        ranked = sorted(
            (
                (m, scores[m].score)
                for m in serving.get(channel, ())
                if m in scores and scores[m].feasible
            ),
            key=lambda pair: -pair[1],  # stable: equal scores keep the tie order
        )
        model, score = ranked[0] if ranked else (None, 0.0)
        out.append(ChannelChoice(channel, model, round(share, 4), score, tuple(ranked[1:])))
    return out


def groups(choices: Sequence[ChannelChoice]) -> list[Group]:
    """Assisted channels grouped by the model serving them (the help centre apart)."""
    found: dict[str, list[ChannelChoice]] = {}
    for choice in choices:
        if choice.model is not None and choice.channel != SESSIONS:
            found.setdefault(choice.model, []).append(choice)
    return [
        Group(
            model,
            tuple(c.channel for c in chosen),
            round(min(1.0, sum(c.share for c in chosen)), 4),
            chosen[0].score,
        )
        for model, chosen in found.items()
    ]


def settle(choices: Sequence[ChannelChoice], settings: Settings, best: float) -> list[Group]:
    """Group the assisted channels by model, then dissolve, smallest first, every group
    that carries less than ``hybrid_min_component_share`` or scores more than
    ``hybrid_max_gap`` below ``best``: its channels move to their next model that is still
    in play (email served a shade better by one-team joins chat under online). What remains
    are the components; a channel no component takes is served by its own best model."""
    floor = best - settings.hybrid_max_gap
    owner = {c.channel: c for c in choices if c.model is not None and c.channel != SESSIONS}
    options = {ch: [(c.model, c.score), *c.alternatives] for ch, c in owner.items() if c.model}
    dropped: set[str] = set()
    while True:
        found: dict[str, list[tuple[str, float, float]]] = {}
        for ch, opts in options.items():
            pick = next(((m, sc) for m, sc in opts if m not in dropped), None)
            if pick is not None:
                found.setdefault(pick[0], []).append((ch, owner[ch].share, pick[1]))
        weak = [
            (round(sum(share for _, share, _ in rows), 4), model)
            for model, rows in found.items()
            if _weak(rows, settings, floor)
        ]
        if not weak or len(found) <= 1:
            return [
                Group(
                    model,
                    tuple(ch for ch, _, _ in rows),
                    round(min(1.0, sum(share for _, share, _ in rows)), 4),
                    rows[0][2],
                )
                for model, rows in found.items()
                if len(found) == 1 or not _weak(rows, settings, floor)
            ]
        dropped.add(min(weak)[1])


def _weak(rows: list[tuple[str, float, float]], settings: Settings, floor: float) -> bool:
    share = sum(s for _, s, _ in rows)
    return share < settings.hybrid_min_component_share or rows[0][2] < floor


def components(
    ctx: Mapping[str, Any],
    scores: Mapping[str, Scored],
    serving: Mapping[str, Sequence[str]],
    settings: Settings,
) -> list[Group]:
    """The groups that are components of a hybrid (one or none means a single model serves)."""
    feasible = [s.score for m, s in scores.items() if m != HYBRID and s.feasible]
    if not feasible:
        return []
    best = max(feasible)
    choices = choose(ctx, scores, serving)
    out = settle(choices, settings, best)
    if len(out) == 1 and _weak_group(out[0], settings, best):
        out = []
    sessions = float(ctx.get("facts.sessions_per_contact", 0.0))
    help_centre = next((c for c in choices if c.channel == SESSIONS), None)
    strong = (
        help_centre is not None
        and help_centre.score >= settings.self_service_component_score
        and sessions >= settings.self_service_component_sessions
    )
    companion = (
        help_centre is not None
        and len(out) >= 2
        and help_centre.share >= settings.hybrid_min_component_share
    )
    if help_centre is not None and help_centre.model == SELF_SERVICE and (strong or companion):
        alone = sessions >= settings.self_service_alone_sessions and help_centre.score >= best
        if alone:
            out = []
        out.append(Group(SELF_SERVICE, (SESSIONS,), help_centre.share, help_centre.score))
    return out


def _weak_group(group: Group, settings: Settings, best: float) -> bool:
    return (
        group.share < settings.hybrid_min_component_share
        or group.score < best - settings.hybrid_max_gap
    )


def mark(choices: Sequence[ChannelChoice], parts: Sequence[Owner]) -> list[ChannelChoice]:
    """The choices as the recommendation serves them: a channel a hybrid component owns is
    marked and shown with that component's model (which may be its second best, when its
    best model served too small a share on its own). When components serving different
    customer segments share a channel, the channel keeps its own model if one of them is
    that model, else the largest's (``parts`` come largest first)."""
    owners: dict[str, list[Owner]] = {}
    for part in parts if len(parts) >= 2 else ():
        for ch in part.channels:
            owners.setdefault(ch, []).append(part)
    out: list[ChannelChoice] = []
    for c in choices:
        owning = owners.get(c.channel, [])
        if not owning or c.model in {g.model for g in owning}:
            out.append(replace(c, component=bool(owning)))
            continue
        group = owning[0]
        mine: tuple[tuple[str, float], ...] = ((c.model, c.score),) if c.model else ()
        others = tuple(p for p in (*mine, *c.alternatives) if p[0] != group.model)
        out.append(
            replace(c, model=group.model, score=group.score, alternatives=others, component=True)
        )
    return out
