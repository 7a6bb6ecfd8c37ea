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
from modelo_servicio.render import svg
from modelo_servicio.render.answers import Question, questions
from modelo_servicio.render.audit import audit
from modelo_servicio.render.html_model import Section, Table, rich
from modelo_servicio.render.html_plan import plan_sections
from modelo_servicio.render.md_appendix import answer_paths
from modelo_servicio.render.md_context import Ctx
from modelo_servicio.render.md_sections import TOP_REASONS, robust_sentence, summary_parts


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
        sections = [
            _summary(c),
            _ranking(c, self.brand.accent),
            _why(c),
            _hybrid(c),
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
    rows = []
    bars = []
    yes, no = c.t("report.yes"), c.t("report.no")
    for index, model in enumerate(c.result.ranking, 1):
        notes = [model.limits[0].text] if model.limits else []
        if model.components:
            names = ", ".join(comp.name for comp in model.components)
            notes.append(c.t("report.note.components", names=names))
        score = c.num(model.score, 0)
        rows.append(
            [str(index), model.name, score, yes if model.feasible else no, "; ".join(notes) or "—"]
        )
        bars.append(svg.Bar(model.name, model.score, score, muted=not model.feasible))
    headers = list(
        c.headers(
            "#", "report.col.model", "report.col.score", "report.col.feasible", "report.col.notes"
        )
    )
    title = c.t("report.h.ranking")
    chart = svg.bars("chart-ranking", title, c.t("report.chart_intro"), bars, 100, accent)
    return Section(
        "ranking",
        title,
        tables=[Table(headers, rows, right=(0, 2), strong_first_row=True)],
        chart=chart,
        chart_caption=c.t("report.chart_intro"),
    )


def _why(c: Ctx) -> Section:
    best = c.result.ranked(c.result.recommendation.model)
    spec = c.kb.models.get(best.model)
    favour = [_reason(c, r.points, r.text, r.rule) for r in best.reasons if r.points > 0]
    if spec is not None:
        favour += [c.t("report.strength", text=s(c.lang)) for s in spec.strengths]
    against = [_reason(c, r.points, r.text, r.rule) for r in best.reasons if r.points < 0]
    against += [_said(c, lim.text, lim.rule) for lim in best.limits]
    if spec is not None:
        against += [c.t("report.risk", text=risk(c.lang)) for risk in spec.risks]
    subs = [
        Section("for", c.t("report.h.for"), items=favour or [c.t("report.no_for")]),
        Section("against", c.t("report.h.against"), items=against or [c.t("report.no_against")]),
    ]
    runner = c.result.recommendation.runner_up
    if runner:
        second = c.result.ranked(runner)
        top = [r.text.rstrip(".;") for r in second.reasons if r.points > 0][:TOP_REASONS]
        said = (
            c.t("report.runner_up", model=second.name, reasons="; ".join(top))
            if top
            else c.t("report.runner_up_none", model=second.name)
        )
        subs.append(Section("runner-up", c.t("report.h.runner_up"), paras=[rich(said)]))
    out = [r for r in c.result.ranking if not r.feasible and r.model != best.model]
    if out:
        items = [
            f"{r.name}: " + "; ".join(_said(c, lim.text, lim.rule) for lim in r.limits) for r in out
        ]
        subs.append(Section("ruled-out", c.t("report.h.ruled_out"), items=items))
    return Section("why", c.t("report.h.why"), subsections=subs)


def _reason(c: Ctx, points: int, said: str, rule: str) -> str:
    sign = "+" if points > 0 else "−"
    return f"{sign}{abs(points)} · {_said(c, said, rule)}"


def _said(c: Ctx, said: str, rule: str) -> str:
    return f"{said} ({rule})" if c.consultant else said


def _hybrid(c: Ctx) -> Section | None:
    components = c.result.recommendation.components
    if not components:
        return None
    rows = [
        [
            comp.name,
            ", ".join(c.channel_name(ch) for ch in comp.channels),
            ", ".join(c.label("report.segment", s) for s in comp.segments),
            c.num(comp.score, 0),
        ]
        for comp in components
    ]
    headers = c.headers(
        "report.col.component", "report.col.channels", "report.col.segments", "report.col.score"
    )
    return Section(
        "hybrid",
        c.t("report.h.hybrid"),
        paras=[c.t("report.hybrid_intro")],
        tables=[Table(list(headers), rows, right=(3,))],
    )


def _robustness(c: Ctx) -> Section:
    rec = c.result.recommendation
    verdict = c.t("report.robust.yes" if rec.robust else "report.robust.no")
    paras: list[Markup | str] = [
        c.t("report.robust.margin", margin=c.num(rec.margin), verdict=verdict),
        rich(robust_sentence(c)),
    ]
    flips = c.result.sensitivity
    if not flips:
        return Section("robustness", c.t("report.h.robustness"), paras=paras)
    rows = []
    for flip in flips:
        question = c.question(flip.field)
        if c.consultant:
            question += f" ({flip.field})"
        rows.append(
            [
                question,
                c.answer(flip.field, flip.current),
                c.answer(flip.field, flip.value),
                c.model_name(flip.model),
            ]
        )
    headers = c.headers(
        "report.col.answer", "report.col.now", "report.col.if", "report.col.would_be"
    )
    paras.append(c.t("report.robust.flips_intro"))
    return Section(
        "robustness",
        c.t("report.h.robustness"),
        paras=paras,
        tables=[Table(list(headers), rows)],
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
        skills = tuple(c.kb.skills)
        team = [
            [
                p.name,
                p.role,
                c.num(p.hours_per_week),
                ", ".join(c.channel_name(ch) for ch in p.channels),
                ", ".join(p.languages),
                c.t("report.yes") if p.open_to_training else c.t("report.no"),
                *(str(p.skills.level(skill)) for skill in skills),
            ]
            for p in c.profile.staff
        ]
        team_headers = [
            *c.headers(
                "report.col.person",
                "report.col.role",
                "report.col.hours_week",
                "report.col.channels",
                "report.col.languages",
                "report.col.open_to_training",
            ),
            *(c.skill_name(skill) for skill in skills),
        ]
        right = (2, *range(6, 6 + len(skills)))
        subs.append(
            Section(
                "team",
                c.t("report.h.staff"),
                paras=[c.t("report.skills_scale")],
                tables=[Table(team_headers, team, right=right)],
            )
        )
    return Section("appendix", c.t("report.h.appendix"), subsections=subs, page_break=True)
