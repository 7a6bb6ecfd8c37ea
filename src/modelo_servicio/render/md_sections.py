"""The decision half of the report: title, executive summary, ranking with its chart, the
reasons for and against, the hybrid split and how robust the recommendation is."""

from __future__ import annotations

from collections.abc import Callable

from modelo_servicio.domain.brand import Brand
from modelo_servicio.domain.result import Ranked, Reason, Sensitivity
from modelo_servicio.render.md_context import Ctx, frozen
from modelo_servicio.render.md_escape import (
    bullets,
    cell,
    code,
    fenced,
    one_line,
    table,
    table_of_rows,
    table_row,
    text,
)

BAR_WIDTH = 25
TOP_REASONS = 3


def brand_header(brand: Brand | None) -> str:
    """The consultancy's name and contact line under the title (nothing without a brand);
    plain text, since a paragraph of bold alone reads to markdownlint as a fake heading."""
    if brand is None:
        return ""
    return " · ".join(text(part) for part in (brand.name, brand.contact) if part)


def brand_footer(brand: Brand | None) -> str:
    if brand is None or not brand.confidentiality:
        return ""
    return f"---\n\n{text(brand.confidentiality)}"


def title(c: Ctx) -> str:
    lines = [f"# {c.t('report.title', company=text(c.result.company))}", ""]
    meta = [c.t("report.meta.date", date=c.date)]
    if c.profile is not None and c.profile.company.sector.strip():
        meta.append(c.t("report.meta.sector", sector=text(c.profile.company.sector)))
    lines.append(" · ".join(meta))
    return "\n".join(lines)


def summary(c: Ctx) -> str:
    return f"## {c.t('report.h.summary')}\n\n" + " ".join(summary_parts(c, text))


def summary_parts(c: Ctx, esc: Callable[[str], str]) -> list[str]:
    """The executive summary's sentences; ``esc`` makes user text safe for the format
    (markdown escaping, or nothing for HTML, whose template escapes)."""
    result = c.result
    rec = result.recommendation
    best = result.ranked(rec.model)
    parts = [
        c.t(
            "report.summary.lead",
            company=esc(result.company),
            model=esc(best.name),
            score=c.num(best.score, 0),
        )
    ]
    if not best.feasible:
        parts.append(c.t("report.summary.none_feasible"))
    ideal = rec.ideal
    if ideal is not None and not ideal.fits:
        key = "advice.summary.unfit" if ideal.model != rec.model else "advice.summary.unfit_same"
        parts.append(c.t(key, ideal=text(ideal.name or c.model_name(ideal.model))))
    if rec.runner_up:
        second = result.ranked(rec.runner_up)
        parts.append(
            c.t(
                "report.summary.margin",
                margin=c.num(rec.margin),
                runner_up=esc(second.name),
                score=c.num(second.score, 0),
            )
        )
    if rec.components:
        split = "; ".join(
            c.t(
                "report.summary.component",
                model=esc(comp.name),
                channels=esc(_channel_phrases(c, comp.channels, comp.segments)),
            )
            for comp in rec.components
        )
        parts.append(c.t("report.summary.hybrid", split=split))
    positive = [r for r in best.reasons if r.points > 0][:TOP_REASONS]
    if positive:
        reasons = "; ".join(esc(_clause(r.text)) for r in positive)
        parts.append(c.t("report.summary.reasons", reasons=reasons))
    parts.append(robust_sentence(c))
    if rec.close_call:
        parts.append(c.t("advice.close_call", margin=c.num(c.kb.settings.close_call_margin, 0)))
    plan = _plan_sentence(c)
    if plan:
        parts.append(plan)
    return parts


def robust_sentence(c: Ctx) -> str:
    """Said from the same data as the sensitivity table: when the table lists answers that
    change the recommendation, the summary says so and how many."""
    flips = len(c.result.sensitivity)
    if flips == 1:
        return c.t("report.summary.flips_one")
    if flips:
        return c.t("report.summary.flips", n=flips)
    # ``robust`` is also false when the ideal does not fit the constraints (said elsewhere in
    # the summary): whether the lead is wide is a matter of the margin alone.
    wide = c.result.recommendation.margin >= c.kb.settings.robust_margin
    return c.t("report.summary.robust" if wide else "report.summary.narrow")


