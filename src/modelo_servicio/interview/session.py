"""One interview on one file: resume, ``--set``, defaults, and saving after every answer.

The file is written atomically each time, marked ``interview: {complete: false}`` until the
consultant accepts the review; an existing file is only replaced once the first new answer
is given, so cancelling at the first question leaves it as it was.
"""

from __future__ import annotations

import copy
import re
import shlex
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from modelo_servicio.domain import yamlio
from modelo_servicio.domain.catalogue import Catalogue
from modelo_servicio.domain.errors import InputError, Problem, ProfileError, UsageError
from modelo_servicio.domain.i18n import Lang, Message, Msg, say, t
from modelo_servicio.domain.numbers import UnreadableNumberError, parse_number
from modelo_servicio.domain.output import check_writable, write_atomic
from modelo_servicio.domain.profile import SCHEMA_VERSION, Profile
from modelo_servicio.domain.profile_io import profile_to_yaml, shape
from modelo_servicio.interview.questionnaire import Questionnaire
from modelo_servicio.interview.state import Answers, Step
from modelo_servicio.interview.values import (
    MISSING,
    STAFF,
    leaves,
    numeric_at,
    profile_problems,
)
from modelo_servicio.knowledge.loader import KnowledgeBase

DEFAULT_FILE = Path("perfil.yaml")
_KEY = re.compile(r"^[^\W\d]\w*(\.\w+)*$")
_RESERVED = ("interview", "schema_version")
MAX_GAP = 9
"""People a ``--set`` may skip beyond the team known so far (``staff.1`` before ``staff.0``)."""


@dataclass(frozen=True)
class Request:
    path: Path
    lang: Lang = "es"
    rules: Path | None = None
    resume: bool = False
    force: bool = False
    defaults: bool = False
    sets: tuple[str, ...] = ()
    staff: tuple[dict[str, Any], ...] = ()
    """People from ``--staff roster.csv``, already checked row by row (``roster``)."""


