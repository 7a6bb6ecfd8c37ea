"""The reference set: real organisations and clear-cut companies, each with the model a
consultant would defend, written before the rules were tuned (``tests/reference/``).

Every file is a test. What is judged is the **ideal** model (the seed's step 3: the best model
before cost); a file may also expect that the ideal does not fit (``expect.fits: false``), in
which case the advice must name what fits now and a path. A win by fewer than
``FRAGILE_MARGIN`` points is reported as fragile in a warning and in the summary table printed
by ``test_overall_agreement`` (``pytest -rA tests/test_reference_set.py`` shows it), never
hidden. A disagreement that remains is listed in ``KNOWN_MISSES`` with the general signal that
is wrong; it runs as ``xfail(strict=True)``, so it fails loudly the day it starts to agree.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from modelo_servicio.app.advisor import advise
from modelo_servicio.domain.profile_io import profile_from_data
from modelo_servicio.domain.result import Result
from modelo_servicio.knowledge import KnowledgeBase, load_kb

REFERENCE = Path(__file__).resolve().parent / "reference"
FRAGILE_MARGIN = 5.0
REAL_THRESHOLD = 0.9
"""Share of the real organisations that must agree (the goal: 22 of 24 and better)."""
CLEAR_THRESHOLD = 1.0
"""Every clear-cut company must agree."""

KNOWN_MISSES: dict[str, str] = {
    "movistar-1004": (
        "self-service component threshold: 2.3 app sessions per call with a complete knowledge "
        "base make the help centre a component (self_service_component_sessions = 1, score >= "
        "50), while the consultant judged the 1004 call centre on its own; the trade's usual "
        "4:1 ratio suggests the threshold may be low for call-centre profiles"
    ),
    "bankinter": (
        "in-depth's mass-market rule reads the number of customers (90,000 companies), not how "
        "many each adviser keeps: business banking gives a manager a book of 100-250 firms, "
        "which no answer says (customers per person who serves the segment is missing), so "
        "the companies' segment goes to redirected by 4 points"
    ),
}
"""File stem -> the general signal that is wrong (each runs as a strict xfail)."""


@dataclass(frozen=True)
class Case:
    name: str
    kind: str
    expect: dict[str, Any]
    profile: dict[str, Any]


@dataclass(frozen=True)
class Verdict:
    case: Case
    model: str
    components: tuple[str, ...]
    margin: float
    fits: bool
    now: str
    agrees: bool
    detail: str


def _cases() -> list[Case]:
    out = []
    for path in sorted(REFERENCE.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        out.append(Case(path.stem, data["kind"], data["expect"], data["profile"]))
    return out


CASES = _cases()


@cache
def _kb() -> KnowledgeBase:
    return load_kb()


def _ideal(result: Result) -> tuple[str, tuple[str, ...], bool]:
    rec = result.recommendation
    ideal = getattr(rec, "ideal", None)
    if ideal is not None:
        return ideal.model, tuple(c.model for c in ideal.components), bool(ideal.fits)
    return rec.model, tuple(c.model for c in rec.components), True


def judge(case: Case, result: Result) -> Verdict:
    """Whether ``result`` agrees with what the consultant wrote down for ``case``."""
    model, components, fits = _ideal(result)
    expect = case.expect
    problems: list[str] = []
    if model != expect["model"]:
        problems.append(f"ideal {model}, expected {expect['model']}")
    elif model == "hybrid":
        left = list(components)
        for wanted in expect.get("components", []):
            options = wanted.split("|")
            hit = next((c for c in left if c in options), None)
            if hit is None:
                problems.append(f"no component among {wanted}")
            else:
                left.remove(hit)
        extra = [c for c in left if c not in expect.get("optional", [])]
        if extra:
            problems.append(f"unexpected components {extra}")
    if "fits" in expect and fits != expect["fits"]:
        problems.append(f"fits={fits}, expected {expect['fits']}")
    rec = result.recommendation
    if not fits and not rec.path:
        problems.append("the ideal does not fit but no path to it is given")
    return Verdict(
        case=case,
        model=model,
        components=components,
        margin=rec.ideal.margin if rec.ideal is not None else rec.margin,
        fits=fits,
        now=rec.model,
        agrees=not problems,
        detail="; ".join(problems),
    )


@cache
def verdict(name: str) -> Verdict:
    case = next(c for c in CASES if c.name == name)
    profile = profile_from_data(case.profile, f"{name}.yaml")
    return judge(case, advise(profile, _kb(), "en"))


def _params() -> list[Any]:
    out = []
    for case in CASES:
        marks = []
        if case.name in KNOWN_MISSES:
            marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_MISSES[case.name]))
        out.append(pytest.param(case.name, id=case.name, marks=marks))
    return out


def test_the_set_is_balanced() -> None:
    """At least 24 organisations; every model expected twice or more, hybrid four times."""
    assert len(CASES) >= 24
    counts: dict[str, int] = {}
    for case in CASES:
        counts[case.expect["model"]] = counts.get(case.expect["model"], 0) + 1
        assert case.kind in ("real", "clear-cut"), case.name
        assert case.expect.get("reason"), case.name
    models = _kb().models
    for model in models:
        assert counts.get(model, 0) >= (4 if model == "hybrid" else 2), model


@pytest.mark.parametrize("name", _params())
def test_reference_case(name: str) -> None:
    found = verdict(name)
    if found.agrees and found.margin < FRAGILE_MARGIN:
        warnings.warn(
            f"{name}: {found.model} agrees by only {found.margin:g} points (fragile)",
            stacklevel=1,
        )
    assert found.agrees, f"{name}: {found.detail} (margin {found.margin:g})"


def test_overall_agreement(capsys: pytest.CaptureFixture[str]) -> None:
    """The agreement over the whole set, with the table of every case and its margin."""
    verdicts = [verdict(case.name) for case in CASES]
    lines = [f"{'case':28} {'kind':9} {'expected':13} {'ideal':13} {'now':13} margin  verdict"]
    for v in verdicts:
        mark = "ok" if v.agrees else "MISS " + v.detail
        if v.agrees and v.margin < FRAGILE_MARGIN:
            mark = "ok (fragile)"
        lines.append(
            f"{v.case.name:28} {v.case.kind:9} {v.case.expect['model']:13} {v.model:13} "
            f"{v.now:13} {v.margin:6.1f}  {mark}"
        )
    real = [v for v in verdicts if v.case.kind == "real"]
    clear = [v for v in verdicts if v.case.kind == "clear-cut"]
    real_ok = sum(v.agrees for v in real)
    clear_ok = sum(v.agrees for v in clear)
    lines.append(f"real: {real_ok}/{len(real)}  clear-cut: {clear_ok}/{len(clear)}")
    with capsys.disabled():
        print("\n" + "\n".join(lines))
    assert real_ok >= REAL_THRESHOLD * len(real)
    assert clear_ok >= CLEAR_THRESHOLD * len(clear)
