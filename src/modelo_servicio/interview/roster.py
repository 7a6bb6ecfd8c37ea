"""A team brought from a spreadsheet: ``interview --staff roster.csv``.

One canonical header of profile field ids (English), so the same file works whatever the
interview's language; lines starting with ``#`` are comments, and the template written by
``modelo-servicio template staff.csv`` explains every column in Spanish and English there.
Every row is checked by the Profile model itself, and every complaint names the file and
line: ``roster.csv:4: skills.writing: ...``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from modelo_servicio.domain.catalogue import Catalogue
from modelo_servicio.domain.errors import InputError, Problem, ProfileError
from modelo_servicio.domain.i18n import Lang, t

SEPARATOR = "|"
"""Between the values of one cell that holds a list (channels, languages)."""


def columns(skills: Sequence[str]) -> tuple[str, ...]:
    """The header: a column per skill of the knowledge base, in its order."""
    return ("name", "role", "hours_per_week", "channels", *skills, "languages", "open_to_training")


LISTS = ("channels", "languages")
TRUE = {"true", "yes", "sí", "si", "1", "x"}
FALSE = {"false", "no", "0"}

TEMPLATE_NOTES = (
    "# Plantilla de equipo para 'modelo-servicio interview --staff' / staff template",
    "# Una fila por persona; las líneas que empiezan por # se ignoran / one row per person;"
    " lines starting with # are ignored",
    "# name: nombre / name (obligatorio / required) · role: puesto / job title",
    "# hours_per_week: horas por semana / hours a week (1-80, por defecto / default 40)",
    "# channels: canales que atiende hoy, separados por | / channels served today, separated"
    " by | ({channels})",
    "# {first}..{last}: nivel de 1 a 5 / level 1 to 5 (producto / product, empatía /"
    " empathy, resolución / problem solving, redacción / writing, expresión oral / speaking,"
    " herramientas digitales / technology, varias tareas / multitasking)",
    "# languages: idiomas, códigos separados por | / languages, codes separated by | (es|en)",
    "# open_to_training: dispuesto a formarse / open to training (sí/no, yes/no)",
)
EXAMPLE_LEVELS = ("4", "4", "3", "3", "4", "3", "3")
"""The example person's skill levels, skill by skill (a further skill gets 3)."""


def _example(skills: Sequence[str]) -> tuple[str, ...]:
    levels = [EXAMPLE_LEVELS[i] if i < len(EXAMPLE_LEVELS) else "3" for i in range(len(skills))]
    return ("Ana", "dependienta", "40", "in_person|phone", *levels, "es|en", "sí")


def template(catalogue: Catalogue) -> str:
    """The documented template: notes (the channels of ``catalogue``, the knowledge base's),
    the header (a column per skill), one example row."""
    skills = catalogue.skills
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns(skills))
    writer.writerow(_example(skills))
    fill = {"channels": "|".join(catalogue.channels), "first": skills[0], "last": skills[-1]}
    notes = [note.format(**fill) if "{" in note else note for note in TEMPLATE_NOTES]
    return "\n".join(notes) + "\n" + buffer.getvalue()


def read_roster(path: Path, lang: Lang, catalogue: Catalogue) -> list[dict[str, Any]]:
    """The people in ``path``, each a staff member's profile data (a column per skill of
    the knowledge base's ``catalogue``); every bad row or cell is reported at once, with its
    line."""
    skills = catalogue.skills
    known = columns(skills)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: {exc}") from None
    delimiter = (
        ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
    )
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
    lines = [(n, line) for n, line in lines if not line.lstrip().startswith("#")]
    problems: list[Problem] = []
    if not lines:
        raise ProfileError(t("roster.invalid", lang), [Problem(str(path), t("roster.empty", lang))])
    header_line, header_text = lines[0]
    header = next(csv.reader([header_text], delimiter=delimiter))
    header = [h.strip() for h in header]
    unknown = [h for h in header if h not in known]
    if "name" not in header or unknown:
        message = t("roster.header", lang, columns=",".join(known))
        raise ProfileError(t("roster.invalid", lang), [Problem(str(path), message, header_line)])
    people: list[dict[str, Any]] = []
    for number, line in lines[1:]:
        cells = next(csv.reader([line], delimiter=delimiter))
        if len(cells) > len(header):
            message = t("roster.too_many", lang, found=len(cells), expected=len(header))
            problems.append(Problem(str(path), message, number))
            continue
        member = _member(dict(zip(header, cells, strict=False)), skills)
        found = _check(member, lang, catalogue)
        if "name" not in member:
            found.insert(0, Problem("", t("roster.no_name", lang), None, "name"))
        problems += [Problem(str(path), p.message, number, p.path) for p in found]
        people.append(member)
    if problems:
        raise ProfileError(t("roster.invalid", lang), problems)
    return people


def _member(row: dict[str, str], skills: Sequence[str]) -> dict[str, Any]:
    member: dict[str, Any] = {}
    for key, raw in row.items():
        value = raw.strip()
        if not value:
            continue
        if key in LISTS:
            member[key] = [v.strip() for v in value.split(SEPARATOR) if v.strip()]
        elif key in skills:
            member.setdefault("skills", {})[key] = _number(value)
        elif key == "hours_per_week":
            member[key] = _number(value)
        elif key == "open_to_training":
            folded = value.casefold()
            member[key] = True if folded in TRUE else False if folded in FALSE else value
        else:
            member[key] = value
    return member


def _number(text: str) -> Any:
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return text


def _check(member: dict[str, Any], lang: Lang, catalogue: Catalogue) -> list[Problem]:
    """The Profile model's complaints about one person, paths relative to the person."""
    from modelo_servicio.interview.values import profile_problems

    found = profile_problems({"staff": [member]}, lang, catalogue=catalogue)
    return [
        Problem("", p.message, None, p.path.removeprefix("staff.0."))
        for p in found
        if p.path.startswith("staff.0")
    ]
