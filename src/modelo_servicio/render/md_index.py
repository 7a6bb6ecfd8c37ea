"""The pieces of a batch's summaries, one profile at a time so they can be streamed:
``index.md`` rows linking every report, ``summary.csv`` rows and ``summary.json`` entries.

The portfolio columns (FTE today and needed, hires needed and allowed, monthly cost against
budget, warnings) come from ``domain.figures``, like ``whatif`` and ``compare``; a client with a
problem (not robust, infeasible, over budget) is listed first in the index."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from modelo_servicio.domain.figures import figures
from modelo_servicio.domain.i18n import Lang, t
from modelo_servicio.domain.numbers import amount, money
from modelo_servicio.render.answers import number
from modelo_servicio.render.md_escape import cell, code, table, text

if TYPE_CHECKING:
    from modelo_servicio.domain.batch_outcome import Outcome, Summary
    from modelo_servicio.domain.profile import Profile
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
    "feasible",
    "ideal",
    "affordable",
    "fte_today",
    "fte_needed",
    "hires_needed",
    "hire_limit",
    "monthly_cost",
    "monthly_budget",
    "over_budget",
    "warnings",
    "assessment_date",
    "assessment_label",
    "currency",
)
PORTFOLIO = CSV_COLUMNS[CSV_COLUMNS.index("feasible") :]
"""The columns added for the portfolio view (also in ``summary.xlsx``)."""
PROBLEMS = ("not_robust", "infeasible", "over_budget")
TIMELINE_FIELDS = (
    "company",
    "report",
    "model_name",
    "score",
    "fte_today",
    "fte_needed",
    "hires_needed",
    "warnings",
    "assessment_date",
    "assessment_label",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def summary_fields(result: Result, profile: Profile | None = None) -> dict[str, Any]:
    """What the summaries keep of one result (the report itself is written apart)."""
    rec = result.recommendation
    f = figures(result)
    assessment = profile.assessment if profile is not None else None
    day = assessment.date if assessment else None
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
        "training_hours": f.training_hours,
        "feasible": f.feasible,
        "ideal": f.ideal,
        "affordable": f.affordable,
        "fte_today": f.fte_today,
        "fte_needed": f.fte_needed,
        "hires_needed": f.hires_needed,
        "hire_limit": f.hire_limit,
        "monthly_cost": f.monthly_cost,
        "monthly_budget": f.monthly_budget,
        "over_budget": f.over_budget,
        "warnings": f.warnings,
        "assessment_date": day.isoformat() if day else None,
        "assessment_label": assessment.label if assessment else None,
        "currency": f.currency,
    }


def problems(row: dict[str, Any]) -> list[str]:
    """Why a client needs attention first: ``PROBLEMS`` that apply to its summary row."""
    found = {
        "not_robust": row.get("robust") is False,
        "infeasible": row.get("feasible") is False,
        "over_budget": row.get("over_budget") is True,
    }
    return [p for p in PROBLEMS if found[p]]


def index_head(lang: Lang, date: str, summary: Summary, rules: str, tool: str) -> str:
    """Title, totals and versions, then the reports' heading and table header."""
    return index_intro(lang, date, summary, rules, tool) + reports_head(lang, summary)


def index_intro(lang: Lang, date: str, summary: Summary, rules: str, tool: str) -> str:
    lines = [
        f"# {t('batch.index.title', lang)}",
        "",
        index_meta(lang, date, summary),
        "",
        t("batch.index.versions", lang, tool=code(tool), rules=code(rules)),
    ]
    return "\n".join(lines) + "\n"


def index_meta(lang: Lang, date: str, summary: Summary) -> str:
    """The index's date and totals line (markdown and HTML)."""
    return t(
        "batch.index.meta",
        lang,
        date=date,
        profiles=summary.profiles,
        reports=summary.reports,
        failures=summary.failures,
    )


def reports_head(lang: Lang, summary: Summary) -> str:
    lines = [
        "",
        f"## {t('batch.index.reports', lang)}",
        "",
    ]
    if not summary.reports:
        lines.append(t("batch.index.no_reports", lang))
        return "\n".join(lines) + "\n"
    lines.append(table(index_headers(lang), [], right=INDEX_RIGHT))
    return "\n".join(lines) + "\n"


INDEX_RIGHT = (3, 5, 6, 7, 8, 9, 10, 11, 12, 13)
"""The index's columns that hold numbers (right-aligned)."""


