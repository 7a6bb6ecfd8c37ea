"""The plan's memos: bounded, invisible in the output, never a way to skip an input check."""

from __future__ import annotations

import importlib
from typing import Any

import pytest

from modelo_servicio import planning
from modelo_servicio.engine.scoring import Engine
from modelo_servicio.knowledge import KnowledgeBase
from modelo_servicio.staffing import StaffingInputError, erlang_staff, fte, scheduled_staff

from .conftest import make_profile

MODULES = [
    "modelo_servicio.staffing._checks",
    "modelo_servicio.staffing.erlang",
    "modelo_servicio.staffing.fte",
    "modelo_servicio.staffing.workload",
    "modelo_servicio.planning.channels",
    "modelo_servicio.domain.numbers",
    "modelo_servicio.planning.schedule",
]

QUEUE: dict[str, Any] = {
    "contacts": 100,
    "interval_minutes": 60,
    "aht_seconds": 180,
    "service_level": 0.8,
    "answer_seconds": 20,
    "max_occupancy": 0.85,
    "shrinkage": 0.3,
}


def memos() -> list[tuple[str, Any]]:
    """Every ``functools`` cache of the staffing and planning modules."""
    return [
        (f"{name}.{attr}", value)
        for name in MODULES
        for attr, value in vars(importlib.import_module(name)).items()
        if callable(getattr(value, "cache_parameters", None))
    ]


def test_every_memo_is_bounded() -> None:
    assert memos()
    for name, memo in memos():
        assert memo.cache_parameters()["maxsize"] is not None, name


@pytest.mark.parametrize(
    ("field", "value"),
    [("contacts", -1), ("contacts", True), ("aht_seconds", 0), ("shrinkage", 1.0)],
)
def test_a_bad_input_is_rejected_after_good_ones_were_memoized(field: str, value: Any) -> None:
    erlang_staff(**QUEUE)
    with pytest.raises(StaffingInputError):
        erlang_staff(**{**QUEUE, field: value})


def test_memoized_results_match_a_fresh_computation() -> None:
    def results() -> tuple[object, ...]:
        return (
            erlang_staff(**QUEUE),
            erlang_staff(**{**QUEUE, "concurrency": 2, "concurrency_factors": {2: 1.7}}),
            scheduled_staff(21, 0.3),
            fte(3, hours_open_per_week=40, contracted_hours=40, shrinkage=0.25),
        )

    memoized = (results(), results())
    for _, memo in memos():
        memo.cache_clear()
    assert memoized == (results(), results())
    assert memoized[0][2] == 30


def test_plans_share_no_mutable_parts(engine: Engine, kb: KnowledgeBase) -> None:
    profile = make_profile(
        demand={"contacts_per_month": {"phone": 2000, "email": 300, "in_person": 500}},
        staff=[{"name": "Ana", "channels": ["phone"]}],
    )
    one = planning.build_plan(engine.evaluate(profile), kb, "es")
    two = planning.build_plan(engine.evaluate(profile), kb, "es")
    assert one == two
    one.staffing.channels[0].assumptions["contacts_per_day"] = -1
    one.staffing.channels[0].results.clear()
    one.phases[0].tasks.append("changed")
    three = planning.build_plan(engine.evaluate(profile), kb, "es")
    assert two == three
    assert one != three
