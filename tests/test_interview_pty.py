"""Smoke test of the installed ``modelo-servicio interview`` in a real pseudo-terminal."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pexpect
import pytest

from modelo_servicio.domain import yamlio

COMMAND = Path(sys.executable).parent / "modelo-servicio"
PROMPT = r"pregunta \d+/\d+|sección \d/\d · equipo"

pytestmark = pytest.mark.skipif(not COMMAND.exists(), reason="command not installed")


def spawn(*args: str, cwd: Path) -> pexpect.spawn:
    # pexpect does not answer cursor-position requests; without this each prompt waits for one
    env = {**os.environ, "TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1"}
    env.pop("MODELO_SERVICIO_LANG", None)
    child = pexpect.spawn(
        str(COMMAND),
        ["interview", *args],
        cwd=str(cwd),
        env=env,
        dimensions=(30, 80),
        encoding="utf-8",
        timeout=30,
    )
    child.delaybeforesend = None
    return child


def test_enter_through_the_installed_command(tmp_path: Path) -> None:
    child = spawn("perfil.yaml", cwd=tmp_path)
    child.expect("¿Cómo se llama la empresa?")
    child.send("Taller Rueda\r")
    for _ in range(80):
        if child.expect([r"Intro guarda", PROMPT]) == 0:
            break
        child.send("\r")
    for _ in range(20):  # the review is paged to the 30-line screen: Enter turns the pages
        child.send("\r")
        if child.expect([r"Modelo recomendado", r"Intro guarda"]) == 0:
            break
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    data = yamlio.load_single(tmp_path / "perfil.yaml").data
    assert data["company"]["name"] == "Taller Rueda"
    assert data["interview"]["complete"] is True


def test_ctrl_c_in_the_installed_command_saves_and_exits_130(tmp_path: Path) -> None:
    child = spawn("p.yaml", "--lang", "en", cwd=tmp_path)
    child.expect("What is the company called?")
    child.send("Kiosk\r")
    child.expect("What does it do?")
    child.sendcontrol("c")
    child.expect("--resume --lang en")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    data = yamlio.load_single(tmp_path / "p.yaml").data
    assert data["interview"] == {"complete": False, "answered": ["company-name"]}
