"""The recommendation report as one self-contained HTML page (and, through WeasyPrint, PDF).

The same sentences as the markdown report (``locale/report.yaml``, the shared summary and
audit helpers), laid out by a Jinja2 template with autoescaping on: every string handed to the
template is plain text, escaped there; only the SVG charts (escaped in ``render.svg``) and the
few messages with bold in them (escaped here first) are marked safe.
"""

from __future__ import annotations

from collections.abc import Hashable
from functools import cache

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from modelo_servicio.domain.brand import NEUTRAL, Brand
from modelo_servicio.domain.i18n import Lang
from modelo_servicio.domain.profile import Profile
from modelo_servicio.domain.result import Result
from modelo_servicio.knowledge.loader import KnowledgeBase
from modelo_servicio.render import report_parts, report_rows, svg
from modelo_servicio.render.answers import Question, questions
from modelo_servicio.render.audit import audit
from modelo_servicio.render.html_model import Section, Table, rich, table
from modelo_servicio.render.html_plan import plan_sections
from modelo_servicio.render.md_advice import hybrid_rule
from modelo_servicio.render.md_appendix import answer_paths
from modelo_servicio.render.md_context import Ctx
from modelo_servicio.render.md_sections import summary_parts


def css_string(value: str) -> Markup:
    """``value`` safe inside a CSS string in a ``<style>`` element (where HTML escapes do not
    apply): every character but letters, digits and spaces as a CSS hex escape."""
    out = [ch if ch.isalnum() or ch == " " else f"\\{ord(ch):x} " for ch in value]
    return Markup("".join(out))


