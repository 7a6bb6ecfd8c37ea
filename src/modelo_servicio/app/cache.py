"""The compiled Advisor kept on disk between runs, so that ``score`` does not parse and compile
34 rule files every time it starts.

The cache is only a speed-up: it is keyed by everything the compiled object depends on (the
text of every rule file, the tool's version and the signature of the package's own code), and
any doubt (a missing, stale, truncated or foreign file, an unwritable folder) means building
again. Pickle runs code while it loads, so a file is only read from a folder that belongs to the
current user and that nobody else can write to.

Where: ``MODELO_SERVICIO_CACHE`` (a folder, or ``off`` to disable it), else
``$XDG_CACHE_HOME/modelo-servicio``, else ``~/.cache/modelo-servicio``.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from modelo_servicio import __version__

T = TypeVar("T")
ENV_CACHE = "MODELO_SERVICIO_CACHE"
_PACKAGE = Path(__file__).resolve().parent.parent
_MAGIC = b"modelo-servicio-cache\n"


def cache_folder() -> Path | None:
    """The folder the cache lives in, or None when it is switched off."""
    chosen = os.environ.get(ENV_CACHE, "").strip()
    if chosen.lower() in ("off", "0", "no", "false"):
        return None
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    root = Path(base) if base else Path.home() / ".cache"
    return root / "modelo-servicio"


def code_signature() -> bytes:
    """Name, size and modification time of every module and text file of the package: a
    development checkout changes its code without changing its version, and an object pickled
    by other code must not be loaded."""
    parts: list[str] = [__version__, sys.version]
    for folder, dirs, files in os.walk(_PACKAGE):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith((".py", ".yaml")):
                info = (Path(folder) / name).stat()
                parts.append(f"{folder}/{name}:{info.st_size}:{info.st_mtime_ns}")
    return "\n".join(parts).encode()


def cache_key(inputs: Iterable[bytes]) -> str:
    digest = hashlib.sha256(code_signature())
    for item in inputs:
        digest.update(len(item).to_bytes(8, "big"))
        digest.update(item)
    return digest.hexdigest()[:32]


def cached(kind: str, inputs: Iterable[bytes], build: Callable[[], T], expect: type[T]) -> T:
    """``build()``'s result, read from the cache when an earlier run stored it for the same
    inputs, else built and stored for the next run. Never fails because of the cache."""
    folder = cache_folder()
    if folder is None:
        return build()
    path = folder / f"{kind}-{cache_key(inputs)}.pickle"
    found = _read(path)
    if isinstance(found, expect):
        return found
    value = build()
    _write(folder, path, value)
    return value


def _trusted(folder: Path) -> bool:
    """The folder is ours and only we can write to it (pickle must not load a planted file)."""
    try:
        info = folder.stat()
    except OSError:
        return False
    owner_ok = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    return owner_ok and stat.S_ISDIR(info.st_mode) and not info.st_mode & 0o022


def _read(path: Path) -> object | None:
    if not _trusted(path.parent):
        return None
    try:
        with path.open("rb") as handle:
            if handle.read(len(_MAGIC)) != _MAGIC:
                return None
            value: object = pickle.load(handle)  # our own file, in a folder only we write
            return value
    except Exception:  # a damaged entry is rebuilt, whatever the damage
        return None


def _write(folder: Path, path: Path, value: object) -> None:
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _trusted(folder):
            return
        data = _MAGIC + pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # an unwritable folder or an unpicklable value only costs speed
        return
    _store(folder, path, data)
    _prune(folder, path)


def _store(folder: Path, path: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".pickle")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        Path(temporary).replace(path)
    except OSError:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()


def _prune(folder: Path, keep: Path, limit: int = 8) -> None:
    """Keep the newest few entries: every edit of a ``--rules`` folder makes a new one."""
    with contextlib.suppress(OSError):
        entries = sorted(
            (p for p in folder.glob("*.pickle") if p != keep),
            key=lambda p: p.stat().st_mtime,
            reverse=True,
        )
        for old in entries[limit - 1 :]:
            old.unlink()
