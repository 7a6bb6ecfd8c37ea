"""One error hierarchy for the whole project.

Every error a user can cause is a ``ModeloError``; the CLI turns it into a message on stderr
and an exit code in exactly one place (``cli.app``), so no bad input ever shows a traceback.
Errors carry messages (``i18n.Msg``: a key and its parameters), not text: they are written in
the reader's language there, with ``render(lang)``. ``str()`` gives the English text, for
library callers and tracebacks.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from modelo_servicio.domain.i18n import Lang, Message, say


@dataclass(frozen=True)
class Problem:
    """One located complaint: ``file:line: field.path: message``."""

    source: str
    message: Message
    line: int | None = None
    path: str = ""

    def render(self, lang: Lang) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        text = say(self.message, lang)
        return f"{where}: {self.path}: {text}" if self.path else f"{where}: {text}"

    def __str__(self) -> str:
        return self.render("en")


class ModeloError(Exception):
    """Base error; ``exit_code`` follows PRODUCT.md (2 = bad input or usage)."""

    exit_code = 2

    def __init__(self, message: Message, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.problems: list[Problem] = problems or []

    def render(self, lang: Lang) -> str:
        """The message and its located problems, one per line, in ``lang``."""
        head = say(self.message, lang)
        if not self.problems:
            return head
        return "\n".join([head, *(f"  {p.render(lang)}" for p in self.problems)])

    def flat(self, lang: Lang) -> str:
        """The message and its problems on one line (for summaries)."""
        parts = [say(self.message, lang).strip(), *(p.render(lang) for p in self.problems)]
        return " ".join(part for part in parts if part)

    def __str__(self) -> str:
        return self.render("en")


class InputError(ModeloError):
    """A file that cannot be read as YAML (missing, binary, too large, syntax, tags, aliases)."""


class ProfileError(ModeloError):
    """A company profile that does not satisfy the profile model."""


class RuleError(ModeloError):
    """A knowledge-base or rule file that does not compile."""


class UsageError(ModeloError):
    """Options or arguments that do not make sense together."""


class InterruptedByUser(ModeloError):  # noqa: N818 - not an error, a stop
    """The user pressed Ctrl-C; what was answered has been saved."""

    exit_code = 130


class Terminated(KeyboardInterrupt):
    """SIGTERM while a batch runs: stop like Ctrl-C (same clean-up), exit 128 + 15."""

    exit_code = 143


@dataclass
class RuleWarning:
    """A non-fatal remark (e.g. a rule that can never fire)."""

    source: str
    message: str
    line: int | None = None
    extra: dict[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        return f"{where}: {self.message}"
