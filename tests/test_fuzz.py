"""Fuzzing: generated, mutated and plain broken inputs never crash the loader, the engine or
the plan. Every input ends as a ``Result`` or as a ``ModeloError`` (exit 2 at the CLI), and the
``score`` command never shows a traceback."""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from modelo_servicio.app.advisor import advise
from modelo_servicio.cli.app import app
from modelo_servicio.domain import yamlio
from modelo_servicio.domain.errors import ModeloError, ProfileError
from modelo_servicio.domain.profile_io import load_profile, profile_from_data
from modelo_servicio.knowledge.loader import KnowledgeBase

from .test_properties import profile_data

FUZZ = settings(
    max_examples=100,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.lists(st.one_of(st.integers(), st.text(max_size=5)), max_size=3),
    st.dictionaries(st.text(max_size=8), st.integers(), max_size=3),
)
KEYS = st.one_of(
    st.sampled_from(
        ["company", "customers", "demand", "staff", "constraints", "name", "ticket", "phone"]
    ),
    st.text(min_size=1, max_size=12),
)


@st.composite
def mutated(draw: st.DrawFn) -> Any:
    """A valid profile with a few parts replaced by junk, removed, or given unknown keys (or
    left alone: the fuzzers must see valid input too)."""
    data: Any = draw(profile_data())
    for _ in range(draw(st.integers(0, 4))):
        node: Any = data
        for _ in range(draw(st.integers(0, 3))):
            children = list(node) if isinstance(node, dict) else list(range(len(node)))
            if not children:
                break
            child: Any = node[draw(st.sampled_from(children))]
            if not isinstance(child, dict | list):
                break
            node = child
        if isinstance(node, dict):
            keys: list[Any] = sorted(node, key=str)
            key = draw(st.sampled_from(keys) | KEYS) if keys else draw(KEYS)
            delete = draw(st.booleans())
            if delete and key in node:
                del node[key]
            else:
                node[key] = draw(JUNK)
        elif isinstance(node, list):
            node.append(draw(JUNK))
    if draw(st.integers(0, 9)) == 0:
        return draw(JUNK)
    return data


def check_result_or_clean_error(data: Any, kb: KnowledgeBase) -> None:
    """The contract under test: a ``Result`` with sane scores, or a located ``ModeloError``."""
    if not isinstance(data, dict):
        data = {"company": data}
    try:
        profile = profile_from_data(data, "<fuzz>")
    except ProfileError as exc:
        assert exc.problems and all(p.message for p in exc.problems)
        return
    try:
        result = advise(profile, kb, "en")
    except ModeloError as exc:
        assert str(exc)
        return
    assert len(result.ranking) == 8
    for row in result.ranking:
        assert 0.0 <= row.score <= 100.0
        assert math.isfinite(row.score)
    result.model_dump_json()


@FUZZ
@given(mutated())
def test_mutated_profiles_give_a_result_or_a_clean_error(kb: KnowledgeBase, data: Any) -> None:
    check_result_or_clean_error(data, kb)


@pytest.fixture(scope="module")
def scratch() -> Iterator[Path]:
    with TemporaryDirectory() as folder:
        yield Path(folder)


def _dump(data: Any) -> bytes:
    try:
        return yaml.safe_dump(data, allow_unicode=True).encode("utf-8")
    except (yaml.YAMLError, ValueError):
        return b"company: {name: X}\n"


def _damage(raw: bytes, cut: int, insert: bytes) -> bytes:
    cut = cut % (len(raw) + 1)
    return raw[:cut] + insert + raw[cut:]


FILES = st.one_of(
    profile_data().map(_dump),
    mutated().map(_dump),
    st.builds(
        _damage,
        profile_data().map(_dump),
        st.integers(0, 2000),
        st.sampled_from([b":", b"\t", b"\x00", b"\xff", b"- ", b"{", b"&a ", b"*a", b"!!python/"]),
    ),
    st.text(max_size=200).map(lambda s: s.encode("utf-8")),
    st.binary(max_size=200),
)


@FUZZ
@given(FILES)
def test_any_file_gives_a_profile_or_a_clean_error(
    kb: KnowledgeBase, scratch: Path, raw: bytes
) -> None:
    path = scratch / "fuzz.yaml"
    path.write_bytes(raw)
    try:
        profile = load_profile(path)
    except ModeloError as exc:
        assert str(exc).strip()
        return
    check_result_or_clean_error(profile.model_dump(mode="json"), kb)


FORMATS = ["json", "markdown", "json", "table"]
"""Every format, the table (rich rendering, the slowest) a quarter of the time."""


@settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(FILES, st.sampled_from(FORMATS), st.sampled_from(["es", "en"]))
def test_score_exits_0_or_2_and_never_shows_a_traceback(
    scratch: Path, raw: bytes, fmt: str, lang: str
) -> None:
    path = scratch / "cli.yaml"
    path.write_bytes(raw)
    result = CliRunner().invoke(app, ["score", str(path), "--format", fmt, "--lang", lang])
    assert result.exit_code in (0, 2), (result.exit_code, result.exception, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    if result.exit_code == 2:
        assert result.stderr.strip()
    else:
        assert result.stdout.strip()


def test_the_mutator_really_breaks_profiles(kb: KnowledgeBase) -> None:
    """Guards the fuzzers against testing only valid input: both outcomes must occur."""
    outcomes = {"valid": 0, "invalid": 0}

    @settings(max_examples=100, deadline=None, derandomize=True)
    @given(mutated())
    def count(data: Any) -> None:
        try:
            profile_from_data(data if isinstance(data, dict) else {"x": data}, "<fuzz>")
            outcomes["valid"] += 1
        except ProfileError:
            outcomes["invalid"] += 1

    count()
    assert outcomes["valid"] > 0 and outcomes["invalid"] > 0, outcomes
    assert yamlio.decode(b"a: 1", "x") == "a: 1"
