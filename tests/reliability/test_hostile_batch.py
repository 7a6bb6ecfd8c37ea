"""A batch over folders someone else filled: every good profile still gets its report."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.reliability.conftest import GOOD, LIMIT, PROFILES, cli, leftovers

GOOD_NAMES = ["joyeria-alba", "taller-bicis", "kiosko-24h"]


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in GOOD_NAMES:
        (folder / f"{name}.yaml").write_bytes((PROFILES / f"{name}.yaml").read_bytes())
    return folder


def _reports(out: Path) -> list[str]:
    return sorted(p.name for p in out.glob("*.md") if p.name != "index.md")


def test_a_huge_integer_sorted_first_costs_only_its_own_file(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    huge = "schema_version: 1\ncompany: {name: Big}\ncustomers: {active: " + "9" * 5000 + "}\n"
    (folder / "0-huge.yaml").write_text(huge, encoding="utf-8")
    deep = "schema_version: 1\ncompany: {name: Deep}\nextra: {x: " + "[" * 900 + "]" * 900 + "}\n"
    (folder / "0-deep.yaml").write_text(deep, encoding="utf-8")
    out = tmp_path / "out"
    run = cli("batch", folder, "--out-dir", out, "--jobs", "2", "--lang", "en")
    assert run.code == 1
    assert len(_reports(out)) == len(GOOD_NAMES)
    index = (out / "index.md").read_text(encoding="utf-8")
    assert "0-huge.yaml:3" in index and "too many digits" in index
    assert leftovers(out) == []


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_link_to_dev_zero_and_a_fifo_are_refused_not_read(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / "zero.yaml").symlink_to("/dev/zero")
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "pipe.yaml")
    out = tmp_path / "out"
    run = cli("batch", folder, "--out-dir", out, "--lang", "en")
    assert run.code == 1
    assert "zero.yaml: is not a regular file" in run.err
    assert len(_reports(out)) == len(GOOD_NAMES)
    assert leftovers(out) == []


def test_a_token_behind_a_link_is_not_quoted_anywhere(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    secret = tmp_path / "token"
    secret.write_text("ghp_S3CRETtokenValue0123456789\n", encoding="utf-8")
    (folder / "notes.yaml").symlink_to(secret)
    out = tmp_path / "out"
    run = cli("batch", folder, "--out-dir", out)
    assert run.code == 1
    for name in ("index.md", "summary.csv", "summary.json"):
        assert "S3CRET" not in (out / name).read_text(encoding="utf-8")
    assert "S3CRET" not in run.err


def test_another_batch_in_the_same_folder_is_refused_and_a_stale_lock_taken_over(
    tmp_path: Path,
) -> None:
    folder = _folder(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    lock = out / ".modelo-servicio.lock"
    lock.write_text(f"{os.getpid()}\n", encoding="ascii")  # a live process holds it
    run = cli("batch", folder, "--out-dir", out, "--lang", "en")
    assert run.code == 2 and f"process {os.getpid()}" in run.err
    assert _reports(out) == []
    gone = subprocess.run([sys.executable, "-c", "pass"], check=True)
    assert gone.returncode == 0
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    lock.write_text(f"{dead.pid}\n", encoding="ascii")
    run = cli("batch", folder, "--out-dir", out)
    assert run.code == 0, run.err
    assert len(_reports(out)) == len(GOOD_NAMES)
    assert not lock.exists()


def test_two_batches_at_once_never_mix_in_one_folder(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "modelo_servicio", "batch", str(folder), "--out-dir", str(out)]
    first = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    second = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    codes = sorted([first.wait(timeout=LIMIT), second.wait(timeout=LIMIT)])
    errors = [p.stderr.read().decode() for p in (first, second) if p.stderr]
    assert all("Traceback" not in e for e in errors)
    assert codes in ([0, 0], [0, 2])  # one after the other, or the second refused
    assert len(_reports(out)) == len(GOOD_NAMES)
    rows = list(csv.reader((out / "summary.csv").open(encoding="utf-8")))
    assert len(rows) == 1 + len(GOOD_NAMES)


def test_a_file_no_batch_wrote_is_kept_unless_forced(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.yaml").write_bytes(GOOD.read_bytes())
    out = tmp_path / "out"
    out.mkdir()
    mine = out / "ciclos-norte.md"
    mine.write_text("my notes", encoding="utf-8")
    outside = tmp_path / "outside.txt"
    outside.write_text("keep", encoding="utf-8")
    run = cli("batch", folder, "--out-dir", out, "--lang", "en")
    assert run.code == 1 and "--force" in run.err
    assert mine.read_text(encoding="utf-8") == "my notes"
    run = cli("batch", folder, "--out-dir", out, "--force")
    assert run.code == 0 and mine.read_text(encoding="utf-8").startswith("# ")
    run = cli("batch", folder, "--out-dir", out)  # its own report: replaced without --force
    assert run.code == 0
    mine.unlink()
    mine.symlink_to(outside)  # a planted link is never written through
    run = cli("batch", folder, "--out-dir", out, "--force")
    assert run.code == 1 and outside.read_text(encoding="utf-8") == "keep"
    assert leftovers(out) == []


def test_a_missing_input_is_a_usage_error(tmp_path: Path) -> None:
    run = cli("batch", tmp_path / "missing.yaml", "--out-dir", tmp_path / "out", "--lang", "en")
    assert run.code == 2 and "missing.yaml" in run.err
    assert not (tmp_path / "out" / "index.md").exists()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize(
    ("signum", "codes"), [(signal.SIGINT, {130}), (signal.SIGTERM, {143, 130})]
)
def test_a_signal_ends_the_workers_quietly_and_leaves_nothing(
    tmp_path: Path, signum: int, codes: set[int]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    text = GOOD.read_text(encoding="utf-8")
    for number in range(400):
        (folder / f"p{number:03}.yaml").write_text(text.replace("Ciclos Norte", f"C{number}"))
    out = tmp_path / "out"
    command = [sys.executable, "-m", "modelo_servicio", "batch", str(folder), "--out-dir", str(out)]
    process = subprocess.Popen(
        [*command, "--jobs", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + LIMIT
    while not list(out.glob("c*.md")) and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    process.send_signal(signum)
    _, err = process.communicate(timeout=LIMIT)
    text_err = err.decode("utf-8", "replace")
    if process.returncode == 0:
        pytest.skip("the batch finished before the signal arrived")
    assert process.returncode in codes, f"exit {process.returncode}: {text_err[-500:]}"
    assert "Traceback" not in text_err and "ForkPoolWorker" not in text_err
    assert leftovers(out) == []


def test_control_characters_in_file_names_reach_no_terminal(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "evil\x1b]52;c;aGk=\x07\u202e.yaml").write_text("- a list\n", encoding="utf-8")
    out = tmp_path / "out"
    run = cli("batch", folder, "--out-dir", out)
    assert run.code == 1
    assert "\x1b" not in run.err and "\u202e" not in run.err and "\\x1b" in run.err
    cells = (out / "summary.csv").read_text(encoding="utf-8")
    assert "\x1b" not in cells and "\u202e" not in cells
    data = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert data["profiles"][0]["source"].startswith(str(folder))
