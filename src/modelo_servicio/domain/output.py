"""The one way this program writes a file: checked first, then temporary file + rename.

Every output (an interview's profile after each answer, ``report -o``, ``interview --report``,
a batch's reports, ``index.md`` and summaries) lands through ``write_atomic`` (or, for files
that grow while a batch runs, ``TempFile`` + ``land``), so a reader sees the old file or the
new one, never half of it, and nothing is written where it should not be:

- ``-`` means standard output (``is_stdout``); the caller prints instead of writing.
- A symbolic link is written *through*: its target is replaced atomically and the link stays
  (a consultant who links ``informe.md`` into a shared folder keeps the link). A batch refuses
  links among its outputs instead (``follow=False``): a link planted in ``--out-dir`` must not
  make it write elsewhere.
- A device, FIFO, socket or folder as the target is refused (``UsageError``, exit 2, naming the
  path): ``-o /dev/full`` or ``-o /dev/stdout`` would otherwise be replaced by a regular file
  when run as root.
- ``check_writable`` proves, before the first interview question or the first batch file, that
  the folder takes a file, by creating and removing one.
- Temporary files come from ``tempfile.mkstemp`` in the target's folder (``O_CREAT|O_EXCL``,
  unpredictable names, never following a link), are fsync'ed before the rename unless the
  caller opts out, and are removed on any failure, Ctrl-C included.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from modelo_servicio.domain.errors import UsageError
from modelo_servicio.domain.i18n import Lang, t
from modelo_servicio.domain.text import visible

STDOUT = "-"


def is_stdout(path: Path | str | None) -> bool:
    return path is not None and str(path) == STDOUT


def target_of(path: Path, lang: Lang, follow: bool = True) -> Path:
    """The regular file that writing ``path`` replaces: ``path`` itself, or the file its
    symbolic link points to. Raises ``UsageError`` for anything that is not (or would not
    become) a regular file in a folder."""
    target = path
    try:
        info = path.lstat()
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise _refused(path, lang, exc) from None
    if info is not None and stat.S_ISLNK(info.st_mode):
        if not follow:
            raise UsageError(t("output.symlink", lang, path=visible(path)))
        target = Path(os.path.realpath(path))
        try:
            info = path.stat()  # what the link reaches, even a /proc/self/fd pipe
        except FileNotFoundError:
            info = None
        except OSError as exc:
            raise _refused(path, lang, exc) from None
    if info is not None and not stat.S_ISREG(info.st_mode):
        key = "output.folder" if stat.S_ISDIR(info.st_mode) else "output.special"
        raise UsageError(t(key, lang, path=visible(path)))
    return target


def check_writable(path: Path, lang: Lang, follow: bool = True) -> Path:
    """Fail now, not after the first answer: ``path`` must be a writable regular file (or
    not exist yet) in a folder that takes new files. Returns the file that will be replaced.
    Missing folders are created, as writing would create them."""
    target = target_of(path, lang, follow)
    folder = _folder(target, lang)
    try:
        fd, temp = tempfile.mkstemp(prefix=".check.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise _refused(path, lang, exc) from None
    os.close(fd)
    Path(temp).unlink(missing_ok=True)
    return target


def write_atomic(
    path: Path, data: str | bytes, lang: Lang, *, follow: bool = True, sync: bool = True
) -> None:
    """Write ``data`` (text is UTF-8 with ``\\n`` line ends) so that readers see the old file
    or the new one. ``sync`` false skips the fsync (a batch's thousand reports; its index and
    summaries, written last, are synced)."""
    target = target_of(path, lang, follow)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    with held_signals(), TempFile(target, lang, binary=True) as handle:
        handle.write(raw)
        handle.land(target, sync=sync)


@contextmanager
def held_signals() -> Iterator[None]:
    """Ctrl-C and SIGTERM wait until the block is over: between ``mkstemp`` and the code that
    would remove its file there is no moment where an interrupt leaves a temporary file
    behind. (Where signals cannot be held, the block runs as it is; a batch, whose pool
    threads may take the signal instead, also ``sweep``s its folder.)"""
    import signal
    import threading

    mask = getattr(signal, "pthread_sigmask", None)
    if mask is None or threading.active_count() > 1:  # another thread would take the signal
        yield
        return
    previous = mask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        mask(signal.SIG_SETMASK, previous)


class TempFile:
    """A hidden temporary file next to ``target`` (same folder, so the rename is atomic),
    created by ``mkstemp``; removed when the ``with`` block ends unless it was landed."""

    def __init__(self, target: Path, lang: Lang, binary: bool = False) -> None:
        self.lang = lang
        folder = _folder(target, lang)
        try:
            fd, name = tempfile.mkstemp(prefix=_prefix(target), suffix=".tmp", dir=folder)
        except OSError as exc:
            raise _refused(target, lang, exc) from None
        self.path = Path(name)
        self.mode = _mode_for(target)
        try:
            os.fchmod(fd, self.mode)
            self.stream: IO[Any] = (
                os.fdopen(fd, "w+b")
                if binary
                else os.fdopen(fd, "w+", encoding="utf-8", newline="")
            )
        except BaseException:
            os.close(fd)
            self.path.unlink(missing_ok=True)
            raise
        self.landed = False

    def write(self, data: Any) -> None:
        try:
            self.stream.write(data)
        except OSError as exc:
            raise _refused(self.path, self.lang, exc) from None

    def land(self, target: Path, sync: bool = True) -> None:
        """Flush, fsync (unless ``sync`` is false), close and rename onto ``target``."""
        try:
            self.stream.flush()
            if sync:
                os.fsync(self.stream.fileno())
            self.stream.close()
            self.path.replace(target)
        except OSError as exc:
            raise _refused(target, self.lang, exc) from None
        self.landed = True

    def discard(self) -> None:
        self.stream.close()
        if not self.landed:
            self.path.unlink(missing_ok=True)

    def __enter__(self) -> TempFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.discard()


def _prefix(target: Path) -> str:
    """``.NAME.PID-`` then ``mkstemp``'s random part: unpredictable, yet ``sweep`` can find
    this process's files."""
    return f".{target.name}.{os.getpid()}-"


def sweep(folder: Path) -> None:
    """Remove the temporary files this process left in ``folder``: an interrupt that lands
    between ``mkstemp`` and the code that removes its file (possible while other threads,
    such as a process pool's, take the signal) loses nothing but leaves nothing either."""
    mark = f".{os.getpid()}-"
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith(".") and mark in entry.name and entry.name.endswith(".tmp"):
            try:
                if entry.is_file(follow_symlinks=False):
                    Path(entry.path).unlink()
            except OSError:
                pass


def _folder(target: Path, lang: Lang) -> Path:
    """The folder ``target`` goes into, created if missing; a file in the way is an error."""
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise UsageError(t("output.not_folder", lang, path=visible(target))) from None
    except OSError as exc:
        raise _refused(target, lang, exc) from None
    if not folder.is_dir():
        raise UsageError(t("output.not_folder", lang, path=visible(target)))
    return folder


def _refused(path: Path, lang: Lang, exc: OSError) -> UsageError:
    reason = exc.strerror or type(exc).__name__
    return UsageError(t("output.cannot_write", lang, path=visible(path), reason=reason))


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual 0666 less the umask
    (``mkstemp`` alone would leave reports readable by their owner only)."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
