"""The interview driven through the real questionary prompts on a prompt_toolkit pipe input.

All keys are sent up front and the pipe is closed, so a test that runs out of keys ends with
EOF (handled like Ctrl-C) instead of hanging.
"""

from __future__ import annotations

import io
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output.vt100 import Vt100_Output

from modelo_servicio.domain import yamlio
from modelo_servicio.domain.errors import InterruptedByUser
from modelo_servicio.domain.i18n import Lang
from modelo_servicio.domain.profile_io import load_profile
from modelo_servicio.interview.interactive import interactive
from modelo_servicio.interview.screens import Prompt
from modelo_servicio.interview.session import Request, non_interactive
from modelo_servicio.interview.terminal import QuestionaryTerminal
from modelo_servicio.knowledge import load_kb

from .conftest import packaged_advisor

ENTER = "\r"
SHIFT_TAB = "\x1b[Z"
DOWN = "\x1b[B"
CTRL_C = "\x03"
CTRL_U = "\x15"
ALL_DEFAULTS = ENTER * 80
"""More Enters than there are questions: the first one at the review saves."""

_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[=>]|\r")


class RecordingTerminal(QuestionaryTerminal):
    """The real terminal, noting every message a validator gave (keys sent up front are
    processed faster than the screen is redrawn, so the screen may never show them)."""

    def __init__(self) -> None:
        super().__init__()
        self.refusals: list[str] = []

    def ask(self, prompt: Prompt) -> Any:
        check = prompt.validate
        if check is None:
            return super().ask(prompt)

        def noted(value: Any) -> str | None:
            message = check(value)
            if message is not None:
                self.refusals.append(message)
            return message

        return super().ask(replace(prompt, validate=noted))


def run(
    path: Path,
    keys: str,
    *,
    lang: Lang = "es",
    resume: bool = False,
    force: bool = False,
    sets: tuple[str, ...] = (),
    terminal: QuestionaryTerminal | None = None,
    rows: int = 200,
) -> tuple[Any, str]:
    """(the session, or the InterruptedByUser raised) and the screen text without escapes.
    The screen is tall enough for the whole review unless ``rows`` says otherwise (the paged
    review has tests of its own)."""
    screen = io.StringIO()
    output = Vt100_Output(screen, lambda: Size(rows=rows, columns=80), term="xterm")
    request = Request(path=path, lang=lang, resume=resume, force=force, sets=sets)
    result: Any
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        pipe.close()
        with create_app_session(input=pipe, output=output):
            try:
                result = interactive(request, load_kb(), terminal or QuestionaryTerminal())
            except InterruptedByUser as exc:
                result = exc
    return result, _ANSI.sub("", screen.getvalue())


def complete(path: Path, *sets: str) -> Path:
    """A finished interview file, made without prompts (``--defaults``) to keep tests quick."""
    non_interactive(Request(path=path, defaults=True, sets=("company.name=Acme", *sets)), load_kb())
    return path


