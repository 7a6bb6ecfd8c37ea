"""The handful of typed figures a consultant compares between two results: what-if (before and
after a change), a follow-up assessment (before and after three months), two models side by
side, and the portfolio's row per company all read them from here, so they always agree.

Fields other parts of the plan may add later (``plan.risks``, ``recommendation.ideal``) are read
defensively: present, they show; absent, the figure is ``None`` and the outputs leave it out.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from modelo_servicio.domain.plan_model import Plan
from modelo_servicio.domain.result import Result


@dataclass(frozen=True)
class Figures:
    """One result in numbers. ``model`` is the planned model (the recommendation unless a
    plan was built for another model); ``None`` means the result does not say."""

    model: str
    model_name: str
    components: list[str]
    score: float
    feasible: bool
    margin: float
    robust: bool
    runner_up: str | None
    top: list[tuple[str, str, float]]
    """The three best models: (id, name, score)."""
    fte_today: float
    fte_needed: float
    hires: int
    hires_needed: int
    hire_limit: int | None
    monthly_cost: float | None
    required_monthly_cost: float | None
    monthly_budget: float | None
    over_budget: bool | None
    one_off_cost: float | None
    currency: str | None
    training_hours: int
    weeks: int | None
    warnings: int
    risks: list[str] = field(default_factory=list)
    ideal: str | None = None
    """The best model before cost (``recommendation.ideal``), when the advice names one."""
    ideal_name: str | None = None
    affordable: str | None = None
    """What fits the constraints now: the recommendation, when an ideal is named."""
    affordable_name: str | None = None

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["top"] = [{"model": m, "name": n, "score": s} for m, n, s in self.top]
        return out


def figures(result: Result, plan: Plan | None = None, model: str | None = None) -> Figures:
    """The figures of ``result``; with ``plan`` and ``model``, those of that model's plan."""
    rec = result.recommendation
    plan = result.plan if plan is None else plan
    model = rec.model if model is None else model
    ranked = result.ranked(model)
    roles = plan.staffing.roles
    monthly: float | None = None
    full: float | None = None
    budget: float | None = None
    over: bool | None = None
    one_off: float | None = None
    currency: str | None = None
    costs = getattr(plan, "costs", None)
    if costs is not None:  # the plan's costs: staff, tools, hiring, training (plan.costs)
        monthly = costs.monthly.get("total", monthly)
        full, budget, currency = costs.full_model_monthly, costs.budget, costs.currency
        over = None if costs.fits is None else not costs.fits
        one_off = costs.one_off.get("total")
    risks = [_text(r) for r in (getattr(plan, "risks", None) or [])]
    ideal = _model_id(getattr(rec, "ideal", None))
    # with an ideal, the recommendation is what is affordable now (advice's step 3)
    affordable = _model_id(getattr(rec, "affordable", None)) or (rec.model if ideal else None)
    parts = rec.components if model == rec.model else ranked.components
    components = [c.name for c in parts]
    return Figures(
        model=model,
        model_name=ranked.name,
        components=components,
        score=ranked.score,
        feasible=ranked.feasible,
        margin=rec.margin,
        robust=rec.robust,
        runner_up=rec.runner_up,
        top=[(r.model, r.name, r.score) for r in result.ranking[:3]],
        fte_today=round(sum(r.current_fte for r in roles), 1),
        fte_needed=round(sum(r.required_fte for r in roles), 1),
        hires=plan.staffing.hires,
        hires_needed=plan.staffing.hires_needed,
        hire_limit=plan.staffing.hire_limit,
        monthly_cost=monthly,
        required_monthly_cost=full,
        monthly_budget=budget,
        over_budget=over,
        one_off_cost=one_off,
        currency=currency,
        training_hours=sum(item.hours for item in plan.training),
        weeks=plan.timeline.weeks_needed if plan.timeline is not None else None,
        warnings=len(plan.notes) + len(plan.staffing.uncovered) + len(risks),
        risks=risks,
        ideal=ideal,
        ideal_name=_name(result, ideal),
        affordable=affordable,
        affordable_name=_name(result, affordable),
    )


def _text(item: Any) -> str:
    """A risk as text, whatever shape the plan gives it (a string, or an object with one)."""
    for name in ("risk", "text", "title", "name"):
        value = getattr(item, name, None)
        if isinstance(value, str) and value:
            return value
    return str(item)


def _name(result: Result, model: str | None) -> str | None:
    if model is None:
        return None
    found = next((r.name for r in result.ranking if r.model == model), None)
    return found or model


def _model_id(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    found = getattr(value, "model", None)
    return found if isinstance(found, str) else None
