"""Pydantic models of ``kind: questions`` files: the interview's sections and questions.

A consultancy can replace or add questions with ``--rules DIR`` like any rule. What needs the
profile model and the condition language to be checked (a question fills a real field with a
fitting type, its ``when`` reads only earlier answers) is checked by ``interview.kb.check``.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from modelo_servicio.domain.i18n import Text, invalid
from modelo_servicio.knowledge.schema import Item

QuestionType = Literal["text", "integer", "number", "choice", "multi", "yesno", "scale"]
ChoiceValue = bool | int | float | str
SCALE = (1, 2, 3, 4, 5)

SECTIONS = "interview_sections"
QUESTIONS = "questions"


class ChoiceSpec(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid", frozen=True)

    value: ChoiceValue
    label: Text


class SectionSpec(Item):
    """A group of questions; ``repeat: staff`` asks its questions once per person."""

    title: Text
    intro: Text | None = None
    repeat: Literal["staff"] | None = None
    add_first: Text | None = None
    add_more: Text | None = None
    add_help: Text | None = None

    @model_validator(mode="after")
    def _gate_texts(self) -> SectionSpec:
        if self.repeat and not (self.add_first and self.add_more):
            raise invalid("rules.questions.repeat_texts")
        return self


class QuestionSpec(Item):
    """One question: the profile field it fills, how it is asked and when. ``label`` is the
    short name in the review; ``blank`` how an optional answer left empty reads."""

    section: str
    field: str = Field(pattern=r"^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)+$")
    type: QuestionType
    text: Text
    label: Text | None = None
    help: Text | None = None
    blank: Text | None = None
    unit: Text | None = None
    """Echoed after a numeric answer ("22.000 € al mes"); ``{currency}`` is the profile's
    currency sign."""
    unit_one: Text | None = None
    """The unit after exactly 1 (``1 local``, not ``1 locales``)."""
    choices: list[ChoiceSpec] = Field(default_factory=list)
    choices_from: Literal["channels", "models"] | None = None
    default: Any = None
    when: Any = None

    @model_validator(mode="after")
    def _choices_fit(self) -> QuestionSpec:
        listed = bool(self.choices or self.choices_from)
        if self.type in ("choice", "multi") and not listed:
            raise invalid("rules.questions.needs_choices", type=self.type)
        if self.type not in ("choice", "multi", "scale") and listed:
            raise invalid("rules.questions.no_choices", type=self.type)
        return self

    @property
    def has_default(self) -> bool:
        return "default" in self.model_fields_set

    def short(self) -> Text:
        return self.label or self.text


class QuestionsFile(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")

    kind: Literal["questions"]
    interview_sections: list[SectionSpec] = Field(default_factory=list)
    questions: list[QuestionSpec] = Field(default_factory=list)
    disable: list[str] = Field(default_factory=list)
