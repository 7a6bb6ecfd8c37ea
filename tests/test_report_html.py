"""The deliverable: HTML (and PDF) reports, the client/consultant split, the brand file, and
text a native speaker would write, over every example profile in both languages."""

from __future__ import annotations

import re
import typing
from functools import cache
from pathlib import Path
from typing import Any, Literal

import html5lib
import pytest
from typer.testing import CliRunner

from modelo_servicio.app.advisor import advise
from modelo_servicio.cli.app import app
from modelo_servicio.domain.brand import Brand
from modelo_servicio.domain.i18n import Lang
from modelo_servicio.domain.profile import Profile
from modelo_servicio.domain.profile_io import load_profile, profile_from_data
from modelo_servicio.knowledge import KnowledgeBase
from modelo_servicio.render.html import HtmlFormat
from modelo_servicio.render.markdown import MarkdownFormat

from .conftest import PROFILES
from .test_report_helpers import DATE, FIXTURES

EXAMPLES = sorted(PROFILES.glob("*.yaml"))
LANGS: list[Lang] = ["es", "en"]
HOSTILE = {
    "script": "<script>alert(1)</script>",
    "attr": '"onload="alert(2)',
    "jinja": "{{ 7 * 7 }}{% if 1 %}x{% endif %}",
    "style": "</style><b>bold</b>",
}


@cache
def _advised(path: Path, lang: Lang) -> tuple[Profile, Any]:
    """Profile and result of an example, advised once for all the tests of this file."""
    from modelo_servicio.knowledge import load_kb

    profile = load_profile(path, lang)
    return profile, advise(profile, load_kb(), lang)


def _html(path: Path, lang: Lang, kb: KnowledgeBase, audience: str = "client") -> str:
    profile, result = _advised(path, lang)
    return HtmlFormat(DATE, kb, audience=audience).format(result, profile)


def _md(path: Path, lang: Lang, kb: KnowledgeBase, audience: str = "client") -> str:
    profile, result = _advised(path, lang)
    return MarkdownFormat(DATE, kb, audience=audience).format(result, profile)


def strict_parse(page: str) -> Any:
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    return parser.parse(page)


def _visible_text(page: str) -> str:
    """The page's text as a reader sees it (tags dropped, entities decoded)."""
    tree = html5lib.parse(page, namespaceHTMLElements=False)
    for tag in ("style", "title", "head"):
        for node in tree.iter(tag):
            node.clear()
    pieces = [" ".join(piece.split()) for piece in tree.itertext()]
    return "\n".join(piece for piece in pieces if piece)


# --- HTML: parse, charts, escaping -------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_is_strict_html5_with_its_charts(
    path: Path, lang: Lang, kb: KnowledgeBase
) -> None:
    for audience in ("client", "consultant"):
        page = _html(path, lang, kb, audience)
        strict_parse(page)  # raises on any parse error
        assert page.startswith("<!DOCTYPE html>")
        assert f'<html lang="{lang}">' in page
        assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
        assert "https://" not in page and "<script" not in page
        charts = re.findall(r'<svg [^>]*role="img"[^>]*aria-label="[^"]+"', page)
        assert len(charts) >= 3, path.name  # ranking, staff, gantt (+ cost when known)
        assert page.count("<title id=") == page.count("<desc id=") == len(charts)
    profile, result = _advised(path, lang)
    brand = Brand(name="Consultores <Norte>", contact="hola@norte.example", confidentiality="C")
    strict_parse(HtmlFormat(DATE, kb, brand=brand).format(result, profile))


def test_cost_chart_appears_when_the_plan_has_costs(kb: KnowledgeBase) -> None:
    for path in EXAMPLES:
        _, result = _advised(path, "es")
        page = _html(path, "es", kb)
        plan = result.plan
        costed = plan.costs is not None
        assert ('id="chart-cost"' in page) == costed, path.name


def test_html_tells_the_story_in_the_markdown_order(kb: KnowledgeBase) -> None:
    """Every section heading of the markdown report, in the same order in the HTML page."""
    for path in EXAMPLES:
        for lang in LANGS:
            for audience in ("client", "consultant"):
                md = _md(path, lang, kb, audience)
                headings = [
                    line.lstrip("#").strip()
                    for line in md.splitlines()
                    if line.startswith(("## ", "### ")) and not line.startswith("####")
                ]
                page = _html(path, lang, kb, audience)
                shown = [
                    " ".join("".join(node.itertext()).split())
                    for node in strict_parse(page).iter()
                    if node.tag in ("h2", "h3")
                ]
                assert shown == headings, (path.name, lang, audience)


