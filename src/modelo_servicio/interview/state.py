"""What has been answered so far, the steps still to ask, and the profile they make.

Answers are kept by question id (and per person for the staff roster), apart from the profile
data, so that a question hidden by a later edit drops out of the profile but comes back with
its answer if it applies again. Profile data no question covers (``--set``, fields kept from a
resumed file) is carried along untouched.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from modelo_servicio.engine.conditions import evaluate
from modelo_servicio.engine.facts import FactBook
from modelo_servicio.interview.questionnaire import Question, Questionnaire, Section
from modelo_servicio.interview.values import (
    MISSING,
    STAFF,
    leaves,
    person_path,
    probe_profile,
    set_path,
)


@dataclass
class Person:
    answers: dict[str, Any] = field(default_factory=dict)
    base: dict[str, Any] = field(default_factory=dict)
    group: int | None = None
    """People entered together ("+3 like Ana") share a group number: the review shows them
    as one group and a change to one of their answers (but the name) is made for all."""


@dataclass(frozen=True)
class Step:
    """One thing to ask: a question (for person ``person`` in the roster) or, with no
    question, the roster's "add a person?" gate for person number ``person``."""

    key: str
    section: Section
    question: Question | None = None
    person: int | None = None

    @property
    def path(self) -> str:
        if self.question is None:
            return STAFF
        if self.person is None:
            return self.question.field
        return person_path(self.question.field, self.person)


@dataclass
class Plan:
    steps: list[Step]
    data: dict[str, Any]

    def index(self, key: str) -> int | None:
        return next((i for i, s in enumerate(self.steps) if s.key == key), None)

    def find(self, key: str) -> Step | None:
        index = self.index(key)
        return None if index is None else self.steps[index]


