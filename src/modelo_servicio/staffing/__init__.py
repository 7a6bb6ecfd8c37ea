"""Staffing maths: Erlang C for live queues, workload models, shrinkage and FTE.

Pure functions, no CLI. Every business default (handle times, busy-hour share, coverage,
shrinkage, occupancy cap, concurrency factors) comes from the knowledge base and is passed in
explicitly; every result carries the ``assumptions`` it was computed with.
"""

from __future__ import annotations

from modelo_servicio.staffing._checks import Assumptions, StaffingInputError
from modelo_servicio.staffing.erlang import (
    ErlangResult,
    average_speed_of_answer,
    chat_agents,
    concurrency_factor,
    erlang_b,
    erlang_staff,
    minimum_agents,
    occupancy,
    probability_wait,
    service_level,
    traffic_erlangs,
)
from modelo_servicio.staffing.fte import FteResult, fte, scheduled_staff
from modelo_servicio.staffing.workload import (
    BacklogResult,
    VisitResult,
    backlog_staff,
    visit_staff,
)

__all__ = [
    "Assumptions",
    "BacklogResult",
    "ErlangResult",
    "FteResult",
    "StaffingInputError",
    "VisitResult",
    "average_speed_of_answer",
    "backlog_staff",
    "chat_agents",
    "concurrency_factor",
    "erlang_b",
    "erlang_staff",
    "fte",
    "minimum_agents",
    "occupancy",
    "probability_wait",
    "scheduled_staff",
    "service_level",
    "traffic_erlangs",
    "visit_staff",
]
