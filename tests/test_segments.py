"""Customer segments advised apart (``customers.segments``): each segment scored on its own
answers, served apart when they differ, folded back when one is too small or they agree."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from modelo_servicio.cli.app import app
from modelo_servicio.domain import yamlio
from modelo_servicio.domain.errors import ProfileError
from modelo_servicio.domain.profile_io import profile_from_data
from modelo_servicio.domain.segments import segment_views
from modelo_servicio.engine.scoring import Engine
from modelo_servicio.engine.sensitivity import Plans, analyse
from modelo_servicio.knowledge.loader import KnowledgeBase
from modelo_servicio.planning.kb import dedicated_share
from modelo_servicio.planning.roles import dedicated_customers

from .conftest import packaged_advisor
from .test_robustness import reference

# An electrical and plumbing wholesaler: households at two trade counters, installers who
# order big, slowly and want an adviser who knows their projects.
TWO_KINDS: dict[str, Any] = {
    "company": {"name": "Mayorista", "locations": 2, "sells_online": True},
    "customers": {
        "active": 6000,
        "segment": "both",
        "ticket": "low",
        "journey": "repeat",
        "preference": "fast",
        "segments": {
            "consumers": {"share": 0.65, "channels": ["in_person", "phone", "chat"]},
            "businesses": {
                "share": 0.35,
                "active": 180,
                "ticket": "high",
                "complexity": "high",
                "journey": "consultative",
                "preference": "personal",
                "channels": ["phone", "email", "on_site"],
            },
        },
    },
    "demand": {
        "contacts_per_month": {
            "in_person": 2500,
            "phone": 1200,
            "email": 400,
            "on_site": 60,
            "chat": 300,
        }
    },
    "organization": {"departments": 2, "inquiry_variety": "high"},
}


def with_segments(**segments: Any) -> dict[str, Any]:
    data = copy.deepcopy(TWO_KINDS)
    data["customers"]["segments"] = segments
    return data


def test_each_segment_is_scored_on_its_own_answers_and_served_apart(engine: Engine) -> None:
    evaluation = engine.evaluate(profile_from_data(TWO_KINDS, "<test>"))
    by_segment = {c.segment: c for c in evaluation.segments}
    assert by_segment["businesses"].model == "in-depth"
    assert by_segment["consumers"].model == "one-to-one"
    assert all(c.apart for c in evaluation.segments)
    assert evaluation.ranking[0] == "hybrid"
    parts = {c.model: c for c in evaluation.best.components}
    assert parts["in-depth"].segments == ("businesses",)
    assert parts["in-depth"].channels == ("phone", "on_site", "email")
    assert parts["one-to-one"].segments == ("consumers",)
    assert sum(c.share for c in parts.values()) == pytest.approx(1.0)
    # the company-wide answers (low ticket, quick answers) alone never pick in-depth
    assert evaluation.scores["in-depth"].score < 20


def test_the_hybrids_base_weighs_segment_components_by_their_share(engine: Engine) -> None:
    evaluation = engine.evaluate(profile_from_data(TWO_KINDS, "<test>"))
    hybrid = evaluation.scores["hybrid"]
    expected = sum(c.score * c.share for c in hybrid.components)
    assert hybrid.base == pytest.approx(round(expected, 1))
    assert hybrid.base < max(c.score for c in hybrid.components)


def test_a_segment_under_the_component_share_is_served_with_the_rest(engine: Engine) -> None:
    data = copy.deepcopy(TWO_KINDS)
    data["customers"]["segments"]["businesses"]["share"] = 0.1
    data["customers"]["segments"]["consumers"]["share"] = 0.9
    evaluation = engine.evaluate(profile_from_data(data, "<test>"))
    assert [c.segment for c in evaluation.segments] == ["consumers", "businesses"]
    assert not any(c.apart for c in evaluation.segments)
    assert all(not c.by_segment for c in evaluation.scores["hybrid"].components)


def test_segments_that_agree_are_not_served_apart(engine: Engine) -> None:
    alike = {"ticket": "low", "journey": "repeat", "preference": "fast"}
    data = with_segments(consumers={"share": 0.5, **alike}, businesses={"share": 0.5, **alike})
    evaluation = engine.evaluate(profile_from_data(data, "<test>"))
    assert len({c.model for c in evaluation.segments}) == 1
    assert not any(c.apart for c in evaluation.segments)


def test_without_segments_nothing_changes(engine: Engine) -> None:
    data = copy.deepcopy(TWO_KINDS)
    del data["customers"]["segments"]
    evaluation = engine.evaluate(profile_from_data(data, "<test>"))
    assert evaluation.segments == []
    assert evaluation.ranking[0] != "hybrid"


def test_one_described_segment_leaves_the_rest_to_the_company_answers() -> None:
    views = segment_views(
        {
            "customers.segment": "both",
            "customers.active": 6000,
            "customers.ticket": "low",
            "customers.segments.businesses.share": 0.3,
            "customers.segments.businesses.active": 200,
            "customers.segments.businesses.ticket": "high",
            "customers.segments.businesses.channels": ["phone"],
            "demand.contacts_per_month.phone": 100,
            "demand.contacts_per_month.in_person": 900,
        }
    )
    consumers, businesses = views
    assert (consumers.share, consumers.active, consumers.described) == (0.7, 5800, False)
    assert consumers.changes == {"customers.segment": "consumers", "customers.active": 5800}
    assert businesses.changes == {
        "customers.segment": "businesses",
        "customers.active": 200,
        "customers.ticket": "high",
        "demand.contacts_per_month.in_person": 0,
    }
    assert businesses.channels == ("phone",)


def test_segments_count_only_for_a_company_serving_both() -> None:
    assert segment_views({"customers.segment": "consumers"}) == []
    assert segment_views({"customers.segment": "both", "customers.active": 10}) == []


def test_fast_rescoring_agrees_with_full_evaluation_on_segments(engine: Engine) -> None:
    evaluation = engine.evaluate(profile_from_data(TWO_KINDS, "<test>"))
    fast = analyse(Plans(engine), evaluation).flips
    assert sorted((f.field, f.value, f.model) for f in fast) == sorted(
        reference(engine, evaluation)
    )
    tried = {f.field for f in fast}
    assert "customers.segment" in tried  # ignoring the segments leaves one model


def test_dedicated_advisers_follow_each_segment(kb: KnowledgeBase) -> None:
    profile = profile_from_data(TWO_KINDS, "<test>")
    share = dedicated_share(kb)
    assert share is not None
    # 180 installers with a high, consultative ticket; households at low ticket need none
    expected = 180 * share.by_ticket["high"] * share.by_journey["consultative"]
    assert dedicated_customers(profile, share) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {**TWO_KINDS, "customers": {**TWO_KINDS["customers"], "segment": "consumers"}},
            "customers.segments: describes customer segments, but customers.segment is 'consumers'",
        ),
        (
            with_segments(consumers={"share": 0.5}, businesses={"share": 0.3}),
            "customers.segments: the two segments' shares add up to 80%",
        ),
        (
            with_segments(businesses={"ticket": "high"}),
            "customers.segments.businesses: share is missing",
        ),
        (
            with_segments(businesses={"share": 0.3, "channels": ["fax"]}),
            "customers.segments.businesses.channels.0",
        ),
    ],
)
def test_segment_mistakes_are_located(data: dict[str, Any], message: str) -> None:
    with pytest.raises(ProfileError) as caught:
        profile_from_data(data, "<test>", packaged_advisor().catalogue)
    assert message in caught.value.render("en")


def test_the_packaged_knowledge_base_reads_segments() -> None:
    assert packaged_advisor().engine.evaluate(profile_from_data(TWO_KINDS, "<test>")).segments


def test_explain_shows_a_segment_scored_on_its_own_answers(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "mayorista.yaml"
    path.write_text(yamlio.dump({"schema_version": 1, **TWO_KINDS}), encoding="utf-8")
    args = ["explain", str(path), "--segment", "businesses", "--model", "in-depth"]
    result = runner.invoke(app, [*args, "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "Segment: businesses (35% of the contacts people answer)" in result.output
    assert "id-key-accounts" in result.output  # 180 business accounts, on their own answers
    assert "customers.active = 180" in result.output
    assert "robust" not in result.output  # the company's verdict is not the segment's
    company = runner.invoke(app, ["explain", str(path), "--model", "in-depth", "--lang", "en"])
    assert "[in-depth]: 5/100" in company.output  # the households' answers blended in
    assert "[in-depth]: 5/100" not in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--segment", "busines"],
            "no segment 'busines'; the profile's are: consumers, businesses",
        ),
        (["--segment", "businesses", "--model", "hybrid"], "hybrid is not scored per segment"),
    ],
)
def test_explain_segment_mistakes_are_usage_errors(
    runner: CliRunner, tmp_path: Path, args: list[str], message: str
) -> None:
    path = tmp_path / "mayorista.yaml"
    path.write_text(yamlio.dump({"schema_version": 1, **TWO_KINDS}), encoding="utf-8")
    result = runner.invoke(app, ["explain", str(path), *args, "--lang", "en"])
    assert result.exit_code == 2
    assert message in result.stderr


def test_explain_segment_without_segments_says_so(runner: CliRunner, tmp_path: Path) -> None:
    data = copy.deepcopy(TWO_KINDS)
    del data["customers"]["segments"]
    path = tmp_path / "p.yaml"
    path.write_text(yamlio.dump({"schema_version": 1, **data}), encoding="utf-8")
    result = runner.invoke(app, ["explain", str(path), "--segment", "businesses"])
    assert result.exit_code == 2
    assert "el perfil no describe segmentos de clientes" in result.stderr


def test_a_channel_two_segments_share_splits_its_work_between_their_roles() -> None:
    """Installers' calls are account managers' work, households' calls the phone agents':
    the phone's FTE splits by the segments' shares, and nothing is counted twice."""
    advisor = packaged_advisor()
    result = advisor.advise(profile_from_data(TWO_KINDS, "<test>", advisor.catalogue), "en")
    staffing = result.plan.staffing
    roles = {r.role: r for r in staffing.roles}
    phone = next(c.fte for c in staffing.channels if c.channel == "phone")
    manager, agent = roles["account_manager"], roles["phone_agent"]
    assert manager.sized_by == "channels" and "phone" in manager.channels
    assert agent.required_fte == pytest.approx(phone * 0.65, abs=0.05)
    assert manager.required_fte > phone * 0.35  # its part of the phone, and of the e-mail
    assert "Phone (its part, 35%" in manager.basis
    channel_sized = sum(r.required_fte for r in staffing.roles if r.sized_by == "channels")
    assert channel_sized == pytest.approx(sum(c.fte for c in staffing.channels), abs=0.1)
