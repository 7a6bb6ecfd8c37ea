"""The consultant's tools as HTML: ``compare --format html`` and the ``index.html`` a batch of
HTML reports writes. Both pinned in both languages, parsed by html5lib in strict mode, and fed
hostile company names that must come out as text."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import html5lib
import pytest
from typer.testing import CliRunner

from modelo_servicio import __version__
from modelo_servicio.cli.app import app

from .conftest import FIXTURES, PROFILES
from .test_report_html import _visible_text as text_of
from .test_report_html import strict_parse as strict

GOLDEN = Path(__file__).resolve().parent / "golden"
BEFORE = FIXTURES / "followup/kiosko-2026-01.yaml"
AFTER = FIXTURES / "followup/kiosko-2026-04.yaml"
INPUTS = [
    str(PROFILES / "kiosko-24h.yaml"),
    str(PROFILES / "nubefactura.yaml"),
    str(FIXTURES / "followup"),
    str(FIXTURES / "batch" / "folder" / "sub" / "multi.yml"),
]
HOSTILE = '<script>alert(1)</script> & "Co" \x1b[2J\u202e{{ 7*7 }}'
HOSTILE_YAML = '"<script>alert(1)</script> & \\"Co\\" \\e[2J\\u202e{{ 7*7 }}"'


def check_golden(name: str, text: str) -> None:
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8"), f"{golden} differs; UPDATE_GOLDEN=1"


def invoke(*args: str) -> Any:
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "100", "NO_COLOR": "1"})


# --- compare --------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["es", "en"])
def test_compare_html_golden_and_strict(lang: str) -> None:
    result = invoke("compare", str(BEFORE), str(AFTER), "--format", "html", "--lang", lang)
    assert result.exit_code == 0, result.stderr
    page = result.stdout
    check_golden(f"compare/kiosko.{lang}.html", page)
    tree = strict(page)
    assert tree.get("lang") == lang
    assert any(str(node.tag).endswith("}svg") for node in tree.iter())  # the staff chart
    assert "http://" not in page.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in page and "<script" not in page
    markdown = invoke("compare", str(BEFORE), str(AFTER), "--format", "markdown", "--lang", lang)
    # the same document: every table row of the markdown is in the page
    first_cells = re.findall(r"^\| ([^|]+?) \|", markdown.stdout, re.M)
    shown = text_of(page)
    for label in first_cells:
        assert label == "---" or label.replace("\\", "") in shown


def test_compare_html_with_a_brand(tmp_path: Path) -> None:
    brand = tmp_path / "brand.yaml"
    brand.write_text("name: Asesores Norte\naccent: '#8a1c1c'\ncontact: hola@norte.example\n")
    args = ["compare", str(BEFORE), str(AFTER), "-f", "html", "--brand", str(brand)]
    result = invoke(*args)
    assert result.exit_code == 0, result.stderr
    strict(result.stdout)
    assert "Asesores Norte" in result.stdout and "--accent: #8a1c1c" in result.stdout
    assert 'fill="#8a1c1c"' in result.stdout  # the chart in the brand's colour


def hostile_pair(tmp_path: Path) -> tuple[Path, Path]:
    out = []
    for source in (BEFORE, AFTER):
        text = source.read_text(encoding="utf-8").replace(
            "name: Kiosko 24h", f"name: {HOSTILE_YAML}"
        )
        target = tmp_path / source.name
        target.write_text(text, encoding="utf-8")
        out.append(target)
    return out[0], out[1]


def test_compare_html_escapes_a_hostile_company_name(tmp_path: Path) -> None:
    before, after = hostile_pair(tmp_path)
    result = invoke("compare", str(before), str(after), "--format", "html", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    page = result.stdout
    strict(page)  # no stray control character, no broken markup
    assert "<script" not in page and "\x1b" not in page and "\u202e" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;Co&#34;" in page
    assert "{{ 7*7 }}" in text_of(page) and "49" not in text_of(page).split("Kiosko")[0]


# --- index.html -----------------------------------------------------------------------


def batch(out: Path, *extra: str, lang: str = "en") -> Any:
    args = ["batch", *INPUTS, "--out-dir", str(out), "--date", "2026-05-01", "--lang", lang]
    return invoke(*args, *extra)


def stable(page: str) -> str:
    """Without the tool and rule versions, which every release changes, and the checkout."""
    page = re.sub(r"sha256:[0-9a-f]+", "sha256:…", page).replace(__version__, "…")
    return page.replace(str(PROFILES.parent) + "/", "").replace(os.sep, "/")


@pytest.mark.parametrize("lang", ["es", "en"])
def test_index_html_golden_and_strict(tmp_path: Path, lang: str) -> None:
    result = batch(tmp_path, "--format", "html", lang=lang)
    assert result.exit_code == 1, result.stderr  # multi.yml holds one broken profile
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    check_golden(f"batch/index.{lang}.html", stable(page))
    tree = strict(page)
    assert tree.get("lang") == lang
    links = [a.get("href") for a in tree.iter("a")]
    assert links and all((tmp_path / href).is_file() for href in links)


def test_index_html_has_the_markdown_columns_problem_clients_first(tmp_path: Path) -> None:
    result = batch(tmp_path, "--format", "html")
    assert result.exit_code == 1, result.stderr
    tree = strict((tmp_path / "index.html").read_text(encoding="utf-8"))
    reports = next(s for s in tree.iter("section") if s.get("id") == "reports")
    headers = ["".join(th.itertext()) for th in reports.iter("thead").__next__().iter("th")]
    markdown = (tmp_path / "index.md").read_text(encoding="utf-8")
    md_head = markdown[markdown.index("## Reports") :].split("\n")[2]
    assert headers == [h.strip() for h in md_head.strip("|").split("|")]
    assert "Monthly cost" in headers and "FTE needed" in headers and "Attention" in headers
    rows = list(reports.iter("tbody")).pop().findall("tr")
    attention = ["".join(row.findall("td")[3].itertext()) for row in rows]
    flagged = [a != "—" for a in attention]
    assert any(flagged) and not all(flagged)
    assert flagged == sorted(flagged, reverse=True)  # problem clients first
    companies = ["".join(row.find("th").itertext()) for row in rows]
    md_rows = re.findall(r"^\| \[([^\]]+)\]", markdown[markdown.index("## Reports") :], re.M)
    assert companies == [c.replace("\\", "") for c in md_rows[: len(companies)]]
    errors = next(s for s in tree.iter("section") if s.get("id") == "errors")
    assert "customers.tiket" in "".join(errors.itertext())


def test_index_html_escapes_a_hostile_company_name(tmp_path: Path) -> None:
    profile = tmp_path / "evil.yaml"
    profile.write_text(f"schema_version: 1\ncompany:\n  name: {HOSTILE_YAML}\n", encoding="utf-8")
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        f"schema_version: 1\ncompany:\n  name: {HOSTILE_YAML}\n  locations: x\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    args = ["batch", str(profile), str(broken), "--out-dir", str(out), "--format", "html"]
    result = invoke(*args, "--lang", "en")
    assert result.exit_code == 1, result.stderr
    page = (out / "index.html").read_text(encoding="utf-8")
    strict(page)
    assert "<script" not in page and "\x1b" not in page and "\u202e" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;Co&#34;" in page
    assert len(list(html5lib.parse(page, namespaceHTMLElements=False).iter("a"))) == 1


def test_markdown_batch_writes_no_index_html(tmp_path: Path) -> None:
    result = batch(tmp_path)
    assert result.exit_code == 1, result.stderr
    assert (tmp_path / "index.md").is_file() and not (tmp_path / "index.html").exists()


def test_compare_refuses_a_bad_brand_file(tmp_path: Path) -> None:
    brand = tmp_path / "brand.yaml"
    brand.write_text("name: Norte\ncolour: '#8a1c1c'\n")
    result = invoke("compare", str(BEFORE), str(AFTER), "-f", "html", "--brand", str(brand))
    assert result.exit_code == 2
    assert f"{brand}:2" in result.stderr and "colour" in result.stderr
    assert result.stdout == ""


# --- whatif ---------------------------------------------------------------------------

KIOSKO = PROFILES / "kiosko-24h.yaml"


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize(
    "extra",
    [
        ["--set", "demand.contacts_per_month.phone=3000", "--set", "constraints.budget=high"],
        ["--compare-models", "convenient,one-to-one"],
    ],
)
def test_whatif_html_is_strict_and_self_contained(lang: str, extra: list[str]) -> None:
    """Pinned with the other whatif outputs (test_whatif_compare.py); here: it parses strictly,
    carries its chart and loads nothing."""
    result = invoke("whatif", str(KIOSKO), *extra, "-f", "html", "--lang", lang)
    assert result.exit_code == 0, result.stderr
    page = result.stdout
    tree = strict(page)
    assert tree.get("lang") == lang
    assert any(str(node.tag).endswith("}svg") for node in tree.iter())
    assert "https://" not in page and "<script" not in page and "<link" not in page
    assert ("3.000" if lang == "es" else "3,000") in text_of(page) or "--compare-models" in extra


def test_an_html_batch_points_to_index_html(tmp_path: Path) -> None:
    args = ["batch", str(PROFILES / "kiosko-24h.yaml"), "-o", str(tmp_path), "-f", "html"]
    result = invoke(*args, "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert f"start with {tmp_path / 'index.html'}" in result.stdout
