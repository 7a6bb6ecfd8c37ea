"""The markdown report: golden files in both languages, structure, dates, determinism.

Regenerate the golden files after a deliberate change of rules, plan or wording with
``UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_report_markdown.py`` and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from modelo_servicio.app.service import report_markdown as render_report
from modelo_servicio.domain.errors import UsageError
from modelo_servicio.domain.i18n import Lang
from modelo_servicio.domain.profile import HandleMinutes, Profile
from modelo_servicio.domain.profile_io import load_profile
from modelo_servicio.knowledge import KnowledgeBase
from modelo_servicio.render.markdown import MarkdownFormat, report_date

from .conftest import PROFILES, packaged_advisor
from .test_report_helpers import DATE, FIXTURES, GOLDEN, html, parse, structure_problems

CASES = [(name, lang) for name in ("hybrid", "boutique") for lang in ("es", "en")]


def _profile(name: str, lang: Lang = "es") -> Profile:
    return load_profile(FIXTURES / f"{name}.yaml", catalogue=packaged_advisor().catalogue)


def _report(name: str, lang: Lang) -> str:
    return render_report(_profile(name, lang), lang, date=DATE)


@pytest.mark.parametrize(("name", "lang"), CASES)
def test_golden(name: str, lang: Lang) -> None:
    text = _report(name, lang)
    golden = GOLDEN / f"report-{name}-{lang}.md"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    expected = golden.read_text(encoding="utf-8")
    assert text == expected, f"{golden.name} differs; UPDATE_GOLDEN=1 regenerates it"


@pytest.mark.parametrize(("name", "lang"), CASES)
def test_structure_is_valid_gfm(name: str, lang: Lang) -> None:
    assert structure_problems(_report(name, lang)) == []


def test_every_section_is_there_in_both_languages() -> None:
    expected = {
        "es": [
            "Resumen ejecutivo",
            "Clasificación de los ocho modelos",
            "Por qué este modelo",
            "Razones decisivas",
            "Lo que pesa en contra",
            "Cómo se reparte el modelo híbrido",
            "Plan de implantación",
            "Nivel de servicio actual y meta",
            "Qué cambiaría esta recomendación",
            "Anexo",
            "Respuestas del perfil",
            "Equipo actual",
        ],
        "en": [
            "Executive summary",
            "Ranking of the eight models",
            "Why this model",
            "Decisive reasons",
            "What weighs against it",
            "How the hybrid model is split",
            "Implementation plan",
            "Service level now and goal",
            "What would change this recommendation",
            "Appendix",
            "Profile answers",
            "Current team",
        ],
    }
    for lang, headings in expected.items():
        tokens = parse(_report("hybrid", lang))  # type: ignore[arg-type]
        found = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
        missing = [h for h in headings if h not in found]
        assert missing == [], (lang, found)


def test_hostile_names_neither_break_tables_nor_inject_html() -> None:
    profile = _profile("hybrid")
    text = _report("hybrid", "es")
    rendered = html(text)
    assert "<b>" not in rendered and "<i>" not in rendered
    assert "<em>" not in rendered and "<a " not in rendered and "<code>sh</code>" not in rendered
    tokens = parse(text)
    assert tokens[0].type == "heading_open"
    title = tokens[1].children or []
    assert {child.type for child in title} == {"text"}
    assert "".join(child.content for child in title).startswith(profile.company.name)
    assert "# no es un título" in rendered  # the newline in the sector did not open a heading


def test_chart_and_gantt_blocks() -> None:
    tokens = parse(_report("hybrid", "en"))
    fences = [t for t in tokens if t.type == "fence"]
    chart = next(f for f in fences if f.info == "text")
    assert len(chart.content.strip().splitlines()) == 8
    assert "█" in chart.content
    gantts = [f for f in fences if f.info == "mermaid"]
    if gantts:
        body = gantts[0].content
        assert body.startswith("gantt\n")
        assert f", {DATE}, " in body  # week 1 starts on the report date


def test_format_without_profile_still_renders(kb: KnowledgeBase) -> None:
    from modelo_servicio.app.advisor import advise

    result = advise(_profile("boutique"), kb, "en")
    text = MarkdownFormat(date=DATE, kb=kb).format(result)
    assert structure_problems(text) == []
    assert "## Executive summary" in text
    assert "## Service level now and goal" not in text
    assert "### Profile answers" not in text
    assert "## Appendix" not in text  # nothing of the client's to show without the profile
    audited = MarkdownFormat(date=DATE, kb=kb, audience="consultant").format(result)
    assert structure_problems(audited) == []
    assert "### Versions" in audited and "### Rules applied" in audited


@pytest.mark.parametrize(("name", "lang"), CASES)
def test_consultant_golden(name: str, lang: Lang, kb: KnowledgeBase) -> None:
    """The consultant's version: the client's report plus field paths, rule ids and the
    audit trail (rules with file:line, defaults, versions, the checklist)."""
    from modelo_servicio.app.advisor import advise

    profile = _profile(name, lang)
    renderer = MarkdownFormat(date=DATE, kb=kb, audience="consultant")
    text = renderer.format(advise(profile, kb, lang), profile)
    golden = GOLDEN / f"report-{name}-{lang}-consultant.md"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8"), f"{golden.name} differs"
    assert structure_problems(text) == []


def test_same_input_same_bytes() -> None:
    assert _report("hybrid", "es") == _report("hybrid", "es")


@pytest.mark.parametrize("memo_size", [None, 64])
def test_a_renderer_reused_gives_what_a_fresh_one_gives(
    memo_size: int | None, kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A renderer remembers rows and texts from report to report (a batch uses one): over
    profiles and languages, with answers that are equal keys yet print differently, and with
    its memory emptied again and again, each report is still exactly a fresh renderer's."""
    from modelo_servicio.app.advisor import advise
    from modelo_servicio.render import md_context

    if memo_size is not None:
        monkeypatch.setattr(md_context, "MEMO_SIZE", memo_size)
    limit = md_context.MEMO_SIZE
    shared = MarkdownFormat(date=DATE, kb=kb)
    for name in ("hybrid", "boutique"):
        for lang in ("es", "en"):
            for value in (0.0, -0.0, 1, 1.0, True, "1", ["1", "a"]):
                profile = _profile(name, lang).model_copy(update={"extra": {"x": value}})
                result = advise(profile, kb, lang)
                report = shared.format(result, profile)
                assert report == MarkdownFormat(date=DATE, kb=kb).format(result, profile)
                assert all(len(memo) <= limit for memo in shared._memos.values())
                if value == 0:
                    assert ("| X | -0 |" in report) == (str(value) == "-0.0")


