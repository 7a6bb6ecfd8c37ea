"""What a batch leaves in its ``--out-dir``: the lock that keeps a second batch out, the
reports, and the index and summaries (``index.md``, with HTML reports ``index.html``,
``summary.csv``/``.json``/``.xlsx``), streamed to temporary files as results arrive and landed
when the batch ends.

Split from ``app/batch.py``, which discovers inputs and fans the work out; this module only
writes, always through ``domain/output``."""

from __future__ import annotations

import csv
import json
import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

from modelo_servicio.domain import yamlio
from modelo_servicio.domain.batch_outcome import Outcome, Summary
from modelo_servicio.domain.errors import ModeloError
from modelo_servicio.domain.i18n import Lang, say, t
from modelo_servicio.domain.output import TempFile, held_signals, target_of, write_atomic
from modelo_servicio.domain.text import visible
from modelo_servicio.render import md_index

if TYPE_CHECKING:
    from modelo_servicio.app.batch import Options
    from modelo_servicio.render.index_html import IndexHtml


class OutDirLock:
    """``.modelo-servicio.lock`` in ``--out-dir`` holds the running batch's process id, so
    two batches never mix their reports under one index: the second exits 2 naming the
    first. A lock whose process is gone (killed, machine restarted) is taken over."""

    NAME = ".modelo-servicio.lock"

    def __init__(self, out_dir: Path, lang: Lang) -> None:
        self.path = out_dir / self.NAME
        self.out_dir = out_dir
        self.lang = lang
        self.held = False

    def __enter__(self) -> OutDirLock:
        from modelo_servicio.domain.errors import UsageError

        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        for _ in range(3):
            try:
                with held_signals():
                    fd = os.open(self.path, flags, 0o644)
                    with os.fdopen(fd, "w", encoding="ascii") as handle:
                        handle.write(f"{os.getpid()}\n")
                    self.held = True
            except FileExistsError:
                holder = self._holder()
                if holder is not None and _alive(holder):
                    message = t(
                        "batch.locked", self.lang, out_dir=visible(self.out_dir), pid=holder
                    )
                    raise UsageError(message) from None
                self.path.unlink(missing_ok=True)  # stale: its process is gone
                continue
            except OSError as exc:
                reason = exc.strerror or type(exc).__name__
                message = t(
                    "output.cannot_write", self.lang, path=visible(self.path), reason=reason
                )
                raise UsageError(message) from None
            return self
        raise UsageError(t("batch.locked", self.lang, out_dir=visible(self.out_dir), pid="?"))

    def _holder(self) -> int | None:
        try:
            text = yamlio.read_text(self.path, regular_only=True, max_bytes=64)
            return int(text.strip())
        except (ModeloError, ValueError):
            return None

    def __exit__(self, *exc: object) -> None:
        if self.held and self._holder() == os.getpid():
            self.path.unlink(missing_ok=True)
        self.held = False


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    except OSError:
        return False
    return True


