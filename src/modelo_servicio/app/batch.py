"""Scoring many profiles: discovery, a pool of worker processes, safe report names, summaries.

Workers parse, advise and render; the parent only names and writes, in input order, so the
output is byte-identical whatever ``jobs`` is. Results stream through a bounded window and
the summaries are appended to temporary files as they arrive, so memory stays flat however
large the batch. Every file lands through temporary file + rename. A broken input becomes a
failed row with its located message; the rest still get their reports, and ``PartialBatchError``
(exit code 1) is raised only after everything has been written.
"""

from __future__ import annotations

import glob
import json
import os
import re
import sys
import unicodedata
from collections import deque
from collections.abc import Callable, Generator, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass, replace
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from modelo_servicio.app.batch_files import OutDirLock, SummaryWriter
from modelo_servicio.domain import yamlio
from modelo_servicio.domain.batch_outcome import Outcome as Outcome  # re-exported
from modelo_servicio.domain.batch_outcome import Summary as Summary  # re-exported
from modelo_servicio.domain.errors import ModeloError, Problem, Terminated
from modelo_servicio.domain.i18n import Lang, t
from modelo_servicio.domain.output import (
    check_writable,
    held_signals,
    sweep,
)
from modelo_servicio.domain.text import normal_name, visible
from modelo_servicio.render import md_index

if TYPE_CHECKING:
    from modelo_servicio.app.advisor import Advisor
    from modelo_servicio.render.markdown import Memos

Format = Literal["markdown", "json", "html"]
CsvDialect = Literal["default", "excel-es"]
"""``excel-es``: what a Spanish Excel opens right: semicolons, decimal comma, a UTF-8 BOM."""
EXTENSIONS: dict[str, str] = {"markdown": ".md", "json": ".json", "html": ".html"}
YAML_SUFFIXES = (".yaml", ".yml")
RESERVED = frozenset(
    {"index", "summary", "con", "prn", "aux", "nul"}
    | {f"{dev}{n}" for dev in ("com", "lpt") for n in range(10)}
)
MAX_SLUG = 60
FILES_PER_TASK = 8
TASKS_PER_WORKER = 4


class PartialBatchError(ModeloError):
    """Some inputs failed; raised after every good report and the summaries are written."""

    exit_code = 1


@dataclass(frozen=True)
class Options:
    lang: Lang = "es"
    rules: Path | None = None
    date: str = ""
    format: Format = "markdown"
    csv_dialect: CsvDialect = "default"


@dataclass(frozen=True, slots=True)
class Source:
    """One input file as the user named it (``found`` false when an argument matched nothing).
    Only the name is kept: a batch of 10,000 files should not hold 10,000 ``Path`` objects."""

    name: str
    found: bool = True

    @property
    def path(self) -> Path | None:
        return Path(self.name) if self.found else None


# --- discovery -------------------------------------------------------------------------


def discover(arguments: Sequence[str]) -> list[Source]:
    """Files as given, folders recursively (YAML files, hidden entries skipped, sorted), and
    glob patterns; each file once, in the order first named."""
    seen: set[str] = set()
    out: list[Source] = []

    def add(path: Path) -> None:
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            out.append(Source(str(path)))

    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            for found in _walk(path):
                add(found)
        elif path.exists():
            add(path)
        elif glob.has_magic(argument):
            matches = sorted(glob.glob(argument, recursive=True))  # noqa: PTH207 - may be absolute
            for match in matches:
                matched = Path(match)
                if matched.is_dir():
                    for found in _walk(matched):
                        add(found)
                elif matched.suffix.lower() in YAML_SUFFIXES:
                    add(matched)
            if not matches:
                out.append(Source(argument, found=False))
        else:
            out.append(Source(argument, found=False))
    return out


def _walk(folder: Path) -> Iterator[Path]:
    found: list[Path] = []
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        base = Path(root).relative_to(folder)
        for name in files:
            if not name.startswith(".") and name.lower().endswith(YAML_SUFFIXES):
                found.append(base / name)
    for relative in sorted(found, key=lambda p: p.parts):
        yield folder / relative


# --- names -----------------------------------------------------------------------------