def _plan_sentence(c: Ctx) -> str:
    plan = c.result.plan
    if not (plan.phases or plan.training or plan.staffing.channels):
        return ""
    hires = plan.staffing.hires
    key = "report.summary.hires_none" if hires == 0 else "report.summary.hires"
    if hires == 1:
        key = "report.summary.hires_one"
    hired = c.t(key, hires=hires)
    if not plan.staffing.team_known:
        total = sum(role.required_fte for role in plan.staffing.roles)
        hired = c.t("report.summary.hires_unknown", fte=c.num(total))
    elif plan.staffing.hires_needed > hires:
        hired += " " + c.t("report.summary.hires_needed", needed=plan.staffing.hires_needed)
    hours = sum(item.hours for item in plan.training)
    trained = (
        c.t("report.summary.training", hours=c.num(hours, 0))
        if hours
        else c.t("report.summary.training_none")
    )
    if not plan.staffing.team_known:
        trained = c.t("report.summary.training_unknown")
    weeks = plan.timeline.weeks_needed if plan.timeline else 0
    weeks = weeks or max((p.end_week for p in plan.phases), default=0)
    key = "report.summary.plan" if weeks else "report.summary.plan_no_weeks"
    return c.t(key, weeks=weeks, hires=hired, training=trained)


def _clause(value: str) -> str:
    """A reason as a clause inside a sentence: one line, no final stop."""
    return one_line(value).rstrip(".;")


def _sentence_part(value: str) -> str:
    return text(_clause(value))


def ranking(c: Ctx) -> str:
    ranked = c.result.ranking
    scores = [c.num(model.score, 0) for model in ranked]
    yes, no = c.t("report.yes"), c.t("report.no")
    rows = [
        [
            str(index),
            f"**{text(model.name)}**" if index == 1 else cell(model.name),
            score,
            yes if model.feasible else no,
            _note(c, model),
        ]
        for index, (model, score) in enumerate(zip(ranked, scores, strict=True), 1)
    ]
    headers = c.headers(
        "#", "report.col.model", "report.col.score", "report.col.feasible", "report.col.notes"
    )
    chart = fenced("text", _bars(c, scores))
    return "\n\n".join(
        [
            f"## {c.t('report.h.ranking')}",
            table(headers, rows, right=(0, 2)),
            c.t("report.chart_intro"),
            chart,
        ]
    )


def _note(c: Ctx, row: Ranked) -> str:
    notes: list[str] = []
    if row.limits:
        notes.append(text(row.limits[0].text))
    if row.components:
        names = ", ".join(comp.name for comp in row.components)
        notes.append(c.t("report.note.components", names=text(names)))
    return "; ".join(notes) or "—"


def _bars(c: Ctx, scores: list[str]) -> list[str]:
    names = [one_line(row.name) for row in c.result.ranking]
    width = max((len(n) for n in names), default=0)
    lines: list[str] = []
    for name, row, score in zip(names, c.result.ranking, scores, strict=True):
        filled = max(0, min(BAR_WIDTH, round(row.score / 100 * BAR_WIDTH)))
        bar = "█" * filled + "░" * (BAR_WIDTH - filled)
        mark = "" if row.feasible else "  " + c.t("report.chart_not_feasible")
        lines.append(f"{name.ljust(width)}  {score.rjust(3)} {bar}{mark}")
    return lines


def why(c: Ctx) -> str:
    best = c.result.ranked(c.result.recommendation.model)
    out = [f"## {c.t('report.h.why')}", f"### {c.t('report.h.for')}"]
    positive = bullets([_reason(c, r) for r in best.reasons if r.points > 0])
    strengths = c.remembered(("strengths", best.model), lambda: _strengths(c, best.model))
    out.append("\n".join(part for part in (positive, strengths) if part) or c.t("report.no_for"))
    out.append(f"### {c.t('report.h.against')}")
    against = [_reason(c, r) for r in best.reasons if r.points < 0]
    against += [_limit(c, limit.text, limit.rule) for limit in best.limits]
    risks = c.remembered(("risks", best.model), lambda: _risks(c, best.model))
    out.append(
        "\n".join(part for part in (bullets(against), risks) if part) or c.t("report.no_against")
    )
    runner = c.result.recommendation.runner_up
    if runner:
        second = c.result.ranked(runner)
        top = [r for r in second.reasons if r.points > 0][:TOP_REASONS]
        out.append(f"### {c.t('report.h.runner_up')}")
        if top:
            reasons = "; ".join(_sentence_part(r.text) for r in top)
            out.append(c.t("report.runner_up", model=text(second.name), reasons=reasons))
        else:
            out.append(c.t("report.runner_up_none", model=text(second.name)))
    ruled_out = [r for r in c.result.ranking if not r.feasible and r.model != best.model]
    if ruled_out:
        out.append(f"### {c.t('report.h.ruled_out')}")
        out.append(
            bullets(
                [
                    f"**{text(r.name)}**: "
                    + "; ".join(_limit(c, lim.text, lim.rule) for lim in r.limits)
                    for r in ruled_out
                ]
            )
        )
    return "\n\n".join(out)


def _limit(c: Ctx, said: str, rule: str) -> str:
    """A limit in words; the consultant's version names the rule that set it."""
    return f"{text(said)} ({code(rule)})" if c.consultant else text(said)


def _strengths(c: Ctx, model: str) -> str:
    """The catalogue's strengths of ``model`` as bullets (none for a model it lacks)."""
    spec = c.kb.models.get(model)
    strengths = spec.strengths if spec is not None else []
    return bullets([c.t("report.strength", text=text(s(c.lang))) for s in strengths])


