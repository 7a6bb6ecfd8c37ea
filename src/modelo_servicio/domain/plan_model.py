"""The ``plan`` object of the JSON contract (PRODUCT.md); keys are public interface.

The keys PRODUCT.md shows are kept exactly; the others add what a consultant needs to hand the
plan over (names in the output language, who does what, what stays uncovered, cost, timing).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class _Out(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")


class ChannelStaffing(_Out):
    channel: str
    method: str
    agents: int
    """People on duty in the busiest hour (live), while clearing the backlog (async), or people
    busy with visits (on site)."""
    fte: float
    assumptions: dict[str, Any] = Field(default_factory=dict)
    name: str = ""
    contacts_per_month: int = 0
    results: dict[str, Any] = Field(default_factory=dict)
    """What the staffing achieves (live: service_level, occupancy, probability_wait,
    asa_seconds)."""
    from_profile: list[str] = Field(default_factory=list)
    """Assumption keys taken from the profile; the others are knowledge-base defaults."""
    shared_with: str | None = None
    """A quiet live channel served by the staff of this busier one (agents, fte: the extra)."""
    roles: list[str] = Field(default_factory=list)
    model: str | None = None
    """The planned model serving the channel: the recommended one or, for a hybrid, the
    component owning the channel, else the first component whose model serves it."""


class RoleGap(_Out):
    role: str
    required_fte: float
    current_fte: float
    gap_fte: float
    name: str = ""
    channels: list[str] = Field(default_factory=list)
    sized_by: str = ""
    """What set ``required_fte``: ``channels``, ``ratio`` or ``minimum``."""
    hires: int = 0
    uncovered_fte: float = 0.0
    covered_by: str | None = None
    """A small role nobody covers today, done by the new hires of this other role."""
    basis: str = ""
    """Why ``required_fte``, in words: the ratio with its figures, or the channels' workload."""
    source: str = ""
    """Where the ratio comes from."""
    why: str = ""
    """The gap between today's FTE and the plan's, explained."""


class Uncovered(_Out):
    role: str
    """A role id, or ``language:<code>``."""
    name: str
    fte: float
    reason: str


class StaffingPlan(_Out):
    channels: list[ChannelStaffing] = Field(default_factory=list)
    roles: list[RoleGap] = Field(default_factory=list)
    hires: int = 0
    """New hires the plan makes, within ``constraints.hiring`` and ``max_new_hires``."""
    hires_needed: int = 0
    """New hires the model would need with no hiring constraint."""
    hire_limit: int | None = None
    uncovered: list[Uncovered] = Field(default_factory=list)
    coverage: str = ""
    sources: list[str] = Field(default_factory=list)
    """Where the defaults behind the channel figures come from (the sector's handle times,
    a channel's waiting target), each with its source."""
    team_known: bool = True
    """False when the profile neither lists nor counts today's team: the plan sizes the
    team it needs and cannot say how many of those posts are hires."""


class TrainingItem(_Out):
    staff: str | None
    skill: str
    current: int | None
    required: int
    action: str
    """``train``, ``reassign`` (moves to a role already met), ``hire`` (brought by a new hire)
    or ``uncovered`` (no hire allowed)."""
    module: str
    hours: int
    role: str | None = None
    role_name: str = ""
    skill_name: str = ""


class Assignment(_Out):
    staff: str
    role: str
    role_name: str
    fte: float
    channels_now: list[str] = Field(default_factory=list)
    channels: list[str] = Field(default_factory=list)
    status: str
    """``ready`` (meets every level), ``train``, ``reassign`` or ``hire_skill`` (keeps the
    post; a hire brings the missing skill)."""
    duties: list[str] = Field(default_factory=list)
    """Part-time duties (role ids) on top of the main role."""


class Phase(_Out):
    name: str
    start_week: int
    end_week: int
    tasks: list[str] = Field(default_factory=list)
    id: str = ""
    owner: str = ""
    """The role that answers for the phase."""
    deliverables: list[str] = Field(default_factory=list)
    milestone: str = ""
    cost: float = 0.0
    """One-off cost the phase carries (hiring, training, tool set-up), in ``costs.currency``."""
    start_date: str | None = None
    end_date: str | None = None
    """Calendar dates (with a start date), closed weeks skipped."""


class Kpi(_Out):
    name: str
    target: str
    id: str = ""


class Timeline(_Out):
    weeks_needed: int
    weeks_available: int
    fits: bool
    compressed: bool


class CostLine(_Out):
    kind: str
    """``staff``, ``tooling``, ``hiring`` or ``training``."""
    name: str
    monthly: float = 0.0
    one_off: float = 0.0
    detail: str = ""


class Costs(_Out):
    """What the plan costs, monthly and one-off, by kind, with the full model's cost (every
    role at its required FTE, whatever the hiring cap) against ``monthly_budget``."""

    currency: str
    monthly: dict[str, float]
    """By kind (``staff``, ``tooling``) and ``total``: the team the plan makes."""
    one_off: dict[str, float]
    """By kind (``hiring``, ``training``, ``tooling``) and ``total``."""
    full_model_monthly: float
    full_model_one_off: float
    budget: float | None = None
    fits: bool | None = None
    """The planned team within the budget (None: no budget given)."""
    full_model_fits: bool | None = None
    lines: list[CostLine] = Field(default_factory=list)
    source: str = ""


class Risk(_Out):
    risk: str
    likelihood: str
    impact: str
    mitigation: str
    owner: str
    id: str = ""


class NextStep(_Out):
    step: str
    owner: str
    phase: str
    week: int


class Plan(_Out):
    staffing: StaffingPlan = Field(default_factory=StaffingPlan)
    training: list[TrainingItem] = Field(default_factory=list)
    phases: list[Phase] = Field(default_factory=list)
    kpis: list[Kpi] = Field(default_factory=list)
    models: list[str] = Field(default_factory=list)
    assignments: list[Assignment] = Field(default_factory=list)
    timeline: Timeline | None = None
    notes: list[str] = Field(default_factory=list)
    costs: Costs | None = None
    risks: list[Risk] = Field(default_factory=list)
    next_steps: list[NextStep] = Field(default_factory=list)
