"""The interactive walk through the questionnaire: progress, help, back, and the final review.

Navigation is linear (an answer leads to the next step, back to the previous one) until the
review; after an edit made from the review, any question the edit brought into play is asked
and the review comes back. Every answer is saved at once through ``save``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from modelo_servicio.domain.i18n import Lang, fill, say, t
from modelo_servicio.interview.questionnaire import Question
from modelo_servicio.interview.review import Review
from modelo_servicio.interview.screens import BACK, HELP, Prompt, Style, Terminal
from modelo_servicio.interview.state import Answers, Plan, Step
from modelo_servicio.interview.values import MISSING, error_at


class Flow:
    def __init__(
        self, answers: Answers, terminal: Terminal, lang: Lang, save: Callable[[], None]
    ) -> None:
        self.answers = answers
        self.terminal = terminal
        self.lang = lang
        self.save = save
        self._shown_section: str | None = None
        self._said: list[tuple[str, str]] = []
        """What was printed since the last prompt that stays on screen, one entry per
        ``say``: (``answer``, step key), (``banner``, section id) or (``other``, "")."""

    def run(self) -> None:
        """Ask until the consultant accepts the review (Ctrl-C propagates to the caller)."""
        plan = self.answers.plan()
        position = _first_unanswered(self.answers, plan)
        fill_mode = False
        while True:
            plan = self.answers.plan()
            if position is None:
                self._said.clear()
                action = Review(self.answers, self.terminal, self.lang, self.save).run()
                if action is None:
                    return
                self._shown_section = None
                if action is BACK:
                    position, fill_mode = plan.steps[-1].key, False
                else:
                    position, fill_mode = str(action), True
                continue
            step = plan.find(position)
            if step is None:
                position = _first_unanswered(self.answers, plan)
                continue
            result = self.ask(step, plan)
            if result is BACK:
                position = self._back(plan, step, fill_mode)
                previous = plan.find(position) if position is not None else None
                if previous is not None and previous.key != step.key:
                    self._unsay(previous)
                continue
            self.answers.answer(step, result)
            self.save()
            self._impact(step, result)
            plan = self.answers.plan()
            index = plan.index(step.key)
            if fill_mode or index is None:
                position = _first_unanswered(self.answers, plan)
            else:
                # people already answered in full (--staff roster, --set) are not walked through
                following = [
                    s
                    for s in plan.steps[index + 1 :]
                    if s.person is None or not self.answers.answered(s)
                ]
                position = following[0].key if following else None

    def _back(self, plan: Plan, step: Step, fill_mode: bool) -> str | None:
        if fill_mode:
            return None
        index = plan.index(step.key) or 0
        if index == 0:
            self.terminal.say(t("interview.first_question", self.lang), "note")
            return step.key
        return plan.steps[index - 1].key

    # --- one step ------------------------------------------------------------------------

    def ask(self, step: Step, plan: Plan) -> Any:
        self._banner(step, plan)
        prompt = replace(
            self.prompt(step, plan), header=progress(self.answers, plan, step, self.lang)
        )
        while True:
            result = self.terminal.ask(prompt)
            if result is HELP:
                self._say(self.help_text(step), "help")
                continue
            if result is BACK:
                return BACK
            if prompt.kind == "checkbox" and prompt.validate is not None:
                problem = prompt.validate(result)
                if problem is not None:  # a terminal that let an invalid set of ticks through
                    self._say(problem, "error")
                    continue
            if _typed(step) and step.question is not None:
                value = step.question.parse(result, self.answers.default(step))
            else:
                value = result
            line = f"✓ {self.label(step)}: {self.show(step, value)}"
            self._say(line, "answer", ("answer", step.key))
            return value

    def _impact(self, step: Step, value: Any) -> None:
        """After a volume, handle-time or opening-hours answer, the staff it implies when it
        is large ("with 40 min, the counter needs 6.2 FTE on its own")."""
        question = step.question
        if question is None or step.person is not None:
            return
        shown = self.show(step, value)
        note = self.answers.questionnaire.impact(question, self.answers.data(), shown)
        if note:
            self._say(note, "note")

    def _say(self, text: str, style: Style, what: tuple[str, str] = ("other", "")) -> None:
        self.terminal.say(text, style)
        self._said.append(what)

    def _unsay(self, previous: Step) -> None:
        """Going back to ``previous``: take its "✓" line off the screen (and a section banner
        printed after it), since answering again prints it anew. Only what is at the bottom
        of the screen can go: after help or a note, the old line stays."""
        erase = getattr(self.terminal, "erase", None)
        count = 0
        for kind, what in reversed(self._said):
            count += 1
            if kind == "answer" and what == previous.key:
                break
            if kind != "banner":
                return
        else:
            return
        if erase is None:
            return
        erased = self._said[-count:]
        del self._said[-count:]
        erase(count)
        if any(kind == "banner" for kind, _ in erased):
            self._shown_section = previous.section.id

    def prompt(self, step: Step, plan: Plan) -> Prompt:
        lang = self.lang
        default = self.answers.default(step)
        question = step.question
        if question is None:
            count = step.person or 0
            section = step.section.spec
            text = section.add_first if count == 0 else section.add_more
            message = fill(text(lang), {"count": count}) if text else ""
            return _yes_no(message, bool(default), lang)
        message = question.text(lang, **self.params(step))
        if question.type in ("text", "integer", "number"):
            typed: Question = question

            def validate(raw: Any) -> str | None:
                return self._check(step, plan, typed.parse(str(raw), default))

            hint = "interview.keys.text_optional" if default is None else "interview.keys.text"
            return Prompt(
                kind="text",
                message=message,
                instruction=t(hint, lang),
                placeholder=question.edit_text(default, lang),
                validate=validate,
            )
        if question.type == "yesno":
            return _yes_no(message, bool(default), lang)
        choices = tuple((c.value, c.label) for c in question.choices)
        if question.type == "multi":
            ticked = default if isinstance(default, list) else []
            extra = tuple((v, question.show(v, lang)) for v in ticked if v not in dict(choices))
            return Prompt(
                kind="checkbox",
                message=message,
                instruction=t("interview.keys.checkbox", lang),
                choices=choices + extra,
                default=list(ticked),
                validate=lambda values: self._check(step, plan, list(values)),
            )
        if default is not MISSING and default not in [c[0] for c in choices]:
            label = question.show(default, lang)  # an empty answer reads as its blank text
            if default is not None:
                label = t("interview.current_value", lang, value=label)
            choices = (*choices, (default, label))
        scale = question.type == "scale"
        keys = tuple((str(v), v) for v, _ in choices) if scale else ()
        return Prompt(
            kind="select",
            message=message,
            instruction=t("interview.keys.scale" if scale else "interview.keys.select", lang),
            choices=choices,
            default=None if default is MISSING else default,
            keys=keys,
        )

    def _check(self, step: Step, plan: Plan, value: Any) -> str | None:
        catalogue = self.answers.questionnaire.facts.catalogue
        problem = error_at(plan.data, step.path, value, catalogue)
        return None if problem is None else say(problem, self.lang)

    def params(self, step: Step) -> dict[str, Any]:
        if step.person is None:
            return {}
        name = self.answers.person_name(step.person)
        number = step.person + 1
        return {"number": number, "name": name or t("interview.person", self.lang, n=number)}

    def help_text(self, step: Step) -> str:
        if step.question is None:
            spec = step.section.spec.add_help
            return spec(self.lang) if spec else t("interview.no_help", self.lang)
        question: Question = step.question
        text = question.help(self.lang, **self.params(step))
        default = self.answers.proposed(step)
        if default is not MISSING:
            shown = question.show(default, self.lang)
            text = f"{text}\n{t('interview.default_is', self.lang, value=shown)}".strip()
        basis = self.answers.proposal_basis(step)
        if basis:
            text = f"{text}\n{basis}"
        return text or t("interview.no_help", self.lang)

    def label(self, step: Step) -> str:
        if step.question is None:
            return t("interview.gate_label", self.lang, n=(step.person or 0) + 1)
        return step.question.label(self.lang, **self.params(step))

    def show(self, step: Step, value: Any) -> str:
        if step.question is None:
            return t("interview.yes" if value else "interview.no", self.lang)
        constraints = self.answers.data().get("constraints")
        currency = constraints.get("currency") if isinstance(constraints, dict) else None
        return step.question.show(value, self.lang, str(currency or "EUR"))

    def _banner(self, step: Step, plan: Plan) -> None:
        if step.section.id == self._shown_section:
            return
        self._shown_section = step.section.id
        spec = step.section.spec
        banner = ("banner", step.section.id)
        self._say("", "", banner)
        self._say(f"── {spec.title(self.lang)} ──", "section", banner)
        if spec.intro:
            self._say(spec.intro(self.lang), "note", banner)


def _typed(step: Step) -> bool:
    return step.question is not None and step.question.type in ("text", "integer", "number")


def _yes_no(message: str, default: bool, lang: Lang) -> Prompt:
    yes, no = t("interview.yes", lang), t("interview.no", lang)
    keys = (("s", True), ("y", True), ("n", False)) if lang == "es" else (("y", True), ("n", False))
    return Prompt(
        kind="select",
        message=message,
        instruction=t("interview.keys.yesno", lang),
        choices=((True, yes), (False, no)),
        default=default,
        keys=keys,
    )


def _first_unanswered(answers: Answers, plan: Plan) -> str | None:
    missing = answers.unanswered(plan)
    return missing[0].key if missing else None


def section_position(plan: Plan, step: Step) -> tuple[int, int]:
    order = list(dict.fromkeys(s.section.id for s in plan.steps))
    return order.index(step.section.id) + 1, len(order)


def progress(answers: Answers, plan: Plan, step: Step, lang: Lang) -> str:
    """``sección 3/6 · pregunta 4/7`` (with the person in the staff section)."""
    number, total = section_position(plan, step)
    if step.question is None:
        return t("interview.progress_gate", lang, n=number, total=total)
    same = [
        s
        for s in plan.steps
        if s.section.id == step.section.id and s.person == step.person and s.question
    ]
    position = same.index(step) + 1
    of = len(same) + len(_may_come(step, {s.question.id for s in same if s.question}))
    if step.person is None:
        return t("interview.progress", lang, n=number, total=total, q=position, of=of)
    name = answers.person_name(step.person) or t("interview.person", lang, n=step.person + 1)
    return t(
        "interview.progress_person",
        lang,
        n=number,
        total=total,
        q=position,
        of=of,
        person=name,
    )


def _may_come(step: Step, asked: set[str]) -> list[Question]:
    """Questions after ``step`` in its section that do not apply yet but may, because their
    condition reads an answer still to be given here: counted from the start, so the counter
    never reaches "5/5" and then shows "6/6"."""
    from modelo_servicio.engine.conditions import paths

    questions = step.section.questions
    ids = [q.id for q in questions]
    if step.question is None or step.question.id not in ids:
        return []
    rest = questions[ids.index(step.question.id) :]
    open_fields = {q.field for q in rest}
    return [
        q
        for q in rest[1:]
        if q.id not in asked and q.when is not None and open_fields & set(paths(q.when))
    ]
