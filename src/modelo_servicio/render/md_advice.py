"""The advice beyond the ranking, in the report: the model that serves each channel (and each
customer segment, when the profile describes them) and why,
the ideal model before cost, whether it fits, and the path from what fits now to the ideal
(the seed's step 3). The engine decides (``engine/channels.py``, ``engine/affordable.py``);
this module only writes it down."""

from __future__ import annotations

from modelo_servicio.render import report_parts, report_rows
from modelo_servicio.render.md_context import Ctx
from modelo_servicio.render.md_escape import bullets, plain_table, text


def channels(c: Ctx) -> str:
    """One row per channel with contacts: its model, its share, what it beat, and why."""
    rows = report_rows.advice_channels(c)
    if not rows.rows:
        return ""
    return "\n\n".join(
        [
            f"## {c.t('advice.h.channels')}",
            text(hybrid_rule(c)),
            plain_table(rows.headers, rows.rows, rows.right, rows.strong),
        ]
    )


def segments(c: Ctx) -> str:
    """One row per customer segment the profile describes: its model and why."""
    rows = report_rows.advice_segments(c)
    if not rows.rows:
        return ""
    return "\n\n".join(
        [
            f"## {c.t('advice.h.segments')}",
            text(report_parts.segments_rule(c)),
            plain_table(rows.headers, rows.rows, rows.right, rows.strong),
        ]
    )


def hybrid_rule(c: Ctx) -> str:
    """When a channel gets a model of its own (the engine's thresholds, in words)."""
    settings = c.kb.settings
    return c.t(
        "advice.hybrid_rule",
        share=c.percent(settings.hybrid_min_component_share),
        sessions=c.num(settings.self_service_component_sessions, 1),
    )


def ideal(c: Ctx) -> str:
    """The ideal before cost, whether it fits, and the path when it does not."""
    found = report_parts.ideal(c)
    if found is None:
        return ""
    out = [f"## {c.t('advice.h.ideal')}", found.lead(c, f"**{text(found.name)}**")]
    if found.components:
        out.append(bullets([text(item) for item in found.components]))
    if found.reasons:
        out.append(bullets([text(reason) for reason in found.reasons]))
    if found.path:
        out.append(c.t("advice.path"))
        out.append("\n".join(f"{i}. {text(step)}" for i, step in enumerate(found.path, 1)))
    if found.close_call:
        out.append(found.close_call)
    return "\n\n".join(out)