def saved(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yamlio.load_single(path).data
    return data


def test_name_then_enter_everywhere_gives_a_complete_profile_that_scores(tmp_path: Path) -> None:
    path = tmp_path / "perfil.yaml"
    result, screen = run(path, "Joyería Alba" + ENTER + ALL_DEFAULTS)
    assert not isinstance(result, InterruptedByUser), screen
    data = saved(path)
    assert data["company"]["name"] == "Joyería Alba"
    assert data["interview"]["complete"] is True
    assert "company-name" in data["interview"]["answered"]
    volumes = data["demand"]["contacts_per_month"]
    assert volumes["in_person"] == 250 and volumes["phone"] == 150 and volumes["email"] == 60
    profile = load_profile(path)
    assert packaged_advisor().advise(profile, "es").recommendation.model
    assert "sección 1/6 · pregunta 1/5" in screen
    assert "✓ Empresa: Joyería Alba" in screen
    assert "Revisión de las respuestas" in screen


def test_a_rejected_answer_shows_the_model_message_and_can_be_corrected(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    keys = "Acme" + ENTER + ENTER + "abc" + ENTER + CTRL_U + "-2" + ENTER + CTRL_U + "3" + ENTER
    terminal = RecordingTerminal()
    result, _ = run(path, keys + CTRL_C, terminal=terminal)
    assert isinstance(result, InterruptedByUser)
    assert any("«abc» no se lee como un número" in r for r in terminal.refusals)
    assert "debe ser mayor o igual que 0" in terminal.refusals
    assert saved(path)["company"]["locations"] == 3


def test_an_empty_required_answer_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    terminal = RecordingTerminal()
    result, _ = run(path, ENTER + "Acme" + ENTER + CTRL_C, terminal=terminal)
    assert isinstance(result, InterruptedByUser)
    assert terminal.refusals == ["no puede estar vacío"]
    assert saved(path)["company"]["name"] == "Acme"


def test_back_with_shift_tab_and_with_less_than(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    keys = (
        "Acme" + ENTER + "<" + ENTER  # '<' typed at the sector question: back to the name
        # the name keeps its answer on Enter; sector, locations 2
        + ENTER + "tienda" + ENTER + "2" + ENTER
        + SHIFT_TAB  # from "sells online" back to locations
        + "5" + ENTER
        + "<"  # '<' as a key in a list: back to locations again
        + ENTER  # keeps 5
        + "s"  # sells online: yes
        + CTRL_C
    )  # fmt: skip
    result, screen = run(path, keys)
    assert isinstance(result, InterruptedByUser)
    data = saved(path)
    assert data["company"] == {
        "name": "Acme",
        "sector": "tienda",
        "locations": 5,
        "sells_online": True,
        "field_service": False,
    }
    assert screen.index("Locales con atención en persona: 2") < screen.index(
        "Locales con atención en persona: 5"
    )
    assert data["interview"]["answered"] == [
        "company-name",
        "company-sector",
        "company-locations",
        "company-online",
    ]


def test_back_at_the_first_question_says_so(tmp_path: Path) -> None:
    _, screen = run(tmp_path / "p.yaml", SHIFT_TAB + CTRL_C)
    assert "Esta es la primera pregunta" in screen


def test_help_on_demand_in_text_and_list_prompts(tmp_path: Path) -> None:
    keys = "?" + ENTER + "Acme" + ENTER + ENTER + ENTER + "?" + CTRL_C
    _, screen = run(tmp_path / "p.yaml", keys)
    words = " ".join(screen.split())
    assert "Es la única respuesta obligatoria" in words
    assert "la atención digital pesa más en la recomendación" in words


def test_review_edit_brings_in_the_questions_it_makes_relevant(tmp_path: Path) -> None:
    path = complete(tmp_path / "p.yaml")
    assert "on_site" not in str(saved(path)["interview"]["answered"])
    keys = (
        "5" + ENTER  # review row 5: "Visitas a clientes"
        + "s"  # yes: now the on-site volume question applies
        + "7" + ENTER  # asked at once, then back to the review
        + ENTER  # and how long a visit lasts: the usual figure for the sector
        + "1" + ENTER + CTRL_U + "Acme Norte" + ENTER  # another edit: the name
        + ENTER  # save
    )  # fmt: skip
    result, screen = run(path, keys, resume=True)
    assert not isinstance(result, InterruptedByUser), screen
    data = saved(path)
    assert data["company"]["field_service"] is True
    assert data["company"]["name"] == "Acme Norte"
    assert data["demand"]["contacts_per_month"]["on_site"] == 7
    assert "demand-on-site" in data["interview"]["answered"]
    assert data["interview"]["complete"] is True
    assert screen.count("Revisión de las respuestas") == 3


def test_review_edit_that_hides_a_question_drops_its_answer(tmp_path: Path) -> None:
    path = complete(tmp_path / "p.yaml", "company.sells_online=true")
    assert "demand-chat" in saved(path)["interview"]["answered"]
    result, _ = run(path, "4" + ENTER + "n" + ENTER, resume=True)
    assert not isinstance(result, InterruptedByUser)
    data = saved(path)
    assert data["company"]["sells_online"] is False
    assert "demand-chat" not in data["interview"]["answered"]


def test_ctrl_c_saves_what_was_answered_and_resume_continues(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    result, _ = run(path, "Acme" + ENTER + "taller" + ENTER + "4" + ENTER + CTRL_C)
    assert isinstance(result, InterruptedByUser)
    assert result.exit_code == 130
    assert f"modelo-servicio interview {path} --resume" in result.render("es")
    data = saved(path)
    assert data["interview"] == {
        "complete": False,
        "answered": ["company-name", "company-sector", "company-locations"],
    }
    assert yamlio.read_text(path).startswith("# Entrevista sin terminar")
    assert load_profile(path).company.locations == 4

    resumed, screen = run(path, ALL_DEFAULTS, resume=True)
    assert not isinstance(resumed, InterruptedByUser), screen
    assert "Continuando una entrevista guardada (3 respuestas ya dadas)" in screen
    assert "sección 1/6 · pregunta 4/5" in screen
    assert "sección 1/6 · pregunta 3/5" not in screen
    data = saved(path)
    assert data["company"]["sector"] == "taller"
    assert data["company"]["locations"] == 4
    assert data["interview"]["complete"] is True


def test_ctrl_c_before_any_answer_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    result, _ = run(path, CTRL_C)
    assert isinstance(result, InterruptedByUser)
    assert "no se ha escrito nada" in result.render("es")
    assert not path.exists()


def test_staff_roster_one_person_at_a_time(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    to_staff = "Acme" + ENTER + ENTER * 33  # business, customers, demand, organisation
    person = (
        "s"  # record people: yes
        + "Ana" + ENTER + "asesora" + ENTER + "30" + ENTER
        + DOWN * 3 + " " + ENTER  # channels: the defaults plus email
        + "5" + "5" + "4" + "3" + "5" + "2" + "3"  # skills, one key each
        + ENTER + "n"  # languages as proposed, not open to training
        + "s"  # another person: yes
        + "ana" + ENTER  # same name: refused
        + CTRL_U + "Luis" + ENTER
    )  # fmt: skip
    terminal = RecordingTerminal()
    result, screen = run(path, to_staff + person + CTRL_C, terminal=terminal)
    assert isinstance(result, InterruptedByUser), screen
    assert terminal.refusals == [
        "el nombre 'ana' aparece dos veces en el equipo; use nombres distintos"
    ]
    staff = saved(path)["staff"]
    assert staff[0] == {
        "name": "Ana",
        "role": "asesora",
        "hours_per_week": 30.0,
        "channels": ["in_person", "phone", "email"],
        "skills": {
            "product": 5,
            "empathy": 5,
            "problem_solving": 4,
            "writing": 3,
            "speaking": 5,
            "technology": 2,
            "multitasking": 3,
        },
        "languages": ["es"],
        "open_to_training": False,
    }
    assert staff[1]["name"] == "Luis"
    assert "sección 5/6 · Ana · pregunta 2/13" in screen


def test_review_adds_and_removes_people(tmp_path: Path) -> None:
    path = complete(tmp_path / "p.yaml")
    keys = "+" + ENTER + "Eva" + ENTER + ENTER * 12 + "+" + ENTER + "Juan" + ENTER + ENTER * 12
    keys += "-1" + ENTER + ENTER
    result, screen = run(path, keys, resume=True)
    assert not isinstance(result, InterruptedByUser), screen
    assert [p["name"] for p in saved(path)["staff"]] == ["Juan"]
    assert "Se ha quitado a Eva del equipo" in screen


def test_an_existing_file_is_not_overwritten_without_asking(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("company: {name: Previa}\n", encoding="utf-8")
    result, screen = run(path, DOWN * 2 + ENTER)
    assert isinstance(result, InterruptedByUser)
    assert "No se ha modificado" in result.render("es")
    assert path.read_text(encoding="utf-8") == "company: {name: Previa}\n"
    assert "ya existe. ¿Qué quiere hacer?" in " ".join(screen.split())

    result, _ = run(path, DOWN + ENTER + CTRL_C)  # start again, quit before answering
    assert path.read_text(encoding="utf-8") == "company: {name: Previa}\n"

    result, screen = run(path, ENTER + ENTER + CTRL_C)  # continue: the name is kept
    assert isinstance(result, InterruptedByUser)
    assert "sección 1/6 · pregunta 2/5" in screen
    assert "sección 1/6 · pregunta 1/5" not in screen
    data = saved(path)
    assert data["company"]["name"] == "Previa"
    assert data["interview"]["answered"] == ["company-name", "company-sector"]


def test_set_answers_are_given_before_the_first_question(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    sets = ("company.name=Preset", "company.locations=0", "demand.targets.service_level=0,9")
    keys = ENTER + SHIFT_TAB + SHIFT_TAB + ENTER + CTRL_C  # back to the name, Enter keeps it
    result, screen = run(path, keys, sets=sets)
    assert isinstance(result, InterruptedByUser)
    assert "sección 1/6 · pregunta 2/5" in screen  # the name was given: start at the sector
    assert "✓ Empresa: Preset" in screen
    data = saved(path)
    assert data["company"]["name"] == "Preset"
    assert data["company"]["locations"] == 0
    assert data["demand"]["targets"]["service_level"] == 0.9


@pytest.mark.parametrize("lang", ["es", "en"])
def test_screens_in_both_languages(tmp_path: Path, lang: Lang) -> None:
    _, screen = run(tmp_path / "p.yaml", "Acme" + ENTER + CTRL_C, lang=lang)
    if lang == "en":
        assert "What is the company called?" in screen
        assert "section 1/6 · question 2/5" in screen
        assert "✓ Company: Acme" in screen
    else:
        assert "¿Cómo se llama la empresa?" in screen
        assert "sección 1/6 · pregunta 2/5" in screen
    for line in screen.split("\n"):
        assert len(line) <= 80, line


def test_an_empty_checkbox_is_refused_where_the_model_needs_a_value(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    keys = "Acme" + ENTER * 12 + " " + ENTER + DOWN + " " + ENTER + CTRL_C
    terminal = RecordingTerminal()
    result, _ = run(path, keys, terminal=terminal)
    assert isinstance(result, InterruptedByUser)
    assert set(terminal.refusals) == {"faltan elementos (mínimo 1)"}
    assert saved(path)["customers"]["languages"] == ["en"]


def test_a_company_serving_both_may_describe_businesses_apart(tmp_path: Path) -> None:
    """The businesses' own answers follow the segment question; Enter at their share keeps
    one set of answers, a share brings the businesses' questions (channels ticked)."""
    path = tmp_path / "p.yaml"
    sets = ("company.name=Mayorista", "customers.segment=both")
    to_share = ENTER * 12  # from the sector to the customers' languages, all proposed
    # each list starts on the empty answer, listed last: Down wraps round to the first
    keys = to_share + DOWN * 3 + ENTER + "180" + ENTER  # about a third; 180 businesses
    keys += DOWN * 3 + ENTER + DOWN * 3 + ENTER + DOWN * 3 + ENTER + DOWN * 4 + ENTER
    keys += DOWN + " " + DOWN * 2 + " " + ENTER + CTRL_C  # the phone and email
    terminal = RecordingTerminal()
    result, screen = run(path, keys, sets=sets, terminal=terminal)
    assert isinstance(result, InterruptedByUser), screen
    assert terminal.refusals == []
    assert saved(path)["customers"]["segments"] == {
        "businesses": {
            "share": 0.35,
            "active": 180,
            "ticket": "high",
            "complexity": "high",
            "journey": "consultative",
            "preference": "personal",
            "channels": ["phone", "email"],
        }
    }
    alike = tmp_path / "alike.yaml"
    result, screen = run(alike, to_share + ENTER + CTRL_C, sets=sets)
    assert "Parte de los contactos (empresas): empresas y particulares se parecen" in screen
    assert "segments" not in saved(alike)["customers"]
    assert "Clientes activos (empresas)" not in screen
