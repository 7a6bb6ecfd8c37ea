"""``template staff.csv`` and ``interview --staff roster.csv``: the documented template, row
by row checks with line numbers, and a 12-person team interviewed in under 60 prompts."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

from prompt_toolkit.application import create_app_session
from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output.vt100 import Vt100_Output
from typer.testing import CliRunner

from modelo_servicio.cli.app import app
from modelo_servicio.domain import yamlio
from modelo_servicio.interview.interactive import interactive
from modelo_servicio.interview.roster import columns, read_roster
from modelo_servicio.interview.screens import Prompt
from modelo_servicio.interview.session import Request
from modelo_servicio.interview.terminal import QuestionaryTerminal
from modelo_servicio.knowledge import load_kb

from .conftest import packaged_advisor

CATALOGUE = packaged_advisor().catalogue
COLUMNS = columns(CATALOGUE.skills)

GOLDEN = Path(__file__).resolve().parent / "golden" / "template"
TEAM = [f"Persona {n},dependiente,40,in_person|phone,3,4,3,3,4,3,3,es,sí" for n in range(1, 13)]


def roster(tmp_path: Path, rows: list[str]) -> Path:
    path = tmp_path / "roster.csv"
    path.write_text(",".join(COLUMNS) + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_template_is_written_and_pinned(tmp_path: Path) -> None:
    out = tmp_path / "staff.csv"
    for lang in ("es", "en"):
        result = CliRunner().invoke(app, ["template", str(out), "--lang", lang])
        assert result.exit_code == 0, result.output
        assert str(out) in result.stderr
        golden = GOLDEN / f"staff.{lang}.csv"
        if os.environ.get("UPDATE_GOLDEN") == "1":
            golden.parent.mkdir(parents=True, exist_ok=True)
            golden.write_text(out.read_text(encoding="utf-8"), encoding="utf-8")
        assert out.read_text(encoding="utf-8") == golden.read_text(encoding="utf-8")
    people = read_roster(out, "en", CATALOGUE)
    assert people[0]["name"] == "Ana"
    assert people[0]["channels"] == ["in_person", "phone"]
    assert people[0]["skills"]["product"] == 4 and people[0]["open_to_training"] is True


def test_roster_rows_are_checked_with_their_line(tmp_path: Path) -> None:
    path = roster(
        tmp_path,
        [
            "Ana,dependienta,40,in_person,3,3,3,3,3,3,3,es,yes",
            "Luis,,45,in_person|fax,3,3,3,9,3,3,3,es,no",
            ",x,30,,3,3,3,3,3,3,3,es,no",
        ],
    )
    args = ["interview", str(tmp_path / "p.yaml"), "--staff", str(path), "--defaults"]
    result = CliRunner().invoke(app, [*args, "--lang", "en"])
    assert result.exit_code == 2
    assert f"{path}:3: skills.writing: must be less than or equal to 5" in result.stderr
    assert f"{path}:3: channels.1: invalid value" in result.stderr
    assert f"{path}:4: name: the person's name is missing" in result.stderr
    assert f"{path}:2:" not in result.stderr
    assert not (tmp_path / "p.yaml").exists()


def test_semicolon_roster_from_a_spanish_spreadsheet(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes(
        ("\ufeff" + ";".join(COLUMNS) + "\nAna;x;37,5;chat;3;3;3;3;3;3;3;es;sí\n").encode()
    )
    assert read_roster(path, "es", CATALOGUE)[0]["hours_per_week"] == 37.5


def test_roster_with_defaults_writes_every_person(tmp_path: Path) -> None:
    path = roster(tmp_path, TEAM)
    out = tmp_path / "p.yaml"
    args = ["interview", str(out), "--staff", str(path), "--defaults", "--set", "company.name=Acme"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.stderr
    staff = yamlio.load_single(out).data["staff"]
    assert [p["name"] for p in staff] == [f"Persona {n}" for n in range(1, 13)]


class CountingTerminal(QuestionaryTerminal):
    def __init__(self) -> None:
        super().__init__()
        self.prompts = 0

    def ask(self, prompt: Prompt) -> Any:
        self.prompts += 1
        return super().ask(prompt)


QUESTIONS_BEFORE_STAFF = 34
"""The questions a default interview asks before the team (company, customers, demand,
organisation): every path below asks at least these, so a counter that missed prompts would
show fewer."""


def interview_counting(request: Request, keys: str) -> tuple[int, str]:
    """Run the interview on a 40-line screen with ``keys`` typed; the prompts it asked."""
    terminal = CountingTerminal()
    screen = io.StringIO()
    output = Vt100_Output(screen, lambda: Size(rows=40, columns=80), term="xterm")
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        pipe.close()
        with create_app_session(input=pipe, output=output):
            interactive(request, load_kb(), terminal)
    return terminal.prompts, screen.getvalue()


def test_a_twelve_person_team_in_under_60_prompts(tmp_path: Path) -> None:
    people = tuple(read_roster(roster(tmp_path, TEAM), "es", CATALOGUE))
    path = tmp_path / "perfil.yaml"
    prompts, screen = interview_counting(
        Request(path=path, lang="es", staff=people), "Acme\r" + "\r" * 300
    )
    data = yamlio.load_single(path).data
    assert data["interview"]["complete"] is True
    assert len(data["staff"]) == 12
    assert QUESTIONS_BEFORE_STAFF < prompts < 60, (prompts, screen[-3000:])


def test_a_twelve_person_team_typed_as_one_person_and_a_group_in_under_60_prompts(
    tmp_path: Path,
) -> None:
    """Without a roster: Ana typed in full, then "+11 como Ana" in the review (the group's
    names numbered after her job title), every other answer left at its proposal."""
    path = tmp_path / "perfil.yaml"
    keys = "Acme\r" + "\r" * (QUESTIONS_BEFORE_STAFF - 1)
    keys += "s" + "Ana\r" + "dependienta\r" + "\r" * 11  # register the team: Ana
    keys += "n" + "\r" * 6  # nobody else for now; the constraints
    keys += "+11 como Ana\r" + "\r" * 10  # the group, then through the review's pages
    prompts, screen = interview_counting(Request(path=path, lang="es"), keys)
    data = yamlio.load_single(path).data
    assert data["interview"]["complete"] is True
    names = [p["name"] for p in data["staff"]]
    assert names == ["Ana", *(f"Dependienta {n}" for n in range(1, 12))]
    assert {p["role"] for p in data["staff"]} == {"dependienta"}
    assert QUESTIONS_BEFORE_STAFF + 14 < prompts < 60, (prompts, screen[-3000:])


def test_ctrl_c_at_the_first_question_keeps_the_imported_roster(tmp_path: Path) -> None:
    """The roster is an answer the consultant brought: Ctrl-C before typing anything used to
    leave no file, and ``--resume`` started again without the twelve people."""
    from modelo_servicio.domain.errors import InterruptedByUser

    people = tuple(read_roster(roster(tmp_path, TEAM), "es", CATALOGUE))
    path = tmp_path / "perfil.yaml"
    request = Request(path=path, lang="es", staff=people, sets=("company.name=Acme",))
    output = Vt100_Output(io.StringIO(), lambda: Size(rows=40, columns=80), term="xterm")
    with create_pipe_input() as pipe:
        pipe.send_text("\x03")
        pipe.close()
        with create_app_session(input=pipe, output=output):
            try:
                interactive(request, load_kb(), QuestionaryTerminal())
            except InterruptedByUser as exc:
                assert "--resume" in str(exc.message)
            else:
                raise AssertionError("Ctrl-C did not interrupt")
    data = yamlio.load_single(path).data
    assert data["company"]["name"] == "Acme"
    assert [p["name"] for p in data["staff"]] == [f"Persona {n}" for n in range(1, 13)]
    assert data["interview"]["complete"] is False
