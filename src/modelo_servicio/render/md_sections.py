"""The decision half of the report: title, executive summary, ranking with its chart, the
reasons for and against, the hybrid split and how robust the recommendation is."""

from __future__ import annotations

from collections.abc import Callable

from modelo_servicio.domain.brand import Brand
from modelo_servicio.domain.result import Reason, Sensitivity
from modelo_servicio.render import report_parts, report_rows
from modelo_servicio.render.md_context import Ctx, frozen
from modelo_servicio.render.md_escape import (
    bullets,
    cell,
    code,
    fenced,
    one_line,
    plain_table,
    table_of_rows,
    table_row,
    text,
)
from modelo_servicio.render.report_parts import TOP_REASONS
from modelo_servicio.render.report_rows import clause

BAR_WIDTH = 25


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
        reasons = "; ".join(esc(clause(r.text)) for r in positive)
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


def _sentence_part(value: str) -> str:
    return text(clause(value))


def ranking(c: Ctx) -> str:
    rows = report_rows.ranking(c)
    scores = [row[2] for row in rows.rows]
    chart = fenced("text", _bars(c, scores))
    return "\n\n".join(
        [
            f"## {c.t('report.h.ranking')}",
            plain_table(rows.headers, rows.rows, rows.right, rows.strong),
            c.t("report.chart_intro"),
            chart,
        ]
    )


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
    w = report_parts.why(c)
    model = w.best.model
    out = [f"## {c.t('report.h.why')}", f"### {c.t('report.h.for')}"]
    positive = bullets([_reason(c, r) for r in w.favour])
    strengths = c.remembered(("strengths", model), lambda: bullets(list(map(text, w.strengths))))
    out.append("\n".join(part for part in (positive, strengths) if part) or c.t("report.no_for"))
    out.append(f"### {c.t('report.h.against')}")
    against = [_reason(c, r) for r in w.against]
    against += [_limit(c, limit.text, limit.rule) for limit in w.limits]
    risks = c.remembered(("risks", model), lambda: bullets(list(map(text, w.risks))))
    out.append(
        "\n".join(part for part in (bullets(against), risks) if part) or c.t("report.no_against")
    )
    if w.runner_up:
        out.append(f"### {c.t('report.h.runner_up')}")
        out.append(text(w.runner_up))
    if w.ruled_out:
        out.append(f"### {c.t('report.h.ruled_out')}")
        out.append(
            bullets(
                [
                    f"**{text(r.name)}**: "
                    + "; ".join(_limit(c, lim.text, lim.rule) for lim in r.limits)
                    for r in w.ruled_out
                ]
            )
        )
    return "\n\n".join(out)


def _limit(c: Ctx, said: str, rule: str) -> str:
    """A limit in words; the consultant's version names the rule that set it."""
    return f"{text(said)} ({code(rule)})" if c.consultant else text(said)


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
    rows = report_rows.hybrid(c)
    table_md = plain_table(rows.headers, rows.rows, rows.right)
    out = [f"## {c.t('report.h.hybrid')}", *report_parts.hybrid_intro(c), table_md]
    intro, rest = report_parts.hybrid_rest(c)
    if rest:
        out.append(intro)
        out.append(bullets([text(item) for item in rest]))
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
    verdict = report_rows.robust_verdict(c)
    out = [
        f"## {c.t('report.h.robustness')}",
        c.t("report.robust.margin", margin=c.num(rec.margin), verdict=verdict),
    ]
    flips = c.result.sensitivity
    if not flips:
        out.append(c.t("report.robust.no_flips"))
        return "\n\n".join(out)
    rows = [_flip_row(c, flip) for flip in flips]
    headers = report_rows.flip_headers(c)
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
        shown = report_rows.flip_row(c, flip)[1:]
        return table_row([_flip_question(c, flip.field), *(cell(value) for value in shown)])

    return c.remembered(key, make)
