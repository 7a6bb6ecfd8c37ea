"""The consultant's appendix in markdown: the audit trail of ``render.audit``."""

from __future__ import annotations

from modelo_servicio.render.audit import audit as collect
from modelo_servicio.render.md_context import Ctx
from modelo_servicio.render.md_escape import bullets, cell, code, table, text


def audit(c: Ctx) -> str:
    trail = collect(c)
    out = [f"## {c.t('report.h.audit')}", f"### {c.t('report.h.checklist')}"]
    out.append(bullets([text(item) for item in trail.checklist]))
    if trail.traces:
        headers = c.headers(
            "report.col.model",
            "report.col.rule",
            "report.col.points",
            "report.col.reason",
            "report.col.read",
            "report.col.where",
        )
        rows = [
            [
                cell(tr.model),
                code(tr.rule),
                tr.points,
                cell(tr.said),
                cell(tr.read) or "—",
                code(tr.where),
            ]
            for tr in trail.traces
        ]
        out += [f"### {c.t('report.h.rules_used')}", table(headers, rows, right=(2,))]
    if trail.defaults:
        out.append(f"### {c.t('report.h.defaults')}")
        out.append(bullets([f"{text(name)}: {text(keys)}" for name, keys in trail.defaults]))
    out += [f"### {c.t('report.h.versions')}", bullets([text(v) for v in trail.versions])]
    return "\n\n".join(out)