def slug(name: str, fallback: str = "profile") -> str:
    """Lower-case ASCII letters, digits and dashes from a company name; never a path."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return cleaned[:MAX_SLUG].strip("-") or fallback


def unique_name(name: str, used: set[str], fallback: str = "profile") -> str:
    """``slug``, then ``slug-2``, ``slug-3``... for the next profiles with the same slug."""
    base = slug(name, fallback)
    candidate, number = base, 1
    while candidate in used or candidate in RESERVED:
        number += 1
        candidate = f"{base}-{number}"
    used.add(candidate)
    return candidate


# --- workers ---------------------------------------------------------------------------


class Worker:
    """What one process needs to turn files into outcomes: the options, the batch's one
    Advisor and the pieces of reports already rendered (shared by its renderers)."""

    def __init__(self, options: Options, advisor: Advisor) -> None:
        self.options = options
        self.advisor = advisor
        self.memos: Memos = {}

    def process_files(self, sources: Sequence[Source]) -> list[list[Outcome]]:
        return [self.process_file(source) for source in sources]

    def process_file(self, source: Source) -> list[Outcome]:
        """Every profile in one file; a broken document fails alone, the ones before it
        stand."""
        options = self.options
        if source.path is None:
            message = t("batch.not_found", options.lang, name=source.name)
            return [Outcome(source=source.name, document=1, company="", error=message)]
        outcomes: list[Outcome] = []
        documents = 0
        try:
            text = yamlio.read_text(source.path, source.name, regular_only=True)
            for doc in yamlio.iter_documents(text, source.name):
                documents = doc.index + 1
                if doc.data is not None:
                    outcomes.append(self._process_document(doc, documents))
        except ModeloError as exc:
            outcomes.append(
                Outcome(
                    source=source.name,
                    document=documents + 1,
                    company="",
                    error=exc.flat(options.lang),
                )
            )
        except Exception as exc:  # whatever it is, it costs this file only
            message = t("batch.internal", options.lang, error=type(exc).__name__)
            outcomes.append(
                Outcome(source=source.name, document=documents + 1, company="", error=message)
            )
        if not outcomes:
            message = t("batch.empty_file", options.lang, name=source.name)
            outcomes.append(Outcome(source=source.name, document=1, company="", error=message))
        return outcomes

    def _process_document(self, doc: Any, number: int) -> Outcome:
        from modelo_servicio.domain.profile_io import profile_from_document

        options = self.options
        company = _raw_company(doc.data)
        try:
            profile = profile_from_document(doc, self.advisor.catalogue)
            result = self.advisor.advise(profile, options.lang)
            renderer = self.advisor.formatter(
                options.format, date=options.date, profile=profile, memos=self.memos
            )
            text = renderer.format(result)
        except ModeloError as exc:
            return Outcome(
                source=doc.source, document=number, company=company, error=exc.flat(options.lang)
            )
        except Exception as exc:  # a bug must not cost the other profiles their reports
            detail = _detail(exc)
            message = t("batch.internal", options.lang, error=f"{type(exc).__name__}: {detail}")
            return Outcome(source=doc.source, document=number, company=company, error=message)
        return Outcome(
            source=doc.source,
            document=number,
            company=result.company,
            text=text,
            row=md_index.summary_fields(result, profile),
        )


_worker: Worker | None = None
"""This pool process's one worker, set by ``init_worker``: a pool hands its processes nothing
else between the initializer and the tasks. Never set in the parent process."""


def init_worker(options: Options, advisor: Advisor) -> None:
    """Pool initializer: the worker of this process, with the parent's Advisor (inherited
    when the pool forks, unpickled once per process when it spawns)."""
    global _worker
    _worker = Worker(options, advisor)


def process_files(sources: Sequence[Source]) -> list[list[Outcome]]:
    """A pool task: some files, by this process's worker."""
    if _worker is None:  # pragma: no cover - the pool always runs the initializer first
        raise RuntimeError("init_worker did not run in this process")
    return _worker.process_files(sources)


def _detail(exc: BaseException) -> str:
    """An exception's text, short and on one line (it goes into the index and the CSV)."""
    try:
        text = str(exc)
    except Exception:
        return ""
    return " ".join(text.split())[:200]


def _raw_company(data: Any) -> str:
    company = data.get("company") if isinstance(data, dict) else None
    name = company.get("name") if isinstance(company, dict) else None
    return normal_name(name.strip()[:200]) if isinstance(name, str) else ""


# --- running ---------------------------------------------------------------------------


def outcomes(
    sources: Sequence[Source], options: Options, jobs: int, advisor: Advisor
) -> Generator[list[Outcome], None, None]:
    """Each file's outcomes, in input order, computed by ``jobs`` processes."""
    tasks = [list(sources[i : i + FILES_PER_TASK]) for i in range(0, len(sources), FILES_PER_TASK)]
    jobs = max(1, min(jobs, len(tasks)))
    if jobs == 1:
        worker = Worker(options, advisor)
        for source in sources:
            yield worker.process_file(source)
        return
    yield from _pooled(tasks, options, jobs, advisor)


