"""The pieces of a batch's summaries, one profile at a time so they can be streamed:
``index.md`` rows linking every report, ``summary.csv`` rows and ``summary.json`` entries."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from modelo_servicio.domain.i18n import Lang, t
from modelo_servicio.render.answers import number
from modelo_servicio.render.md_escape import cell, code, table, text

if TYPE_CHECKING:
    from modelo_servicio.domain.batch_outcome import Outcome, Summary
    from modelo_servicio.domain.result import Result

CSV_COLUMNS = (
    "company",
    "source",
    "document",
    "report",
    "model",
    "model_name",
    "components",
    "score",
    "runner_up",
    "margin",
    "robust",
    "top_scores",
    "hires",
    "training_hours",
    "error",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def summary_fields(result: Result) -> dict[str, Any]:
    """What the summaries keep of one result (the report itself is written apart)."""
    rec = result.recommendation
    return {
        "model": rec.model,
        "model_name": result.ranked(rec.model).name,
        "score": result.ranked(rec.model).score,
        "components": [c.model for c in rec.components],
        "component_names": [c.name for c in rec.components],
        "runner_up": rec.runner_up,
        "margin": rec.margin,
        "robust": rec.robust,
        "top_scores": [{"model": r.model, "score": r.score} for r in result.ranking[:3]],
        "hires": result.plan.staffing.hires,
        "training_hours": sum(item.hours for item in result.plan.training),
    }


def index_head(lang: Lang, date: str, summary: Summary, rules: str, tool: str) -> str:
    lines = [
        f"# {t('batch.index.title', lang)}",
        "",
        t(
            "batch.index.meta",
            lang,
            date=date,
            profiles=summary.profiles,
            reports=summary.reports,
            failures=summary.failures,
        ),
        "",
        t("batch.index.versions", lang, tool=code(tool), rules=code(rules)),
        "",
        f"## {t('batch.index.reports', lang)}",
        "",
    ]
    if not summary.reports:
        lines.append(t("batch.index.no_reports", lang))
        return "\n".join(lines) + "\n"
    headers = [
        t("batch.col.company", lang),
        t("batch.col.source", lang),
        t("batch.col.model", lang),
        t("batch.col.score", lang),
        t("batch.col.hires", lang),
        t("batch.col.training_hours", lang),
    ]
    lines.append(table(headers, [], right=(3, 4, 5)))
    return "\n".join(lines) + "\n"


def index_row(outcome: Outcome, name: str, lang: Lang) -> str:
    row = outcome.row
    components = row.get("component_names") or []
    model = text(row.get("model_name", ""))
    if components:
        model += ": " + text(" + ".join(components))
    cells = [
        f"[{cell(outcome.company)}]({name})",
        cell(_where(outcome)),
        model,
        number(row.get("score", 0), lang, 0),
        str(row.get("hires", 0)),
        number(row.get("training_hours", 0), lang, 0),
    ]
    return "| " + " | ".join(cells) + " |\n"


def errors_head(lang: Lang) -> str:
    return f"\n## {t('batch.index.errors', lang)}\n\n"


def error_item(outcome: Outcome) -> str:
    return f"- {text(error_line(outcome))}\n"


def error_line(outcome: Outcome) -> str:
    """The error, prefixed with its file unless the message already names it."""
    error = outcome.error or ""
    return error if outcome.source in error else f"{_where(outcome)}: {error}"


def _where(outcome: Outcome) -> str:
    return outcome.source if outcome.document <= 1 else f"{outcome.source} #{outcome.document}"


def json_entry(outcome: Outcome, name: str | None) -> dict[str, Any]:
    row = outcome.row
    return {
        "company": outcome.company,
        "source": outcome.source,
        "document": outcome.document,
        "report": name,
        "model": row.get("model"),
        "model_name": row.get("model_name"),
        "components": row.get("components", []),
        "score": row.get("score"),
        "runner_up": row.get("runner_up"),
        "margin": row.get("margin"),
        "robust": row.get("robust"),
        "top_scores": row.get("top_scores", []),
        "hires": row.get("hires"),
        "training_hours": row.get("training_hours"),
        "error": outcome.error,
    }


def csv_row(entry: dict[str, Any]) -> list[str]:
    """A ``json_entry`` flattened for spreadsheets; text that a spreadsheet would run as a
    formula is prefixed with an apostrophe."""
    out: list[str] = []
    for column in CSV_COLUMNS:
        value = entry[column]
        if column == "components":
            value = "+".join(value)
        elif column == "top_scores":
            value = "; ".join(f"{s['model']} {s['score']:g}" for s in value)
        if value is None:
            out.append("")
        elif isinstance(value, bool):
            out.append("true" if value else "false")
        elif isinstance(value, float):
            out.append(f"{value:g}")
        else:
            value = str(value)
            out.append("'" + value if value.startswith(_FORMULA_START) else value)
    return out