class SummaryWriter:
    """Reports land through ``domain.output.write_atomic`` (never through a link planted in the
    folder); the summaries grow in hidden ``mkstemp`` files next to them and are renamed
    into place by ``finish``, fsync'ed. Reports are not fsync'ed one by one (it would triple
    the cost of writing a batch); the index, written last, is."""

    def __init__(self, out_dir: Path, options: Options, rules_version: str) -> None:
        self.out_dir = out_dir
        self.options = options
        self.rules_version = rules_version
        self._streams: list[TempFile] = []
        try:
            self._problems = self._open("index-problems")
            self._rows = self._open("index-rows")
            self._errors = self._open("index-errors")
            self._json = self._open("summary.json")
            self._csv = self._open("summary.csv")
            self._xlsx_temp = self._open("summary.xlsx")
            self._html = self._html_streams() if options.format == "html" else None
        except BaseException:
            self.__exit__()
            raise
        self._xlsx_temp.stream.close()  # the workbook writer opens it by name
        spanish = options.csv_dialect == "excel-es"
        self._decimal = "," if spanish else "."
        if spanish:
            self._csv.write("\ufeff")
        delimiter = ";" if spanish else ","
        self._csv_writer = csv.writer(self._csv.stream, delimiter=delimiter, lineterminator="\n")
        self._csv_writer.writerow(md_index.CSV_COLUMNS)
        self._dated: list[dict[str, Any]] = []
        """The few fields of the timeline, for the profiles that carry an assessment date."""
        self._xlsx_path = self._xlsx_temp.path
        from modelo_servicio.render.xlsx import PortfolioWorkbook

        self._xlsx: PortfolioWorkbook | None = PortfolioWorkbook(
            self._xlsx_path, options.lang, options.date
        )
        self._json.write(self._json_head())
        self._first = True

    def _html_streams(self) -> tuple[TempFile, TempFile, TempFile]:
        """``index.html``'s problem rows, other rows and errors, streamed apart like
        ``index.md``'s and joined in that order by ``finish``."""
        from modelo_servicio.render.index_html import IndexHtml

        self._page: IndexHtml = IndexHtml(self.options.lang)
        return (
            self._open("index-html-problems"),
            self._open("index-html-rows"),
            self._open("index-html-errors"),
        )

    def _open(self, name: str) -> TempFile:
        """A hidden temporary file next to the outputs (same file system, so rename works),
        listed for removal before an interrupt can come between."""
        with held_signals():
            stream = TempFile(self.out_dir / name, self.options.lang)
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

    def write_report(self, name: str, text: str, force: bool, ours: set[str]) -> str | None:
        """Write one report; the reason it was not written, or None. A file by that name that
        no batch wrote is kept unless ``force``; a link or a device there is never followed."""
        from modelo_servicio.domain.errors import UsageError

        target = self.out_dir / name
        if target.parent != self.out_dir:  # pragma: no cover - slugs hold no separators
            raise ValueError(name)
        lang = self.options.lang
        if not force and name not in ours and os.path.lexists(target):
            return t("batch.foreign_file", lang, name=name, out_dir=visible(self.out_dir))
        try:
            write_atomic(target, text, lang, follow=False, sync=False)
        except UsageError as exc:
            return say(exc.message, lang)
        return None

    def add(self, outcome: Outcome, name: str | None) -> None:
        entry = md_index.json_entry(outcome, name)
        separator = "\n" if self._first else ",\n"
        self._first = False
        self._json.write(separator + "    " + json.dumps(entry, ensure_ascii=False))
        cells = md_index.csv_row(entry, self._decimal)
        self._csv_writer.writerow([visible(cell) for cell in cells])
        if self._xlsx is not None:
            self._xlsx.add(entry)
        if self._html is not None:
            self._add_html(outcome, name)
        if name is not None:
            stream = self._problems if md_index.problems(outcome.row) else self._rows
            stream.write(md_index.index_row(outcome, name, self.options.lang))
            if entry.get("assessment_date"):
                self._dated.append({k: entry.get(k) for k in md_index.TIMELINE_FIELDS})
        else:
            self._errors.write(md_index.error_item(outcome))

    def _add_html(self, outcome: Outcome, name: str | None) -> None:
        assert self._html is not None
        problems, rows, errors = self._html
        page = self._page
        if name is None:
            errors.write(page.error_item(outcome))
        else:
            stream = problems if md_index.problems(outcome.row) else rows
            stream.write(page.row(outcome, name))

    def _finish_html(self, summary: Summary, tool: str) -> None:
        """``index.html``: what ``index.md`` says, in the same order (errors, problem clients,
        the others, the timelines)."""
        assert self._html is not None
        problems, rows, errors = self._html
        page = self._page
        index = self._open("index.html")
        index.write(page.intro(self.options.date, summary, self.rules_version, tool))
        for temp in self._html:
            temp.stream.flush()
            temp.stream.seek(0)
        if summary.failures:
            index.write(page.errors_open())
            shutil.copyfileobj(errors.stream, index.stream)
            index.write(page.list_close())
        index.write(page.reports_open(summary))
        if summary.reports:
            shutil.copyfileobj(problems.stream, index.stream)
            shutil.copyfileobj(rows.stream, index.stream)
        index.write(page.reports_close(summary))
        index.write(page.timeline(self._dated))
        index.write(page.end())
        self._land(index, "index.html")

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
        for temp in (self._problems, self._rows, self._errors):
            temp.stream.flush()
            temp.stream.seek(0)
        if summary.failures:  # problems first: inputs that failed, then clients at risk
            index.write(md_index.errors_head(lang))
            shutil.copyfileobj(self._errors.stream, index.stream)
        index.write(md_index.reports_head(lang, summary))
        shutil.copyfileobj(self._problems.stream, index.stream)
        shutil.copyfileobj(self._rows.stream, index.stream)
        index.write(md_index.timeline(self._dated, lang))
        if self._html is not None:
            self._finish_html(summary, __version__)
        for temp, final in ((index, "index.md"), (self._csv, "summary.csv")):
            self._land(temp, final)
        self._land(self._json, "summary.json")
        if self._xlsx is not None:
            self._xlsx.close()
            self._xlsx = None
            target = target_of(self.out_dir / "summary.xlsx", self.options.lang, follow=False)
            with held_signals():
                self._xlsx_path.replace(target)
                self._xlsx_temp.landed = True

    def _land(self, temp: TempFile, final: str) -> None:
        target = target_of(self.out_dir / final, self.options.lang, follow=False)
        with held_signals():
            temp.land(target)

    def __enter__(self) -> SummaryWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        xlsx = getattr(self, "_xlsx", None)
        if xlsx is not None:
            xlsx.close()
        with held_signals():
            for stream in self._streams:
                stream.discard()
