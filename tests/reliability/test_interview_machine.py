"""The interview as a hypothesis state machine: any sequence of answers (typed, chosen, junk),
going back, asking for help, Ctrl-C and ``--resume``, and ``--set`` on the way back in.

The real ``interactive`` walk runs in a thread against a terminal that hands each prompt to the
machine and waits for its move, so every rule is one key press of a consultant. After every
move, whatever the order:

- the progress line never counts past its total ("5/5" then "6/6" was a bug);
- the file on disk, when there is one, is a profile the tool reads back (a saved answer is
  never one the profile refuses);
- Ctrl-C then ``--resume`` then Ctrl-C again leaves the same answers in the file (nothing
  saved is lost), and a ``--set`` on resuming changes that one answer only;
- a finished interview is a complete profile that scores.
"""

from __future__ import annotations

import queue
import re
import shutil
import tempfile
import threading
from functools import cache
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from modelo_servicio.app.advisor import Advisor
from modelo_servicio.domain import yamlio
from modelo_servicio.domain.errors import InterruptedByUser
from modelo_servicio.domain.profile_io import load_profile
from modelo_servicio.interview.interactive import interactive
from modelo_servicio.interview.screens import BACK, HELP, Prompt, Style
from modelo_servicio.interview.session import Request

WAIT = 60
"""Seconds to wait for the interview's next prompt: a guard against a hang, not a timing."""

TYPED = st.sampled_from(
    [
        "",
        "Ana",
        "22.000",
        "2.650,50",
        "1.500",
        "15,000",
        "0",
        "-5",
        "9" * 30,
        "4:30",
        "abc",
        "\x1b]52;c;QUFB\x07",
        "Jose\u0301",
        " 12 ",
    ]
)
_COUNT = re.compile(r"(\d+)/(\d+)")
_INTERRUPT = object()


@cache
def _advisor() -> Advisor:
    return Advisor.build()


class Driver:
    """A ``screens.Terminal`` played by the machine: ``ask`` hands the prompt over and waits
    for the answer; a text the prompt's own check refuses is reported, and the same prompt
    waits for another (as on screen)."""

    def __init__(self) -> None:
        self.moves: queue.Queue[Any] = queue.Queue()
        self.events: queue.Queue[tuple[str, Any]] = queue.Queue()

    def width(self) -> int:
        return 80

    def say(self, text: str, style: Style = "") -> None:
        pass

    def ask(self, prompt: Prompt) -> Any:
        self.events.put(("prompt", prompt))
        while True:
            move = self.moves.get(timeout=WAIT)
            if move is _INTERRUPT:
                raise KeyboardInterrupt
            if prompt.kind not in ("text", "checkbox") or move in (BACK, HELP):
                return move  # as the real terminal: it checks typed text and ticked boxes
            if prompt.validate is None:
                return move
            problem = prompt.validate(move)
            if problem is None:
                return move
            self.events.put(("refused", prompt))


class InterviewMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="modelo-servicio-machine-"))
        self.path = self.folder / "perfil.yaml"
        self.driver: Driver | None = None
        self.thread: threading.Thread | None = None
        self.prompt: Prompt | None = None
        self.finished = False
        self._start(resume=False, sets=("company.name=Acme",))

    # --- the interview in its thread ---------------------------------------------------

    def _start(self, resume: bool, sets: tuple[str, ...] = ()) -> None:
        driver = Driver()
        self.finished = False
        request = Request(path=self.path, lang="es", resume=resume, sets=sets)

        def walk() -> None:
            try:
                interactive(request, _advisor().kb, driver)
            except InterruptedByUser:
                driver.events.put(("interrupted", None))
            except BaseException as exc:  # the machine fails on it, with the exception
                driver.events.put(("crashed", exc))
            else:
                driver.events.put(("done", None))

        self.driver = driver
        self.thread = threading.Thread(target=walk, daemon=True)
        self.thread.start()
        self._next()

    def _next(self) -> None:
        """Wait for the interview's next move: a prompt, or the end of the walk."""
        assert self.driver is not None
        kind, value = self.driver.events.get(timeout=WAIT)
        if kind == "crashed":
            raise AssertionError(f"the interview crashed: {value!r}") from value
        if kind in ("prompt", "refused"):
            self.prompt = value
            return
        self.prompt = None
        assert self.thread is not None
        self.thread.join(timeout=WAIT)
        self.finished = kind == "done"

    def _move(self, move: Any) -> None:
        assert self.driver is not None
        self.driver.moves.put(move)
        self._next()

    def _saved(self) -> dict[str, Any]:
        data: dict[str, Any] = yamlio.load_single(self.path).data
        return data

    def teardown(self) -> None:
        if self.prompt is not None and self.driver is not None:
            self.driver.moves.put(_INTERRUPT)
            if self.thread is not None:
                self.thread.join(timeout=WAIT)
        shutil.rmtree(self.folder, ignore_errors=True)

    # --- the consultant's key presses ---------------------------------------------------

    @precondition(lambda self: self.prompt is not None)
    @rule()
    def enter(self) -> None:
        assert self.prompt is not None
        self._move("" if self.prompt.kind == "text" else self.prompt.default)

    @precondition(lambda self: self.prompt is not None)
    @rule(times=st.integers(1, 60))
    def accept_the_proposals(self, times: int) -> None:
        """Enter, Enter, Enter…: how a consultant goes through what the client agrees with
        (and how a run of the machine reaches the review and the end)."""
        for _ in range(times):
            if self.prompt is None:
                return
            self.enter()

    @precondition(lambda self: self.prompt is not None and self.prompt.kind == "text")
    @rule(text=TYPED)
    def type_text(self, text: str) -> None:
        self._move(text)

    @precondition(lambda self: self.prompt is not None and self.prompt.kind == "select")
    @rule(pick=st.integers(0, 50))
    def choose(self, pick: int) -> None:
        assert self.prompt is not None
        self._move(self.prompt.choices[pick % len(self.prompt.choices)][0])

    @precondition(lambda self: self.prompt is not None and self.prompt.kind == "checkbox")
    @rule(picks=st.sets(st.integers(0, 50), max_size=4))
    def tick(self, picks: set[int]) -> None:
        assert self.prompt is not None
        choices = self.prompt.choices
        self._move([choices[i % len(choices)][0] for i in sorted(picks)])

    @precondition(lambda self: self.prompt is not None)
    @rule()
    def back(self) -> None:
        self._move(BACK)

    @precondition(lambda self: self.prompt is not None)
    @rule()
    def help(self) -> None:
        self._move(HELP)

    @precondition(lambda self: self.prompt is not None)
    @rule()
    def ctrl_c_resume_ctrl_c(self) -> None:
        """Ctrl-C, ``--resume``, Ctrl-C at once: the file holds the same answers."""
        self._move(_INTERRUPT)
        assert not self.finished
        if not self.path.exists():  # nothing answered yet: nothing to keep
            self._start(resume=False, sets=("company.name=Acme",))
            return
        before = self._saved()
        self._start(resume=True)
        if self.prompt is not None:
            self._move(_INTERRUPT)
            assert _answers(self._saved()) == _answers(before)
        self._start(resume=True)

    @precondition(lambda self: self.prompt is not None and self.path.exists())
    @rule(active=st.integers(0, 10**6))
    def resume_with_set(self, active: int) -> None:
        """Ctrl-C, then ``--resume --set customers.active=N``: that answer changes, no other."""
        self._move(_INTERRUPT)
        before = self._saved()
        self._start(resume=True, sets=(f"customers.active={active}",))
        if self.prompt is not None:
            self._move(_INTERRUPT)
        after = self._saved()
        assert after["customers"]["active"] == active
        assert {k: v for k, v in _answers(after).items() if k != "customers"} == {
            k: v for k, v in _answers(before).items() if k != "customers"
        }
        self._start(resume=True)

    @precondition(lambda self: self.prompt is None)
    @rule()
    def open_the_finished_file_again(self) -> None:
        self._start(resume=True)

    # --- what holds after every move ----------------------------------------------------

    @invariant()
    def the_counter_never_overshoots(self) -> None:
        if self.prompt is not None:
            for n, total in _COUNT.findall(self.prompt.header):
                assert int(n) <= int(total), self.prompt.header

    @invariant()
    def the_file_is_always_a_profile_the_tool_reads(self) -> None:
        if self.path.exists() and self.prompt is None and self.finished:
            profile = load_profile(self.path)
            assert _advisor().advise(profile, "es").recommendation.model
        elif self.path.exists():
            assert isinstance(self._saved(), dict)


def _answers(data: dict[str, Any]) -> dict[str, Any]:
    """The answers of a saved file, without the interview's own bookkeeping."""
    return {k: v for k, v in data.items() if k != "interview"}


InterviewMachine.TestCase.settings = settings(
    max_examples=12,
    stateful_step_count=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_the_interview_holds_whatever_the_consultant_does = InterviewMachine.TestCase


def test_the_machine_can_reach_the_end() -> None:
    """The machine's own plumbing: accepting every proposal finishes the interview, and the
    file scores (so runs that press Enter long enough test the end too)."""
    machine = InterviewMachine()
    try:
        for _ in range(6):
            machine.accept_the_proposals(60)
        assert machine.finished and machine.prompt is None
        machine.the_file_is_always_a_profile_the_tool_reads()
        machine.open_the_finished_file_again()
        assert machine.prompt is not None  # the review of the finished interview
    finally:
        machine.teardown()
