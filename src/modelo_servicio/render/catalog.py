"""The model catalogue (``modelo-servicio models``) as a rich table or JSON."""

from __future__ import annotations

import io
import json

from rich.console import Console
from rich.table import Table

from modelo_servicio.domain.i18n import Lang, t
from modelo_servicio.knowledge.loader import KnowledgeBase


def _lang(value: str) -> Lang:
    return "en" if value == "en" else "es"


class CatalogJson:
    def format(self, kb: KnowledgeBase, language: str) -> str:
        lang = _lang(language)
        data = [
            {
                "model": m.id,
                "name": m.name(lang),
                "summary": m.summary(lang),
                "description": m.description(lang),
                "channels": m.channels,
                "segments": m.segments,
                "required_skills": m.required_skills,
                "roles": m.roles,
                "cost": m.cost,
            }
            for m in kb.models.values()
        ]
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


class CatalogTable:
    def __init__(self, width: int = 100) -> None:
        self.width = width

    def format(self, kb: KnowledgeBase, language: str) -> str:
        lang = _lang(language)
        table = Table(title=t("models.title", lang), show_lines=True, title_justify="left")
        table.add_column("id", no_wrap=True)
        table.add_column(t("score.col.model", lang), ratio=3)
        table.add_column(t("models.col.channels", lang), ratio=1)
        table.add_column(t("models.col.skills", lang), ratio=1)
        table.add_column(t("models.col.cost", lang))
        for m in kb.models.values():
            channels = ", ".join(kb.channels[c].name(lang) for c in m.channels) or "—"
            skills = ", ".join(
                f"{kb.skills[s].name(lang)} {lvl}" for s, lvl in m.required_skills.items()
            )
            table.add_row(
                m.id,
                f"[bold]{m.name(lang)}[/bold]\n{m.summary(lang)}",
                channels,
                skills or "—",
                t(f"cost.{m.cost}", lang),
            )
        buffer = io.StringIO()
        Console(file=buffer, width=self.width, color_system=None, emoji=False).print(table)
        return buffer.getvalue()