def test_report_date_sources() -> None:
    assert report_date("2024-02-29", env={}) == "2024-02-29"
    assert report_date(None, env={"SOURCE_DATE_EPOCH": "0"}) == "1970-01-01"
    assert report_date(None, env={"SOURCE_DATE_EPOCH": "1700000000"}) == "2023-11-14"
    assert report_date("2024-01-02", env={"SOURCE_DATE_EPOCH": "0"}) == "2024-01-02"
    assert len(report_date(None, env={})) == 10
    for bad in ("2024-02-30", "24-1-2", "mañana", "2024-1-02"):
        with pytest.raises(UsageError, match="--date"):
            report_date(bad, env={})
    with pytest.raises(UsageError, match="SOURCE_DATE_EPOCH"):
        report_date(None, env={"SOURCE_DATE_EPOCH": "yesterday"})


def test_source_date_epoch_reaches_the_report(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    text = render_report(_profile("boutique"), "en")
    assert "Report date: 1970-01-02" in text


def test_golden_files_exist() -> None:
    names = sorted(p.name for p in Path(GOLDEN).glob("report-*.md"))
    expected = [f"report-{n}-{lang}{who}.md" for n, lang in CASES for who in ("", "-consultant")]
    assert names == sorted(expected)


@pytest.mark.parametrize("lang", ["es", "en"])
def test_every_example_profile_gives_a_valid_report(lang: Lang) -> None:
    examples = sorted((Path(__file__).resolve().parent.parent / "profiles").glob("*.yaml"))
    for path in examples:
        text = render_report(load_profile(path), lang, date=DATE)
        assert structure_problems(text) == [], path.name


def test_report_messages_exist_in_both_languages_for_every_yaml_parser() -> None:
    import yaml

    locale = Path(__file__).resolve().parent.parent / "src" / "modelo_servicio" / "locale"
    for name in ("report.yaml", "batch.yaml"):
        text = (locale / name).read_text(encoding="utf-8")
        for loader in (yaml.SafeLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            data = yaml.load(text, Loader=loader)
            for key, value in data.items():
                assert set(value) == {"es", "en"}, (name, key)
                assert all(isinstance(v, str) and v for v in value.values()), (name, key)


def test_score_markdown_is_the_full_report() -> None:
    from typer.testing import CliRunner

    from modelo_servicio.cli.app import app

    path = str(PROFILES / "joyeria-alba.yaml")
    runner = CliRunner()
    scored = runner.invoke(app, ["score", path, "-f", "markdown", "--date", DATE, "--lang", "en"])
    reported = runner.invoke(app, ["report", path, "--date", DATE, "--lang", "en"])
    assert scored.exit_code == reported.exit_code == 0
    assert "### Profile answers" in scored.stdout
    assert scored.stdout == reported.stdout


@pytest.mark.parametrize(
    ("lang", "rows", "faq"),
    [
        (
            "es",
            [
                "| Parte de los contactos del día en la hora punta | 12,5 % |",
                "| Contactos atendidos dentro de la espera máxima | 90 % |",
                "| Minutos por chat | 4,5 |",
            ],
            {0.2: "| Preguntas repetidas | 20 % |", 0.1: "| Preguntas repetidas | Pocas "},
        ),
        (
            "en",
            [
                "| Share of the day's contacts in the busiest hour | 12.5% |",
                "| Contacts answered within the longest wait | 90% |",
                "| Minutes per chat | 4.5 |",
            ],
            {0.2: "| Repetitive questions | 20% |", 0.1: "| Repetitive questions | Few "},
        ),
    ],
)
def test_answers_the_interview_does_not_ask_have_labels_and_shares_read_as_percentages(
    lang: Lang, rows: list[str], faq: dict[float, str], kb: KnowledgeBase
) -> None:
    """Every answer a profile may hold is named in words in the appendix, and a share (0 to 1)
    reads as a percentage unless it is one of the question's own choices."""
    from modelo_servicio.app.advisor import advise

    profile = _profile("hybrid", lang)
    demand = profile.demand.model_copy(
        update={
            "busy_hour_share": 0.125,
            "targets": profile.demand.targets.model_copy(update={"service_level": 0.9}),
            "handle_minutes": HandleMinutes({**profile.demand.handle_minutes.root, "chat": 4.5}),
        }
    )
    for share, row in faq.items():
        customers = profile.customers.model_copy(update={"faq_share": share})
        changed = profile.model_copy(update={"demand": demand, "customers": customers})
        report = MarkdownFormat(date=DATE, kb=kb).format(advise(changed, kb, lang), changed)
        assert [line for line in report.splitlines() if line.startswith("| demand.")] == []
        for wanted in [*rows, row]:
            assert wanted in report


def test_the_hybrid_section_says_who_serves_the_channels_of_no_component(
    kb: KnowledgeBase,
) -> None:
    from modelo_servicio.app.advisor import advise

    profile = _profile("hybrid", "en")
    result = advise(profile, kb, "en")
    # channels are grouped by model, so every channel may belong to a component: take the
    # last channel away from a component with several to leave one of no component
    rec = result.recommendation
    comps = list(rec.components)
    wide = next(i for i, comp in enumerate(comps) if len(comp.channels) >= 2)
    comps[wide] = comps[wide].model_copy(update={"channels": comps[wide].channels[:-1]})
    result = result.model_copy(
        update={"recommendation": rec.model_copy(update={"components": comps})}
    )
    owned = {ch for comp in comps for ch in comp.channels}
    rows = result.plan.staffing.channels
    orphan = next(row for row in rows if row.channel not in owned and row.contacts_per_month)
    changed = [row.model_copy(update={"model": None}) if row is orphan else row for row in rows]
    staffing = result.plan.staffing.model_copy(update={"channels": changed})
    plan = result.plan.model_copy(update={"staffing": staffing})
    report = MarkdownFormat(date=DATE, kb=kb).format(
        result.model_copy(update={"plan": plan}), profile
    )
    assert f"- {orphan.name} (" in report
    assert "of the contacts): no component; the plan uses the channel's usual role" in report
