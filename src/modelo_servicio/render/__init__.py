"""Output formats. Each is a class with ``format(result) -> str``: no I/O, no clock, no
loading. What a format needs besides the result (the knowledge base's names, the report date,
the profile's answers) it gets at construction; ``Advisor.formatter`` is the one place a
format is chosen."""

from __future__ import annotations

from typing import Protocol

from modelo_servicio.domain.result import Result


class Formatter(Protocol):
    def format(self, result: Result) -> str: ...