class Session:
    def __init__(self, request: Request, kb: KnowledgeBase) -> None:
        self.request = request
        self.lang: Lang = request.lang
        self.path = request.path
        self.questionnaire = Questionnaire(kb, request.lang)
        self.catalogue = kb.catalogue
        self.answers = Answers(self.questionnaire)
        self.resume = request.resume
        self.notes: list[str] = []
        self.saved = False
        self.started = False
        """``start`` took over the file and the command line's answers (all checked)."""

    def start(self) -> None:
        """Take over the saved file (``--resume``) and the ``--set`` answers, validated. The
        file must be writable before the first question: a refused save after the first
        answer would lose it."""
        check_writable(self.path, self.lang)
        if self.resume and self.path.exists():
            self.answers.load(read_profile_data(self.path, self.lang, self.catalogue))
        elif self.resume:
            self.notes.append(t("interview.resume_missing", self.lang, path=self.path))
            self.resume = False
        sets = parse_sets(self.request.sets, self.lang)
        wrong = _shape_problems(sets, len(self.answers.people), self.lang)
        if wrong:
            raise UsageError(t("interview.set_invalid", self.lang), wrong)
        for path, value in sets:
            problem = self.answers.assign(path, value, keep=True)
            if problem:
                message = t("interview.set_path", self.lang, form=problem)
                raise UsageError(t("interview.set_invalid", self.lang), [_set(path, message)])
        for index, member in enumerate(self.request.staff, self._people()):
            for path, value in leaves(member, f"{STAFF}.{index}."):
                self.answers.assign(path, value, keep=True)
        if not sets and not self.request.staff:  # the resumed file is wrong: name it, not --set
            found = profile_problems(
                self.answers.data(), source=str(self.path), catalogue=self.catalogue
            )
            if found:
                raise ProfileError(t("interview.resume_invalid", self.lang), found)
        else:
            found = profile_problems(self.answers.data(), source="--set", catalogue=self.catalogue)
            if found:
                raise UsageError(t("interview.set_invalid", self.lang), found)
        self.started = True

    def _people(self) -> int:
        """People already named (resumed file, ``--set staff.N``): the roster adds after them."""
        staff = self.answers.data().get(STAFF)
        return len(staff) if isinstance(staff, list) else 0

    def fill_defaults(self) -> list[Step]:
        """Answer every open question with its default; the required ones left unanswered.

        The plan decides which questions apply from the answers *and the defaults of the
        questions not answered yet*, so accepting a question's own default cannot change it:
        the open questions are answered in one sweep, and the plan is read again only after
        an answer the plan did not assume (a proposal that differs from the plain default, a
        gate that adds a person). Reading the plan after every answer, as one question at a
        time would, made a 40-person team take seconds per person."""
        missing: dict[str, Step] = {}
        while True:
            plan = self.answers.plan()
            todo = [s for s in self.answers.unanswered(plan) if s.key not in missing]
            if not todo:
                return [s for s in self.answers.unanswered(plan) if s.key in missing]
            for step in todo:
                default = self.answers.default(step)
                if default is MISSING:
                    missing[step.key] = step
                    continue
                self.answers.answer(step, copy.deepcopy(default))
                if not _assumed(step, default):
                    break

    def missing_problems(self, steps: list[Step]) -> list[Problem]:
        out: list[Problem] = []
        for step in steps:
            if step.question is None:
                message = t("interview.missing_staff", self.lang)
            else:
                text = step.question.text(self.lang, number=(step.person or 0) + 1, name="")
                message = t("interview.missing_answer", self.lang, question=text, path=step.path)
            out.append(Problem(source=str(self.path), message=message, path=step.path))
        return out

    def save(self, complete: bool = False) -> None:
        plan = self.answers.plan()
        data = plan.data
        data["interview"] = {"complete": complete, "answered": self.answers.answered_keys(plan)}
        try:
            profile = Profile.model_validate(data, context=self.catalogue.context())
        except ValidationError:
            if complete:
                problems = profile_problems(data, str(self.path), catalogue=self.catalogue)
                raise ProfileError(t("profile.invalid", self.lang), problems) from None
            body = yamlio.dump({"schema_version": SCHEMA_VERSION, **data})
        else:
            body = profile_to_yaml(profile)
        key = "interview.file_complete" if complete else "interview.file_partial"
        header = t(key, self.lang, command=self.resume_command(), path=self.path.name)
        write_atomic(self.path, f"# {header}\n{body}", self.lang)
        self.saved = True

    def answered_count(self) -> int:
        plan = self.answers.plan()
        return sum(1 for s in plan.steps if s.question is not None and self.answers.answered(s))

    def resume_command(self) -> str:
        parts = ["modelo-servicio", "interview", shlex.quote(str(self.path)), "--resume"]
        if self.lang == "en":
            parts += ["--lang", "en"]
        if self.request.rules is not None:
            parts += ["--rules", shlex.quote(str(self.request.rules))]
        return " ".join(parts)


def read_profile_data(path: Path, lang: Lang, catalogue: Catalogue) -> dict[str, Any]:
    """A saved profile, possibly unfinished: valid except for answers still to come."""
    doc = yamlio.load_single(path)
    if not isinstance(doc.data, dict):
        kind = say(shape(doc.data), lang)
        raise ProfileError(
            t("profile.invalid", lang),
            [yamlio.problem_at(doc, (), t("profile.not_mapping", lang, kind=kind))],
        )
    found = profile_problems(doc.data, str(path), doc.node, catalogue)
    if found:
        raise ProfileError(t("profile.invalid", lang), found)
    return doc.data


