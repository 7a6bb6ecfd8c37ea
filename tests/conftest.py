"""Shared fixtures: the packaged knowledge base compiled into an Advisor and a CLI runner."""

from __future__ import annotations

import os
import shutil
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from modelo_servicio.app.advisor import Advisor
from modelo_servicio.app.cache import ENV_CACHE
from modelo_servicio.domain.profile import Profile
from modelo_servicio.domain.profile_io import profile_from_data
from modelo_servicio.engine.scoring import Engine
from modelo_servicio.knowledge import KnowledgeBase

# The compiled Advisor's disk cache goes to a folder of this test session, never the user's.
_CACHE = tempfile.mkdtemp(prefix="modelo-servicio-test-cache-")
os.environ[ENV_CACHE] = _CACHE

ROOT = Path(__file__).resolve().parent.parent
PROFILES = ROOT / "profiles"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@cache
def packaged_advisor() -> Advisor:
    """The packaged knowledge base, compiled once for the whole test session (for helpers
    that are no fixtures; tests take the ``advisor`` fixture)."""
    return Advisor.build()


@pytest.fixture(scope="session")
def advisor() -> Advisor:
    return packaged_advisor()


@pytest.fixture(scope="session")
def kb(advisor: Advisor) -> KnowledgeBase:
    return advisor.kb


@pytest.fixture(scope="session")
def engine(advisor: Advisor) -> Engine:
    return advisor.engine


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def make_profile(**sections: Any) -> Profile:
    """A valid profile from partial sections; ``company.name`` defaults to 'Test'."""
    data: dict[str, Any] = {"company": {"name": "Test"}}
    for key, value in sections.items():
        if isinstance(value, dict) and isinstance(data.get(key), dict):
            data[key] = {**data[key], **value}
        else:
            data[key] = value
    return profile_from_data(data, "<test>", packaged_advisor().catalogue)


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(_CACHE, ignore_errors=True)
