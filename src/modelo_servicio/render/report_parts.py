"""The report's sentences and lists besides its tables, as plain text for every format.

Like ``report_rows``: the markdown report escapes these and the HTML template escapes them,
so both tell the same things in the same words. Bold is marked ``**…**`` only where a
message says so (``html_model.rich`` turns it into ``<strong>``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from modelo_servicio.domain.catalogue import SESSIONS
from modelo_servicio.domain.numbers import listing, num
from modelo_servicio.domain.plan_model import Plan
from modelo_servicio.domain.result import Limit, Ranked, Reason
from modelo_servicio.render.md_context import Ctx
from modelo_servicio.render.report_rows import capital, clause

TOP_REASONS = 3
"""How many reasons the summary and the runner-up line name."""


@dataclass(frozen=True)
class Ideal:
    """The ideal model before cost, whether it fits, and the path towards it."""

    name: str
    verdict: str
    components: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    path: list[str] = field(default_factory=list)
    close_call: str = ""

    def lead(self, c: Ctx, name: str) -> str:
        """``Ideal model (before cost): NAME — verdict.`` with the name as given (escaped
        and in bold by the caller's format)."""
        return f"{c.t('advice.ideal', model=name)} — {self.verdict}."


@dataclass(frozen=True)
class Why:
    """Why the recommended model: what counts for it (its reasons, then the catalogue's
    strengths), what weighs against it (negative reasons, limits, the catalogue's risks), why
    the runner-up comes second, and the models ruled out with their limits."""

    best: Ranked
    favour: list[Reason]
    strengths: list[str]
    against: list[Reason]
    limits: list[Limit]
    risks: list[str]
    runner_up: str
    ruled_out: list[Ranked]


def why(c: Ctx) -> Why:
    best = c.result.ranked(c.result.recommendation.model)
    spec = c.kb.models.get(best.model)
    # after the colon the model's own sentence goes on in lower case, as a clause
    strengths = (
        [c.t("report.strength", text=clause(s(c.lang))) for s in spec.strengths] if spec else []
    )
    risks = [c.t("report.risk", text=clause(r(c.lang))) for r in spec.risks] if spec else []
    runner_up = ""
    if c.result.recommendation.runner_up:
        second = c.result.ranked(c.result.recommendation.runner_up)
        top = [r for r in second.reasons if r.points > 0][:TOP_REASONS]
        if top:
            reasons = "; ".join(clause(r.text) for r in top)
            runner_up = c.t("report.runner_up", model=second.name, reasons=reasons)
        else:
            runner_up = c.t("report.runner_up_none", model=second.name)
    return Why(
        best,
        [r for r in best.reasons if r.points > 0],
        strengths,
        [r for r in best.reasons if r.points < 0],
        list(best.limits),
        risks,
        runner_up,
        [r for r in c.result.ranking if not r.feasible and r.model != best.model],
    )


def _verdict(fits: bool, same: bool) -> str:
    if fits:
        return "advice.ideal_fits"
    return "advice.ideal_unfit_same" if same else "advice.ideal_unfit"


def _share(c: Ctx, channels: list[str], share: float) -> str:
    """A component's share, named by its base: the assisted components add up to 100 % of the
    contacts people answer; the help centre's is of every need, its sessions included, so the
    reader does not add the two and find more than 100 %."""
    key = "report.share.needs" if channels == [SESSIONS] else "report.share.assisted"
    return c.t(key, share=c.percent(share))


def segments_rule(c: Ctx) -> str:
    """Whether the segments are served apart, and why (the engine's rule, in words)."""
    found = c.result.recommendation.segments
    share = c.percent(c.kb.settings.hybrid_min_component_share)
    if any(row.apart for row in found):
        return c.t("advice.segments_apart", share=share)
    if any(row.share < c.kb.settings.hybrid_min_component_share for row in found):
        return c.t("advice.segments_small", share=share)
    if any(row.model is None for row in found):
        return c.t("advice.segments_none")
    return c.t("advice.segments_same")


def ideal(c: Ctx) -> Ideal | None:
    rec = c.result.recommendation
    found = rec.ideal
    if found is None:
        return None
    components = [
        capital(
            c.t(
                "report.summary.component",
                model=comp.name,
                channels=listing([c.channel_phrase(ch) for ch in comp.channels], c.lang),
            )
        )
        + (_for_segments(c, comp.segments) if comp.by_segment else "")
        + f" ({_share(c, comp.channels, comp.share)})"
        for comp in found.components
    ]
    close = ""
    if rec.close_call:
        close = c.t("advice.close_call", margin=c.num(c.kb.settings.close_call_margin, 0))
    return Ideal(
        found.name or c.model_name(found.model),
        c.t(_verdict(found.fits, found.model == rec.model)),
        components,
        list(found.reasons),
        list(rec.path),
        close,
    )


def hybrid_intro(c: Ctx) -> list[str]:
    """The sentences before the hybrid's table: what a component is, and, when components
    serve customer segments apart, why their scores differ from the ranking's."""
    out = [c.t("report.hybrid_intro")]  # ends with a colon: the table follows it
    if any(comp.by_segment for comp in c.result.recommendation.components):
        out.insert(0, c.t("report.hybrid_segments"))
    return out


def _for_segments(c: Ctx, segments: list[str]) -> str:
    """`` for businesses`` after a component that serves customer segments apart."""
    names = listing([c.label("report.segment", s) for s in segments], c.lang)
    return " " + c.t("advice.for_segments", segments=names)


def hybrid_rest(c: Ctx) -> tuple[str, list[str]]:
    """The channels no component of a hybrid takes, with their share of the contacts people
    answer and the model that serves them: the sentence before the list, and the list."""
    components = c.result.recommendation.components
    owned = {ch for comp in components for ch in comp.channels}
    # shares of the contacts people answer: the help centre's sessions are counted apart
    staffed = [row for row in c.result.plan.staffing.channels if row.channel != "self_service"]
    total = sum(row.contacts_per_month for row in staffed)
    rest = [row for row in staffed if row.channel not in owned and row.contacts_per_month > 0]
    if not (components and rest and total > 0):
        return "", []
    share = c.percent(c.kb.settings.hybrid_min_component_share)
    items = [
        c.t(
            "report.hybrid_rest_item",
            channel=c.channel_name(row.channel),
            share=c.percent(row.contacts_per_month / total),
            model=c.model_name(row.model) if row.model else c.t("report.hybrid_none"),
        )
        for row in rest
    ]
    return c.t("report.hybrid_rest", share=share), items


def assumptions_common(c: Ctx, p: Plan) -> str:
    """The staffing assumptions every channel shares (coverage, hours, days, contract,
    shrinkage), when the plan states them."""
    rows = p.staffing.channels
    common = rows[0].assumptions if rows else {}
    if "coverage" not in common:
        return ""
    return c.t(
        "plan.assume.common",
        coverage=p.staffing.coverage,
        hours=num(float(common.get("hours_open_per_week", 0)), c.lang),
        days=num(float(common.get("days_per_month", 0)), c.lang),
        contract=num(float(common.get("contracted_hours", 0)), c.lang),
        shrinkage=c.percent(float(common.get("shrinkage", 0))),
    )
