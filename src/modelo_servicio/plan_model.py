"""The ``plan`` object of the JSON contract (PRODUCT.md); keys are public interface."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ChannelStaffing(_Out):
    channel: str
    method: str
    agents: int
    fte: float
    assumptions: dict[str, Any] = Field(default_factory=dict)


class RoleGap(_Out):
    role: str
    required_fte: float
    current_fte: float
    gap_fte: float


class StaffingPlan(_Out):
    channels: list[ChannelStaffing] = Field(default_factory=list)
    roles: list[RoleGap] = Field(default_factory=list)
    hires: int = 0


class TrainingItem(_Out):
    staff: str | None
    skill: str
    current: int | None
    required: int
    action: str
    module: str
    hours: int


class Phase(_Out):
    name: str
    start_week: int
    end_week: int
    tasks: list[str] = Field(default_factory=list)


class Kpi(_Out):
    name: str
    target: str


class Plan(_Out):
    staffing: StaffingPlan = Field(default_factory=StaffingPlan)
    training: list[TrainingItem] = Field(default_factory=list)
    phases: list[Phase] = Field(default_factory=list)
    kpis: list[Kpi] = Field(default_factory=list)