class Answers:
    def __init__(self, questionnaire: Questionnaire) -> None:
        self.questionnaire = questionnaire
        self.top: dict[str, Any] = {}
        self.base: dict[str, Any] = {}
        self.people: list[Person] = []
        self.roster_closed = False

    # --- reading -------------------------------------------------------------------------

    def plan(self) -> Plan:
        """Applicable steps in order, and the profile data their answers make."""
        builder = _Builder(self.base, self.questionnaire.facts)
        steps: list[Step] = []
        for section in self.questionnaire.sections:
            if section.repeats:
                self._plan_roster(section, builder, steps)
                continue
            for question in section.questions:
                if builder.applies(question):
                    steps.append(Step(question.id, section, question))
                    builder.record(question, question.field, self.top.get(question.id, MISSING))
        if self.questionnaire.roster is None:
            for person in self.people:
                builder.add_person(person.base)
        return Plan(steps, builder.data)

    def _plan_roster(self, section: Section, builder: _Builder, steps: list[Step]) -> None:
        for index, person in enumerate(self.people):
            steps.append(Step(gate_key(section, index), section, None, index))
            builder.add_person(person.base)
            for question in section.questions:
                if builder.applies(question):
                    steps.append(Step(f"{question.id}@{index + 1}", section, question, index))
                    path = person_path(question.field, index)
                    builder.record(question, path, person.answers.get(question.id, MISSING))
        count = len(self.people)
        steps.append(Step(gate_key(section, count), section, None, count))

    def data(self) -> dict[str, Any]:
        return self.plan().data

    def answered(self, step: Step) -> bool:
        return self.value(step) is not MISSING

    def value(self, step: Step) -> Any:
        if step.question is None:
            index = step.person or 0
            if index < len(self.people):
                return True
            return False if self.roster_closed else MISSING
        if step.person is None:
            return self.top.get(step.question.id, MISSING)
        if step.person >= len(self.people):
            return MISSING
        return self.people[step.person].answers.get(step.question.id, MISSING)

    def default(self, step: Step) -> Any:
        """What Enter accepts: the current answer, else the question's default."""
        current = self.value(step)
        if current is not MISSING:
            return current
        return self.proposed(step)

    def proposed(self, step: Step) -> Any:
        """What the question proposes from the answers so far (monthly contacts follow the
        customers, sites and sector), else its default."""
        question = step.question
        if question is None:
            return False
        if step.person is None and self.questionnaire.proposes(question):
            found = self.questionnaire.proposal(question, self.data())
            if found is not None:
                return found.value
        return question.default

    def proposal_basis(self, step: Step) -> str:
        """How the proposal of ``step`` was worked out ("" where it is a fixed default)."""
        question = step.question
        if question is None or step.person is not None or not self.questionnaire.proposes(question):
            return ""
        found = self.questionnaire.proposal(question, self.data())
        return found.basis if found is not None else ""

    def person_name(self, index: int) -> str:
        roster = self.questionnaire.roster
        if roster is None or index >= len(self.people):
            return ""
        name = self.people[index].answers.get(roster.questions[0].id)
        return name if isinstance(name, str) else ""

    def answered_keys(self, plan: Plan) -> list[str]:
        return [s.key for s in plan.steps if self.answered(s)]

    def unanswered(self, plan: Plan) -> list[Step]:
        return [s for s in plan.steps if not self.answered(s)]

    # --- writing -------------------------------------------------------------------------

    def answer(self, step: Step, value: Any) -> None:
        if step.question is None:
            index = step.person or 0
            if value:
                if index >= len(self.people):
                    self.people.append(Person())
                self.roster_closed = False
            else:
                del self.people[index:]
                self.roster_closed = True
        elif step.person is None:
            self.top[step.question.id] = value
        else:
            while len(self.people) <= step.person:
                self.people.append(Person())
            for person in self.group_of(step.person, step.question.id):
                person.answers[step.question.id] = copy.deepcopy(value)

    def group_of(self, index: int, question: str | None = None) -> list[Person]:
        """Person ``index`` and, when it belongs to a group, the rest of the group: those who
        share an answer to ``question`` (every question but the name)."""
        person = self.people[index]
        roster = self.questionnaire.roster
        name_id = roster.questions[0].id if roster is not None else None
        if person.group is None or question == name_id:
            return [person]
        return [p for p in self.people if p.group == person.group]

    def group_members(self, index: int) -> list[int]:
        """The indexes of the people in person ``index``'s group (just ``index`` alone)."""
        group = self.people[index].group
        if group is None:
            return [index]
        return [i for i, p in enumerate(self.people) if p.group == group]

    def add_person(self) -> None:
        self.people.append(Person())

    def copy_person(self, index: int, names: list[str | None], group: bool = False) -> None:
        """New people with every answer of person ``index`` but the name: one per entry of
        ``names`` (``None``: the name is still to be asked); with ``group``, they form a
        group (``Person.group``)."""
        roster = self.questionnaire.roster
        if roster is None:
            return
        name_id = roster.questions[0].id
        source = self.people[index]
        taken = [p.group for p in self.people if p.group is not None]
        number = max(taken, default=0) + 1 if group else None
        for name in names:
            answers = {k: copy.deepcopy(v) for k, v in source.answers.items() if k != name_id}
            if name is not None:
                answers[name_id] = name
            base = {k: copy.deepcopy(v) for k, v in source.base.items() if k != "name"}
            self.people.append(Person(answers=answers, base=base, group=number))

    def find_person(self, name: str) -> int | None:
        """The index of the person called ``name`` (any case), if any."""
        wanted = " ".join(name.split()).casefold()
        for index in range(len(self.people)):
            if self.person_name(index).casefold() == wanted:
                return index
        return None

    def remove_person(self, index: int) -> None:
        del self.people[index]

    def assign(
        self, path: str, value: Any, answered: set[str] | None = None, keep: bool = False
    ) -> str | None:
        """Put one profile value in place (``--set`` or a resumed file): the answer of the
        question that fills ``path``, else plain profile data. With ``answered``, a question's
        value counts only if its id is listed there (others are dropped). With ``keep`` (an
        explicit ``--set``) the value stays in the profile even where its question does not
        apply. Returns an error text for a path that cannot be a profile field."""
        if isinstance(value, dict) and value:
            for key, item in value.items():
                problem = self.assign(f"{path}.{key}", item, answered, keep)
                if problem:
                    return problem
            return None
        head, _, rest = path.partition(".")
        if head == STAFF:
            return self._assign_person(rest, value, answered, keep)
        question = self.questionnaire.top_question(path)
        if question is None or keep:
            set_path(self.base, path, copy.deepcopy(value))
        if question is not None and (answered is None or question.id in answered):
            self.top[question.id] = value
        return None

    def _assign_person(
        self, rest: str, value: Any, answered: set[str] | None, keep: bool
    ) -> str | None:
        if not rest:
            if not isinstance(value, list):
                set_path(self.base, STAFF, value)
                return None
            for index, item in enumerate(value):
                self._ensure_person(index)
                problem = self.assign(f"{STAFF}.{index}", item, answered, keep)
                if problem:
                    return problem
            return None
        number, _, inner = rest.partition(".")
        if not number.isdigit():
            return "staff.N"
        index = int(number)
        self._ensure_person(index)
        person = self.people[index]
        if not inner:
            return None if isinstance(value, dict) else "staff.N.field"
        question = self.questionnaire.person_question(inner)
        if question is None or keep:
            set_path(person.base, inner, copy.deepcopy(value))
        if question is not None and (answered is None or f"{question.id}@{index + 1}" in answered):
            person.answers[question.id] = value
        return None

    def _ensure_person(self, index: int) -> None:
        while len(self.people) <= index:
            self.people.append(Person())

    def load(self, data: dict[str, Any]) -> None:
        """Take over a profile written earlier (by an interview or by hand)."""
        state = data.get("interview")
        listed = state.get("answered") if isinstance(state, dict) else None
        answered = {str(k) for k in listed} if isinstance(listed, list) else None
        body = {k: v for k, v in data.items() if k not in ("interview", "schema_version")}
        staff = body.pop(STAFF, None)
        for path, value in leaves(body):
            self.assign(path, value, answered)
        if isinstance(staff, list):
            for index, member in enumerate(staff):
                self._ensure_person(index)
                if isinstance(member, dict):
                    for path, value in leaves(member, f"{STAFF}.{index}."):
                        self.assign(path, value, answered)
        if answered is not None:
            self._absent_means_blank(answered)
        roster = self.questionnaire.roster
        if answered is None:
            self.roster_closed = STAFF in data
        elif roster is not None:
            self.roster_closed = gate_key(roster, len(self.people)) in answered

    def _absent_means_blank(self, answered: set[str]) -> None:
        """Profiles are written without empty optional fields: an answered question whose
        field is absent was answered with "no value"."""
        for section in self.questionnaire.sections:
            for question in section.questions:
                if not section.repeats:
                    if question.id in answered:
                        self.top.setdefault(question.id, None)
                    continue
                for index, person in enumerate(self.people):
                    if f"{question.id}@{index + 1}" in answered:
                        person.answers.setdefault(question.id, None)