def _pool_worker(options: Options, advisor: Advisor) -> None:
    """A pool process leaves Ctrl-C to the parent (which ends the pool) and dies of SIGTERM
    without a word: no ``Process ForkPoolWorker-1:`` tracebacks."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    init_worker(options, advisor)


def _pooled(
    tasks: list[list[Source]], options: Options, jobs: int, advisor: Advisor
) -> Iterator[list[Outcome]]:
    import multiprocessing

    method = "fork" if sys.platform == "linux" else "spawn"
    context = multiprocessing.get_context(method)
    pool = context.Pool(jobs, initializer=_pool_worker, initargs=(options, advisor))
    try:
        queue = iter(tasks)
        pending = deque(
            pool.apply_async(process_files, (task,))
            for task in islice(queue, jobs * TASKS_PER_WORKER)
        )
        while pending:
            done = pending.popleft().get()
            following = next(queue, None)
            if following is not None:
                pending.append(pool.apply_async(process_files, (following,)))
            yield from done
        pool.close()
    finally:
        pool.terminate()
        pool.join()


def run(
    arguments: Sequence[str],
    out_dir: Path,
    options: Options,
    jobs: int = 1,
    on_file: Callable[[int, int, list[tuple[Outcome, str | None]]], None] | None = None,
    force: bool = False,
) -> Summary:
    """Score every profile named by ``arguments`` into ``out_dir``; see the module docstring.

    Before the first file: every argument must name something (exit 2 otherwise), the
    folder must take files, and no other batch may be writing there (``OutDirLock``).
    SIGTERM ends the run like Ctrl-C: workers stop, temporary files go, the lock is freed."""
    from modelo_servicio.app.advisor import Advisor
    from modelo_servicio.domain.errors import UsageError

    lang = options.lang
    advisor = Advisor.build(options.rules)
    sources = discover(arguments)
    if not sources:
        raise UsageError(t("batch.nothing", lang, paths=visible(" ".join(arguments))))
    missing = [source.name for source in sources if not source.found]
    if missing:
        message = t("batch.missing_inputs", lang, paths=", ".join(missing))
        problems = [
            Problem(name, t("batch.not_found", lang, name="").lstrip(": ")) for name in missing
        ]
        raise UsageError(visible(message), problems)
    summary = Summary(files=len(sources))
    check_writable(out_dir / "index.md", lang, follow=False)
    with OutDirLock(out_dir, lang), _sigterm_interrupts():
        try:
            writer_options = _WriteOptions(out_dir, options, jobs, advisor, force)
            _write_all(sources, writer_options, summary, on_file)
        finally:
            with held_signals():
                sweep(out_dir)
    return summary


@dataclass(frozen=True)
class _WriteOptions:
    out_dir: Path
    options: Options
    jobs: int
    advisor: Advisor
    force: bool


def _write_all(
    sources: list[Source],
    how: _WriteOptions,
    summary: Summary,
    on_file: Callable[[int, int, list[tuple[Outcome, str | None]]], None] | None,
) -> None:
    options = how.options
    used: set[str] = set()
    fallback = t("batch.fallback_name", options.lang)
    extension = EXTENSIONS[options.format]
    ours = set() if how.force else _written_before(how.out_dir)
    results = outcomes(sources, options, how.jobs, how.advisor)
    # closing: on Ctrl-C or SIGTERM the pool ends here and now, before the writer cleans up,
    # not whenever the suspended generator happens to be collected
    with SummaryWriter(how.out_dir, options, how.advisor.version) as writer, closing(results):
        for index, file_outcomes in enumerate(results, 1):
            named: list[tuple[Outcome, str | None]] = []
            for outcome in file_outcomes:
                summary.profiles += 1
                name: str | None = None
                if outcome.text is not None:
                    name = unique_name(outcome.company, used, fallback) + extension
                    problem = writer.write_report(name, outcome.text, how.force, ours)
                    if problem is None:
                        summary.reports += 1
                    else:
                        outcome = replace(outcome, text=None, row={}, error=problem)
                        name = None
                if name is None:
                    summary.failures += 1
                writer.add(outcome, name)
                named.append((outcome, name))
            if on_file is not None:
                on_file(index, len(sources), named)
        writer.finish(summary)


def _written_before(out_dir: Path) -> set[str]:
    """The reports an earlier batch wrote into ``out_dir`` (its ``summary.json`` lists them):
    those may be replaced; any other file by a report's name is someone else's."""
    try:
        text = yamlio.read_text(out_dir / "summary.json", regular_only=True, max_bytes=1 << 28)
        data = json.loads(text)
        return {
            str(entry["report"])
            for entry in data.get("profiles", [])
            if isinstance(entry, dict) and isinstance(entry.get("report"), str)
        }
    except (ModeloError, ValueError, AttributeError, TypeError):
        return set()


@contextmanager
def _sigterm_interrupts() -> Iterator[None]:
    """While a batch runs, SIGTERM raises ``Terminated`` (exit 143) in the main process, so
    the same clean-up as Ctrl-C runs: the pool ends, temporary files and the lock go."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise Terminated(t("output.terminated", "en"))

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


# --- writing ---------------------------------------------------------------------------
