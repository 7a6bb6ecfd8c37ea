"""The one module that talks to questionary and prompt_toolkit.

Each prompt is erased once answered and replaced by a line the flow prints in the chosen
language (questionary's own answered lines are English). Shift-Tab goes back everywhere;
``<`` goes back and ``?`` shows help, typed as the whole answer or, in lists, as a key.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, replace
from typing import Any

import questionary
from prompt_toolkit import print_formatted_text
from prompt_toolkit.application.current import get_app_session
from prompt_toolkit.formatted_text import FormattedText
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent, merge_key_bindings
from prompt_toolkit.keys import Keys
from prompt_toolkit.styles import Style as PtStyle

from modelo_servicio.domain.text import visible
from modelo_servicio.interview.screens import BACK, BACK_TEXT, HELP, HELP_TEXT, Prompt, Style

STYLE = PtStyle.from_dict(
    {
        "qmark": "fg:ansibrightblack",
        "question": "bold",
        "answer": "fg:ansigreen",
        "instruction": "fg:ansibrightblack",
        "placeholder": "fg:ansibrightblack",
        "pointer": "fg:ansicyan bold",
        "highlighted": "fg:ansicyan bold",
        "selected": "fg:ansigreen",
        "validation-toolbar": "bg:ansired fg:ansiwhite",
        "title": "bold underline",
        "section": "fg:ansicyan bold",
        "progress": "fg:ansibrightblack",
        "help": "fg:ansiyellow",
        "note": "fg:ansibrightblack",
        "error": "fg:ansired",
    }
)


class QuestionaryTerminal:
    """A ``screens.Terminal`` on the current prompt_toolkit session (a real terminal, or the
    pipe input a test installs with ``create_app_session``)."""

    def __init__(self) -> None:
        self._said: list[int] = []
        """Lines printed by each ``say``, so ``erase`` knows how far up to go."""

    def width(self) -> int:
        try:
            columns = get_app_session().output.get_size().columns
        except OSError:
            return 80
        return columns if columns > 20 else 80

    def height(self) -> int:
        """Lines on the screen (the review is paged to fit), 0 when unknown."""
        try:
            return get_app_session().output.get_size().rows
        except OSError:
            return 0

    def erase(self, count: int) -> None:
        """Take the last ``count`` things said off the screen (an answer asked again)."""
        lines = sum(self._said[-count:]) if count else 0
        del self._said[len(self._said) - count :]
        if lines:
            output = get_app_session().output
            output.cursor_up(lines)
            output.erase_down()
            output.flush()

    def say(self, text: str, style: Style = "") -> None:
        text = visible(text)  # names and answers typed by someone else
        width = self.width() - 1
        lines: list[str] = []
        for paragraph in text.split("\n"):
            indent = paragraph[: len(paragraph) - len(paragraph.lstrip())]
            wrapped = textwrap.wrap(
                paragraph,
                width=width,
                subsequent_indent=indent,
                break_on_hyphens=False,
            )
            lines.extend(wrapped or [""])
        cls = f"class:{style}" if style else ""
        print_formatted_text(FormattedText([(cls, "\n".join(lines))]), style=STYLE)
        self._said.append(len(lines))

    def ask(self, prompt: Prompt) -> Any:
        prompt = _wrapped(prompt, self.width() - 1)
        if prompt.kind == "text":
            question = _text(prompt)
        elif prompt.kind == "checkbox":
            question = _checkbox(prompt)
        else:
            question = _select(prompt)
        extra = KeyBindings()

        @extra.add(Keys.BackTab, eager=True)
        def _back(event: KeyPressEvent) -> None:
            event.app.exit(result=BACK)

        if prompt.kind != "text":

            @extra.add(BACK_TEXT, eager=True)
            def _back_key(event: KeyPressEvent) -> None:
                event.app.exit(result=BACK)

            @extra.add(HELP_TEXT, eager=True)
            def _help_key(event: KeyPressEvent) -> None:
                event.app.exit(result=HELP)

            for key, value in prompt.keys:
                extra.add(key, eager=True)(_answer(value))

        app = question.application
        app.key_bindings = merge_key_bindings([app.key_bindings or KeyBindings(), extra])
        result = question.unsafe_ask()
        if isinstance(result, _Boxed):
            return result.value
        if prompt.kind == "text" and isinstance(result, str):
            if result.strip() == BACK_TEXT:
                return BACK
            if result.strip() == HELP_TEXT:
                return HELP
        return result


def _wrapped(prompt: Prompt, width: int) -> Prompt:
    """prompt_toolkit breaks long prompts mid-word: wrap the question at word boundaries,
    and move the key hints to their own line when they do not fit after it."""
    lines = textwrap.wrap(prompt.message, width=width - 2, subsequent_indent="  ") or [""]
    instruction = prompt.instruction
    if instruction and len(lines[-1]) + len(instruction) + 4 > width:
        instruction = "\n  " + instruction
    return replace(prompt, message=visible("\n".join(lines)), instruction=instruction)


def _answer(value: Any) -> Any:
    def handler(event: KeyPressEvent) -> None:
        event.app.exit(result=value)

    return handler


def _text(prompt: Prompt) -> Any:
    check = prompt.validate

    def validate(raw: str) -> bool | str:
        if raw.strip() in (BACK_TEXT, HELP_TEXT) or check is None:
            return True
        message = check(raw)
        return True if message is None else message

    return questionary.text(
        prompt.message,
        qmark=_qmark(prompt),
        instruction=prompt.instruction,
        validate=validate,
        placeholder=FormattedText([("class:placeholder", prompt.placeholder)]),
        style=STYLE,
        erase_when_done=True,
    )


@dataclass(frozen=True)
class _Boxed:
    """A choice's value as questionary holds it: questionary takes a ``None`` value for "use
    the title", so an empty answer offered as a choice ("as the company's answers") would
    come back as its label and could never be the one highlighted."""

    value: Any


def _select(prompt: Prompt) -> Any:
    choices = [
        questionary.Choice(title=label, value=_Boxed(value)) for value, label in prompt.choices
    ]
    pairs = zip(choices, prompt.choices, strict=True)
    default = next((c for c, (value, _) in pairs if _same(value, prompt.default)), None)
    return questionary.select(
        prompt.message,
        qmark=_qmark(prompt),
        choices=choices,
        default=default,
        instruction=prompt.instruction,
        use_jk_keys=False,
        style=STYLE,
        erase_when_done=True,
    )


def _checkbox(prompt: Prompt) -> Any:
    ticked = prompt.default if isinstance(prompt.default, list) else []
    choices = [
        questionary.Choice(title=label, value=value, checked=any(_same(value, t) for t in ticked))
        for value, label in prompt.choices
    ]
    check = prompt.validate

    def validate(values: list[Any]) -> bool | str:
        message = check(values) if check else None
        return True if message is None else message

    return questionary.checkbox(
        prompt.message,
        qmark=_qmark(prompt),
        choices=choices,
        instruction=prompt.instruction,
        validate=validate,
        use_jk_keys=False,
        style=STYLE,
        erase_when_done=True,
    )


def _qmark(prompt: Prompt) -> str:
    return f"{prompt.header}\n?" if prompt.header else "?"


def _same(a: Any, b: Any) -> bool:
    return bool(a == b) and type(a) is type(b)