def parse_sets(items: tuple[str, ...], lang: Lang) -> list[tuple[str, Any]]:
    """``KEY=VALUE`` pairs; values read as YAML (``3``, ``true``, ``[es, en]``, text)."""
    out: list[tuple[str, Any]] = []
    problems: list[Problem] = []
    for item in items:
        key, sep, raw = item.partition("=")
        key = key.strip()
        if not sep or not _KEY.match(key):
            problems.append(Problem("--set", t("interview.set_syntax", lang, item=item)))
            continue
        if key.split(".")[0] in _RESERVED:
            problems.append(_set(key, t("interview.set_reserved", lang)))
            continue
        kind = numeric_at(key)
        if kind is not None and raw.strip() not in ("", "null", "~"):
            try:
                out.append((key, parse_number(raw, lang, kind)))
            except UnreadableNumberError as exc:
                problems.append(_set(key, exc.message))
            continue
        try:
            docs = yamlio.parse(raw, f"--set {key}")
        except InputError as exc:
            problems.append(_set(key, _value_typed(exc.message, raw)))
            continue
        value = docs[0].data if docs else None
        out.append((key, "" if value is None and not raw.strip() else value))
    if problems:
        raise UsageError(t("interview.set_invalid", lang), problems)
    return out


def _shape_problems(sets: list[tuple[str, Any]], people: int, lang: Lang) -> list[Problem]:
    """``--set`` paths that cannot become profile data: a section given a plain value
    (``company=Acme`` would be dropped without a word) and a person far beyond the team
    (``staff.999.name=X`` would make a thousand empty people to fill in, each answer
    re-planning the whole interview): an index may reach the team so far plus the people
    ``--set`` names, plus ``MAX_GAP`` places left for people still to add."""
    from modelo_servicio.domain.validation import model_at

    named = {path.split(".")[1] for path, _ in sets if path.startswith(f"{STAFF}.")}
    limit = people + len(named) + MAX_GAP
    out: list[Problem] = []
    for path, value in sets:
        parts = path.split(".")
        if parts[0] == STAFF and len(parts) > 1 and parts[1].isdigit():
            if int(parts[1]) >= limit:
                message = t("interview.set_index", lang, index=parts[1], last=limit - 1)
                out.append(_set(path, message))
            continue
        loc = tuple(int(p) if p.isdigit() else p for p in parts)
        if model_at(Profile, loc) is not None and not isinstance(value, dict):
            out.append(_set(path, t("interview.set_scalar", lang, path=path)))
    return out


def _value_typed(message: Message, raw: str) -> Message:
    """A YAML message about a ``--set`` value, placed by the value typed rather than by a
    file name and line (the problem already names ``--set`` and the key)."""
    if isinstance(message, Msg) and any(name == "where" for name, _ in message.params):
        params = tuple((n, repr(raw[:60]) if n == "where" else v) for n, v in message.params)
        return replace(message, params=params)
    return message


def _set(path: str, message: Message) -> Problem:
    return Problem(source="--set", message=message, path=path)


def non_interactive(request: Request, kb: KnowledgeBase) -> Session:
    """``--defaults`` (or a run with no terminal): every answer from the file, ``--set`` or the
    defaults, or exit 2 naming every answer still missing."""
    lang = request.lang
    if request.path.exists() and not (request.resume or request.force):
        raise UsageError(t("interview.exists_batch", lang, path=request.path))
    session = Session(request, kb)
    session.start()
    if request.defaults:
        missing = session.fill_defaults()
        if missing:
            raise UsageError(
                t("interview.missing", lang, path=request.path), session.missing_problems(missing)
            )
    else:
        plan = session.answers.plan()
        open_steps = session.answers.unanswered(plan)
        if open_steps:
            required = [s for s in open_steps if session.answers.default(s) is MISSING]
            raise UsageError(t("interview.no_tty", lang), session.missing_problems(required))
    session.save(complete=True)
    return session


def _assumed(step: Step, answer: Any) -> bool:
    """Whether the plan already counted on ``answer`` for ``step``: the question's own default,
    or a roster gate answered "no more people"."""
    if step.question is None:
        return answer is False
    return bool(answer == step.question.default)
