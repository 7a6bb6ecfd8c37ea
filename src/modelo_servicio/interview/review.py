"""The review before saving: every answer numbered, and the means to change any of them, add
a person or remove one. What follows an edit is decided by the flow."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from typing import Any

from modelo_servicio.domain.i18n import Lang, t
from modelo_servicio.interview.screens import BACK, HELP, Nav, Prompt, Terminal
from modelo_servicio.interview.state import Answers, Step

LABEL_WIDTH = 34


class Review:
    def __init__(
        self, answers: Answers, terminal: Terminal, lang: Lang, save: Callable[[], None]
    ) -> None:
        self.answers = answers
        self.terminal = terminal
        self.lang = lang
        self.save = save

    def run(self) -> str | Nav | None:
        """None to finish, ``BACK`` to return to the last question, or the key of the step
        to ask again."""
        roster = self.answers.questionnaire.roster is not None
        key = "interview.review.prompt_staff" if roster else "interview.review.prompt"
        while True:
            rows = self.show()
            prompt = Prompt(
                kind="text",
                message=t(key, self.lang),
                instruction=t("interview.review.keys", self.lang),
                validate=self._validator(len(rows), len(self.answers.people), roster),
            )
            result: object = self.terminal.ask(prompt)
            while result is HELP:
                self.terminal.say(t("interview.review.help", self.lang), "help")
                result = self.terminal.ask(prompt)
            if result is BACK:
                return BACK
            choice = str(result).strip()
            if not choice:
                return None
            if choice == "+":
                self.answers.add_person()
                self.save()
                plan = self.answers.plan()
                missing = self.answers.unanswered(plan)
                return missing[0].key if missing else None
            if choice.startswith("-"):
                index = int(choice[1:]) - 1
                name = self.answers.person_name(index)
                self.answers.remove_person(index)
                self.save()
                self.terminal.say(t("interview.review.removed", self.lang, name=name), "note")
                continue
            return rows[int(choice) - 1].key

    def _validator(self, rows: int, people: int, roster: bool) -> Callable[[Any], str | None]:
        return lambda raw: self._invalid(str(raw), rows, people, roster)

    def _invalid(self, raw: str, rows: int, people: int, roster: bool) -> str | None:
        text = raw.strip()
        if not text or (text == "+" and roster):
            return None
        if text.startswith("-") and text[1:].isdigit() and 1 <= int(text[1:]) <= people:
            return None
        if text.isdigit() and 1 <= int(text) <= rows:
            return None
        return t("interview.review.invalid", self.lang, rows=rows)

    def show(self) -> list[Step]:
        """Print the answers; the numbered steps, in order."""
        plan = self.answers.plan()
        lang = self.lang
        width = max(60, min(self.terminal.width(), 100))
        self.terminal.say("")
        self.terminal.say(t("interview.review.title", lang), "title")
        rows: list[Step] = []
        lines: list[str] = []
        section: str | None = None
        person: int | None = None

        def flush() -> None:
            if lines:
                self.terminal.say("\n".join(lines))
                lines.clear()

        for step in plan.steps:
            if step.question is None or not self.answers.answered(step):
                continue
            if step.section.id != section:
                flush()
                section, person = step.section.id, None
                self.terminal.say(step.section.spec.title(lang), "section")
            if step.person is not None and step.person != person:
                flush()
                person = step.person
                name = self.answers.person_name(person)
                label = t("interview.person", lang, n=person + 1)
                self.terminal.say(f"  {label} · {name}" if name else f"  {label}", "note")
            rows.append(step)
            lines.extend(self._row(len(rows), step, width))
        flush()
        if not rows:
            self.terminal.say(t("interview.review.empty", lang), "note")
        return rows

    def _row(self, number: int, step: Step, width: int) -> list[str]:
        """``  12. Label ....  value``, the value wrapped under itself when long."""
        question = step.question
        assert question is not None
        label = _fit(question.label(self.lang), LABEL_WIDTH)
        value = question.show(self.answers.value(step), self.lang)
        head = f"{number:>4}. {label:<{LABEL_WIDTH}}  "
        lines = textwrap.wrap(value, width=max(width - len(head) - 1, 10)) or [""]
        return [head + lines[0]] + [" " * len(head) + line for line in lines[1:]]


def _fit(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: max(width - 1, 1)] + "…"