def _hostile_profile() -> Profile:
    data = load_profile(FIXTURES / "hybrid.yaml", "es").model_dump(mode="json")
    data["company"]["name"] = HOSTILE["script"] + HOSTILE["jinja"]
    data["company"]["sector"] = HOSTILE["style"] + HOSTILE["attr"]
    for person, text in zip(data["staff"], HOSTILE.values(), strict=False):
        person["name"] = text
        person["role"] = text
    data["extra"] = {"nota": HOSTILE["attr"] + HOSTILE["style"]}
    return profile_from_data(data, "<hostile>")


@pytest.mark.parametrize("audience", ["client", "consultant"])
def test_every_piece_of_user_text_is_escaped(kb: KnowledgeBase, audience: str) -> None:
    from modelo_servicio.domain.brand import Brand

    profile = _hostile_profile()
    brand = Brand(
        name=HOSTILE["script"],
        contact=HOSTILE["attr"],
        confidentiality=HOSTILE["style"] + '"; } body { display: none } x { content: "',
    )
    result = advise(profile, kb, "es")
    page = HtmlFormat(DATE, kb, audience=audience, brand=brand).format(result, profile)
    strict_parse(page)
    assert "<script" not in page
    assert page.count("</style>") == 1  # only the stylesheet's own end
    assert "<b>" not in page and 'onload="' not in page
    assert "49" not in re.findall(r"\d+", page[page.index("<h1") : page.index("</h1>")])
    text = _visible_text(page)
    for hostile in (HOSTILE["script"], HOSTILE["jinja"], HOSTILE["style"], HOSTILE["attr"]):
        assert hostile in text, hostile  # shown as the user wrote it, not interpreted
    style = page[page.index("<style>") : page.index("</style>")]
    assert "body { display" not in style and "<" not in style.replace("<style>", "")


# --- The client's report speaks the client's language ------------------------------------


def _enum_values() -> set[str]:
    """Every internal value an answer can take (``consultative``, ``in_person`` …)."""
    found: set[str] = set()

    def walk(annotation: Any) -> None:
        origin = typing.get_origin(annotation)
        if origin is Literal:
            found.update(v for v in typing.get_args(annotation) if isinstance(v, str))
            return
        if isinstance(annotation, type) and hasattr(annotation, "model_fields"):
            for field in annotation.model_fields.values():
                walk(field.annotation)
            return
        for arg in typing.get_args(annotation):
            walk(arg)

    walk(Profile)
    return found


def _leaks(text: str, kb: KnowledgeBase, lang: Lang) -> list[str]:
    found = []
    words = set(re.findall(r"[\w.\-:]+", text))
    found += sorted(rule for rule in kb.rules if rule in words)
    sections = ("company.", "customers.", "demand.", "organization.", "constraints.", "facts.")
    found += sorted({w for w in words if w.startswith(sections) and not w.endswith(".")})
    found += sorted({w for w in words if w.endswith((".yaml", ".yml"))})
    internal = {v for v in _enum_values() if "_" in v}
    if lang == "es":  # English ids stand out in a Spanish text (but some are Spanish too)
        spanish = {"email", "personal", "social", "simple", "local"}
        internal |= {v for v in _enum_values() if len(v) > 4 and v not in spanish}
    found += sorted(internal & words)
    return found


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_the_client_report_has_no_ids_paths_or_files(
    path: Path, lang: Lang, kb: KnowledgeBase
) -> None:
    assert _leaks(_md(path, lang, kb), kb, lang) == []
    assert _leaks(_visible_text(_html(path, lang, kb)), kb, lang) == []
    for text in (_md(path, lang, kb), _html(path, lang, kb)):
        assert not re.search(r"\bconfirme\b", text) and "confirm that" not in text
        assert "antes de presentar" not in text and "before presenting" not in text


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_the_consultant_report_has_the_audit_trail(
    path: Path, lang: Lang, kb: KnowledgeBase
) -> None:
    _, result = _advised(path, lang)
    for text in (_md(path, lang, kb, "consultant"), _html(path, lang, kb, "consultant")):
        for ranked in result.ranking:
            for reason in ranked.reasons:
                assert reason.rule in text
            for limit in ranked.limits:
                assert limit.rule in text
        assert re.search(r"rules/scoring/[\w-]+\.yaml:\d+", text)
        assert result.versions.rules in text and result.versions.tool in text
        assert "customers." in text  # field paths beside the answers
        assert ("Antes de presentar" if lang == "es" else "Before presenting") in text


