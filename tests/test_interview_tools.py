"""The faster interview: copying a person (``+ like Ana``), a group (``+3 like Ana``), the
review paged to a 40-line screen, a counter that never overshoots and no duplicate "✓" lines
after going back."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from modelo_servicio.domain import yamlio
from modelo_servicio.domain.errors import InterruptedByUser
from modelo_servicio.interview.flow import Flow, progress
from modelo_servicio.interview.questionnaire import Questionnaire
from modelo_servicio.interview.screens import BACK, Prompt, Style
from modelo_servicio.interview.session import Request, non_interactive
from modelo_servicio.interview.state import Answers
from modelo_servicio.knowledge import load_kb

from .test_interview_prompts import ENTER, run

PROGRESS = re.compile(r"pregunta (\d+)/(\d+)")


def complete(path: Path, *sets: str) -> Path:
    base = ("company.name=Acme", "staff.0.name=Ana", "staff.0.role=dependienta", *sets)
    non_interactive(Request(path=path, defaults=True, sets=base), load_kb())
    return path


def staff(path: Path) -> list[dict[str, Any]]:
    data: dict[str, Any] = yamlio.load_single(path).data
    return list(data["staff"])


def test_review_is_paged_to_the_screen_and_grouped_by_section(tmp_path: Path) -> None:
    path = complete(tmp_path / "p.yaml")
    result, screen = run(path, ENTER * 10, resume=True, rows=40)
    assert not isinstance(result, InterruptedByUser), screen
    pages = screen.count("Revisión de las respuestas")
    assert pages >= 2
    assert "(página 1 de " in screen and f"(página {pages - 1} de {pages}" in screen
    assert screen.index("El negocio") < screen.index("Restricciones")
    assert yamlio.load_single(path).data["interview"]["complete"] is True


def test_plus_like_ana_copies_everything_but_the_name(tmp_path: Path) -> None:
    path = complete(tmp_path / "p.yaml", "staff.0.skills.writing=5", "staff.0.channels=[phone]")
    keys = "+ como Ana" + ENTER + "Bea" + ENTER + ENTER * 10
    result, screen = run(path, keys, resume=True)
    assert not isinstance(result, InterruptedByUser), screen
    ana, bea = staff(path)
    assert bea["name"] == "Bea"
    assert {k: v for k, v in bea.items() if k != "name"} == {
        k: v for k, v in ana.items() if k != "name"
    }
    assert bea["skills"]["writing"] == 5 and bea["channels"] == ["phone"]


def test_a_group_of_three_like_ana_gets_numbered_names(tmp_path: Path) -> None:
    path = complete(tmp_path / "p.yaml")
    result, screen = run(path, "+3 como Ana" + ENTER + ENTER * 10, resume=True)
    assert not isinstance(result, InterruptedByUser), screen
    names = [p["name"] for p in staff(path)]
    assert names == ["Ana", "Dependienta 1", "Dependienta 2", "Dependienta 3"]
    assert "Añadido un grupo de 3 personas como Ana" in screen
    assert "Personas 2–4 · grupo de 3 × dependienta" in screen


def test_a_group_shows_once_in_the_review_and_changes_together(tmp_path: Path) -> None:
    """The group's shared answers are listed once (its names one by one); changing its hours
    changes them for the three and not for Ana; renaming one renames only that one."""
    from modelo_servicio.interview.review import Review

    path = complete(tmp_path / "p.yaml")
    # the review's row numbers once the group is in, from the same questionnaire
    answers = Answers(Questionnaire(load_kb(), "es"))
    answers.load(yamlio.load_single(path).data)
    review = Review(answers, ScreenTerminal([]), "es", lambda: None)
    assert review._copy("+3 como Ana") is True
    rows, blocks = review.blocks()
    shown = [(s.person, s.question.field if s.question else "") for s in rows]
    assert shown.count((1, "staff.hours_per_week")) == 1
    assert (2, "staff.hours_per_week") not in shown and (3, "staff.skills.writing") not in shown
    assert (2, "staff.name") in shown and (3, "staff.name") in shown
    hours = shown.index((1, "staff.hours_per_week")) + 1
    third = shown.index((3, "staff.name")) + 1
    text = "\n".join(block for block, _ in blocks)
    assert text.count("Horas por semana") == 2  # Ana's and the group's
    keys = "+3 como Ana" + ENTER + f"{hours}" + ENTER + "30" + ENTER
    keys += f"{third}" + ENTER + "Lucía" + ENTER + ENTER * 10
    result, screen = run(path, keys, resume=True)
    assert not isinstance(result, InterruptedByUser), screen
    people = staff(path)
    assert [p["name"] for p in people] == ["Ana", "Dependienta 1", "Dependienta 2", "Lucía"]
    assert [p["hours_per_week"] for p in people] == [40, 30, 30, 30]


def test_copying_somebody_unknown_is_refused(tmp_path: Path) -> None:
    from .test_interview_prompts import RecordingTerminal

    path = complete(tmp_path / "p.yaml")
    terminal = RecordingTerminal()
    run(path, "+ como Zoe" + ENTER + "\x03", resume=True, terminal=terminal)
    assert "no hay nadie llamado «Zoe» en el equipo" in terminal.refusals


def test_the_counter_counts_a_question_an_answer_may_bring(tmp_path: Path) -> None:
    """Giving a monthly budget brings in the cost of a person: the budget question must not
    read "n/n" and the next one "n+1/n+1"."""
    kb = load_kb()
    answers = Answers(Questionnaire(kb, "es"))
    answers.load(yamlio.load_single(complete(tmp_path / "p.yaml")).data)
    plan = answers.plan()
    budget = next(s for s in plan.steps if s.path == "constraints.monthly_budget")
    match = PROGRESS.search(progress(answers, plan, budget, "es"))
    assert match is not None
    q, of = map(int, match.groups())
    answers.answer(budget, 5000)
    plan = answers.plan()
    cost = next(s for s in plan.steps if s.path == "constraints.cost_per_fte_month")
    match = PROGRESS.search(progress(answers, plan, cost, "es"))
    assert match is not None
    assert tuple(map(int, match.groups())) == (q + 1, of)
    assert q < of


class ScreenTerminal:
    """A terminal whose screen is a list of lines: ``say`` adds, ``erase`` takes off."""

    def __init__(self, answers: list[Any]) -> None:
        self.answers = answers
        self.screen: list[list[str]] = []

    def width(self) -> int:
        return 80

    def say(self, text: str, style: Style = "") -> None:
        self.screen.append(text.split("\n"))

    def erase(self, count: int) -> None:
        del self.screen[len(self.screen) - count :]

    def ask(self, prompt: Prompt) -> Any:
        if not self.answers:
            raise KeyboardInterrupt
        return self.answers.pop(0)


def test_going_back_leaves_no_duplicate_answer_lines() -> None:
    kb = load_kb()
    answers = Answers(Questionnaire(kb, "es"))
    # name, sector, back (to sector), back (to name), name again, sector again, locations
    terminal = ScreenTerminal(["Acme", "tienda", BACK, BACK, "Acme", "tienda", "2"])
    flow = Flow(answers, terminal, "es", lambda: None)
    with pytest.raises(KeyboardInterrupt):  # the script ran out of answers
        flow.run()
    lines = [line for block in terminal.screen for line in block if line.startswith("✓")]
    assert lines == [
        "✓ Empresa: Acme",
        "✓ Sector: tienda",
        "✓ Locales con atención en persona: 2 locales",
    ]
    assert sum(1 for block in terminal.screen if block[0].startswith("── ")) == 1
