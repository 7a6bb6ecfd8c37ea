"""The one object behind ``score``, ``report``, ``explain``, ``batch`` and ``interview``.

An ``Advisor`` is built from one knowledge base (the packaged rules with a consultancy's
``--rules`` over them) and holds everything compiled from it: the engine (conditions and fact
book), the re-scoring plans of the robustness analysis, the plan's tables and the questions
the outputs name answers with. Nothing compiled from a knowledge base lives anywhere else, so
two Advisors in one process never share state, and a newly built one sees an edited rule file.
Build it once per command (or per batch worker) and ask it as often as needed.
"""

from __future__ import annotations

import datetime
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from modelo_servicio.domain import profile_io
from modelo_servicio.domain.catalogue import Catalogue
from modelo_servicio.domain.errors import UsageError
from modelo_servicio.domain.i18n import Lang, hint, msg
from modelo_servicio.domain.profile import Profile
from modelo_servicio.domain.result import Result
from modelo_servicio.engine import sensitivity
from modelo_servicio.engine.outcome import complete
from modelo_servicio.engine.scoring import Engine, Evaluation
from modelo_servicio.knowledge.loader import KnowledgeBase, rule_files
from modelo_servicio.knowledge.loader import build as build_kb
from modelo_servicio.planning.tables import PlanTables

if TYPE_CHECKING:
    from modelo_servicio.domain.brand import Brand
    from modelo_servicio.engine.explain import Explanation
    from modelo_servicio.render import Formatter
    from modelo_servicio.render.answers import Question
    from modelo_servicio.render.markdown import Memos


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Building (or unpickling) an Advisor allocates hundreds of thousands of objects that all
    live on, none of them garbage: the cyclic collector would walk the growing heap again and
    again for nothing (more than half the time of a 15,000-rule pack). It runs again after,
    as it was; nothing else changes."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass(frozen=True)
