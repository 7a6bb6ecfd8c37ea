"""The audit trail of a report, for the consultant only: every rule that scored or limited a
model with the values it read and where it is written (``file:line``), the knowledge-base
version, the defaults the staffing used, and what to check before the figures reach the
client. Plain text; markdown and HTML each lay it out and escape it their own way."""

from __future__ import annotations

from dataclasses import dataclass, field

from modelo_servicio.render.md_context import Ctx

FAR_BELOW = 0.5
"""Below this share of the model's need covered by today's team (the plan's own "far below"
note uses the same bound), the consultant is asked to
check that the profile lists everyone who serves customers."""


@dataclass(frozen=True)
class Trace:
    model: str
    rule: str
    points: str
    said: str
    read: str
    where: str


@dataclass(frozen=True)
class Audit:
    traces: list[Trace] = field(default_factory=list)
    defaults: list[tuple[str, str]] = field(default_factory=list)
    """(channel, assumptions taken from the knowledge base rather than the profile)."""
    versions: list[str] = field(default_factory=list)
    checklist: list[str] = field(default_factory=list)


def audit(c: Ctx) -> Audit:
    traces: list[Trace] = []
    for ranked in c.result.ranking:
        for reason in ranked.reasons:
            sign = "+" if reason.points > 0 else "−"
            traces.append(
                Trace(
                    ranked.name,
                    reason.rule,
                    f"{sign}{abs(reason.points)}",
                    reason.text,
                    _read(c, reason.values),
                    _where(c, reason.rule),
                )
            )
        for limit in ranked.limits:
            traces.append(
                Trace(
                    ranked.name,
                    limit.rule,
                    c.t("report.audit.limit"),
                    limit.text,
                    _read(c, limit.values),
                    _where(c, limit.rule),
                )
            )
    defaults = [
        (row.name or c.channel_name(row.channel), keys)
        for row in c.result.plan.staffing.channels
        if (
            keys := ", ".join(
                f"{key} = {c.plain(value)}"
                for key, value in row.assumptions.items()
                if key not in row.from_profile
            )
        )
    ]
    versions = c.result.versions
    return Audit(
        traces,
        defaults,
        [
            c.t("report.version.tool", version=versions.tool),
            c.t("report.version.rules", version=versions.rules),
            c.t("report.version.date", date=c.date),
            c.t("report.version.language", language=c.t("report.language_name")),
        ],
        checklist(c),
    )


def checklist(c: Ctx) -> list[str]:
    """What the consultant confirms before presenting, from the data of this report."""
    items = [c.t("report.check.answers")]
    if c.result.sensitivity:
        items.append(c.t("report.check.flips", n=len(c.result.sensitivity)))
    roles = c.result.plan.staffing.roles
    required = sum(role.required_fte for role in roles)
    current = sum(role.current_fte for role in roles)
    if required > 0 and current / required < FAR_BELOW:
        items.append(c.t("report.check.team", share=c.percent(current / required)))
    if any(row.from_profile != list(row.assumptions) for row in c.result.plan.staffing.channels):
        items.append(c.t("report.check.defaults"))
    return items


def _read(c: Ctx, values: dict[str, object]) -> str:
    return ", ".join(f"{key} = {c.plain(value)}" for key, value in values.items())


def _where(c: Ctx, rule: str) -> str:
    origin = c.kb.origin("rules", rule)
    if origin is None:
        return "—"
    line = origin.line
    return origin.source if line is None else f"{origin.source}:{line}"
