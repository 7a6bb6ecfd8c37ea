"""The on-disk cache of the compiled Advisor: a speed-up that never changes an answer and
never fails a command."""

from __future__ import annotations

import pickle
from collections.abc import Callable
from pathlib import Path

import pytest

from modelo_servicio.app import cache


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    place = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV_CACHE, str(place))
    return place


def _counting() -> tuple[list[int], Callable[[], dict[str, int]]]:
    calls: list[int] = []

    def build() -> dict[str, int]:
        calls.append(1)
        return {"built": len(calls)}

    return calls, build


def test_second_run_reads_what_the_first_stored(folder: Path) -> None:
    calls, build = _counting()
    first = cache.cached("t", [b"rules"], build, dict)
    second = cache.cached("t", [b"rules"], build, dict)
    assert first == second == {"built": 1}
    assert len(calls) == 1
    assert len(list(folder.glob("t-*.pickle"))) == 1


def test_other_inputs_build_again(folder: Path) -> None:
    calls, build = _counting()
    cache.cached("t", [b"rules v1"], build, dict)
    cache.cached("t", [b"rules v2"], build, dict)
    assert len(calls) == 2


def test_input_boundaries_count(folder: Path) -> None:
    assert cache.cache_key([b"ab", b"c"]) != cache.cache_key([b"a", b"bc"])


@pytest.mark.parametrize("damage", [b"", b"garbage", cache._MAGIC + b"\x80\x05truncated"])
def test_a_damaged_file_is_rebuilt(folder: Path, damage: bytes) -> None:
    _, build = _counting()
    cache.cached("t", [b"x"], build, dict)
    (entry,) = folder.glob("t-*.pickle")
    entry.write_bytes(damage)
    assert cache.cached("t", [b"x"], build, dict) == {"built": 2}
    assert entry.read_bytes().startswith(cache._MAGIC)


def test_a_folder_others_can_write_is_not_trusted(folder: Path) -> None:
    _, build = _counting()
    cache.cached("t", [b"x"], build, dict)
    (entry,) = folder.glob("t-*.pickle")
    entry.write_bytes(cache._MAGIC + pickle.dumps({"planted": True}))
    folder.chmod(0o777)
    assert cache.cached("t", [b"x"], build, dict) == {"built": 2}


def test_an_unwritable_place_only_costs_speed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(cache.ENV_CACHE, str(blocker / "cache"))
    _, build = _counting()
    assert cache.cached("t", [b"x"], build, dict) == {"built": 1}
    assert cache.cached("t", [b"x"], build, dict) == {"built": 2}


def test_switched_off(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(cache.ENV_CACHE, "off")
    assert cache.cache_folder() is None
    calls, build = _counting()
    cache.cached("t", [b"x"], build, dict)
    cache.cached("t", [b"x"], build, dict)
    assert len(calls) == 2


def test_default_place_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(cache.ENV_CACHE, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_folder() == tmp_path / "modelo-servicio"


def test_old_entries_are_pruned(folder: Path) -> None:
    for n in range(12):
        cache.cached("t", [str(n).encode()], _counting()[1], dict)
    assert len(list(folder.glob("*.pickle"))) <= 8
    assert not [p for p in folder.iterdir() if p.name.startswith(".tmp-")]
    assert folder.stat().st_mode & 0o777 == 0o700


def test_a_cached_advisor_advises_and_explains_like_a_fresh_one(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from modelo_servicio.app.advisor import Advisor
    from modelo_servicio.domain.profile_io import load_profile

    from .conftest import PROFILES

    stored = Advisor.build()
    loaded = Advisor.build()
    assert list(folder.glob("advisor-*.pickle"))
    monkeypatch.setenv(cache.ENV_CACHE, "off")
    fresh = Advisor.build()
    for path in sorted(PROFILES.glob("*.yaml")):
        profile = load_profile(path, "en")
        expected = fresh.advise(profile, "en")
        assert stored.advise(profile, "en") == expected
        assert loaded.advise(profile, "en") == expected
        assert loaded.explain(profile, "es") == fresh.explain(profile, "es")
    lines = {r.id: (r.origin.source, r.origin.line) for r in fresh.engine.all_rules() if r.origin}
    assert lines == {
        r.id: (r.origin.source, r.origin.line) for r in loaded.engine.all_rules() if r.origin
    }
    assert all(line for _, line in lines.values())
