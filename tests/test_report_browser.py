"""Every example's HTML report opened in a real browser (headless Chromium, Debian's
``chromium``): it prints to a sane number of A4 pages, every chart is in the DOM, and the
console stays silent. ``.ci/run`` installs Chromium when it is missing."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from modelo_servicio.app.advisor import advise
from modelo_servicio.domain.i18n import Lang
from modelo_servicio.domain.profile_io import load_profile
from modelo_servicio.knowledge import KnowledgeBase
from modelo_servicio.render.html import HtmlFormat

from .conftest import PROFILES
from .test_report_helpers import DATE

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (apt-get install -y chromium)"
)
CASES = [(path, "es") for path in sorted(PROFILES.glob("*.yaml"))]
CASES.append((PROFILES / "deportes-omnicanal.yaml", "en"))
PAGES = range(3, 21)
"""A sane length for a report: a cover page of decisions, the plan, the appendix."""


def _chromium(*args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--enable-logging=stderr",
        "--v=0",
        "--virtual-time-budget=3000",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)


def console_messages(stderr: str) -> list[str]:
    """What the page wrote to the console (Chromium logs every level as ``CONSOLE``)."""
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


def page_count(pdf: Path) -> int:
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
        return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))  # type: ignore[union-attr]
    return len(re.findall(rb"/Type\s*/Page\b", pdf.read_bytes()))


def test_a_console_error_would_be_seen(tmp_path: Path) -> None:
    page = tmp_path / "bad.html"
    page.write_text("<!DOCTYPE html><title>x</title><script>throw new Error('boom')</script>")
    run = _chromium("--dump-dom", page.as_uri())
    assert any("boom" in line for line in console_messages(run.stderr))


@pytest.mark.parametrize(("path", "lang"), CASES, ids=lambda v: getattr(v, "stem", v))
def test_the_report_in_a_real_browser(
    path: Path, lang: Lang, kb: KnowledgeBase, tmp_path: Path
) -> None:
    profile = load_profile(path, lang)
    page = HtmlFormat(DATE, kb).format(advise(profile, kb, lang), profile)
    source = tmp_path / "report.html"
    source.write_text(page, encoding="utf-8")
    charts = re.findall(r'<svg [^>]*role="img"[^>]*id="(chart-[a-z]+)"', page)
    assert len(charts) >= 3

    dom = _chromium("--dump-dom", source.as_uri())
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert console_messages(dom.stderr) == []
    for chart in charts:  # in the DOM as the browser built it, with its accessible name
        found = re.search(rf'<svg [^>]*id="{chart}"[^>]*>', dom.stdout)
        assert found is not None, chart
        assert 'role="img"' in found.group(0) and 'aria-label="' in found.group(0)

    pdf = tmp_path / "report.pdf"
    printed = _chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}", source.as_uri())
    assert printed.returncode == 0, printed.stderr[-2000:]
    assert console_messages(printed.stderr) == []
    assert page_count(pdf) in PAGES
