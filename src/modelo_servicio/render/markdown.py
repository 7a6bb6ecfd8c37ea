"""The markdown recommendation report a consultant hands to the client.

``MarkdownFormat(date, kb, profile=...).format(result)``: like every format, it reads no file
and no clock; the date (``report_date``, resolved by the command) and the knowledge base
come in at construction. Given the profile it adds the service-level section and the answers
appendix (``format(result, profile)`` names another profile for one call, for a renderer that
serves a whole batch). Output is GFM that passes markdownlint's default rules, byte-identical
for the same input.
"""

from __future__ import annotations

import os
import re
from collections.abc import Hashable, Mapping
from datetime import UTC, date, datetime

from modelo_servicio.domain.brand import Brand
from modelo_servicio.domain.errors import UsageError
from modelo_servicio.domain.i18n import Lang, msg
from modelo_servicio.domain.profile import Profile
from modelo_servicio.domain.result import Result
from modelo_servicio.knowledge.loader import KnowledgeBase
from modelo_servicio.render import (
    md_advice,
    md_appendix,
    md_audit,
    md_phases,
    md_plan,
    md_sections,
)
from modelo_servicio.render.answers import Question, questions
from modelo_servicio.render.md_context import Ctx

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def report_date(value: str | None = None, env: Mapping[str, str] | None = None) -> str:
    """``YYYY-MM-DD`` from ``--date``, else ``SOURCE_DATE_EPOCH`` (UTC), else today."""
    environ = os.environ if env is None else env
    if value is not None:
        raw = value.strip()
        try:
            if not _ISO_DATE.match(raw):
                raise ValueError(raw)
            return date.fromisoformat(raw).isoformat()
        except ValueError:
            raise UsageError(msg("report.bad_date", value=value)) from None
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=UTC).date().isoformat()
        except (ValueError, OverflowError, OSError):
            raise UsageError(msg("report.bad_epoch", value=epoch)) from None
    return date.today().isoformat()


Memos = dict[Lang, dict[Hashable, str]]
"""Finished pieces of reports, per language (``md_context.Ctx.memo``): a batch worker passes
the same to the renderer of each profile, since reports repeat most of them."""


class MarkdownFormat:
    """Markdown report; the knowledge base supplies display names and service-level texts
    (``asked``: the questions of that knowledge base, when the caller has them compiled)."""

    def __init__(
        self,
        date: str,
        kb: KnowledgeBase,
        asked: dict[str, Question] | None = None,
        profile: Profile | None = None,
        memos: Memos | None = None,
        audience: str = "client",
        brand: Brand | None = None,
    ) -> None:
        self.date = date
        self.kb = kb
        self.profile = profile
        self.audience = audience
        self.brand = brand
        self._asked = questions(kb) if asked is None else asked
        # Shared pieces are the client's; the consultant's version keeps its own.
        shared = memos if memos is not None and audience == "client" else None
        self._memos: Memos = {} if shared is None else shared

    def format(self, result: Result, profile: Profile | None = None) -> str:
        lang: Lang = "en" if result.language == "en" else "es"
        memo = self._memos.setdefault(lang, {})
        answers = self.profile if profile is None else profile
        ctx = Ctx(result, answers, self.kb, lang, self.date, self._asked, memo, self.audience)
        blocks = [
            md_sections.title(ctx),
            md_sections.brand_header(self.brand),
            md_sections.summary(ctx),
            md_sections.ranking(ctx),
            md_sections.why(ctx),
            md_sections.hybrid(ctx),
            md_advice.channels(ctx),
            md_advice.segments(ctx),
            md_advice.ideal(ctx),
            md_plan.plan(ctx),
            md_phases.service_level(ctx),
            md_sections.robustness(ctx),
            md_appendix.appendix(ctx),
            md_audit.audit(ctx) if ctx.consultant else "",
            md_sections.brand_footer(self.brand),
        ]
        return "\n\n".join(block for block in blocks if block) + "\n"
