"""The portfolio view of ``batch``: summary.xlsx read back by a real reader (openpyxl) with its
cell types, ``--csv-dialect excel-es``, the index with problem clients first and the timeline
of a client assessed twice; index.md and the Spanish CSV pinned in both languages."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from modelo_servicio.cli.app import app

from .conftest import FIXTURES, PROFILES

GOLDEN = Path(__file__).resolve().parent / "golden" / "batch"
INPUTS = [
    str(PROFILES / "kiosko-24h.yaml"),
    str(PROFILES / "nubefactura.yaml"),
    str(FIXTURES / "followup"),
    str(FIXTURES / "batch" / "folder" / "sub" / "multi.yml"),
]


def batch(out: Path, *extra: str, lang: str = "en") -> tuple[int, str]:
    args = ["batch", *INPUTS, "--out-dir", str(out), "--date", "2026-05-01", "--lang", lang]
    result = CliRunner().invoke(app, [*args, *extra])
    return result.exit_code, result.stderr


def stable(text: str) -> str:
    """Without the tool and rule versions, which every release changes."""
    return re.sub(r"`(sha256:)?[0-9a-f.]+`", "`…`", text).replace(os.sep, "/")


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("portfolio")
    code, err = batch(out)
    assert code == 1, err  # multi.yml holds one broken profile
    return out


def test_xlsx_has_typed_cells_a_filter_and_a_frozen_header(written: Path) -> None:
    book = openpyxl.load_workbook(written / "summary.xlsx")
    assert book.sheetnames == ["Companies", "Errors"]
    sheet = book["Companies"]
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["Company", "Source", "Report", "Recommended model"]
    rows = [dict(zip(header, (c.value for c in row), strict=True)) for row in sheet.iter_rows(2)]
    assert [r["Company"] for r in rows][:2] == ["Kiosko 24h", "NubeFactura"]
    kiosko = rows[0]
    types = {h: c.data_type for h, c in zip(header, sheet[2], strict=True)}
    numbers = ["Score", "Margin", "FTE today", "FTE needed", "Hires needed", "Warnings"]
    entry = json.loads((written / "summary.json").read_text(encoding="utf-8"))["profiles"][0]
    assert {types[h] for h in numbers} == {"n"}
    assert types["Robust"] == types["Feasible"] == "b"
    assert types["Company"] == types["Recommended model"] == "s"
    assert kiosko["Recommended model"] == entry["model_name"] == "Convenient"
    assert kiosko["Score"] == entry["score"] and kiosko["Margin"] == entry["margin"]
    assert kiosko["FTE today"] == pytest.approx(5.2) == entry["fte_today"]
    assert kiosko["FTE needed"] == entry["fte_needed"] > kiosko["FTE today"]
    assert kiosko["Hires needed"] == entry["hires_needed"]
    assert kiosko["Robust"] is entry["robust"] and kiosko["Feasible"] is entry["feasible"]
    # the kiosks need one hire (one person on duty at each kiosk); the limit is two
    assert kiosko["Hires allowed"] == 1 and kiosko["Hiring limit"] == 2
    assert types["Monthly cost"] == "n" and kiosko["Monthly cost"] == entry["monthly_cost"]
    assert kiosko["Monthly budget"] is None  # no budget in the profile: left blank
    assert rows[2]["Assessment date"] == "2026-01-15"
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref is not None and sheet.auto_filter.ref.startswith("A1:")
    errors = book["Errors"]
    assert errors.max_row == 2
    assert errors.cell(2, 2).value == 2  # the document number, as a number
    assert "tiket" in errors.cell(2, 4).value
    assert errors.freeze_panes == "A2"


def test_summary_json_and_csv_carry_the_portfolio_columns(written: Path) -> None:
    data = json.loads((written / "summary.json").read_text(encoding="utf-8"))["profiles"]
    kiosko = data[0]
    assert kiosko["fte_needed"] > kiosko["fte_today"] == 5.2 and kiosko["hires_needed"] >= 1
    assert kiosko["over_budget"] is None and kiosko["feasible"] is True
    with (written / "summary.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["fte_today"] == "5.2"
    assert rows[0]["robust"] == ("true" if kiosko["robust"] else "false")


def test_index_lists_problem_clients_first_and_a_timeline(written: Path) -> None:
    index = (written / "index.md").read_text(encoding="utf-8")
    errors = index.index("## Profiles with errors")
    reports = index.index("## Reports")
    assert errors < reports
    table = index[reports:].split("\n\n")[1].splitlines()[2:]
    flagged = [row for row in table if "not robust" in row]
    assert flagged and table[: len(flagged)] == flagged
    assert "## Timeline of Kiosko 24h" in index
    timeline = index[index.index("## Timeline") :]
    assert timeline.index("2026-01-15") < timeline.index("2026-04-20")


def test_excel_es_dialect(tmp_path: Path) -> None:
    code, err = batch(tmp_path, "--csv-dialect", "excel-es", lang="es")
    assert code == 1, err
    raw = (tmp_path / "summary.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert rows[0]["fte_today"] == "5,2"
    assert rows[0]["company"] == "Kiosko 24h"


@pytest.mark.parametrize("lang", ["es", "en"])
def test_index_and_csv_golden(tmp_path: Path, lang: str) -> None:
    code, err = batch(tmp_path, "--csv-dialect", "excel-es", lang=lang)
    assert code == 1, err
    for name in ("index.md", "summary.csv"):
        text = stable((tmp_path / name).read_text(encoding="utf-8-sig"))
        text = text.replace(str(PROFILES.parent) + "/", "")
        golden = GOLDEN / f"{Path(name).stem}.{lang}{Path(name).suffix}"
        if os.environ.get("UPDATE_GOLDEN") == "1":
            golden.parent.mkdir(parents=True, exist_ok=True)
            golden.write_text(text, encoding="utf-8")
        assert text == golden.read_text(encoding="utf-8"), f"{golden} differs; UPDATE_GOLDEN=1"


def test_bad_dialect_is_a_usage_error(tmp_path: Path) -> None:
    code, err = batch(tmp_path, "--csv-dialect", "excel-fr")
    assert code == 2
    assert "excel-es" in err


def test_xlsx_shows_hostile_text_the_way_summary_csv_does(tmp_path: Path) -> None:
    """A company name, a file name and an error with control and bidi characters reach the
    workbook through ``visible``, like summary.csv: escapes a reader sees, no raw character."""
    good = tmp_path / "a.yaml"
    good.write_text('schema_version: 1\ncompany:\n  name: "Evil\\e[2J\\u202eCorp"\n')
    bad = tmp_path / "b\u202e\x07.yaml"
    bad.write_text('schema_version: 1\ncompany:\n  name: "Bad\\u202eOne"\n  locations: x\n')
    out = tmp_path / "out"
    args = ["batch", str(good), str(bad), "--out-dir", str(out), "--lang", "en"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1, result.stderr
    book = openpyxl.load_workbook(out / "summary.xlsx")
    companies, errors = book.worksheets
    assert companies.cell(2, 1).value == "Evil\\x1b[2J\\u202eCorp"
    assert errors.cell(2, 3).value == "Bad\\u202eOne"
    assert "b\\u202e\\x07.yaml" in errors.cell(2, 1).value
    cells = [
        c for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for c in row
    ]
    text = "".join(c for c in cells if isinstance(c, str))
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f\u202e]", text)
    listed = (out / "summary.csv").read_text(encoding="utf-8")
    assert "Evil\\x1b[2J\\u202eCorp" in listed
