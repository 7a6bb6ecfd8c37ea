"""Helpers of the hostile-input suite: the real command in a subprocess, with a time bound.

Every case runs ``python -m modelo_servicio`` (signals, FIFOs, encodings and permissions need
a real process) under ``LIMIT`` seconds enforced by ``subprocess``'s timeout: a hang fails
the test instead of the suite. The bound is generous (a loaded two-core machine); it is a
guard against "hours", not a timing assertion.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

LIMIT = 60
PROFILES = Path(__file__).resolve().parents[2] / "profiles"
GOOD = PROFILES / "taller-bicis.yaml"


@dataclass
class Run:
    code: int
    out: str
    err: str


def cli(
    *args: str | Path,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    user: int | None = None,
    timeout: float = LIMIT,
) -> Run:
    """The command's exit code, stdout and stderr; fails on a traceback."""
    environment = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}
    done = subprocess.run(
        [sys.executable, "-m", "modelo_servicio", *map(str, args)],
        cwd=cwd,
        env=environment,
        capture_output=True,
        timeout=timeout,
        check=False,
        user=user,
    )
    out = done.stdout.decode("utf-8", "replace")
    err = done.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err
    return Run(done.returncode, out, err)


def leftovers(folder: Path) -> list[str]:
    """Temporary or lock files a run left behind."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith((".tmp", ".lock")))


@pytest.fixture
def shared() -> Iterator[Path]:
    """A folder every user can enter (for the runs as an unprivileged user)."""
    folder = Path(tempfile.mkdtemp(prefix="modelo-servicio-", dir="/tmp"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def unprivileged() -> int | None:
    """The uid to run a permission case as: ``None`` (ourselves) when we are not root; as
    root (which ignores permissions) the ``nobody`` user, if it can run this interpreter;
    otherwise the case is skipped, saying why."""
    if not hasattr(os, "geteuid"):
        pytest.skip("no POSIX permissions on this platform")
    if os.geteuid() != 0:
        return None
    try:
        import pwd

        uid = pwd.getpwnam("nobody").pw_uid
    except (ImportError, KeyError):
        pytest.skip("running as root and there is no 'nobody' user to drop to")
    try:
        probe = subprocess.run(
            [sys.executable, "-c", "import modelo_servicio"],
            user=uid,
            capture_output=True,
            check=False,
        ).returncode
    except OSError:
        probe = -1
    if probe != 0:
        pytest.skip(
            "running as root and 'nobody' cannot run this interpreter (its home is private)"
        )
    return uid
