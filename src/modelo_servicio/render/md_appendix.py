"""The appendix: every profile answer the recommendation read and the team (the versions of
the tool and the rules go to the consultant's audit trail, ``md_audit``)."""

from __future__ import annotations

from typing import Any

from modelo_servicio.domain.profile import Profile
from modelo_servicio.render import report_rows
from modelo_servicio.render.md_context import Ctx
from modelo_servicio.render.md_escape import plain_table, table_of_rows

_SKIPPED = {"schema_version", "staff", "interview"}
"""Not answers (the team has a table of its own)."""


def appendix(c: Ctx) -> str:
    if c.profile is None:
        return ""
    rows = [c.answer_row(path, value) for path, value in answer_paths(c.profile)]
    columns = ["report.col.question", "report.col.answer"]
    headers = c.headers(*columns, *(["report.col.field"] if c.consultant else []))
    return "\n\n".join(
        [
            f"## {c.t('report.h.appendix')}",
            f"### {c.t('report.h.answers')}",
            table_of_rows(headers, rows),
            _staff(c),
        ]
    )


def answer_paths(profile: Profile) -> list[tuple[str, Any]]:
    """Every answer of the profile as (dotted path, value), nested sections flattened; empty
    sections and unset answers have none."""
    out: list[tuple[str, Any]] = []

    def walk(data: dict[str, Any], prefix: str) -> None:
        for key, value in data.items():
            if isinstance(value, dict):
                walk(value, f"{prefix}{key}.")
            elif value is not None:
                out.append((f"{prefix}{key}", value))

    walk(profile.model_dump(mode="json", exclude=_SKIPPED), "")
    return out


def _staff(c: Ctx) -> str:
    assert c.profile is not None
    heading = f"### {c.t('report.h.staff')}"
    if not c.profile.staff:
        return f"{heading}\n\n{c.t('report.no_staff')}"
    rows = report_rows.team(c)
    headers = [*rows.headers[:6], *(c.skill_header(skill) for skill in c.kb.skills)]
    table_md = plain_table(headers, rows.rows, rows.right)
    return "\n\n".join([heading, c.t("report.skills_scale"), table_md])