# --- Text a native speaker would write ---------------------------------------------------

BAD = {
    "doubled word": re.compile(r"\b(\w{3,})[ ]\1\b", re.IGNORECASE),
    "capitalised name after a word": re.compile(r"\b(en|de|del|por|para|atiende|atienden) En\b"),
    "disagreeing one": re.compile(r"\b1 (errores|contrataciones|personas|semanas|horas|días)\b"),
    "english one": re.compile(r"\b1 (errors|hires|people|weeks|hours|days)\b"),
    "no cap": re.compile(r"\bno cap\b"),
    "unresolved key": re.compile(r"\b(report|plan|batch)\.[a-z_]+\.[a-z_.]+\b"),
    "placeholder": re.compile(r"\{[a-z_]+\}"),
}


def _bad(text: str, lang: Lang) -> list[str]:
    text = re.sub(r"```.*?```", "", text, flags=re.S)  # chart and gantt code blocks
    found = [f"{name}: {m.group(0)}" for name, rx in BAD.items() for m in rx.finditer(text)]
    if lang == "es":
        found += [f"FTE: {m.group(0)}" for m in re.finditer(r"\bFTE\b", text)]
    return found


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_no_known_bad_wording(path: Path, lang: Lang, kb: KnowledgeBase) -> None:
    assert _bad(_md(path, lang, kb), lang) == []
    assert _bad(_visible_text(_html(path, lang, kb)), lang) == []


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_the_summary_never_contradicts_the_sensitivity_table(
    path: Path, lang: Lang, kb: KnowledgeBase
) -> None:
    _, result = _advised(path, lang)
    summary = _md(path, lang, kb).split("\n## ")[1]
    says_none = "ninguna respuesta aislada" in summary or "no single answer" in summary
    assert says_none == (not result.sensitivity), summary
    # the robustness section's verdict agrees with the summary's sentence, in both formats
    from modelo_servicio.domain.i18n import t

    solid = t("report.summary.robust", lang) in summary
    verdict = t("report.robust.yes" if solid else "report.robust.no", lang)
    for page in (_md(path, lang, kb), _visible_text(_html(path, lang, kb))):
        line = t("report.robust.margin", lang, margin="@", verdict="@").split("@")[-2]
        assert f"{line}{verdict}" in page, (path.name, lang)


def test_amounts_carry_the_currency(kb: KnowledgeBase) -> None:
    path = FIXTURES / "hybrid.yaml"  # a profile with a budget and a cost per person
    _, result = _advised(path, "es")
    assert result.plan.costs is not None
    assert re.search(r"\| [\d.]+ € \|", _md(path, "es", kb))
    assert re.search(r"\| €[\d,]+ \|", _md(path, "en", kb))
    patterns: list[tuple[Lang, str]] = [("es", r"[\d.]+ €"), ("en", r"€[\d,]+")]
    for lang, amount in patterns:
        in_md = set(re.findall(amount, _md(path, lang, kb)))
        in_html = set(re.findall(amount, _visible_text(_html(path, lang, kb))))
        assert len(in_md) > 5 and in_md <= in_html, in_md - in_html


# --- The command ----------------------------------------------------------------------


@pytest.mark.parametrize(("suffix", "marker"), [(".html", b"<!DOCTYPE html>"), (".md", b"# ")])
def test_the_format_follows_the_output_suffix(
    runner: CliRunner, tmp_path: Path, suffix: str, marker: bytes
) -> None:
    target = tmp_path / f"informe{suffix}"
    profile = str(PROFILES / "kiosko-24h.yaml")
    result = runner.invoke(app, ["report", profile, "-o", str(target), "--date", DATE])
    assert result.exit_code == 0, result.output
    assert target.read_bytes().startswith(marker)


def test_pdf_is_written_atomically(runner: CliRunner, tmp_path: Path) -> None:
    pytest.importorskip("weasyprint", reason="the pdf extra is not installed")
    target = tmp_path / "informe.pdf"
    args = ["report", str(PROFILES / "kiosko-24h.yaml"), "-o", str(target), "--date", DATE]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    data = target.read_bytes()
    assert data.startswith(b"%PDF-") and b"%%EOF" in data[-32:]
    assert [p.name for p in tmp_path.iterdir()] == ["informe.pdf"]  # no temporary left