def _risks(c: Ctx, model: str) -> str:
    """The catalogue's risks of ``model`` as bullets (none for a model it lacks)."""
    spec = c.kb.models.get(model)
    risks = spec.risks if spec is not None else []
    return bullets([c.t("report.risk", text=text(risk(c.lang))) for risk in risks])


def _reason(c: Ctx, reason: Reason) -> str:
    """A reason with its points and what it read, remembered: most reasons of a batch read
    the same few values."""
    values = frozen(reason.values)
    key = None
    if values is not None:
        key = ("reason", reason.rule, type(reason.points), reason.points, reason.text, values)
    return c.remembered(key, lambda: _reason_line(c, reason))


def _reason_line(c: Ctx, reason: Reason) -> str:
    sign = "+" if reason.points > 0 else "−"
    if not c.consultant:
        return f"**{sign}{abs(reason.points)}** {text(reason.text)}"
    read = ", ".join(f"{code(k)} = {c.value(v)}" for k, v in reason.values.items())
    trace = f"{code(reason.rule)}: {read}" if read else code(reason.rule)
    return f"**{sign}{abs(reason.points)}** {text(reason.text)} ({trace})"


def hybrid(c: Ctx) -> str:
    components = c.result.recommendation.components
    if not components:
        return ""
    rows = [
        [
            cell(comp.name),
            cell(", ".join(c.channel_name(ch) for ch in comp.channels)),
            cell(", ".join(c.label("report.segment", s) for s in comp.segments)),
            c.num(comp.score, 0),
        ]
        for comp in components
    ]
    headers = c.headers(
        "report.col.component", "report.col.channels", "report.col.segments", "report.col.score"
    )
    out = [f"## {c.t('report.h.hybrid')}", c.t("report.hybrid_intro"), table(headers, rows, (3,))]
    owned = {ch for comp in components for ch in comp.channels}
    # shares of the contacts people answer: the help centre's sessions are counted apart
    staffed = [row for row in c.result.plan.staffing.channels if row.channel != "self_service"]
    total = sum(row.contacts_per_month for row in staffed)
    rest = [row for row in staffed if row.channel not in owned and row.contacts_per_month > 0]
    if rest and total > 0:
        share = c.percent(c.kb.settings.hybrid_min_component_share)
        out.append(c.t("report.hybrid_rest", share=share))
        items = [
            c.t(
                "report.hybrid_rest_item",
                channel=text(c.channel_name(row.channel)),
                share=c.percent(row.contacts_per_month / total),
                model=text(c.model_name(row.model) if row.model else c.t("report.hybrid_none")),
            )
            for row in rest
        ]
        out.append(bullets(items))
    return "\n\n".join(out)


def _channel_phrases(c: Ctx, channels: list[str], segments: list[str]) -> str:
    """Channels as they read in a sentence, segments after them in brackets."""
    from modelo_servicio.domain.numbers import listing

    names = listing([c.channel_phrase(ch) for ch in channels], c.lang)
    if segments:
        names += f" ({', '.join(c.label('report.segment', s) for s in segments)})"
    return names


def robustness(c: Ctx) -> str:
    rec = c.result.recommendation
    verdict = c.t("report.robust.yes" if rec.robust else "report.robust.no")
    out = [
        f"## {c.t('report.h.robustness')}",
        c.t("report.robust.margin", margin=c.num(rec.margin), verdict=verdict),
    ]
    flips = c.result.sensitivity
    if not flips:
        out.append(c.t("report.robust.no_flips"))
        return "\n\n".join(out)
    rows = [_flip_row(c, flip) for flip in flips]
    headers = c.headers(
        "report.col.answer", "report.col.now", "report.col.if", "report.col.would_be"
    )
    out.append(c.t("report.robust.flips_intro"))
    out.append(table_of_rows(headers, rows))
    return "\n\n".join(out)


def _flip_question(c: Ctx, field: str) -> str:
    """The question in words; the consultant's version adds its field path."""
    if field not in c.asked:
        return code(field) if c.consultant else c.question_cell(field)
    question = c.question_cell(field)
    return f"{question} ({code(field)})" if c.consultant else question


def _flip_row(c: Ctx, flip: Sensitivity) -> str:
    """One answer that would change the recommendation, remembered: the same few answers
    flip the same few models across a batch."""
    model = c.model_name(flip.model)
    current, value = frozen(flip.current), frozen(flip.value)
    key = None
    if current is not None and value is not None and c.result_free(flip.field):
        key = ("flip", flip.field, current, value, model)

    def make() -> str:
        return table_row(
            [
                _flip_question(c, flip.field),
                c.answer_cell(flip.field, flip.current),
                c.answer_cell(flip.field, flip.value),
                cell(model),
            ]
        )

    return c.remembered(key, make)
