"""The advice beyond the ranking: assisted contacts apart from self-service sessions, the model
per channel (grouped by model before the floor), the ideal before cost and what fits now."""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from modelo_servicio.app.advisor import Advisor
from modelo_servicio.cli.app import app
from modelo_servicio.domain.profile_io import profile_from_data
from modelo_servicio.engine.scoring import Engine

from .conftest import PROFILES

BAKERY: dict[str, Any] = {
    "company": {"name": "Horno", "locations": 1, "sells_online": True},
    "customers": {"ticket": "low", "complexity": "low", "journey": "repeat", "active": 1800},
    "demand": {"contacts_per_month": {"in_person": 2400, "phone": 150, "chat": 450, "email": 250}},
    "organization": {"departments": 1, "inquiry_variety": "low"},
    "staff": [
        {"name": "Pilar", "channels": ["in_person", "phone"], "skills": {"technology": 2}},
        {"name": "Dani", "channels": ["in_person"], "skills": {"technology": 5, "writing": 4}},
        {"name": "Lucía", "channels": ["in_person"], "skills": {"technology": 5, "writing": 5}},
    ],
    "constraints": {"budget": "medium", "hiring": "limited"},
}


def test_sessions_are_no_contacts(engine: Engine) -> None:
    profile = profile_from_data(
        {
            "company": {"name": "T"},
            "demand": {"contacts_per_month": {"in_person": 100, "self_service": 10000}},
        },
        "<test>",
    )
    ctx = engine.evaluate(profile).context
    assert ctx["facts.total_contacts"] == 100
    assert ctx["facts.share_in_person"] == 1.0
    assert ctx["facts.sessions_per_contact"] == 100.0
    assert ctx["facts.deflection_share"] == pytest.approx(10000 / 10100, abs=1e-4)
    assert "facts.share_self_service" not in ctx


def test_versatility_reads_the_skills_of_each_persons_channels(engine: Engine) -> None:
    floor = {"product": 4, "empathy": 4, "speaking": 4, "writing": 1, "technology": 1}
    staff = [{"name": n, "channels": ["in_person"], "skills": floor} for n in ("A", "B")]
    profile = profile_from_data(
        {
            "company": {"name": "T"},
            "demand": {"contacts_per_month": {"in_person": 900}},
            "organization": {"team_size": 12},
            "staff": staff,
        },
        "<test>",
    )
    ctx = engine.evaluate(profile).context
    assert ctx["facts.team_channel_versatility"] == 4.0
    assert ctx["facts.team_min_skill_avg"] == 1.0
    assert ctx["facts.team_size"] == 12
    assert ctx["facts.staff_count"] == 2


def test_chat_and_email_together_form_the_online_component(engine: Engine) -> None:
    """Chat (14%) and email (8%) are each under the 15% floor; grouped by model they are an
    online component: the seed's two tech-savvy assistants take the web orders."""
    evaluation = engine.evaluate(profile_from_data(BAKERY, "<test>"), ideal=True)
    assert evaluation.ranking[0] == "hybrid"
    parts = {c.model: set(c.channels) for c in evaluation.best.components}
    assert parts["online"] == {"chat", "email"}
    assert "in_person" in next(chs for m, chs in parts.items() if m != "online")
    served = {c.channel: c for c in engine.channel_models(evaluation)}
    assert served["email"].model == "online" and served["email"].component


def test_the_ideal_that_does_not_fit_names_what_fits_now_and_the_path(
    advisor: Advisor,
) -> None:
    data = {
        "company": {"name": "Joyas"},
        "customers": {
            "ticket": "luxury",
            "journey": "consultative",
            "preference": "personal",
            "active": 1600,
        },
        "demand": {"contacts_per_month": {"in_person": 700, "phone": 300, "email": 150}},
        "staff": [{"name": "Rocío"}, {"name": "Bruno"}],
        "constraints": {"budget": "low", "hiring": "none"},
    }
    result = advisor.advise(profile_from_data(data, "<test>"), "en")
    rec = result.recommendation
    assert rec.ideal is not None
    assert rec.ideal.model == "in-depth"
    assert rec.ideal.fits is False
    assert rec.ideal.reasons
    assert rec.model != "in-depth"
    assert rec.robust is False
    assert rec.path[0].startswith("Start now with")
    assert rec.path[-1].startswith("Move to the In-depth personal service model")


def test_the_json_carries_channels_ideal_and_path(runner: CliRunner) -> None:
    out = runner.invoke(
        app, ["score", str(PROFILES / "deportes-omnicanal.yaml"), "--format", "json"]
    )
    assert out.exit_code == 0, out.output
    rec = json.loads(out.output)["recommendation"]
    assert {"model", "components", "margin", "robust"} <= set(rec)
    rows = {row["channel"]: row for row in rec["channels"]}
    assert rows["chat"]["model"] == "online"
    assert rows["in_person"]["model"] == "one-to-one"
    assert 0 < rows["chat"]["share"] < 1
    assert {"model", "components", "fits", "reasons"} <= set(rec["ideal"])
    assert isinstance(rec["path"], list)


@pytest.mark.parametrize(
    ("lang", "wanted"),
    [
        ("es", ["Modelo por canal", "Modelo ideal (antes de costes)"]),
        ("en", ["Model per channel", "Ideal model (before cost)"]),
    ],
)
@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_table_and_report_show_channels_and_the_ideal(
    runner: CliRunner, lang: str, wanted: list[str], fmt: str
) -> None:
    out = runner.invoke(
        app,
        ["score", str(PROFILES / "joyeria-alba.yaml"), "--format", fmt, "--lang", lang],
    )
    assert out.exit_code == 0, out.output
    for text in wanted:
        assert text in out.output