def gate_key(section: Section, index: int) -> str:
    return f"{section.id}@{index + 1}"


class _Builder:
    """Builds the profile data from the answers, and evaluates ``when`` on what the profile
    is expected to be: answers so far plus the defaults of questions not answered yet (so the
    progress count does not jump when an earlier answer is accepted as proposed)."""

    def __init__(self, base: dict[str, Any], facts: FactBook) -> None:
        self.facts = facts
        self.data = copy.deepcopy(base)
        self.expected = copy.deepcopy(base)
        self._ctx: dict[str, Any] | None = None

    def add_person(self, base: dict[str, Any]) -> None:
        for target in (self.data, self.expected):
            staff = target.setdefault(STAFF, [])
            staff.append(copy.deepcopy(base))
        self._ctx = None

    def record(self, question: Question, path: str, answer: Any) -> None:
        if answer is not MISSING:
            set_path(self.data, path, copy.deepcopy(answer))
        value = answer if answer is not MISSING else question.default
        if value is not MISSING:
            set_path(self.expected, path, copy.deepcopy(value))
            self._ctx = None

    def applies(self, question: Question) -> bool:
        if question.when is None:
            return True
        if self._ctx is None:
            profile = probe_profile(self.expected, self.facts.catalogue)
            self._ctx = self.facts.context(profile) if profile is not None else {}
        return evaluate(question.when, self._ctx)
