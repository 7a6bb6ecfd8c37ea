"""The report's tables as plain rows, built once for every format.

The markdown report escapes each cell (``md_escape.cell``) and the HTML report lets its
template escape them; both take the headers, the rows, the right-aligned columns and the cells
shown in bold from here, so a change to a table (a column, a wording, an order) is made once.
Cells are plain text in the report's language, never markup. Row functions that a batch calls
thousands of times (one channel, one training item, one phase) are separate so that the
markdown side can remember the rows it has escaped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from modelo_servicio.domain.i18n import Lang, t
from modelo_servicio.domain.numbers import amount, num
from modelo_servicio.domain.plan_model import (
    ChannelStaffing,
    Phase,
    Plan,
    StaffingPlan,
    TrainingItem,
)
from modelo_servicio.domain.result import Sensitivity
from modelo_servicio.render.md_context import Ctx
from modelo_servicio.render.md_escape import one_line


@dataclass(frozen=True)
class Rows:
    """A table: headers, rows of plain-text cells, the columns aligned right (numbers) and
    the (row, column) cells shown in bold."""

    headers: tuple[str, ...]
    rows: list[list[str]]
    right: tuple[int, ...] = ()
    strong: frozenset[tuple[int, int]] = field(default_factory=frozenset)


def clause(value: str) -> str:
    """A reason as a clause inside a sentence: one line, no final stop, and a lower-case
    first letter after the semicolon that joins it to the others (not for an acronym)."""
    line = one_line(value).rstrip(".;")
    if len(line) > 1 and line[0].isupper() and not line[1].isupper():
        line = line[0].lower() + line[1:]
    return line


def fte(c: Ctx, value: float) -> str:
    """Full-time equivalents: two decimals below one, else one."""
    return num(value, c.lang, 2 if 0 < abs(value) < 1 else 1)


def ranking(c: Ctx) -> Rows:
    yes, no = c.t("report.yes"), c.t("report.no")
    rows = []
    for index, model in enumerate(c.result.ranking, 1):
        notes = [model.limits[0].text] if model.limits else []
        if model.components:
            names = ", ".join(comp.name for comp in model.components)
            notes.append(c.t("report.note.components", names=names))
        rows.append(
            [
                str(index),
                model.name,
                c.num(model.score, 0),
                yes if model.feasible else no,
                "; ".join(notes) or "—",
            ]
        )
    headers = c.headers(
        "#", "report.col.model", "report.col.score", "report.col.feasible", "report.col.notes"
    )
    return Rows(headers, rows, (0, 2), frozenset({(0, 1)}) if rows else frozenset())


def hybrid(c: Ctx) -> Rows:
    rows = [
        [
            comp.name,
            ", ".join(c.channel_name(ch) for ch in comp.channels),
            ", ".join(c.label("report.segment", s) for s in comp.segments),
            c.num(comp.score, 0),
        ]
        for comp in c.result.recommendation.components
    ]
    headers = c.headers(
        "report.col.component", "report.col.channels", "report.col.segments", "report.col.score"
    )
    return Rows(headers, rows, (3,))


def _choice(
    c: Ctx, model: str | None, runner_up: str | None, runner_up_score: float | None
) -> tuple[str, str]:
    """A channel's or a segment's model, and the model it beat ("against X (score)")."""
    against = "—"
    if runner_up is not None and runner_up_score is not None:
        against = c.t(
            "advice.channel_runner_up",
            model=c.model_name(runner_up),
            score=c.num(runner_up_score, 0),
        )
    return (c.model_name(model) if model else c.t("advice.channel_none")), against


def advice_channels(c: Ctx) -> Rows:
    """One row per channel with contacts: its model (bold when it is a component of the
    recommendation), its share, the model it beat and why."""
    rows, strong = [], set()
    for index, row in enumerate(c.result.recommendation.channels):
        model, against = _choice(c, row.model, row.runner_up, row.runner_up_score)
        if row.component:
            strong.add((index, 2))
        rows.append(
            [
                c.channel_name(row.channel),
                c.percent(row.share),
                model,
                against,
                capital("; ".join(clause(reason) for reason in row.reasons[:2])),
            ]
        )
    headers = c.headers(
        "report.col.channel",
        "advice.col.share",
        "report.col.model",
        "advice.col.against",
        "advice.col.why",
    )
    return Rows(headers, rows, (1,), frozenset(strong))


def advice_segments(c: Ctx) -> Rows:
    """One row per customer segment the profile describes: its share, the channels its
    customers use, its model (bold when the recommendation serves it apart), the model it
    beat and why, on the segment's own answers."""
    rows, strong = [], set()
    for index, row in enumerate(c.result.recommendation.segments):
        model, against = _choice(c, row.model, row.runner_up, row.runner_up_score)
        if row.apart:
            strong.add((index, 3))
        segment = capital(c.label("report.segment", row.segment))
        if not row.described:
            segment = c.t("advice.segment_general", segment=segment)
        rows.append(
            [
                segment,
                c.percent(row.share),
                ", ".join(c.channel_name(ch) for ch in row.channels) or "—",
                model,
                against,
                capital("; ".join(clause(reason) for reason in row.reasons[:2])),
            ]
        )
    headers = c.headers(
        "advice.col.segment",
        "advice.col.share",
        "report.col.channels",
        "report.col.model",
        "advice.col.against",
        "advice.col.why",
    )
    return Rows(headers, rows, (1,), frozenset(strong))


