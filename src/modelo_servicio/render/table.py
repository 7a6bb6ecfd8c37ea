"""Terminal output with rich: ranking with score bars, the recommendation and its reasons,
and the plan. Rendered into a string so it can be tested and written like any format."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from modelo_servicio.domain.i18n import Lang, t
from modelo_servicio.domain.result import (
    ChannelModel,
    ComponentOut,
    Ranked,
    Result,
    SegmentModel,
)
from modelo_servicio.engine.conditions import show_value
from modelo_servicio.render.answers import number

if TYPE_CHECKING:
    from modelo_servicio.knowledge.loader import KnowledgeBase
    from modelo_servicio.render.answers import Answers, Question

BAR_WIDTH = 20
MAX_FLIPS = 8
"""Changes listed on the terminal; the report lists them all."""


def bar(score: float, width: int = BAR_WIDTH) -> str:
    filled = round(score / 100 * width)
    return "█" * filled + "░" * (width - filled)


def values_text(values: dict[str, Any]) -> str:
    return "; ".join(f"{k} = {show_value(v)}" for k, v in values.items())


class TableFormat:
    """Ranking, recommendation and plan for the terminal. With the knowledge base, answers
    and channels read as the report names them; without it, as their ids."""

    def __init__(
        self,
        width: int = 100,
        color: bool = False,
        kb: KnowledgeBase | None = None,
        asked: dict[str, Question] | None = None,
    ) -> None:
        self.width = width
        self.color = color
        self.kb = kb
        self.asked = asked

    def format(self, result: Result) -> str:
        buffer = io.StringIO()
        console = Console(
            file=buffer,
            width=self.width,
            force_terminal=self.color,
            color_system="standard" if self.color else None,
            highlight=False,
            emoji=False,
        )
        for block in self.blocks(result):
            console.print(block)
        return buffer.getvalue()

    def blocks(self, result: Result) -> list[RenderableType]:
        lang: Lang = "en" if result.language == "en" else "es"
        out: list[RenderableType] = [
            self._ranking(result, lang),
            self._recommendation(result, lang),
        ]
        out.extend(self._plan(result, lang))
        return out

    def _ranking(self, result: Result, lang: Lang) -> Table:
        title = Text(t("score.title", lang, company=result.company), style="bold")
        table = Table(title=title, title_justify="left")
        table.add_column("#", justify="right")
        table.add_column(t("score.col.model", lang))
        table.add_column(t("score.col.score", lang), justify="right")
        table.add_column("", no_wrap=True)
        table.add_column(t("score.col.notes", lang))
        for index, row in enumerate(result.ranking, 1):
            note = "" if row.feasible else t("score.not_feasible", lang) + ": " + row.limits[0].text
            style = "bold" if index == 1 else ("dim" if not row.feasible else "")
            table.add_row(
                str(index),
                Text(row.name),
                f"{row.score:.0f}",
                bar(row.score),
                Text(note),
                style=style,
            )
        return table

    def _recommendation(self, result: Result, lang: Lang) -> Panel:
        rec = result.recommendation
        best = result.ranked(rec.model)
        lines: list[RenderableType] = [
            Text(
                t("score.recommended", lang, model=best.name, score=f"{best.score:.0f}"),
                style="bold",
            ),
            Text(
                t("score.margin", lang, margin=number(rec.margin, lang))
                + " · "
                + t("score.robust" if rec.robust else "score.fragile", lang)
            ),
        ]
        names = self._names(lang)
        lines.extend(self._advice(result, lang, names))
        if rec.components:
            lines.append(Text(t("score.components", lang), style="bold"))
            for comp in rec.components:
                lines.append(_bullet(_component_line(comp, lang, names)))
        lines.append(Text(t("score.reasons", lang), style="bold"))
        lines.extend(_reason_lines(best))
        if result.sensitivity:
            lines.append(Text(t("score.sensitivity", lang), style="bold"))
            for flip in result.sensitivity[:MAX_FLIPS]:
                model = result.ranked(flip.model).name
                if names is None:
                    change = f"{flip.field} = {show_value(flip.value)}"
                else:
                    before = names.answer(flip.field, flip.current)
                    after = names.answer(flip.field, flip.value)
                    change = f"{names.question(flip.field)}: {before} → {after}"
                lines.append(_bullet(f"{change} ⇒ {model}"))
            more = len(result.sensitivity) - MAX_FLIPS
            if more > 0:
                lines.append(Text("  " + t("score.more_flips", lang, count=more), style="dim"))
        return Panel(Group(*lines), title=t("score.recommendation", lang), expand=True)

    def _advice(self, result: Result, lang: Lang, names: Answers | None) -> list[RenderableType]:
        """The ideal before cost, the path to it, a close call, and the model per channel."""
        rec = result.recommendation
        out: list[RenderableType] = []
        ideal = rec.ideal
        if ideal is not None:
            key = "advice.ideal_fits" if ideal.fits else "advice.ideal_unfit"
            if not ideal.fits and ideal.model == rec.model:
                key = "advice.ideal_unfit_same"
            verdict = t(key, lang)
            out.append(Text(t("advice.ideal", lang, model=ideal.name) + " · " + verdict))
            for comp in ideal.components:
                out.append(_bullet(_component_line(comp, lang, names)))
            for reason in ideal.reasons:
                out.append(_bullet(reason))
        if rec.path:
            out.append(Text(t("advice.path", lang), style="bold"))
            for index, step in enumerate(rec.path, 1):
                out.append(Text(f"  {index}. {step}"))
        if rec.close_call:
            margin = number(self._close(), lang, 0)
            out.append(Text(t("advice.close_call", lang, margin=margin)))
        if rec.channels:
            out.append(Text(t("advice.channels", lang), style="bold"))
            for row in rec.channels:
                channel = names.channel(row.channel) if names else row.channel
                out.append(_bullet(_choice_line(result, lang, names, channel, row)))
        if rec.segments:
            out.append(Text(t("advice.segments", lang), style="bold"))
            for seg in rec.segments:
                label = t(f"report.segment.{seg.segment}", lang)
                label = label[:1].upper() + label[1:]
                out.append(_bullet(_choice_line(result, lang, names, label, seg)))
        return out

    def _close(self) -> float:
        return self.kb.settings.close_call_margin if self.kb is not None else 5.0

    def _names(self, lang: Lang) -> Answers | None:
        if self.kb is None:
            return None
        from modelo_servicio.render.answers import Answers

        return Answers(self.kb, lang, self.asked)

    def _plan(self, result: Result, lang: Lang) -> list[RenderableType]:
        from modelo_servicio.render.plan_tables import plan_blocks

        return plan_blocks(result.plan, lang)


def _choice_line(
    result: Result, lang: Lang, names: Answers | None, label: str, row: ChannelModel | SegmentModel
) -> str:
    """``Label (share): model — against X (score)`` for a channel's or a segment's model."""
    share = names.percent(row.share) if names else f"{row.share:.0%}"
    model = row.name or t("advice.channel_none", lang)
    line = t("advice.channel_line", lang, channel=label, share=share, model=model)
    if row.runner_up and row.runner_up_score is not None:
        other = result.ranked(row.runner_up).name
        score = number(row.runner_up_score, lang, 0)
        line += " — " + t("advice.channel_runner_up", lang, model=other, score=score)
    return line


def _component_line(comp: ComponentOut, lang: Lang, names: Answers | None) -> str:
    """``Model (segments): channels``; the segments only when they are served apart."""
    channels = [names.channel(ch) if names else ch for ch in comp.channels]
    segments = [t(f"report.segment.{s}", lang) for s in comp.segments if comp.by_segment]
    who = f" ({', '.join(segments)})" if segments else ""
    return f"{comp.name}{who}: {', '.join(channels)}"


def _bullet(line: str) -> Table:
    """``  • line``, wrapped lines indented under the text rather than under the bullet."""
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(justify="right", width=3, no_wrap=True)
    grid.add_column()
    grid.add_row("•", Text(line))
    return grid


def _reason_lines(row: Ranked, limit: int = 6) -> list[RenderableType]:
    out: list[RenderableType] = []
    for reason in row.reasons[:limit]:
        sign = "+" if reason.points > 0 else ""
        out.append(Text(f"  {sign}{reason.points:>3}  {reason.text}"))
    return out
