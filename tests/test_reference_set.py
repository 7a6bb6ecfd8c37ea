"""The reference set: real organisations and clear-cut companies, each with the model a
consultant would defend, written before the rules were tuned (``tests/reference/``).

Every file is a test. What is judged is the **ideal** model (the seed's step 3: the best model
before cost); a file may also expect that the ideal does not fit (``expect.fits: false``), in
which case the advice must name what fits now and a path. A win by fewer than
``FRAGILE_MARGIN`` points is reported as fragile in a warning and in the summary table printed
by ``test_overall_agreement`` (``pytest -rA tests/test_reference_set.py`` shows it), never
hidden. A disagreement that remains is listed in ``KNOWN_MISSES`` with the general signal that
is wrong; it runs as ``xfail(strict=True)``, so it fails loudly the day it starts to agree.

``tests/reference/holdout/`` is a second set, written after the rules were tuned and committed
before the tool was run on it: the honest measure of how the advice does on organisations it
has never seen. It is judged the same way, except that a disagreement the output itself flags
as a close call (``recommendation.close_call``) is a **close** miss: reported, not failed, as
the issue accepts ("where it disagrees the output itself says the call is close"). Only an
outright miss is a failure, listed in ``KNOWN_MISSES`` like the main set's.
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
HOLDOUT = REFERENCE / "holdout"
FRAGILE_MARGIN = 5.0
REAL_THRESHOLD = 0.9
"""Share of the real organisations that must agree (the goal: 22 of 24 and better)."""
CLEAR_THRESHOLD = 1.0
"""Every clear-cut company must agree."""

KNOWN_MISSES: dict[str, str] = {
    "bankinter": (
        "in-depth's mass-market rule reads the number of customers (90,000 companies), not how "
        "many each adviser keeps: business banking gives a manager a book of 100-250 firms, "
        "which no answer says (customers per person who serves the segment is missing), so "
        "the companies' segment goes to redirected by 4 points"
    ),
}
"""File stem (``holdout/`` stem for the held-out set) -> the general signal that is wrong
(each runs as a strict xfail)."""
HOLDOUT_SHORT = ""
"""Why the held-out set does not reach its goal yet (empty once it does)."""


@dataclass(frozen=True)
class Case:
    name: str
    kind: str
    expect: dict[str, Any]
    profile: dict[str, Any]
    holdout: bool = False


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
    close_call: bool = False
    """The output itself says the lead is under ``close_call_margin`` points."""

    @property
    def close_miss(self) -> bool:
        """A disagreement the output flags as a close call (accepted in the held-out set)."""
        return not self.agrees and self.close_call


def _cases(folder: Path, holdout: bool) -> list[Case]:
    out = []
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        name = f"holdout/{path.stem}" if holdout else path.stem
        out.append(Case(name, data["kind"], data["expect"], data["profile"], holdout))
    return out


CASES = _cases(REFERENCE, holdout=False)
HOLDOUT_CASES = _cases(HOLDOUT, holdout=True)


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
        close_call=bool(rec.close_call),
    )


@cache
def verdict(name: str) -> Verdict:
    case = next(c for c in CASES + HOLDOUT_CASES if c.name == name)
    profile = profile_from_data(case.profile, f"{name}.yaml")
    return judge(case, advise(profile, _kb(), "en"))


def _params(cases: list[Case]) -> list[Any]:
    out = []
    for case in cases:
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


def test_the_holdout_is_balanced() -> None:
    """12 real and 12 clear-cut, none already in the main set; every model expected in the
    real half, hybrid at least three times there, every base model in the clear-cut half."""
    kinds = [case.kind for case in HOLDOUT_CASES]
    assert kinds.count("real") == 12 and kinds.count("clear-cut") == 12
    main = {case.name for case in CASES}
    assert not [c.name for c in HOLDOUT_CASES if c.name.removeprefix("holdout/") in main]
    real = [c.expect["model"] for c in HOLDOUT_CASES if c.kind == "real"]
    clear = [c.expect["model"] for c in HOLDOUT_CASES if c.kind == "clear-cut"]
    for model in _kb().models:
        assert model in real, model
        assert model in clear, model
    assert real.count("hybrid") >= 3
    assert all(case.expect.get("reason") for case in HOLDOUT_CASES)


def _warn_if_weak(found: Verdict) -> None:
    name = found.case.name
    if found.agrees and found.margin < FRAGILE_MARGIN:
        warnings.warn(
            f"{name}: {found.model} agrees by only {found.margin:g} points (fragile)",
            stacklevel=2,
        )
    if found.close_miss:
        warnings.warn(
            f"{name}: {found.detail}, flagged by the output as a close call "
            f"(margin {found.margin:g})",
            stacklevel=2,
        )


@pytest.mark.parametrize("name", _params(CASES))
def test_reference_case(name: str) -> None:
    found = verdict(name)
    _warn_if_weak(found)
    assert found.agrees, f"{name}: {found.detail} (margin {found.margin:g})"


@pytest.mark.parametrize("name", _params(HOLDOUT_CASES))
def test_holdout_case(name: str) -> None:
    """A held-out case agrees, or misses by a call the output itself says is close."""
    found = verdict(name)
    _warn_if_weak(found)
    assert found.agrees or found.close_miss, f"{name}: {found.detail} (margin {found.margin:g})"


def _mark(v: Verdict) -> str:
    if v.agrees:
        return "ok (fragile)" if v.margin < FRAGILE_MARGIN else "ok"
    return ("CLOSE " if v.close_miss else "MISS ") + v.detail


def summary(cases: list[Case]) -> tuple[list[str], dict[str, tuple[int, int, int]]]:
    """The table of every case (expected, ideal, now, margin, verdict) and, per kind, the
    counts (agree, close misses, total)."""
    verdicts = [verdict(case.name) for case in cases]
    lines = [f"{'case':36} {'kind':9} {'expected':13} {'ideal':13} {'now':13} margin  verdict"]
    for v in verdicts:
        lines.append(
            f"{v.case.name:36} {v.case.kind:9} {v.case.expect['model']:13} {v.model:13} "
            f"{v.now:13} {v.margin:6.1f}  {_mark(v)}"
        )
    counts: dict[str, tuple[int, int, int]] = {}
    for kind in ("real", "clear-cut"):
        group = [v for v in verdicts if v.case.kind == kind]
        counts[kind] = (
            sum(v.agrees for v in group),
            sum(v.close_miss for v in group),
            len(group),
        )
    lines.append(
        "  ".join(
            f"{kind}: {ok}/{total} (close misses {close})"
            for kind, (ok, close, total) in counts.items()
        )
    )
    return lines, counts


def test_overall_agreement(capsys: pytest.CaptureFixture[str]) -> None:
    """The agreement over the whole set, with the table of every case and its margin."""
    lines, counts = summary(CASES)
    with capsys.disabled():
        print("\n" + "\n".join(lines))
    real_ok, _, real_n = counts["real"]
    clear_ok, _, clear_n = counts["clear-cut"]
    assert real_ok >= REAL_THRESHOLD * real_n
    assert clear_ok >= CLEAR_THRESHOLD * clear_n


@pytest.mark.xfail(bool(HOLDOUT_SHORT), strict=True, reason=HOLDOUT_SHORT)
def test_holdout_agreement(capsys: pytest.CaptureFixture[str]) -> None:
    """The held-out measure, printed the same way: the goal is 22 of 24 real (11 of 12 here)
    and every clear-cut company."""
    lines, counts = summary(HOLDOUT_CASES)
    with capsys.disabled():
        print("\nheld-out set (tests/reference/holdout/)\n" + "\n".join(lines))
    real_ok, _, real_n = counts["real"]
    clear_ok, _, clear_n = counts["clear-cut"]
    assert real_ok >= REAL_THRESHOLD * real_n
    assert clear_ok >= CLEAR_THRESHOLD * clear_n
