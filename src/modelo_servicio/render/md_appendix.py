"""The appendix: every profile answer the recommendation read, the team, and the versions of
the tool and the rules, so a reader can reproduce the report."""

from __future__ import annotations

from typing import Any

from modelo_servicio.profile import SKILLS
from modelo_servicio.render.md_context import Ctx
from modelo_servicio.render.md_escape import bullets, cell, code, table, text

_SKIPPED = ("schema_version", "staff", "interview")


def appendix(c: Ctx) -> str:
    out = [f"## {c.t('report.h.appendix')}"]
    if c.profile is not None:
        data = c.profile.model_dump(mode="json")
        rows = [
            [cell(c.question(path)), cell(c.answer(path, value)), code(path)]
            for path, value in _flatten(data)
        ]
        headers = [c.t("report.col.question"), c.t("report.col.answer"), c.t("report.col.field")]
        out.append(f"### {c.t('report.h.answers')}")
        out.append(table(headers, rows))
        out.append(_staff(c))
    out.append(f"### {c.t('report.h.versions')}")
    versions = c.result.versions
    out.append(
        bullets(
            [
                c.t("report.version.tool", version=code(versions.tool)),
                c.t("report.version.rules", version=code(versions.rules)),
                c.t("report.version.date", date=c.date),
                c.t("report.version.language", language=c.t("report.language_name")),
            ]
        )
    )
    return "\n\n".join(out)


def _flatten(data: dict[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    for key, value in data.items():
        if not prefix and key in _SKIPPED:
            continue
        path = f"{prefix}{key}"
        if isinstance(value, dict) and value:
            out.extend(_flatten(value, f"{path}."))
        elif value is not None and not isinstance(value, dict):
            out.append((path, value))
    return out


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
        c.t("report.col.person"),
        c.t("report.col.role"),
        c.t("report.col.hours_week"),
        c.t("report.col.channels"),
        c.t("report.col.languages"),
        c.t("report.col.open_to_training"),
        *(text(c.skill_name(skill)) for skill in SKILLS),
    ]
    right = (2, *range(6, 6 + len(SKILLS)))
    return "\n\n".join([heading, c.t("report.skills_scale"), table(headers, rows, right)])
