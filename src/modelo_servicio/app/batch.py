"""Scoring many profiles: discovery, a pool of worker processes, safe report names, summaries.

Workers parse, advise and render; the parent only names and writes, in input order, so the
output is byte-identical whatever ``jobs`` is. Results stream through a bounded window and
the summaries are appended to temporary files as they arrive, so memory stays flat however
large the batch. Every file lands through temporary file + rename. A broken input becomes a
failed row with its located message; the rest still get their reports, and ``PartialBatchError``
(exit code 1) is raised only after everything has been written.
"""

from __future__ import annotations

import csv
import glob
import json
import os
import re
import shutil
import sys
import unicodedata
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TextIO

from modelo_servicio.domain.errors import ModeloError
from modelo_servicio.domain.i18n import Lang, t
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


@dataclass(frozen=True)
class Outcome:
    """One document of one file: a rendered report and its summary row, or an error."""

    source: str
    document: int
    company: str
    text: str | None = None
    row: dict[str, Any] = field(default_factory=dict)
    error: str | None = None


@dataclass
class Summary:
    profiles: int = 0
    reports: int = 0
    failures: int = 0
    files: int = 0


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
        from modelo_servicio.domain.i18n import activate

        activate(options.lang)
        self.options = options
        self.advisor = advisor
        self.memos: Memos = {}

    def process_files(self, sources: Sequence[Source]) -> list[list[Outcome]]:
        return [self.process_file(source) for source in sources]

    def process_file(self, source: Source) -> list[Outcome]:
        """Every profile in one file; a broken document fails alone, the ones before it
        stand."""
        from modelo_servicio.domain import yamlio

        options = self.options
        if source.path is None:
            message = t("batch.not_found", options.lang, name=source.name)
            return [Outcome(source=source.name, document=1, company="", error=message)]
        outcomes: list[Outcome] = []
        documents = 0
        try:
            text = yamlio.read_text(source.path, source.name)
            for doc in yamlio.iter_documents(text, source.name):
                documents = doc.index + 1
                if doc.data is not None:
                    outcomes.append(self._process_document(doc, documents))
        except ModeloError as exc:
            outcomes.append(
                Outcome(source=source.name, document=documents + 1, company="", error=flat(exc))
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
            profile = profile_from_document(doc, options.lang)
            result = self.advisor.advise(profile, options.lang)
            renderer = self.advisor.formatter(
                options.format, date=options.date, profile=profile, memos=self.memos
            )
            text = renderer.format(result)
        except ModeloError as exc:
            return Outcome(source=doc.source, document=number, company=company, error=flat(exc))
        except Exception as exc:  # a bug must not cost the other profiles their reports
            message = t("batch.internal", options.lang, error=f"{type(exc).__name__}: {exc}")
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


def _raw_company(data: Any) -> str:
    company = data.get("company") if isinstance(data, dict) else None
    name = company.get("name") if isinstance(company, dict) else None
    return name.strip()[:200] if isinstance(name, str) else ""


def flat(exc: ModeloError) -> str:
    """The error with its located problems on one line (for summaries)."""
    parts = [exc.message.strip()] + [str(problem) for problem in exc.problems]
    return " ".join(part for part in parts if part)


# --- running ---------------------------------------------------------------------------


def outcomes(
    sources: Sequence[Source], options: Options, jobs: int, advisor: Advisor
) -> Iterator[list[Outcome]]:
    """Each file's outcomes, in input order, computed by ``jobs`` processes."""
    tasks = [list(sources[i : i + FILES_PER_TASK]) for i in range(0, len(sources), FILES_PER_TASK)]
    jobs = max(1, min(jobs, len(tasks)))
    if jobs == 1:
        worker = Worker(options, advisor)
        for source in sources:
            yield worker.process_file(source)
        return
    yield from _pooled(tasks, options, jobs, advisor)


def _pooled(
    tasks: list[list[Source]], options: Options, jobs: int, advisor: Advisor
) -> Iterator[list[Outcome]]:
    import multiprocessing

    method = "fork" if sys.platform == "linux" else "spawn"
    context = multiprocessing.get_context(method)
    pool = context.Pool(jobs, initializer=init_worker, initargs=(options, advisor))
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
) -> Summary:
    """Score every profile named by ``arguments`` into ``out_dir``; see the module docstring."""
    from modelo_servicio.app.advisor import Advisor
    from modelo_servicio.domain.errors import UsageError

    advisor = Advisor.build(options.rules)
    sources = discover(arguments)
    if not sources:
        raise UsageError(t("batch.nothing", options.lang, paths=" ".join(arguments)))
    summary = Summary(files=len(sources))
    try:
        _write_all(sources, out_dir, options, jobs, advisor, summary, on_file)
    except OSError as exc:
        where = exc.filename or out_dir
        reason = exc.strerror or str(exc)
        raise UsageError(t("batch.write_failed", options.lang, path=where, reason=reason)) from None
    return summary


def _write_all(
    sources: list[Source],
    out_dir: Path,
    options: Options,
    jobs: int,
    advisor: Advisor,
    summary: Summary,
    on_file: Callable[[int, int, list[tuple[Outcome, str | None]]], None] | None,
) -> None:
    used: set[str] = set()
    fallback = t("batch.fallback_name", options.lang)
    extension = EXTENSIONS[options.format]
    with SummaryWriter(out_dir, options, advisor.version) as writer:
        for index, file_outcomes in enumerate(outcomes(sources, options, jobs, advisor), 1):
            named: list[tuple[Outcome, str | None]] = []
            for outcome in file_outcomes:
                summary.profiles += 1
                name: str | None = None
                if outcome.text is not None:
                    name = unique_name(outcome.company, used, fallback) + extension
                    writer.write_report(name, outcome.text)
                    summary.reports += 1
                else:
                    summary.failures += 1
                writer.add(outcome, name)
                named.append((outcome, name))
            if on_file is not None:
                on_file(index, len(sources), named)
        writer.finish(summary)


