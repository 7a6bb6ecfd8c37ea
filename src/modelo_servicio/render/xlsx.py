"""``summary.xlsx``: the batch as a workbook a consultant opens in Excel or LibreOffice.

One row per company with typed cells (numbers are numbers, yes/no are booleans, so filters and
sums work in any locale), a sheet of the inputs that failed, a filter on every column and the
header frozen. Rows are written as they arrive (XlsxWriter's constant-memory mode), so memory
stays flat however large the batch; the file lands only when the batch ends. Text from the
inputs (company names, sources, errors) goes through ``domain.text.visible``, as in
``summary.csv``: a control or bidi character is shown, never carried into a cell.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any, Literal

from modelo_servicio.domain.i18n import Lang, t
from modelo_servicio.domain.text import visible

Kind = Literal["text", "number", "bool"]
COMPANY_COLUMNS: tuple[tuple[str, Kind], ...] = (
    ("company", "text"),
    ("source", "text"),
    ("report", "text"),
    ("model", "text"),
    ("components", "text"),
    ("ideal", "text"),
    ("affordable", "text"),
    ("score", "number"),
    ("runner_up", "text"),
    ("margin", "number"),
    ("robust", "bool"),
    ("feasible", "bool"),
    ("fte_today", "number"),
    ("fte_needed", "number"),
    ("hires_needed", "number"),
    ("hires_allowed", "number"),
    ("hire_limit", "number"),
    ("monthly_cost", "number"),
    ("monthly_budget", "number"),
    ("currency", "text"),
    ("over_budget", "bool"),
    ("warnings", "number"),
    ("training_hours", "number"),
    ("assessment_date", "text"),
    ("assessment_label", "text"),
)
ERROR_COLUMNS: tuple[tuple[str, Kind], ...] = (
    ("source", "text"),
    ("document", "number"),
    ("company", "text"),
    ("error", "text"),
)
WIDTHS = {"company": 28, "source": 28, "report": 24, "model": 26, "error": 100}


def cells(entry: dict[str, Any]) -> dict[str, Any]:
    """A ``md_index.json_entry`` as the workbook shows it: the model's name, components joined,
    the plan's hires as the hires allowed."""
    out = dict(entry)
    out["model"] = entry.get("model_name") or entry.get("model")
    out["components"] = " + ".join(entry.get("components") or [])
    out["hires_allowed"] = entry.get("hires")
    return out


class PortfolioWorkbook:
    """``add`` each summary entry as it comes, ``close`` to write the file at ``path``."""

    def __init__(self, path: Path, lang: Lang, date: str = "") -> None:
        import xlsxwriter

        self.path = path
        self.book = xlsxwriter.Workbook(
            str(path),
            {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False},
        )
        created = _date(date)
        if created is not None:  # a fixed date keeps the file the same from run to run
            self.book.set_properties({"created": created})
        self.bold = self.book.add_format({"bold": True})
        self.decimal = self.book.add_format({"num_format": "0.0"})
        self.companies = self._sheet(t("portfolio.sheet.companies", lang), COMPANY_COLUMNS, lang)
        self.errors = self._sheet(t("portfolio.sheet.errors", lang), ERROR_COLUMNS, lang)
        self.rows = {"companies": 0, "errors": 0}

    def _sheet(self, name: str, columns: tuple[tuple[str, Kind], ...], lang: Lang) -> Any:
        sheet = self.book.add_worksheet(name[:31])
        sheet.freeze_panes(1, 0)
        for index, (key, _) in enumerate(columns):
            sheet.write_string(0, index, t(f"portfolio.col.{key}", lang), self.bold)
            sheet.set_column(index, index, WIDTHS.get(key, 14))
        return sheet

    def add(self, entry: dict[str, Any]) -> None:
        if entry.get("error"):
            self.rows["errors"] += 1
            self._row(self.errors, self.rows["errors"], ERROR_COLUMNS, entry)
        else:
            self.rows["companies"] += 1
            self._row(self.companies, self.rows["companies"], COMPANY_COLUMNS, cells(entry))

    def _row(
        self, sheet: Any, row: int, columns: tuple[tuple[str, Kind], ...], data: dict[str, Any]
    ) -> None:
        for col, (key, kind) in enumerate(columns):
            value = data.get(key)
            if value is None or value == "":
                continue
            if kind == "bool" and isinstance(value, bool):
                sheet.write_boolean(row, col, value)
            elif kind == "number" and isinstance(value, int | float):
                if isinstance(value, float) and not value.is_integer():
                    sheet.write_number(row, col, value, self.decimal)
                else:
                    sheet.write_number(row, col, value)
            else:  # input text: its control and bidi characters shown, as in summary.csv
                sheet.write_string(row, col, visible(value))

    def close(self) -> None:
        for sheet, columns, key in (
            (self.companies, COMPANY_COLUMNS, "companies"),
            (self.errors, ERROR_COLUMNS, "errors"),
        ):
            sheet.autofilter(0, 0, max(self.rows[key], 1), len(columns) - 1)
        self.book.close()


def _date(text: str) -> datetime.datetime | None:
    try:
        day = datetime.date.fromisoformat(text)
    except ValueError:
        return None
    return datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC)
