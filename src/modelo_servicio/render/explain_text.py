"""Plain-text rendering of an ``Explanation`` (readable at 80 columns, no I/O)."""

from __future__ import annotations

import textwrap

from modelo_servicio.domain.i18n import Lang, t
from modelo_servicio.domain.numbers import pct
from modelo_servicio.engine.conditions import show_value
from modelo_servicio.engine.explain import Explanation, ModelTrace, RuleTrace
from modelo_servicio.render.table import values_text


class ExplainText:
    def __init__(self, width: int = 80) -> None:
        self.width = width

    def format(self, explanation: Explanation) -> str:
        lang: Lang = "en" if explanation.language == "en" else "es"
        lines = [t("explain.title", lang, company=explanation.company), ""]
        if explanation.segment is not None:
            segment = t(f"report.segment.{explanation.segment}", lang)
            share = pct(explanation.segment_share or 0.0, lang)
            lines[1:1] = [t("explain.segment_title", lang, segment=segment, share=share)]
        for trace in explanation.models:
            lines.extend(self._model(trace, lang))
            lines.append("")
        if explanation.sensitivity:
            lines.append(t("score.sensitivity", lang))
            for flip in explanation.sensitivity:
                lines.append(
                    f"  • {flip.field}: {show_value(flip.current)} → {show_value(flip.value)}"
                    f" ⇒ {flip.model}"
                )
            lines.append("")
        margin = t("score.margin", lang, margin=f"{explanation.margin:g}")
        if explanation.segment is not None:  # robustness is the company's, not the segment's
            lines.append(margin)
            return "\n".join(lines) + "\n"
        verdict = "score.robust" if explanation.robust else "score.fragile"
        lines.append(margin + " · " + t(verdict, lang))
        return "\n".join(lines) + "\n"

    def _model(self, trace: ModelTrace, lang: Lang) -> list[str]:
        status = "" if trace.feasible else f" — {t('score.not_feasible', lang)}"
        head = f"{trace.rank}. {trace.name} [{trace.model}]: {trace.score:g}/100{status}"
        lines = [
            head,
            "   " + t("explain.base", lang, base=f"{trace.base:g}", raw=f"{trace.raw:g}"),
        ]
        if len(trace.components) >= 2:
            lines.append("   " + self._base_rule(trace, lang))
        for comp in trace.components:
            share = pct(comp.share, lang)
            who = f" [{', '.join(comp.segments)}; {share}]" if comp.by_segment else ""
            lines.append(f"   ◦ {comp.name}{who}: {', '.join(comp.channels)} ({comp.score:g})")
        fired = [r for r in trace.rules if r.fired]
        missed = [r for r in trace.rules if not r.fired]
        for rule in fired:
            lines.extend(self._rule(rule, lang))
        if not fired:
            lines.append("   " + t("explain.none_fired", lang))
        if missed:
            lines.append("   " + t("explain.not_fired", lang))
            for rule in missed:
                lines.extend(self._rule(rule, lang))
        return lines

    @staticmethod
    def _base_rule(trace: ModelTrace, lang: Lang) -> str:
        """How the hybrid's base follows from its components (``Engine.hybrid_base``)."""
        parts = trace.components
        if all(c.by_segment for c in parts):
            terms = " + ".join(f"{pct(c.share, lang)} × {c.score:g}" for c in parts)
            return t("explain.base_segments", lang, terms=terms, base=f"{trace.base:g}")
        return t("explain.base_best", lang, base=f"{trace.base:g}")

    def _rule(self, rule: RuleTrace, lang: Lang) -> list[str]:
        if rule.limit:
            mark = t("explain.limit", lang)
        else:
            mark = f"{rule.points:+d}" if rule.fired else f"({rule.points:+d})"
        first = f"   {mark:>6}  {rule.rule}: {rule.text}"
        out = textwrap.wrap(first, self.width, subsequent_indent=" " * 11)
        detail = []
        if rule.values:
            detail.append(t("explain.read", lang, values=values_text(rule.values)))
        detail.extend(rule.failed)
        detail.append(rule.source)
        for item in detail:
            out.extend(
                textwrap.wrap(item, self.width, initial_indent=" " * 11, subsequent_indent=" " * 13)
            )
        return out