def capital(value: str) -> str:
    """A cell or item that starts a sentence starts with a capital ("el chat…")."""
    return value[:1].upper() + value[1:]


STAFFING_RIGHT = (1, 3, 4)


def staffing_headers(c: Ctx) -> tuple[str, ...]:
    return c.headers(
        "report.col.channel",
        "plan.col.contacts",
        "report.col.method",
        "plan.col.agents",
        "report.col.fte",
    )


def channel_names(c: Ctx, p: Plan) -> dict[str, str]:
    """Channel id -> the name the plan gives it (else the catalogue's)."""
    return {row.channel: row.name or c.channel_name(row.channel) for row in p.staffing.channels}


def staffing_row(c: Ctx, item: ChannelStaffing, names: dict[str, str]) -> list[str]:
    """One channel: contacts a month, how it is sized, agents on duty and people to plan."""
    method = c.t(f"plan.method.{item.method}")
    if item.shared_with:
        method = c.t("plan.method.shared", host=names.get(item.shared_with, item.shared_with))
    return [
        names[item.channel],
        num(item.contacts_per_month, c.lang, 0),
        method,
        str(item.agents),
        fte(c, item.fte),
    ]


def roles(c: Ctx, p: Plan) -> Rows:
    staffing = p.staffing
    names = channel_names(c, p)
    rows = [
        [
            role.name or role.role,
            ", ".join(names[ch] if ch in names else c.channel_name(ch) for ch in role.channels)
            or c.t(f"plan.sized.{role.sized_by}"),
            fte(c, role.required_fte),
            fte(c, role.current_fte),
            fte(c, role.gap_fte),
            str(role.hires),
        ]
        for role in staffing.roles
    ]
    headers = c.headers(
        "plan.col.role",
        "report.col.channels",
        "plan.col.needed",
        "plan.col.current",
        "plan.col.gap",
        "plan.col.hires",
    )
    return Rows(headers, rows, (2, 3, 4, 5))


def role_notes(c: Ctx, p: Plan) -> list[str]:
    """Why each role is sized as it is, with the source of the ratio when there is one."""
    return [
        f"{role.name or role.role}: {role.basis} {role.why}"
        + (f" ({c.t('plan.roles.source', source=role.source)})" if role.source else "")
        for role in p.staffing.roles
        if role.basis or role.why
    ]


def uncovered(c: Ctx, p: Plan) -> list[str]:
    """Work nobody on the team can take, and why."""
    unit = c.t("report.col.fte")
    return [
        c.t(
            "plan.uncovered_line",
            name=gap.name,
            fte=f" ({fte(c, gap.fte)} {unit})" if gap.fte else "",
            reason=gap.reason,
        )
        for gap in p.staffing.uncovered
    ]


def hires_line(c: Ctx, p: Plan) -> str:
    """The hires line (every format, ``hires_summary``)."""
    return hires_summary(p.staffing, c.lang)


def hires_summary(staffing: StaffingPlan, lang: Lang) -> str:
    """The hires line under the roles table (every format): the hires, what the model would
    need and the limit; with no team recorded, that the hires cannot be known, and the team
    the model needs."""
    if not staffing.team_known:
        total = sum(role.required_fte for role in staffing.roles)
        return t("plan.hires_unknown_line", lang, fte=num(total, lang))
    limit = "—" if staffing.hire_limit is None else str(staffing.hire_limit)
    needed = max(staffing.hires_needed, staffing.hires)
    return t("plan.hires_line", lang, hires=staffing.hires, needed=needed, limit=limit)


def people(c: Ctx, p: Plan) -> Rows:
    roles_named = {r.role: r.name for r in p.staffing.roles}
    names = {row.channel: row.name for row in p.staffing.channels}

    def channels(ids: list[str]) -> str:
        return ", ".join(names.get(ch) or c.channel_name(ch) for ch in ids)

    rows = []
    for item in p.assignments:
        role = item.role_name or item.role
        if item.duties:
            extra = ", ".join(roles_named.get(d, d) for d in item.duties)
            role += " " + c.t("plan.duties", duties=extra)
        rows.append(
            [
                item.staff,
                fte(c, item.fte),
                role,
                channels(item.channels_now),
                channels(item.channels),
                c.t(f"plan.status.{item.status}"),
            ]
        )
    headers = c.headers(
        "plan.col.person",
        "report.col.fte",
        "plan.col.role",
        "report.col.channels_now",
        "report.col.channels_plan",
        "plan.col.status",
    )
    return Rows(headers, rows, (1,))


TRAINING_RIGHT = (3, 4, 7)


def training_headers(c: Ctx) -> tuple[str, ...]:
    return c.headers(
        "plan.col.person",
        "plan.col.role",
        "plan.col.skill",
        "report.col.current",
        "report.col.required",
        "report.col.action",
        "report.col.module",
        "report.col.hours",
    )


