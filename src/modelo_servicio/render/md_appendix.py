"""The appendix: every profile answer the recommendation read, the team, and the versions of
the tool and the rules, so a reader can reproduce the report."""

from __future__ import annotations

from typing import Any

from modelo_servicio.domain.profile import SKILLS
from modelo_servicio.render.md_context import Ctx
from modelo_servicio.render.md_escape import bullets, cell, code, table, table_of_rows

_SKIPPED = {"schema_version", "staff", "interview"}
"""Not answers (the team has a table of its own)."""


def appendix(c: Ctx) -> str:
    out = [f"## {c.t('report.h.appendix')}"]
    if c.profile is not None:
        rows: list[str] = []
        _answer_rows(c, c.profile.model_dump(mode="json", exclude=_SKIPPED), "", rows)
        headers = c.headers("report.col.question", "report.col.answer", "report.col.field")
        out.append(f"### {c.t('report.h.answers')}")
        out.append(table_of_rows(headers, rows))
        out.append(_staff(c))
    out.append(f"### {c.t('report.h.versions')}")
    versions = c.result.versions
    key = ("versions", versions.tool, versions.rules, c.date)
    out.append(c.remembered(key, lambda: _versions(c, versions.tool, versions.rules)))
    return "\n\n".join(out)


def _versions(c: Ctx, tool: str, rules: str) -> str:
    return bullets(
        [
            c.t("report.version.tool", version=code(tool)),
            c.t("report.version.rules", version=code(rules)),
            c.t("report.version.date", date=c.date),
            c.t("report.version.language", language=c.t("report.language_name")),
        ]
    )


def _answer_rows(c: Ctx, data: dict[str, Any], prefix: str, rows: list[str]) -> None:
    """Append a row for every answer in ``data``, nested sections flattened to dotted paths;
    empty sections and unset answers have none."""
    for key, value in data.items():
        if isinstance(value, dict):
            if value:
                _answer_rows(c, value, f"{prefix}{key}.", rows)
        elif value is not None:
            rows.append(c.answer_row(f"{prefix}{key}", value))


def _staff(c: Ctx) -> str:
    assert c.profile is not None
    heading = f"### {c.t('report.h.staff')}"
    if not c.profile.staff:
        return f"{heading}\n\n{c.t('report.no_staff')}"
    rows = [
        [
            cell(person.name),
            cell(person.role),
            c.num(person.hours_per_week),
            cell(", ".join(c.channel_name(ch) for ch in person.channels)),
            cell(", ".join(person.languages)),
            c.t("report.yes") if person.open_to_training else c.t("report.no"),
            *(str(person.skills.level(skill)) for skill in SKILLS),
        ]
        for person in c.profile.staff
    ]
    headers = [
        *c.headers(
            "report.col.person",
            "report.col.role",
            "report.col.hours_week",
            "report.col.channels",
            "report.col.languages",
            "report.col.open_to_training",
        ),
        *(c.skill_header(skill) for skill in SKILLS),
    ]
    right = (2, *range(6, 6 + len(SKILLS)))
    return "\n\n".join([heading, c.t("report.skills_scale"), table(headers, rows, right)])
