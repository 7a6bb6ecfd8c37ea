"""``--help`` stays fast because nothing heavy is imported on its path: checked in a fresh
interpreter through ``sys.modules`` (no timing, so the test cannot be flaky)."""

from __future__ import annotations

import subprocess
import sys

import pytest

NEVER = (
    "questionary",
    "prompt_toolkit",
    "yaml",
    "rich.table",
    "rich.console",
    "modelo_servicio.render",
    "modelo_servicio.knowledge",
    "modelo_servicio.engine.scoring",
    "modelo_servicio.domain.profile",
    "modelo_servicio.planning",
    "modelo_servicio.staffing",
    "modelo_servicio.interview",
)
"""Not even ``score --help`` may import these: they belong to commands that run."""

NOT_AT_TOP = (*NEVER, "pydantic", "rich")
"""Importing the app and its top-level ``--help`` import neither; Typer itself brings pydantic
in to parse a sub-command's options, so that is only checked here."""

RUN = """
import sys
from modelo_servicio.cli.app import app
sys.argv = ["modelo-servicio", *{argv!r}]
if sys.argv[1:]:
    try:
        app()
    except SystemExit:
        pass
print("\\n@@modules@@\\n" + "\\n".join(sorted(sys.modules)))
"""


def imported(*argv: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", RUN.format(argv=list(argv))],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(done.stdout.split("@@modules@@", 1)[1].split())


def heavy(modules: set[str], banned: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if any(m == b or m.startswith(f"{b}.") for b in banned))


def test_importing_the_app_imports_nothing_heavy() -> None:
    modules = imported()
    assert "modelo_servicio.cli.app" in modules
    assert heavy(modules, NOT_AT_TOP) == []


def test_top_level_help_imports_nothing_heavy() -> None:
    assert heavy(imported("--help"), NOT_AT_TOP) == []


@pytest.mark.parametrize(
    "argv",
    [("score", "--help"), ("rules", "test", "--help"), ("interview", "--help"), ("batch", "-h")],
)
def test_command_help_imports_no_renderer_knowledge_base_or_prompt(argv: tuple[str, ...]) -> None:
    assert heavy(imported(*argv), NEVER) == []


def test_the_check_would_catch_a_heavy_import() -> None:
    modules = imported("schema")
    assert heavy(modules, ("modelo_servicio.domain.profile", "pydantic"))
