"""The PDF a consultant sends, read back as text (poppler's ``pdftotext``): for every example
in both languages, with the brand file, the client's version has no rule id, field path, file
name or internal value and none of the known bad wordings; the brand's logo is embedded. Skips
where the pdf extra or poppler is missing (``.ci/run`` installs poppler)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from modelo_servicio.domain.brand import Brand
from modelo_servicio.domain.i18n import Lang
from modelo_servicio.knowledge import KnowledgeBase
from modelo_servicio.render.html import HtmlFormat

from .test_report_helpers import DATE
from .test_report_html import EXAMPLES, LANGS, PNG, _advised, _bad, _leaks

pytest.importorskip("weasyprint", reason="the pdf extra is not installed")
PDFTOTEXT = shutil.which("pdftotext")
pytestmark = pytest.mark.skipif(PDFTOTEXT is None, reason="poppler-utils is not installed")


def _brand(tmp_path: Path) -> Brand:
    from modelo_servicio.domain.brand import load_brand

    (tmp_path / "logo.png").write_bytes(PNG)
    path = tmp_path / "marca.yaml"
    path.write_text(
        "name: Consultores Norte\nlogo: logo.png\naccent: '#7a1f5c'\n"
        "contact: hola@norte.example\nconfidentiality: Confidencial\n",
        encoding="utf-8",
    )
    return load_brand(path, "es")


def _pdf_text(pdf: bytes, tmp_path: Path) -> str:
    assert PDFTOTEXT is not None
    source = tmp_path / "report.pdf"
    source.write_bytes(pdf)
    run = subprocess.run(
        [PDFTOTEXT, "-enc", "UTF-8", str(source), "-"],
        capture_output=True,
        check=True,
        timeout=120,
    )
    return run.stdout.decode("utf-8")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_the_client_pdf_speaks_the_clients_language(
    path: Path, lang: Lang, kb: KnowledgeBase, tmp_path: Path
) -> None:
    from modelo_servicio.render.pdf import pdf_bytes

    profile, result = _advised(path, lang)
    page = HtmlFormat(DATE, kb, brand=_brand(tmp_path)).format(result, profile)
    pdf = pdf_bytes(page, lang)
    text = _pdf_text(pdf, tmp_path)
    assert result.company.split()[0] in text and "Consultores Norte" in text
    assert _leaks(text, kb, lang) == []
    assert _bad(text, lang) == []
    assert "antes de presentar" not in text.lower() and "before presenting" not in text.lower()
    assert b"/Subtype /Image" in pdf  # the logo (the only raster image) is embedded