def index_headers(lang: Lang) -> list[str]:
    """The index's columns, in markdown and in HTML alike (``index_cells`` fills them)."""
    return [
        t("batch.col.company", lang),
        t("batch.col.source", lang),
        t("batch.col.model", lang),
        t("batch.col.score", lang),
        t("portfolio.col.problem", lang),
        t("portfolio.col.margin", lang),
        t("portfolio.col.fte_today", lang),
        t("portfolio.col.fte_needed", lang),
        t("portfolio.col.hires_needed", lang),
        t("portfolio.col.hires_allowed", lang),
        t("portfolio.col.monthly_cost", lang),
        t("portfolio.col.monthly_budget", lang),
        t("portfolio.col.warnings", lang),
        t("batch.col.training_hours", lang),
    ]


def index_cells(outcome: Outcome, lang: Lang) -> list[str]:
    """One client's row of the index as plain text (each output escapes it its own way): the
    company (which links to its report), the source, the model, then the figures."""
    row = outcome.row
    components = row.get("component_names") or []
    model = str(row.get("model_name", ""))
    if components:
        model += ": " + " + ".join(components)
    attention = ", ".join(t(f"portfolio.problem.{p}", lang) for p in problems(row))
    return [
        outcome.company,
        _where(outcome),
        model,
        number(row.get("score", 0), lang, 0),
        attention or "—",
        number(row.get("margin", 0), lang, 1),
        number(row.get("fte_today", 0), lang, 1),
        number(row.get("fte_needed", 0), lang, 1),
        str(row.get("hires_needed", 0)),
        str(row.get("hires", 0)),
        _money(row.get("monthly_cost"), row.get("currency"), lang),
        _money(row.get("monthly_budget"), row.get("currency"), lang),
        str(row.get("warnings", 0)),
        number(row.get("training_hours", 0), lang, 0),
    ]


def index_row(outcome: Outcome, name: str, lang: Lang) -> str:
    company, where, model, *figures_ = index_cells(outcome, lang)
    cells = [f"[{cell(company)}]({name})", cell(where), text(model), *figures_]
    return "| " + " | ".join(cells) + " |\n"


def _money(value: float | None, currency: str | None, lang: Lang) -> str:
    """An amount as the reports write it, with the client's currency sign."""
    if value is None:
        return "—"
    return money(value, lang) if currency is None else amount(value, lang, currency)


def errors_head(lang: Lang) -> str:
    return f"\n## {t('batch.index.errors', lang)}\n\n"


def timeline_headers(lang: Lang) -> list[str]:
    return [
        t("timeline.col.date", lang),
        t("timeline.col.label", lang),
        t("batch.col.model", lang),
        t("batch.col.score", lang),
        t("portfolio.col.fte_today", lang),
        t("portfolio.col.fte_needed", lang),
        t("portfolio.col.hires_needed", lang),
        t("portfolio.col.warnings", lang),
    ]


TIMELINE_RIGHT = (3, 4, 5, 6, 7)


def timelines(rows: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The clients assessed more than once (same company name, each profile with an
    ``assessment`` date), each with its assessments in date order."""
    clients: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        clients.setdefault(row["company"].casefold(), []).append(row)
    out = []
    for dated in clients.values():
        if len(dated) >= 2:
            out.append(sorted(dated, key=lambda r: (r["assessment_date"], r["report"])))
    return out


def timeline_cells(r: dict[str, Any], lang: Lang) -> list[str]:
    """One assessment of a timeline as plain text; its date links to its report."""
    return [
        r["assessment_date"],
        r.get("assessment_label") or "",
        r.get("model_name") or "",
        number(r.get("score") or 0, lang, 0),
        number(r.get("fte_today") or 0, lang, 1),
        number(r.get("fte_needed") or 0, lang, 1),
        str(r.get("hires_needed") or 0),
        str(r.get("warnings") or 0),
    ]


def timeline(rows: list[dict[str, Any]], lang: Lang) -> str:
    """A section per client assessed more than once: its assessments in date order, how the
    recommendation, the team needed and the hires moved."""
    out: list[str] = []
    headers = timeline_headers(lang)
    for dated in timelines(rows):
        cells = []
        for r in dated:
            day, label, model, *figures_ = timeline_cells(r, lang)
            cells.append([f"[{cell(day)}]({r['report']})", cell(label), text(model), *figures_])
        title = t("timeline.title", lang, company=dated[-1]["company"])
        out += ["", f"## {text(title)}", "", table(headers, cells, right=TIMELINE_RIGHT)]
    return "\n".join(out) + "\n" if out else ""


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
        **{column: row.get(column) for column in PORTFOLIO},
    }


def csv_row(entry: dict[str, Any], decimal: str = ".") -> list[str]:
    """A ``json_entry`` flattened for spreadsheets; text that a spreadsheet would run as a
    formula is prefixed with an apostrophe; ``decimal`` is the decimal mark of numbers."""
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
            out.append(f"{value:.10g}".replace(".", decimal))
        else:
            value = str(value)
            out.append("'" + value if value.startswith(_FORMULA_START) else value)
    return out
