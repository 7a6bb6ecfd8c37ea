"""The Advisor: one per knowledge base, nothing shared between two, an edited rule file seen
by the next one, and a built Advisor that survives pickling (batch workers, a disk cache)."""

from __future__ import annotations

import json
import pickle
import textwrap
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from typer.testing import CliRunner

from modelo_servicio.app.advisor import Advisor
from modelo_servicio.cli.app import app
from modelo_servicio.domain.catalogue import HYBRID
from modelo_servicio.domain.profile_io import load_profile, profile_from_data

from .conftest import PROFILES
from .test_properties import profile_data

PROFILE = PROFILES / "deportes-omnicanal.yaml"


def favour(folder: Path, model: str, points: int = 100) -> Path:
    """A rules folder whose one rule gives ``model`` ``points`` for every profile."""
    folder.mkdir(parents=True, exist_ok=True)
    text = f"""\
        kind: rules
        rules:
          - id: favour-everyone
            model: {model}
            points: {points}
            when: {{field: customers.active, gte: 0}}
            text: {{es: Favorito, en: Favourite}}
        """
    (folder / "favour.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def top(advisor: Advisor) -> str:
    return advisor.advise(load_profile(PROFILE), "en").recommendation.model


def test_two_advisors_of_different_rules_do_not_share_anything(tmp_path: Path) -> None:
    online = Advisor.build(favour(tmp_path / "a", "online"))
    in_depth = Advisor.build(favour(tmp_path / "b", "in-depth"))
    packaged = Advisor.build()
    first = [top(online), top(in_depth), top(packaged)]
    assert first[:2] == ["online", "in-depth"]
    assert first[2] not in first[:2]
    assert [top(online), top(in_depth), top(packaged)] == first  # asked again, interleaved
    assert online.version != in_depth.version != packaged.version


def test_two_rules_folders_in_one_process_through_the_cli(
    runner: CliRunner, tmp_path: Path
) -> None:
    def model(rules: Path) -> Any:
        command = ["score", str(PROFILE), "--format", "json", "--rules", str(rules)]
        result = runner.invoke(app, command)
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)["recommendation"]["model"]

    a, b = favour(tmp_path / "a", "online"), favour(tmp_path / "b", "one-team")
    assert [model(a), model(b), model(a)] == ["online", "one-team", "online"]


def test_an_edited_rule_file_is_seen_by_the_next_advisor(runner: CliRunner, tmp_path: Path) -> None:
    rules = favour(tmp_path, "online")
    assert top(Advisor.build(rules)) == "online"
    favour(tmp_path, "redirected")
    assert top(Advisor.build(rules)) == "redirected"
    (rules / "favour.yaml").write_text("kind: rules\nrules: []\n", encoding="utf-8")
    assert top(Advisor.build(rules)) == top(Advisor.build())
    checked = runner.invoke(app, ["rules", "check", "--rules", str(rules), "--lang", "en"])
    assert checked.exit_code == 0, checked.output
    packaged = Advisor.build()
    assert f"{len(packaged.kb.rules)} rules" in checked.stdout


def test_a_pickled_advisor_advises_exactly_as_the_one_it_was(advisor: Advisor) -> None:
    copy: Advisor = pickle.loads(pickle.dumps(advisor))
    for path in sorted(PROFILES.glob("*.yaml")):
        profile = load_profile(path)
        for lang in ("es", "en"):
            assert copy.advise(profile, lang) == advisor.advise(profile, lang)
        assert copy.explain(profile, "en", "hybrid") == advisor.explain(profile, "en", "hybrid")


@settings(max_examples=40, deadline=None, derandomize=True)
@given(profile_data())
def test_no_hybrid_scores_above_its_ceiling(advisor: Advisor, data: dict[str, Any]) -> None:
    """Robustness skips the hybrid's second pass when its ceiling is below the best base
    model; the ceiling must hold for any of its rules firing otherwise."""
    engine = advisor.engine
    evaluation = engine.evaluate(profile_from_data(data, "<generated>"))
    hybrid = evaluation.scores[HYBRID]
    every = {rule.id for rule in engine.rules[HYBRID]}
    assert engine.hybrid_ceiling(evaluation.scores, hybrid, every) >= hybrid.score
    assert engine.hybrid_ceiling(evaluation.scores, hybrid, set()) >= hybrid.score
