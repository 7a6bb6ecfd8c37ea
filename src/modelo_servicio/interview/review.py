"""The review before saving: every answer numbered and grouped by section, and the means to
change any of them, add a person or remove one. What follows an edit is decided by the flow.

A review longer than the terminal is shown a page at a time (Enter turns the page; the numbers
run on across pages, so any answer can be changed from any page), so it never scrolls off a
40-line screen."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from typing import Any

from modelo_servicio.domain.i18n import Lang, t
from modelo_servicio.interview.screens import BACK, HELP, Nav, Prompt, Style, Terminal
from modelo_servicio.interview.state import Answers, Step

LABEL_WIDTH = 34
COPY = re.compile(r"^\+\s*(\d+)?\s*(?:[x×*]\s*)?(?:(?:como|like|as)\s+)?(.*)$", re.IGNORECASE)
"""``+ como Ana`` / ``+ like Ana``: one more person like Ana (asked for a name);
``+3 como Ana`` / ``+3 × Ana``: three more, named after Ana's role and numbered."""
MAX_COPIES = 100
PROMPT_LINES = 5
"""Lines kept free under a page: the prompt, its key hints and a validation message."""
Block = tuple[str, Style]
"""One ``say`` of the review: its text (one or more lines) and style."""


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
        page = 0
        while True:
            rows, pages = self.pages()
            page = min(page, len(pages) - 1)
            for text, style in pages[page]:
                self.terminal.say(text, style)
            last = page == len(pages) - 1
            instruction = t("interview.review.keys", self.lang)
            if not last:
                more = t("interview.review.more", self.lang, page=page + 1, pages=len(pages))
                instruction = f"{more} {instruction}"
            prompt = Prompt(
                kind="text",
                message=t(key, self.lang),
                instruction=instruction,
                validate=self._validator(len(rows), len(self.answers.people), roster),
            )
            result: object = self.terminal.ask(prompt)
            while result is HELP:
                self.terminal.say(t("interview.review.help", self.lang), "help")
                result = self.terminal.ask(prompt)
            if result is BACK:
                return BACK
            choice = str(result).strip()
            if not choice and not last:
                page += 1
                continue
            if not choice:
                return None
            copied = self._copy(choice)
            if copied is not None:
                if copied:
                    page = 0
                    continue
                plan = self.answers.plan()
                missing = self.answers.unanswered(plan)
                return missing[0].key if missing else None
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
                page = 0
                continue
            return rows[int(choice) - 1].key

    def _copy(self, choice: str) -> bool | None:
        """``+ like NAME`` and ``+N like NAME``: None when ``choice`` is neither; True when
        the new people are complete (a group, names numbered), False when the new person's
        name is still to be asked."""
        match = COPY.match(choice)
        if match is None or not match.group(2).strip():
            return None
        index = self.answers.find_person(match.group(2))
        if index is None:
            return None
        count = int(match.group(1) or 0)
        if count <= 0:
            self.answers.copy_person(index, [None])
            self.save()
            return False
        self.answers.copy_person(index, self._numbered(index, count), group=True)
        self.save()
        self.terminal.say(
            t(
                "interview.review.copied",
                self.lang,
                count=count,
                name=self.answers.person_name(index),
            ),
            "note",
        )
        return True

    def _numbered(self, index: int, count: int) -> list[str | None]:
        """``count`` free names: the role of person ``index`` (else "Persona") numbered."""
        base = self._role(index).capitalize() or t("interview.person", self.lang, n="").strip()
        names: list[str | None] = []
        number = 1
        taken = {self.answers.person_name(i).casefold() for i in range(len(self.answers.people))}
        while len(names) < count:
            name = f"{base} {number}"
            number += 1
            if name.casefold() not in taken:
                names.append(name)
                taken.add(name.casefold())
        return names

    def _role(self, index: int) -> str:
        """Person ``index``'s job title, or ``""``."""
        roster = self.answers.questionnaire.roster
        role_id = (
            next((q.id for q in roster.questions if q.field == "staff.role"), "") if roster else ""
        )
        role = self.answers.people[index].answers.get(role_id)
        return role.strip() if isinstance(role, str) else ""

    def _group_label(self, members: list[int]) -> str:
        """``Personas 2–4 · 3 × dependienta: …``: a group's heading in the review."""
        numbers = [i + 1 for i in members]
        if numbers == list(range(numbers[0], numbers[-1] + 1)):
            which = f"{numbers[0]}–{numbers[-1]}"
        else:
            which = ", ".join(str(n) for n in numbers)
        role = self._role(members[0]) or self.answers.person_name(members[0])
        return t("interview.review.group", self.lang, people=which, count=len(numbers), role=role)

    def _validator(self, rows: int, people: int, roster: bool) -> Callable[[Any], str | None]:
        return lambda raw: self._invalid(str(raw), rows, people, roster)

    def _invalid(self, raw: str, rows: int, people: int, roster: bool) -> str | None:
        text = raw.strip()
        if not text or (text == "+" and roster):
            return None
        match = COPY.match(text) if roster else None
        if match is not None and match.group(2).strip():
            if self.answers.find_person(match.group(2)) is None:
                return t("interview.review.no_person", self.lang, name=match.group(2).strip())
            if int(match.group(1) or 0) > MAX_COPIES:
                return t("interview.review.too_many", self.lang, most=MAX_COPIES)
            return None
        if text.startswith("-") and text[1:].isdigit() and 1 <= int(text[1:]) <= people:
            return None
        if text.isdigit() and 1 <= int(text) <= rows:
            return None
        return t("interview.review.invalid", self.lang, rows=rows)

    def show(self) -> list[Step]:
        """Print every answer at once; the numbered steps, in order."""
        rows, blocks = self.blocks()
        for text, style in blocks:
            self.terminal.say(text, style)
        return rows

    def pages(self) -> tuple[list[Step], list[list[Block]]]:
        """The numbered steps and the review cut into pages of the terminal's height (one
        page when it fits, or when the terminal does not say its height). A page breaks
        between sections, people or answers, never inside an answer."""
        rows, blocks = self.blocks()
        height = getattr(self.terminal, "height", None)
        room = height() - PROMPT_LINES if callable(height) else 0
        lines = sum(text.count("\n") + 1 for text, _ in blocks)
        if room < 10 or lines <= room:
            return rows, [blocks]
        head, body = blocks[:2], blocks[2:]
        pages: list[list[Block]] = []
        page: list[Block] = list(head)
        used = 2
        for text, style in body:
            for piece in _split(text, style):
                size = piece[0].count("\n") + 1
                if used + size > room and len(page) > len(head):
                    pages.append(page)
                    page, used = list(head), 2
                page.append(piece)
                used += size
        pages.append(page)
        return rows, pages

    def blocks(self) -> tuple[list[Step], list[Block]]:
        """The review as ``say`` blocks: title, then per section its title, per person a
        label, and the numbered answers."""
        plan = self.answers.plan()
        lang = self.lang
        width = max(60, min(self.terminal.width(), 100))
        out: list[Block] = [("", ""), (t("interview.review.title", lang), "title")]
        rows: list[Step] = []
        lines: list[str] = []
        section: str | None = None
        person: int | None = None

        def flush() -> None:
            if lines:
                out.append(("\n".join(lines), ""))
                lines.clear()

        roster = self.answers.questionnaire.roster
        name_id = roster.questions[0].id if roster is not None else None
        for step in plan.steps:
            if step.question is None or not self.answers.answered(step):
                continue
            if step.section.id != section:
                flush()
                section, person = step.section.id, None
                out.append((step.section.spec.title(lang), "section"))
            members = [] if step.person is None else self.answers.group_members(step.person)
            if step.person is not None and step.person != person:
                flush()
                person = step.person
                if len(members) > 1 and person == members[0]:
                    out.append((f"  {self._group_label(members)}", "note"))
                elif len(members) == 1:
                    name = self.answers.person_name(person)
                    label = t("interview.person", lang, n=person + 1)
                    out.append((f"  {label} · {name}" if name else f"  {label}", "note"))
            if len(members) > 1 and step.person != members[0] and step.question.id != name_id:
                continue  # a group's shared answers show once, with its first member
            rows.append(step)
            lines.extend(self._row(len(rows), step, width))
        flush()
        if not rows:
            out.append((t("interview.review.empty", lang), "note"))
        return rows, out

    def _row(self, number: int, step: Step, width: int) -> list[str]:
        """``  12. Label ....  value``, the value wrapped under itself when long."""
        question = step.question
        assert question is not None
        label = _fit(question.label(self.lang), LABEL_WIDTH)
        value = question.show(self.answers.value(step), self.lang)
        head = f"{number:>4}. {label:<{LABEL_WIDTH}}  "
        lines = textwrap.wrap(value, width=max(width - len(head) - 1, 10)) or [""]
        return [head + lines[0]] + [" " * len(head) + line for line in lines[1:]]


def _split(text: str, style: Style) -> list[Block]:
    """A block of answers as one block per answer (an answer's wrapped lines stay together),
    so that a page can break between any two answers."""
    if style:
        return [(text, style)]
    out: list[list[str]] = []
    for line in text.split("\n"):
        if out and line.startswith(" " * 6):
            out[-1].append(line)
        else:
            out.append([line])
    return [("\n".join(lines), style) for lines in out]


def _fit(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: max(width - 1, 1)] + "…"