@cache
def _environment() -> Environment:
    """Built once per process: the environment holds only the packaged templates."""
    env = Environment(
        loader=PackageLoader("modelo_servicio", "render/templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["css_string"] = css_string
    return env


class HtmlFormat:
    """The report page. Like every format, ``format(result)`` reads no file and no clock:
    date, knowledge base, profile, audience and brand come in at construction
    (``format(result, profile)`` names another profile for one call, as in a batch)."""

    def __init__(
        self,
        date: str,
        kb: KnowledgeBase,
        asked: dict[str, Question] | None = None,
        profile: Profile | None = None,
        audience: str = "client",
        brand: Brand | None = None,
    ) -> None:
        self.date = date
        self.kb = kb
        self.profile = profile
        self.audience = audience
        self.brand = brand or NEUTRAL
        self._asked = questions(kb) if asked is None else asked

    def format(self, result: Result, profile: Profile | None = None) -> str:
        lang: Lang = "en" if result.language == "en" else "es"
        answers = self.profile if profile is None else profile
        memo: dict[Hashable, str] = {}
        c = Ctx(result, answers, self.kb, lang, self.date, self._asked, memo, self.audience)
        # the markdown report's order (``MarkdownFormat.format``): the same story in both
        sections = [
            _summary(c),
            _ranking(c, self.brand.accent),
            _why(c),
            _hybrid(c),
            *advice_sections(c),
            *plan_sections(c, self.brand.accent),
            _robustness(c),
            _appendix(c),
        ]
        trail = audit(c) if c.consultant else None
        template = _environment().get_template("report.html.j2")
        meta = [c.t("report.meta.date", date=c.date)]
        if answers is not None and answers.company.sector.strip():
            meta.append(c.t("report.meta.sector", sector=answers.company.sector))
        return template.render(
            lang=lang,
            title=c.t("report.title", company=result.company),
            meta=" · ".join(meta),
            brand=self.brand,
            sections=[s for s in sections if s is not None],
            audit=trail,
            t=c.t,
            headers=c.headers,
        )


def _summary(c: Ctx) -> Section:
    parts = summary_parts(c, str)
    return Section("summary", c.t("report.h.summary"), paras=[rich(" ".join(parts))])


def _ranking(c: Ctx, accent: str) -> Section:
    rows = report_rows.ranking(c)
    bars = [
        svg.Bar(model.name, model.score, row[2], muted=not model.feasible)
        for model, row in zip(c.result.ranking, rows.rows, strict=True)
    ]
    title = c.t("report.h.ranking")
    desc = c.t("report.chart.ranking_desc")
    chart = svg.bars("chart-ranking", title, desc, bars, 100, accent)
    return Section(
        "ranking",
        title,
        tables=[table(rows, strong_first_row=True)],
        chart=chart,
        chart_caption=desc,
    )


def _why(c: Ctx) -> Section:
    w = report_parts.why(c)
    favour = [_reason(c, r.points, r.text, r.rule) for r in w.favour] + w.strengths
    against = [_reason(c, r.points, r.text, r.rule) for r in w.against]
    against += [_said(c, lim.text, lim.rule) for lim in w.limits] + w.risks
    subs = [
        Section("for", c.t("report.h.for"), items=favour or [c.t("report.no_for")]),
        Section("against", c.t("report.h.against"), items=against or [c.t("report.no_against")]),
    ]
    if w.runner_up:
        subs.append(Section("runner-up", c.t("report.h.runner_up"), paras=[rich(w.runner_up)]))
    if w.ruled_out:
        items = [
            f"{r.name}: " + "; ".join(_said(c, lim.text, lim.rule) for lim in r.limits)
            for r in w.ruled_out
        ]
        subs.append(Section("ruled-out", c.t("report.h.ruled_out"), items=items))
    return Section("why", c.t("report.h.why"), subsections=subs)


def _reason(c: Ctx, points: int, said: str, rule: str) -> str:
    sign = "+" if points > 0 else "−"
    return f"{sign}{abs(points)} · {_said(c, said, rule)}"


def _said(c: Ctx, said: str, rule: str) -> str:
    return f"{said} ({rule})" if c.consultant else said


def _hybrid(c: Ctx) -> Section | None:
    if not c.result.recommendation.components:
        return None
    intro, rest = report_parts.hybrid_rest(c)
    return Section(
        "hybrid",
        c.t("report.h.hybrid"),
        paras=list(report_parts.hybrid_intro(c)),
        tables=[table(report_rows.hybrid(c))],
        after=[intro] if intro else [],
        items=rest,
    )


def advice_sections(c: Ctx) -> list[Section | None]:
    """The model per channel and per customer segment, then the ideal before cost and the
    path to it."""
    rows = report_rows.advice_channels(c)
    channels = None
    if rows.rows:
        channels = Section(
            "channels",
            c.t("advice.h.channels"),
            paras=[hybrid_rule(c)],
            tables=[table(rows)],
        )
    by_segment = report_rows.advice_segments(c)
    segments = None
    if by_segment.rows:
        segments = Section(
            "segments",
            c.t("advice.h.segments"),
            paras=[report_parts.segments_rule(c)],
            tables=[table(by_segment)],
        )
    found = report_parts.ideal(c)
    if found is None:
        return [channels, segments, None]
    ideal = Section(
        "ideal",
        c.t("advice.h.ideal"),
        paras=[rich(found.lead(c, f"**{_unbold(found.name)}**"))],
        items=[*found.components, *found.reasons],
    )
    if found.path:
        ideal.steps_intro = c.t("advice.path")
        ideal.steps = found.path
    if found.close_call:
        ideal.closing = [found.close_call]
    return [channels, segments, ideal]


def _unbold(value: str) -> str:
    """A name that cannot close the bold around it."""
    return value.replace("**", "")


def _robustness(c: Ctx) -> Section:
    rec = c.result.recommendation
    verdict = report_rows.robust_verdict(c)
    paras: list[Markup | str] = [
        c.t("report.robust.margin", margin=c.num(rec.margin), verdict=verdict)
    ]
    flips = c.result.sensitivity
    if not flips:
        paras.append(c.t("report.robust.no_flips"))
        return Section("robustness", c.t("report.h.robustness"), paras=paras)
    paras.append(c.t("report.robust.flips_intro"))
    rows = [report_rows.flip_row(c, flip) for flip in flips]
    return Section(
        "robustness",
        c.t("report.h.robustness"),
        paras=paras,
        tables=[Table(list(report_rows.flip_headers(c)), rows)],
    )


def _appendix(c: Ctx) -> Section | None:
    if c.profile is None:
        return None
    rows = []
    for path, value in answer_paths(c.profile):
        row = [c.question(path), c.answer(path, value)]
        rows.append([*row, path] if c.consultant else row)
    columns = ["report.col.question", "report.col.answer"]
    headers = list(c.headers(*columns, *(["report.col.field"] if c.consultant else [])))
    answers = Section("answers", c.t("report.h.answers"), tables=[Table(headers, rows)])
    subs = [answers]
    if c.profile.staff:
        # two tables: thirteen columns do not fit an A4 page or a phone
        team = report_rows.team(c)
        facts = Table(list(team.headers[:6]), [row[:6] for row in team.rows], (2,))
        levels = Table(
            [team.headers[0], *team.headers[6:]],
            [[row[0], *row[6:]] for row in team.rows],
            tuple(range(1, len(team.headers) - 5)),
        )
        subs.append(
            Section(
                "team",
                c.t("report.h.staff"),
                tables=[facts],
                after=[c.t("report.skills_scale")],
                closing_tables=[levels],
            )
        )
    else:
        subs.append(Section("team", c.t("report.h.staff"), paras=[c.t("report.no_staff")]))
    return Section("appendix", c.t("report.h.appendix"), subsections=subs, page_break=True)
