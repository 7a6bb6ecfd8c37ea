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
    user: Unprivileged | None = None,
    timeout: float = LIMIT,
) -> Run:
    """The command's exit code, stdout and stderr; fails on a traceback."""
    environment = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}
    python = [sys.executable]
    if user is not None:
        python = list(user.python)
        environment.update(user.env)
    done = subprocess.run(
        [*python, "-m", "modelo_servicio", *map(str, args)],
        cwd=cwd,
        env=environment,
        capture_output=True,
        timeout=timeout,
        check=False,
        user=None if user is None else user.uid,
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


@dataclass(frozen=True)
class Unprivileged:
    """How to run the command as another user: the uid, the interpreter that user can run and
    what it needs in its environment to find the package."""

    uid: int
    python: tuple[str, ...]
    env: dict[str, str]


def _runs_as(uid: int, python: tuple[str, ...], env: dict[str, str]) -> bool:
    try:
        done = subprocess.run(
            [*python, "-c", "import modelo_servicio.cli.app"],
            user=uid,
            env={**os.environ, **env},
            capture_output=True,
            check=False,
            timeout=LIMIT,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


def unprivileged() -> Unprivileged | None:
    """Who to run a permission case as: ``None`` (ourselves) when we are not root; as root
    (which ignores permissions) the ``nobody`` user.

    ``nobody`` often cannot run our interpreter: a pyenv or uv Python lives under root's
    private home. The system's interpreter of the same version can then run the package, given
    our site-packages and source folder on its path (both are world-readable in a checkout).
    Only when neither works is the case skipped, saying why.
    """
    if not hasattr(os, "geteuid"):
        pytest.skip("no POSIX permissions on this platform")
    if os.geteuid() != 0:
        return None
    try:
        import pwd

        uid = pwd.getpwnam("nobody").pw_uid
    except (ImportError, KeyError):
        pytest.skip("running as root and there is no 'nobody' user to drop to")
    if _runs_as(uid, (sys.executable,), {}):
        return Unprivileged(uid, (sys.executable,), {})
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    system = shutil.which(version, path="/usr/bin:/usr/local/bin:/bin")
    paths = [p for p in sys.path if p.endswith("site-packages")]
    source = str(Path(__file__).resolve().parents[2] / "src")
    env = {"PYTHONPATH": os.pathsep.join([source, *paths]), "PYTHONNOUSERSITE": "1"}
    if system and _runs_as(uid, (system,), env):
        return Unprivileged(uid, (system,), env)
    pytest.skip(
        f"running as root and 'nobody' can run neither this interpreter (its home is "
        f"private) nor a system {version} with our packages"
    )
