"""What the flow asks of a terminal, without naming the library that draws it.

The flow builds ``Prompt`` values and reads answers (or ``BACK`` / ``HELP``); ``terminal`` turns
them into questionary prompts. Tests and other front ends can supply their own ``Terminal``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any, Literal, Protocol


class Nav(Enum):
    BACK = "back"
    HELP = "help"


BACK = Nav.BACK
HELP = Nav.HELP

BACK_TEXT = "<"
HELP_TEXT = "?"

Style = Literal["", "title", "section", "progress", "help", "answer", "note", "error"]


@dataclass(frozen=True)
class Prompt:
    """One question on screen.

    ``text``: typed answer, ``placeholder`` shows what Enter keeps; ``select``: one of
    ``choices`` (value, label) with ``default`` highlighted, ``keys`` answer at once;
    ``checkbox``: several, ``default`` ticked. ``validate`` returns a message or None.
    ``header`` (the progress line) goes away with the prompt once answered.
    """

    kind: Literal["text", "select", "checkbox"]
    message: str
    instruction: str = ""
    header: str = ""
    placeholder: str = ""
    choices: tuple[tuple[Any, str], ...] = ()
    default: Any = None
    keys: tuple[tuple[str, Any], ...] = ()
    validate: Callable[[Any], str | None] | None = None


class Terminal(Protocol):
    def width(self) -> int: ...

    def say(self, text: str, style: Style = "") -> None: ...

    def ask(self, prompt: Prompt) -> Any:
        """The answer, ``BACK`` or ``HELP``; Ctrl-C raises KeyboardInterrupt, Ctrl-D EOFError."""
        ...
