"""The model per customer segment, and the hybrid's components when the segments differ.

A company that sells to consumers and to businesses often serves them differently: account
managers for the few large accounts, the counter and the phone for the many. When the profile
describes the segments (``customers.segments``, resolved by ``domain/segments.py``), each
segment is scored as if it were the whole company with its own answers: the same rules, the
same engine, on the context patched with the segment's answers (``FactBook.patched``).

Each segment is served by the best feasible model that serves that kind of customer
(``segments`` of each model in ``rules/models.yaml``), or by its own mix of channel models when
that mix is a hybrid in its own right (``engine/channels.py``). The segments are served
apart, as components of the hybrid, when each carries at least
``hybrid_min_component_share`` of the assisted contacts and they are not served by the same
model: then a component is a model with the segments and channels it serves. Otherwise the
channels decide the components, as for a company with one kind of customer, and the model per
segment is shown for what it is: advice on that segment.

Pure functions of scores and contexts: the engine runs them; robustness and the output read
what they found.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from modelo_servicio.domain.catalogue import HYBRID, SESSIONS
from modelo_servicio.domain.segments import SegmentView
from modelo_servicio.engine.channels import Group

if TYPE_CHECKING:
    from modelo_servicio.engine.scoring import ModelScore
    from modelo_servicio.knowledge.schema import ModelSpec, Settings


@dataclass(frozen=True)
class SegmentChoice:
    """The model that serves one customer segment best, and what it was weighed against."""

    segment: str
    share: float
    """Share of the assisted contacts."""
    described: bool
    """Whether the profile gives answers of its own for it."""
    channels: tuple[str, ...]
    """The assisted channels its customers use that have contacts."""
    model: str | None
    score: float
    alternatives: tuple[tuple[str, float], ...]
    """The other feasible models that serve this segment, best first, with their scores."""
    parts: tuple[Group, ...]
    """Its own channel components, when the segment alone would be a hybrid."""
    scores: Mapping[str, ModelScore]
    """Every base model scored on the segment's answers (the trace of its choice)."""
    context: Mapping[str, Any]
    """The company's context with the segment's answers in place (what ``explain`` reads)."""
    apart: bool = False
    """Whether the recommendation serves it apart, with components of its own."""


@dataclass(frozen=True)
class Part:
    """A component of a hybrid built from the segments."""

    model: str
    channels: tuple[str, ...]
    segments: tuple[str, ...]
    score: float
    share: float


def choose(
    view: SegmentView,
    ctx: Mapping[str, Any],
    scores: Mapping[str, ModelScore],
    parts: Sequence[Group],
    models: Mapping[str, ModelSpec],
    tie: Mapping[str, int],
) -> SegmentChoice:
    """The segment's best feasible model among those serving its kind of customer (a model
    listing no segment serves both), and its own channel mix when that is a hybrid."""
    ranked = sorted(
        (
            (m, s.score)
            for m, s in scores.items()
            if m != HYBRID and s.feasible and _serves(models[m], view.segment)
        ),
        key=lambda pair: (-pair[1], tie.get(pair[0], 99)),
    )
    model, score = ranked[0] if ranked else (None, 0.0)
    own = tuple(parts) if len(parts) >= 2 else ()
    if any(not _serves(models[g.model], view.segment) for g in own):
        own = ()
    used = tuple(
        ch
        for ch in view.channels
        if ch != SESSIONS and float(ctx.get(f"facts.share_{ch}") or 0.0) > 0
    )
    return SegmentChoice(
        segment=view.segment,
        share=view.share,
        described=view.described,
        channels=used,
        model=model,
        score=score,
        alternatives=tuple(ranked[1:]),
        parts=own,
        scores=scores,
        context=ctx,
    )


def _serves(spec: ModelSpec, segment: str) -> bool:
    return not spec.segments or segment in spec.segments


def split(choices: Sequence[SegmentChoice], settings: Settings, order: Sequence[str]) -> list[Part]:
    """The hybrid's components when the segments are served apart (see the module's
    docstring); empty when they are not. ``order``: the catalogue's channels."""
    floor = settings.hybrid_min_component_share
    if len(choices) < 2 or any(c.model is None or c.share < floor for c in choices):
        return []
    offers: list[tuple[str, tuple[str, ...], str, float, float]] = []
    for c in choices:
        if c.parts and all(g.share * c.share >= floor for g in c.parts):
            offers += [
                (g.model, g.channels, c.segment, g.score, g.share * c.share) for g in c.parts
            ]
        elif c.model is not None:
            offers.append((c.model, c.channels, c.segment, c.score, c.share))
    merged: dict[str, list[tuple[str, tuple[str, ...], str, float, float]]] = {}
    for offer in offers:
        merged.setdefault(offer[0], []).append(offer)
    if len(merged) < 2:
        return []
    out = [
        Part(
            model=model,
            channels=tuple(ch for ch in order if any(ch in o[1] for o in rows)),
            segments=tuple(dict.fromkeys(o[2] for o in rows)),
            score=max(o[3] for o in rows),
            share=round(min(1.0, sum(o[4] for o in rows)), 4),
        )
        for model, rows in merged.items()
    ]
    return sorted(out, key=lambda p: -p.share)
