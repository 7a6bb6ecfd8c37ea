"""The advice beyond the ranking, in the report: the model that serves each channel and why,
the ideal model before cost, whether it fits, and the path from what fits now to the ideal
(the seed's step 3). The engine decides (``engine/channels.py``, ``engine/affordable.py``);
this module only writes it down."""

from __future__ import annotations

from modelo_servicio.render.md_context import Ctx
from modelo_servicio.render.md_escape import bullets, cell, table, text


def channels(c: Ctx) -> str:
    """One row per channel with contacts: its model, its share, what it beat, and why."""
    rows = []
    for row in c.result.recommendation.channels:
        against = "—"
        if row.runner_up is not None and row.runner_up_score is not None:
            against = c.t(
                "advice.channel_runner_up",
                model=c.model_name(row.runner_up),
                score=c.num(row.runner_up_score, 0),
            )
        model = c.model_name(row.model) if row.model else c.t("advice.channel_none")
        rows.append(
            [
                cell(c.channel_name(row.channel)),
                c.percent(row.share),
                f"**{text(model)}**" if row.component else cell(model),
                cell(against),
                cell("; ".join(row.reasons[:2])),
            ]
        )
    if not rows:
        return ""
    settings = c.kb.settings
    rule = c.t(
        "advice.hybrid_rule",
        share=c.percent(settings.hybrid_min_component_share),
        sessions=c.num(settings.self_service_component_sessions, 0),
    )
    headers = c.headers(
        "report.col.channel",
        "advice.col.share",
        "report.col.model",
        "advice.col.against",
        "advice.col.why",
    )
    return "\n\n".join(
        [f"## {c.t('advice.h.channels')}", text(rule), table(headers, rows, right=(1,))]
    )


def _verdict(fits: bool, same: bool) -> str:
    if fits:
        return "advice.ideal_fits"
    return "advice.ideal_unfit_same" if same else "advice.ideal_unfit"


def ideal(c: Ctx) -> str:
    """The ideal before cost, whether it fits, and the path when it does not."""
    rec = c.result.recommendation
    found = rec.ideal
    if found is None:
        return ""
    name = found.name or c.model_name(found.model)
    out = [f"## {c.t('advice.h.ideal')}"]
    lead = c.t("advice.ideal", model=f"**{text(name)}**")
    verdict = c.t(_verdict(found.fits, found.model == rec.model))
    out.append(f"{lead} — {verdict}.")
    if found.components:
        out.append(
            bullets(
                [
                    c.t(
                        "report.summary.component",
                        model=text(comp.name),
                        channels=text(", ".join(c.channel_name(ch) for ch in comp.channels)),
                    )
                    + f" ({c.percent(comp.share)})"
                    for comp in found.components
                ]
            )
        )
    if found.reasons:
        out.append(bullets([text(reason) for reason in found.reasons]))
    if rec.path:
        out.append(c.t("advice.path"))
        out.append("\n".join(f"{i}. {text(step)}" for i, step in enumerate(rec.path, 1)))
    if rec.close_call:
        out.append(c.t("advice.close_call", margin=c.num(c.kb.settings.close_call_margin, 0)))
    return "\n\n".join(out)