def training_row(c: Ctx, item: TrainingItem) -> list[str]:
    return [
        item.staff if item.staff is not None else c.t("plan.new_hire"),
        item.role_name or item.role or "—",
        item.skill_name or c.skill_name(item.skill),
        "—" if item.current is None else str(item.current),
        str(item.required),
        c.t(f"plan.action.{item.action}"),
        item.module,
        str(item.hours),
    ]


PHASES_RIGHT = (0, 6)


def phase_headers(c: Ctx) -> tuple[str, ...]:
    return c.headers(
        "#",
        "report.col.phase",
        "report.col.weeks",
        "plan.col.owner",
        "report.col.tasks",
        "plan.col.milestone",
        "plan.col.phase_cost",
    )


def phase_currency(p: Plan) -> str:
    return p.costs.currency if p.costs is not None else "EUR"


def phase_row(c: Ctx, index: int, phase: Phase, currency: str) -> list[str]:
    """One phase: its weeks (and dates), owner, tasks and deliverables, milestone, cost."""
    if phase.end_week != phase.start_week:
        span = c.t("report.weeks", start=phase.start_week, end=phase.end_week)
    else:
        span = str(phase.start_week)
    if phase.start_date and phase.end_date:
        span += f" ({phase.start_date} → {phase.end_date})"
    tasks = "; ".join(phase.tasks)
    if phase.deliverables:
        # the tasks end as a sentence before the deliverables start another
        done = tasks if tasks.endswith((".", "!", "?")) or not tasks else tasks + "."
        tasks = f"{done} {c.t('plan.deliverables', items='; '.join(phase.deliverables))}".strip()
    return [
        str(index),
        phase.name,
        span,
        phase.owner or "—",
        tasks,
        phase.milestone or "—",
        amount(phase.cost, c.lang, currency),  # 0 €: nothing beyond the team's time
    ]


def timeline_line(c: Ctx, p: Plan) -> str:
    if p.timeline is None:
        return ""
    key = "plan.timeline_fits" if p.timeline.fits else "plan.timeline_over"
    return c.t(key, needed=p.timeline.weeks_needed, weeks=p.timeline.weeks_available)


def kpis(c: Ctx, p: Plan) -> Rows:
    rows = [[k.name, k.target] for k in p.kpis]
    return Rows(c.headers("report.col.kpi", "report.col.target"), rows)


def flip_headers(c: Ctx) -> tuple[str, ...]:
    return c.headers("report.col.answer", "report.col.now", "report.col.if", "report.col.would_be")


def flip_row(c: Ctx, flip: Sensitivity) -> list[str]:
    """One answer that would change the recommendation: the question (with its field path in
    the consultant's version), the answer now, the other answer, and the model it leads to.
    The markdown report shows the path as code (``md_sections._flip_question``)."""
    if flip.field in c.asked:
        question = c.question(flip.field)
        if c.consultant:
            question += f" ({flip.field})"
    else:
        question = flip.field if c.consultant else c.question(flip.field)
    return [
        question,
        c.answer(flip.field, flip.current),
        c.answer(flip.field, flip.value),
        c.model_name(flip.model),
    ]


def robust_verdict(c: Ctx) -> str:
    """The robustness section's verdict, from the same data as the summary's sentence
    (``md_sections.robust_sentence``): solid when no single answer changes the
    recommendation and the lead is wide. (``robust`` in the result is also false when the
    ideal does not fit the constraints, which the report says elsewhere.)"""
    wide = c.result.recommendation.margin >= c.kb.settings.robust_margin
    solid = wide and not c.result.sensitivity
    return c.t("report.robust.yes" if solid else "report.robust.no")


def service_level(rows: list[tuple[str, str, str]], c: Ctx) -> Rows:
    """Now and goal (``md_phases.service_level_parts``), the level's name in bold."""
    headers = c.headers("report.col.when", "report.col.level", "report.col.meaning")
    strong = frozenset((index, 1) for index in range(len(rows)))
    return Rows(headers, [list(row) for row in rows], (), strong)


def team(c: Ctx) -> Rows:
    """The team of the profile: hours, channels, languages and each skill's level."""
    staff = c.profile.staff if c.profile is not None else []
    skills = tuple(c.kb.skills)  # the knowledge base's skills, in its order
    rows = [
        [
            person.name,
            person.role,
            c.num(person.hours_per_week),
            ", ".join(c.channel_name(ch) for ch in person.channels),
            ", ".join(person.languages),
            c.t("report.yes") if person.open_to_training else c.t("report.no"),
            *(str(person.skills.level(skill)) for skill in skills),
        ]
        for person in staff
    ]
    headers = (
        *c.headers(
            "report.col.person",
            "report.col.role",
            "report.col.hours_week",
            "report.col.channels",
            "report.col.languages",
            "report.col.open_to_training",
        ),
        *(c.skill_name(skill) for skill in skills),
    )
    return Rows(headers, rows, (2, *range(6, 6 + len(skills))))
