"""Output formats. Each is a class with ``format(result) -> str`` and no I/O."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from modelo_servicio.domain.result import Result

if TYPE_CHECKING:
    from modelo_servicio.knowledge.loader import KnowledgeBase


class Formatter(Protocol):
    def format(self, result: Result) -> str: ...


def formatter(name: str, width: int = 100, kb: KnowledgeBase | None = None) -> Formatter:
    """The formatter for ``--format table|json`` (markdown needs the profile: see
    ``service.render``); renderers are imported only when chosen. The table names answers
    and channels from ``kb`` when given."""
    if name == "json":
        from modelo_servicio.render.json_format import JsonFormat

        return JsonFormat()
    from modelo_servicio.render.table import TableFormat

    return TableFormat(width=width, kb=kb)