class Advisor:
    """A knowledge base and everything compiled from it; ``advise`` is side-effect free."""

    kb: KnowledgeBase
    engine: Engine
    plans: sensitivity.Plans
    tables: PlanTables
    questions: dict[str, Question]

    @classmethod
    def build(cls, rules_dir: Path | None = None) -> Advisor:
        """The packaged knowledge base with ``rules_dir`` merged over it. The rule files are
        read afresh every time; what was compiled from the same texts by an earlier run (the
        on-disk cache, ``app/cache.py``) is reused, so an edited file is always seen."""
        from modelo_servicio.app.cache import cached
        from modelo_servicio.interview.kb import check as questionnaire

        files = rule_files(rules_dir)
        texts = [f"{name}\0{text}".encode() for name, text in files]
        with _collector_paused():
            return cached(
                "advisor", texts, lambda: cls.of(build_kb(files, (questionnaire,))), Advisor
            )

    @classmethod
    def of(cls, kb: KnowledgeBase) -> Advisor:
        from modelo_servicio.render.answers import questions

        engine = Engine(kb)
        return cls(
            kb=kb,
            engine=engine,
            plans=sensitivity.Plans(engine),
            tables=PlanTables.of(kb),
            questions=questions(kb),
        )

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as its knowledge base: the compiled conditions are closures, and compiling
        them again takes a few milliseconds, far less than reading the rule files."""
        return (Advisor.of, (self.kb,))

    @property
    def catalogue(self) -> Catalogue:
        """The channels, models and skills a profile may name (validation context)."""
        return self.engine.catalogue

    @property
    def version(self) -> str:
        """The digest of the rule files, as results and summaries cite it."""
        return self.kb.version

    def complete(self, profile: Profile) -> Profile:
        """``profile`` as read against this Advisor's catalogue (``profile_io.complete``)."""
        return profile_io.complete(profile, self.catalogue)

    def evaluate(self, profile: Profile) -> Evaluation:
        return self.engine.evaluate(self.complete(profile))

    def robustness(self, evaluation: Evaluation) -> sensitivity.Robustness:
        return sensitivity.analyse(self.plans, evaluation)

    def advise(self, profile: Profile, lang: Lang, start: datetime.date | None = None) -> Result:
        """Ranking, recommendation, robustness and plan of ``profile``, texts in ``lang``;
        ``start`` (``--start``) dates the plan's phases, closed weeks skipped."""
        from modelo_servicio.engine import affordable

        profile = self.complete(profile)
        decision = affordable.decide(self.engine, profile, self.tables, lang)
        solid = self.robustness(decision.scored)
        plan = decision.plan
        if start is not None:
            from modelo_servicio.planning import kb as pkb
            from modelo_servicio.planning.costs import dated

            plan = dated(plan, start, pkb.calendar(self.kb), lang)
        return complete(self.engine, decision.evaluation, solid, plan, lang, decision)

    def explain(
        self, profile: Profile, lang: Lang, model: str | None = None, segment: str | None = None
    ) -> Explanation:
        """Why each model scored what it did (``model``: one model, with the rules that did
        not fire); an unknown ``model`` is a usage error with a 'did you mean'. ``segment``:
        the base models as scored on that customer segment's own answers, ranked for it (its
        margin is the segment's; robustness is the company's and is not repeated)."""
        from modelo_servicio.engine.explain import explain

        if model is not None:
            self.check_model(model)
        evaluation = self.evaluate(profile)
        if segment is None:
            return explain(self.engine, evaluation, self.robustness(evaluation), lang, model)
        found = self.engine.segment_evaluation(evaluation, segment)
        if found is None:
            described = [c.segment for c in evaluation.segments]
            key = "explain.unknown_segment" if described else "explain.no_segments"
            message = msg(key, segment=segment, known=", ".join(described))
            raise UsageError(message + (hint(segment, described) if described else ""))
        if model is not None and model not in found.scores:
            raise UsageError(msg("explain.segment_model", model=model))
        solid = sensitivity.Robustness(margin=max(0.0, found.margin), robust=False, flips=[])
        share = next(c.share for c in evaluation.segments if c.segment == segment)
        out = explain(self.engine, found, solid, lang, model)
        return out.model_copy(update={"segment": segment, "segment_share": share})

    def check_model(self, model: str) -> None:
        """A usage error, with a 'did you mean', unless ``model`` is one of the models."""
        if model not in self.kb.models:
            known = ", ".join(self.kb.models)
            message = msg("explain.unknown_model", model=model, known=known)
            raise UsageError(message + hint(model, list(self.kb.models)))

    def formatter(
        self,
        fmt: str,
        date: str | None = None,
        width: int = 100,
        profile: Profile | None = None,
        memos: Memos | None = None,
        audience: str = "client",
        brand: Brand | None = None,
    ) -> Formatter:
        """The one place an output format is chosen (``service`` and ``batch`` ask here):
        ``table``, ``json``, ``markdown`` or ``html`` (``date``: the report's, see ``report_date``;
        ``profile``: the report's answers appendix; ``memos``: pieces of earlier reports,
        shared by the renderers of one batch worker; ``audience`` and ``brand``: the reports'
        reader and look)."""
        if fmt == "markdown":
            from modelo_servicio.render.markdown import MarkdownFormat

            if date is None:
                raise ValueError("a markdown report needs its date (see report_date)")
            return MarkdownFormat(
                date, self.kb, self.questions, profile, memos, audience=audience, brand=brand
            )
        if fmt == "html":
            from modelo_servicio.render.html import HtmlFormat

            if date is None:
                raise ValueError("an HTML report needs its date (see report_date)")
            return HtmlFormat(date, self.kb, self.questions, profile, audience, brand)
        if fmt == "json":
            from modelo_servicio.render.json_format import JsonFormat

            return JsonFormat()
        from modelo_servicio.render.table import TableFormat

        return TableFormat(width=width, kb=self.kb, asked=self.questions)


def advise(profile: Profile, kb: KnowledgeBase, lang: Lang = "es") -> Result:
    """One profile advised by a one-off Advisor of ``kb`` (compiling costs more than advising:
    to advise many profiles, build one ``Advisor`` and keep it)."""
    return Advisor.of(kb).advise(profile, lang)
