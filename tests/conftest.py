"""Shared fixtures: the packaged knowledge base, a compiled engine and a CLI runner."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from modelo_servicio.domain.profile import Profile
from modelo_servicio.domain.profile_io import profile_from_data
from modelo_servicio.engine.scoring import Engine, engine_for
from modelo_servicio.knowledge import KnowledgeBase, load_kb

ROOT = Path(__file__).resolve().parent.parent
PROFILES = ROOT / "profiles"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_kb()


@pytest.fixture(scope="session")
def engine(kb: KnowledgeBase) -> Engine:
    return engine_for(kb)


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
    return profile_from_data(data, "<test>")