# --- writing ---------------------------------------------------------------------------


def write_atomic(path: Path, text: str) -> None:
    """Temporary file + rename, so a reader sees the old report or the new one. Unlike
    ``yamlio.atomic_write`` there is no fsync per report (it would triple the cost of
    writing); the file gets the user's usual permissions (umask), not mkstemp's 0600."""
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with temp.open("w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        temp.replace(path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


class SummaryWriter:
    """Reports land through temp file + rename; the summaries grow in hidden temporary files
    next to them and are renamed into place by ``finish``."""

    def __init__(self, out_dir: Path, options: Options, rules_version: str) -> None:
        self.out_dir = out_dir
        self.options = options
        self.rules_version = rules_version
        out_dir.mkdir(parents=True, exist_ok=True)
        self._streams: list[TextIO] = []
        self._problems = self._open("index-problems")
        self._rows = self._open("index-rows")
        self._errors = self._open("index-errors")
        self._json = self._open("summary.json")
        self._csv = self._open("summary.csv")
        spanish = options.csv_dialect == "excel-es"
        self._decimal = "," if spanish else "."
        if spanish:
            self._csv.write("\ufeff")
        delimiter = ";" if spanish else ","
        self._csv_writer = csv.writer(self._csv, delimiter=delimiter, lineterminator="\n")
        self._csv_writer.writerow(md_index.CSV_COLUMNS)
        self._dated: list[dict[str, Any]] = []
        """The few fields of the timeline, for the profiles that carry an assessment date."""
        self._xlsx_path = out_dir / f".summary.xlsx.{os.getpid()}.tmp"
        from modelo_servicio.render.xlsx import PortfolioWorkbook

        self._xlsx: PortfolioWorkbook | None = PortfolioWorkbook(
            self._xlsx_path, options.lang, options.date
        )
        self._json.write(self._json_head())
        self._first = True

    def _open(self, name: str) -> TextIO:
        """A hidden temporary file next to the outputs (same file system, so rename works)."""
        path = self.out_dir / f".{name}.{os.getpid()}.tmp"
        stream = path.open("w+", encoding="utf-8", newline="")
        self._streams.append(stream)
        return stream

    def _json_head(self) -> str:
        from modelo_servicio import __version__

        head = {
            "schema_version": 1,
            "language": self.options.lang,
            "date": self.options.date,
            "versions": {"tool": __version__, "rules": self.rules_version},
        }
        return json.dumps(head, ensure_ascii=False, indent=2)[:-2] + ',\n  "profiles": ['

    def write_report(self, name: str, text: str) -> None:
        target = self.out_dir / name
        if target.parent != self.out_dir:  # pragma: no cover - slugs hold no separators
            raise ValueError(name)
        write_atomic(target, text)

    def add(self, outcome: Outcome, name: str | None) -> None:
        entry = md_index.json_entry(outcome, name)
        separator = "\n" if self._first else ",\n"
        self._first = False
        self._json.write(separator + "    " + json.dumps(entry, ensure_ascii=False))
        self._csv_writer.writerow(md_index.csv_row(entry, self._decimal))
        if self._xlsx is not None:
            self._xlsx.add(entry)
        if name is not None:
            stream = self._problems if md_index.problems(outcome.row) else self._rows
            stream.write(md_index.index_row(outcome, name, self.options.lang))
            if entry.get("assessment_date"):
                self._dated.append({k: entry.get(k) for k in md_index.TIMELINE_FIELDS})
        else:
            self._errors.write(md_index.error_item(outcome))

    def finish(self, summary: Summary) -> None:
        from modelo_servicio import __version__

        lang = self.options.lang
        totals = {"profiles": summary.profiles, "reports": summary.reports}
        totals["failures"] = summary.failures
        self._json.write(("\n  " if not self._first else "") + '],\n  "totals": ')
        self._json.write(json.dumps(totals) + "\n}\n")
        intro = md_index.index_intro(
            lang, self.options.date, summary, self.rules_version, __version__
        )
        index = self._open("index.md")
        index.write(intro)
        for stream in (self._problems, self._rows, self._errors):
            stream.flush()
            stream.seek(0)
        if summary.failures:  # problems first: inputs that failed, then clients at risk
            index.write(md_index.errors_head(lang))
            shutil.copyfileobj(self._errors, index)
        index.write(md_index.reports_head(lang, summary))
        shutil.copyfileobj(self._problems, index)
        shutil.copyfileobj(self._rows, index)
        index.write(md_index.timeline(self._dated, lang))
        for stream, final in ((index, "index.md"), (self._csv, "summary.csv")):
            self._land(stream, final)
        self._land(self._json, "summary.json")
        if self._xlsx is not None:
            self._xlsx.close()
            self._xlsx = None
            self._xlsx_path.replace(self.out_dir / "summary.xlsx")

    def _land(self, stream: TextIO, final: str) -> None:
        stream.flush()
        os.fsync(stream.fileno())
        stream.close()
        Path(stream.name).replace(self.out_dir / final)

    def __enter__(self) -> SummaryWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._xlsx is not None:
            self._xlsx.close()
        self._xlsx_path.unlink(missing_ok=True)
        for stream in self._streams:
            stream.close()
            Path(stream.name).unlink(missing_ok=True)
