"""The decision half of the report: title, executive summary, ranking with its chart, the
reasons for and against, the hybrid split and how robust the recommendation is."""

from __future__ import annotations

from modelo_servicio.render.md_context import Ctx
from modelo_servicio.render.md_escape import bullets, cell, code, fenced, one_line, table, text
from modelo_servicio.result import Ranked, Reason

BAR_WIDTH = 25
TOP_REASONS = 3


def title(c: Ctx) -> str:
    lines = [f"# {c.t('report.title', company=text(c.result.company))}", ""]
    meta = [c.t("report.meta.date", date=c.date)]
    if c.profile is not None and c.profile.company.sector.strip():
        meta.append(c.t("report.meta.sector", sector=text(c.profile.company.sector)))
    lines.append(" · ".join(meta))
    return "\n".join(lines)


def summary(c: Ctx) -> str:
    result = c.result
    rec = result.recommendation
    best = result.ranked(rec.model)
    parts = [
        c.t(
            "report.summary.lead",
            company=text(result.company),
            model=text(best.name),
            score=c.num(best.score, 0),
        )
    ]
    if not best.feasible:
        parts.append(c.t("report.summary.none_feasible"))
    if rec.runner_up:
        second = result.ranked(rec.runner_up)
        parts.append(
            c.t(
                "report.summary.margin",
                margin=c.num(rec.margin),
                runner_up=text(second.name),
                score=c.num(second.score, 0),
            )
        )
    if rec.components:
        split = "; ".join(
            c.t(
                "report.summary.component",
                model=text(comp.name),
                channels=text(_channels(c, comp.channels, comp.segments)),
            )
            for comp in rec.components
        )
        parts.append(c.t("report.summary.hybrid", split=split))
    positive = [r for r in best.reasons if r.points > 0][:TOP_REASONS]
    if positive:
        reasons = "; ".join(_sentence_part(r.text) for r in positive)
        parts.append(c.t("report.summary.reasons", reasons=reasons))
    parts.append(c.t("report.summary.robust" if rec.robust else "report.summary.fragile"))
    plan = _plan_sentence(c)
    if plan:
        parts.append(plan)
    return f"## {c.t('report.h.summary')}\n\n" + " ".join(parts)


def _plan_sentence(c: Ctx) -> str:
    plan = c.result.plan
    if not (plan.phases or plan.training or plan.staffing.channels):
        return ""
    hires = plan.staffing.hires
    key = "report.summary.hires_none" if hires == 0 else "report.summary.hires"
    if hires == 1:
        key = "report.summary.hires_one"
    hired = c.t(key, hires=hires)
    if plan.staffing.hires_needed > hires:
        hired += " " + c.t("report.summary.hires_needed", needed=plan.staffing.hires_needed)
    hours = sum(item.hours for item in plan.training)
    trained = (
        c.t("report.summary.training", hours=c.num(hours, 0))
        if hours
        else c.t("report.summary.training_none")
    )
    weeks = plan.timeline.weeks_needed if plan.timeline else 0
    weeks = weeks or max((p.end_week for p in plan.phases), default=0)
    key = "report.summary.plan" if weeks else "report.summary.plan_no_weeks"
    return c.t(key, weeks=weeks, hires=hired, training=trained)


def _sentence_part(value: str) -> str:
    return text(one_line(value).rstrip(".;"))


def ranking(c: Ctx) -> str:
    rows: list[list[str]] = []
    for index, row in enumerate(c.result.ranking, 1):
        rows.append(
            [
                str(index),
                f"**{text(row.name)}**" if index == 1 else cell(row.name),
                c.num(row.score, 0),
                c.t("report.yes") if row.feasible else c.t("report.no"),
                _note(c, row),
            ]
        )
    headers = [
        "#",
        c.t("report.col.model"),
        c.t("report.col.score"),
        c.t("report.col.feasible"),
        c.t("report.col.notes"),
    ]
    chart = fenced("text", _bars(c))
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


def _bars(c: Ctx) -> list[str]:
    names = [one_line(row.name) for row in c.result.ranking]
    width = max((len(n) for n in names), default=0)
    lines: list[str] = []
    for name, row in zip(names, c.result.ranking, strict=True):
        filled = max(0, min(BAR_WIDTH, round(row.score / 100 * BAR_WIDTH)))
        bar = "█" * filled + "░" * (BAR_WIDTH - filled)
        mark = "" if row.feasible else "  " + c.t("report.chart_not_feasible")
        lines.append(f"{name.ljust(width)}  {c.num(row.score, 0).rjust(3)} {bar}{mark}")
    return lines


def why(c: Ctx) -> str:
    best = c.result.ranked(c.result.recommendation.model)
    out = [f"## {c.t('report.h.why')}", f"### {c.t('report.h.for')}"]
    spec = c.kb.models.get(best.model)
    positive = [_reason(c, r) for r in best.reasons if r.points > 0]
    if spec is not None:
        positive += [c.t("report.strength", text=text(s(c.lang))) for s in spec.strengths]
    out.append(bullets(positive) if positive else c.t("report.no_for"))
    out.append(f"### {c.t('report.h.against')}")
    against = [_reason(c, r) for r in best.reasons if r.points < 0]
    against += [f"{text(limit.text)} ({code(limit.rule)})" for limit in best.limits]
    if spec is not None:
        against += [c.t("report.risk", text=text(risk(c.lang))) for risk in spec.risks]
    out.append(bullets(against) if against else c.t("report.no_against"))
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
                    + "; ".join(f"{text(lim.text)} ({code(lim.rule)})" for lim in r.limits)
                    for r in ruled_out
                ]
            )
        )
    return "\n\n".join(out)


def _reason(c: Ctx, reason: Reason) -> str:
    sign = "+" if reason.points > 0 else "−"
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
    headers = [
        c.t("report.col.component"),
        c.t("report.col.channels"),
        c.t("report.col.segments"),
        c.t("report.col.score"),
    ]
    return "\n\n".join(
        [f"## {c.t('report.h.hybrid')}", c.t("report.hybrid_intro"), table(headers, rows, (3,))]
    )


def _channels(c: Ctx, channels: list[str], segments: list[str]) -> str:
    names = [c.channel_name(ch) for ch in channels]
    names += [c.label("report.segment", s) for s in segments]
    return ", ".join(names) or "—"


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
    rows = [
        [
            f"{cell(c.question(flip.field))} ({code(flip.field)})"
            if flip.field in c.asked
            else code(flip.field),
            cell(c.answer(flip.field, flip.current)),
            cell(c.answer(flip.field, flip.value)),
            cell(c.model_name(flip.model)),
        ]
        for flip in flips
    ]
    headers = [
        c.t("report.col.answer"),
        c.t("report.col.now"),
        c.t("report.col.if"),
        c.t("report.col.would_be"),
    ]
    out.append(c.t("report.robust.flips_intro"))
    out.append(table(headers, rows))
    return "\n\n".join(out)
