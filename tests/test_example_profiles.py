"""Each example profile gets the recommendation a seasoned consultant would give."""

from __future__ import annotations

import pytest

from modelo_servicio.domain.profile_io import load_profile
from modelo_servicio.engine.scoring import Engine

from .conftest import PROFILES, packaged_advisor

MODEL_IDS = packaged_advisor().catalogue.models

EXPECTED = {
    "joyeria-alba": "in-depth",
    "kiosko-24h": "convenient",
    "taller-bicis": "one-team",
    "telerecambios": "one-to-one",
    "ayuntamiento": "redirected",
    # 9.5 help-centre sessions per assisted contact: self-service plus online service for
    # the email and chat that remain (self-service alone from 15 sessions per contact)
    "nubefactura": "hybrid",
    "moda-online": "online",
    "deportes-omnicanal": "hybrid",
    # installers (35 % of contacts, 180 accounts, big consultative orders) want an account
    # manager; households at the counter want a quick answer: each segment its own model
    "suministros-levante": "hybrid",
}


def test_every_profile_has_an_expectation() -> None:
    assert sorted(p.stem for p in PROFILES.glob("*.yaml")) == sorted(EXPECTED)
    assert sorted(set(EXPECTED.values())) == sorted(set(MODEL_IDS) - {"self-service"})


@pytest.mark.parametrize(("name", "model"), sorted(EXPECTED.items()))
def test_recommendation(name: str, model: str, engine: Engine) -> None:
    evaluation = engine.evaluate(load_profile(PROFILES / f"{name}.yaml"))
    assert evaluation.ranking[0] == model
    assert evaluation.best.feasible
    assert evaluation.margin >= 5


def test_omnichannel_components_follow_the_seed_example(engine: Engine) -> None:
    evaluation = engine.evaluate(load_profile(PROFILES / "deportes-omnicanal.yaml"))
    components = {c.model: c.channels for c in evaluation.scores["hybrid"].components}
    assert "in_person" in components["one-to-one"]
    assert "self_service" in components["self-service"]
    assert "chat" in components["online"]
