"""Output paths a hostile or careless user gives: links, devices, FIFOs, folders, no room."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tests.reliability.conftest import GOOD, cli, leftovers, unprivileged


def test_a_symlinked_report_replaces_its_target_and_keeps_the_link(tmp_path: Path) -> None:
    target = tmp_path / "real.md"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    run = cli("report", GOOD, "-o", link)
    assert run.code == 0, run.err
    assert link.is_symlink() and link.resolve() == target
    assert target.read_text(encoding="utf-8").startswith("# ")
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("device", ["/dev/null", "/dev/full", "/dev/stdout"])
def test_a_device_is_refused_and_left_as_it_is(device: str, tmp_path: Path) -> None:
    if not Path(device).exists():
        pytest.skip(f"{device} does not exist here")
    before = Path(device).stat().st_mode
    run = cli("report", GOOD, "-o", device, "--lang", "en")
    assert run.code == 2
    assert device in run.err and "not a regular file" in run.err
    assert Path(device).stat().st_mode == before


def test_a_symlink_to_a_device_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "null.md"
    link.symlink_to("/dev/null")
    run = cli("report", GOOD, "-o", link, "--lang", "en")
    assert run.code == 2 and "not a regular file" in run.err
    assert link.is_symlink()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_a_fifo_is_refused_without_waiting_for_a_reader(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    run = cli("report", GOOD, "-o", fifo, "--lang", "en")
    assert run.code == 2 and "not a regular file" in run.err
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_folder_is_refused(tmp_path: Path) -> None:
    run = cli("report", GOOD, "-o", tmp_path, "--lang", "en")
    assert run.code == 2


def test_a_file_in_the_way_of_the_folder_is_a_located_error(tmp_path: Path) -> None:
    blocker = tmp_path / "afile"
    blocker.write_text("x", encoding="utf-8")
    run = cli("report", GOOD, "-o", blocker / "x.md", "--lang", "en")
    assert run.code == 2 and str(blocker) in run.err
    assert blocker.read_text(encoding="utf-8") == "x"


def test_dash_is_stdout(tmp_path: Path) -> None:
    run = cli("report", GOOD, "-o", "-", cwd=tmp_path)
    assert run.code == 0 and run.out.startswith("# ")
    assert list(tmp_path.iterdir()) == []


def test_interview_refuses_an_unwritable_file_before_the_first_question(tmp_path: Path) -> None:
    blocker = tmp_path / "afile"
    blocker.write_text("x", encoding="utf-8")
    args: list[str | Path] = [
        "interview",
        blocker / "p.yaml",
        "--defaults",
        "--set",
        "company.name=Acme",
    ]
    run = cli(*args, "--lang", "en")
    assert run.code == 2 and "cannot write" in run.err
    run = cli("interview", tmp_path / "p.yaml", "--defaults", "--report", blocker / "r.md")
    assert run.code == 2
    assert not (tmp_path / "p.yaml").exists()  # refused before anything was asked or saved


def test_a_read_only_folder_is_refused_for_an_unprivileged_user(shared: Path) -> None:
    uid = unprivileged()
    profile = shared / "p.yaml"
    profile.write_text(GOOD.read_text(encoding="utf-8"), encoding="utf-8")
    profile.chmod(0o644)
    locked = shared / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    run = cli("report", profile, "-o", locked / "r.md", "--lang", "en", user=uid, cwd=shared)
    assert run.code == 2 and "cannot write" in run.err and str(locked) in run.err
    args: list[str | Path] = [
        "interview",
        locked / "p.yaml",
        "--defaults",
        "--set",
        "company.name=Acme",
    ]
    run = cli(*args, "--lang", "en", user=uid, cwd=shared)
    assert run.code == 2 and "cannot write" in run.err
    assert list(locked.iterdir()) == []