def test_pdf_without_the_extra_names_it(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import fails as if not installed
    target = tmp_path / "informe.pdf"
    args = ["report", str(PROFILES / "kiosko-24h.yaml"), "-f", "pdf", "-o", str(target)]
    result = runner.invoke(app, [*args, "--lang", "en"])
    assert result.exit_code == 2
    assert "modelo-servicio[pdf]" in result.stderr
    assert not target.exists()


def test_pdf_to_the_terminal_is_refused(runner: CliRunner) -> None:
    result = runner.invoke(app, ["report", str(PROFILES / "kiosko-24h.yaml"), "-f", "pdf"])
    assert result.exit_code == 2
    assert "-o" in result.stderr


def test_consultant_audience_from_the_command(runner: CliRunner) -> None:
    base = ["report", str(PROFILES / "kiosko-24h.yaml"), "--date", DATE, "--lang", "en"]
    client = runner.invoke(app, base)
    consultant = runner.invoke(app, [*base, "--audience", "consultant"])
    assert client.exit_code == consultant.exit_code == 0
    assert "Rules applied" not in client.stdout
    assert "Rules applied" in consultant.stdout


def test_batch_writes_html_reports(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ["batch", str(PROFILES / "kiosko-24h.yaml"), "-o", str(out), "-f", "html"]
    result = runner.invoke(app, [*args, "--date", DATE])
    assert result.exit_code == 0, result.output
    pages = sorted(p for p in out.glob("*.html") if p.name != "index.html")  # + the index
    assert len(pages) == 1
    strict_parse(pages[0].read_text(encoding="utf-8"))


# --- The brand file ---------------------------------------------------------------------

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99"
    b"=\x1d\x00\x00\x00\x00IEND\xaeB`\x82"
)


def _brand(tmp_path: Path, text: str) -> Path:
    (tmp_path / "logo.png").write_bytes(PNG)
    path = tmp_path / "marca.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_brand_in_html_and_markdown(runner: CliRunner, tmp_path: Path) -> None:
    brand = _brand(
        tmp_path,
        "name: Consultores Norte\nlogo: logo.png\naccent: '#7a1f5c'\n"
        "contact: hola@norte.example · 600 000 000\nconfidentiality: Confidencial\n",
    )
    base = ["report", str(PROFILES / "kiosko-24h.yaml"), "--brand", str(brand), "--date", DATE]
    page = runner.invoke(app, [*base, "-f", "html"])
    assert page.exit_code == 0, page.output
    assert 'src="data:image/png;base64,' in page.stdout
    assert "--accent: #7a1f5c" in page.stdout and "Consultores Norte" in page.stdout
    assert "Confidencial" in page.stdout
    markdown = runner.invoke(app, base)
    assert markdown.exit_code == 0
    lines = markdown.stdout.splitlines()
    assert "Consultores Norte · hola\\@norte.example · 600 000 000" in lines
    assert lines[-3:] == ["---", "", "Confidencial"]
    assert markdown.stdout.startswith("# ")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("name: X\naccnt: '#112233'\n", ["marca.yaml:2", "accnt", "accent"]),
        ("name: X\naccent: red\n", ["marca.yaml:2", "accent"]),
        ("logo: missing.png\n", ["marca.yaml:1", "logo", "missing.png"]),
        ("logo: marca.yaml\n", ["marca.yaml:1", "PNG"]),
    ],
)
def test_bad_brand_files_are_located(
    runner: CliRunner, tmp_path: Path, text: str, expected: list[str]
) -> None:
    brand = _brand(tmp_path, text)
    args = ["report", str(PROFILES / "kiosko-24h.yaml"), "--brand", str(brand), "--lang", "en"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    for piece in expected:
        assert piece in result.stderr, result.stderr


def test_a_logo_too_large_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    from modelo_servicio.domain.brand import MAX_LOGO_BYTES

    brand = _brand(tmp_path, "logo: big.png\n")
    (tmp_path / "big.png").write_bytes(PNG + b"\0" * MAX_LOGO_BYTES)
    args = ["report", str(PROFILES / "kiosko-24h.yaml"), "--brand", str(brand), "--lang", "en"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "KiB" in result.stderr
