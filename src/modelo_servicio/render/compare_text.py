"""``compare`` outputs: a follow-up assessment as a terminal table, markdown, HTML or JSON.
Answers are named as the report names them (``render.answers``)."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from modelo_servicio.domain.i18n import t
from modelo_servicio.domain.numbers import listing
from modelo_servicio.render.sides import Document, Section, figure_rows, recommendation_rows

if TYPE_CHECKING:
    from modelo_servicio.domain.brand import Brand
    from modelo_servicio.domain.followup import Followup, Indicator
    from modelo_servicio.render.answers import Answers

SERVICE_LEVEL_NOW = "organization.service_level_now"
MOVEMENT = 1
"""The place of the scores-and-recommendation table in ``compare_document``."""


def compare_document(f: Followup, answers: Answers) -> Document:
    lang = answers.lang
    heads = [t(f"whatif.col.{key}", lang) for key in ("figure", "before", "after")]

    def shown(path: str, value: Any) -> str:
        return "—" if value is None else answers.answer(path, value)

    changed = [
        [answers.question(c.path), shown(c.path, c.before), shown(c.path, c.after)]
        for c in f.answers
    ]
    columns = [f.before, f.after]
    rows = figure_rows(columns, lang, first="recommendation")
    rows[1:1] = recommendation_rows(columns, lang)
    return Document(
        title=t("compare.title", lang, company=f.company),
        lines=[
            t("compare.dates", lang, before=_when(f, "before", lang), after=_when(f, "after", lang))
        ],
        sections=[
            Section(
                t("compare.answers", lang),
                [t("whatif.col.answer", lang), *heads[1:]],
                changed,
                empty=t("compare.no_answers", lang),
            ),
            Section(t("compare.movement", lang), heads, rows),
            Section(t("compare.progress", lang), items=_progress(f, answers)),
            Section(t("compare.kpis", lang), items=_indicators(f, answers)),
            Section(
                t("compare.open", lang),
                items=_open(f, answers),
                empty=t("compare.nothing_open", lang),
            ),
        ],
    )


def _when(f: Followup, side: str, lang: Any) -> str:
    date = getattr(f, f"{side}_date") or t("compare.undated", lang)
    label = getattr(f, f"{side}_label")
    return f"{date} ({label})" if label else date


def _progress(f: Followup, answers: Answers) -> list[str]:
    lang = answers.lang
    params = {"made": f.hires_made, "planned": f.hires_planned}
    if f.joined:
        items = [t("compare.hires_made", lang, names=listing(f.joined, lang), **params)]
    else:
        items = [t("compare.hires_none", lang, **params)]
    if f.left:
        items.append(t("compare.left", lang, names=listing(f.left, lang)))
    done = [item for item in f.training if item.done]
    items.append(t("compare.training", lang, done=len(done), planned=len(f.training)))
    items += [
        t(
            "compare.training_done",
            lang,
            person=item.person,
            skill=item.skill_name,
            before=item.before,
            now=item.now,
            required=item.required,
        )
        for item in done
    ]
    for key, channels in (("opened", f.opened), ("closed", f.closed)):
        if channels:
            names = listing([answers.channel(c) for c in channels], lang)
            items.append(t(f"compare.channels_{key}", lang, names=names))
    return items


def _indicators(f: Followup, answers: Answers) -> list[str]:
    lang = answers.lang
    out: list[str] = []
    for kpi in f.indicators:
        if kpi.met is None or kpi.now is None:
            out.append(t("compare.kpi_unmeasured", lang, name=kpi.name, target=kpi.target))
            continue
        key = "compare.kpi_met" if kpi.met else "compare.kpi_open"
        out.append(t(key, lang, name=kpi.name, now=_measure(kpi, answers), target=kpi.target))
    return out


def _measure(kpi: Indicator, answers: Answers) -> str:
    if isinstance(kpi.now, list):
        done, planned = kpi.now
        return t("compare.training_share", answers.lang, done=done, planned=planned)
    return answers.answer(SERVICE_LEVEL_NOW, kpi.now)


def _open(f: Followup, answers: Answers) -> list[str]:
    lang = answers.lang
    out: list[str] = []
    missing = f.hires_planned - f.hires_made
    if missing > 0:
        out.append(t("compare.open_hires", lang, count=missing, planned=f.hires_planned))
    for item in f.training:
        if not item.done and item.now is not None:
            out.append(
                t(
                    "compare.open_training",
                    lang,
                    person=item.person,
                    skill=item.skill_name,
                    now=item.now,
                    required=item.required,
                )
            )
    out += [
        t(
            "compare.kpi_open",
            lang,
            name=k.name,
            now=_measure(k, answers),
            target=k.target,
        )
        for k in f.indicators
        if k.met is False and k.id != "training-done"
    ]
    return out


def compare_json(f: Followup) -> str:
    data = {
        "company": f.company,
        "before": {"date": f.before_date, "label": f.before_label, **f.before.as_dict()},
        "after": {"date": f.after_date, "label": f.after_label, **f.after.as_dict()},
        "answers": [asdict(c) for c in f.answers],
        "progress": {
            "hires_planned": f.hires_planned,
            "hires_made": f.hires_made,
            "joined": f.joined,
            "left": f.left,
            "training": [{**asdict(item), "done": item.done} for item in f.training],
            "channels_opened": f.opened,
            "channels_closed": f.closed,
        },
        "kpis": [asdict(k) for k in f.indicators],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def compare_html(f: Followup, answers: Answers, brand: Brand | None = None) -> str:
    """The follow-up as one self-contained HTML page: the same document as the table and the
    markdown, plus a chart of the staff needed and on hand at each assessment."""
    from modelo_servicio.render import sides_html

    lang = answers.lang
    columns = [(t("whatif.col.before", lang), f.before), (t("whatif.col.after", lang), f.after)]
    chart = sides_html.staff_chart(columns, lang, brand)
    return sides_html.page(compare_document(f, answers), lang, brand, {MOVEMENT: chart})
