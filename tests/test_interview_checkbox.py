"""A checkbox answer is checked by the flow itself, whatever the terminal does: an empty list
of customer languages never reaches the saved profile (found by the interview state machine:
its driver, like any terminal, may hand back ticks without running the prompt's check)."""

from __future__ import annotations

from typing import Any

import pytest

from modelo_servicio.interview.flow import Flow
from modelo_servicio.interview.questionnaire import Questionnaire
from modelo_servicio.interview.screens import Prompt, Style
from modelo_servicio.interview.state import Answers
from modelo_servicio.knowledge import load_kb


class UncheckingTerminal:
    """Answers every prompt with its proposal, but ticks nothing in the languages question
    the first time, and never runs a prompt's check."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.asked_languages = 0

    def width(self) -> int:
        return 80

    def say(self, text: str, style: Style = "") -> None:
        if style == "error":
            self.errors.append(text)

    def ask(self, prompt: Prompt) -> Any:
        if (
            prompt.kind == "checkbox"
            and "idiomas" in prompt.message
            and "clientes" in prompt.message
        ):
            self.asked_languages += 1
            if self.asked_languages == 1:
                return []
            raise KeyboardInterrupt
        if prompt.kind == "text":
            return "Acme" if "empresa" in prompt.message else ""
        return prompt.default if prompt.kind == "select" else list(prompt.default or [])


def test_an_empty_tick_list_is_asked_again() -> None:
    kb = load_kb()
    answers = Answers(Questionnaire(kb, "es"))
    terminal = UncheckingTerminal()
    flow = Flow(answers, terminal, "es", lambda: None)
    with pytest.raises(KeyboardInterrupt):  # stopped at the second time it is asked
        flow.run()
    assert terminal.asked_languages == 2
    assert terminal.errors
    assert answers.data().get("customers", {}).get("languages") != []
