"""Pydantic models of ``kind: staffing`` files: how each channel is staffed, the coverage
options and the staffing settings.

Per-channel defaults and coverage options are collections merged by id, so a consultancy's
``--rules DIR`` can replace one item; the settings section merges key by key. The settings are
declared twice: a partial form for files (any key may be overridden alone) and a complete form
that the checks demand after merging (``schema.complete``), so no default is buried in code.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from modelo_servicio.domain.catalogue import ChannelId
from modelo_servicio.domain.i18n import Text, invalid
from modelo_servicio.domain.profile import Coverage
from modelo_servicio.knowledge.schema import Item, Strict

Share = Annotated[float, Field(gt=0, le=1)]
Method = Literal["erlang_c", "backlog", "visits", "self_service"]
"""How a channel is sized; a sector's booked channels are sized as ``appointments``."""


class ChannelDefaults(Item):
    """How one channel is staffed and the defaults its calculation uses."""

    id: ChannelId
    method: Method
    handle_minutes: float | None = Field(None, gt=0, le=600)
    answer_seconds: int | None = Field(None, ge=1, le=3600)
    profile_targets: bool = False
    """Live: the profile's ``demand.targets.answer_seconds`` replaces ``answer_seconds`` when
    the profile gives it. Backlog: ``email_response_hours`` replaces ``response_hours``."""
    per_location: bool = False
    pool: str | None = None
    """Live channels of the same pool can be served by the same people at the same time."""
    concurrency: int = Field(1, ge=1, le=10)
    response_hours: float | None = Field(None, gt=0, le=720)
    arrival_hours: float | None = Field(None, gt=0, le=24)
    travel_minutes: float | None = Field(None, ge=0, le=600)
    source: Text | None = None
    """Where the channel's defaults come from, printed with the staffing that uses them."""

    @model_validator(mode="after")
    def _fields_for_method(self) -> ChannelDefaults:
        needed: dict[str, tuple[str, ...]] = {
            "erlang_c": ("handle_minutes", "answer_seconds"),
            "backlog": ("handle_minutes", "response_hours", "arrival_hours"),
            "visits": ("handle_minutes", "travel_minutes"),
            "self_service": (),
        }
        missing = [f for f in needed[self.method] if getattr(self, f) is None]
        if missing:
            raise invalid("rules.plan.method_needs", method=self.method, fields=", ".join(missing))
        return self


class CoverageDefaults(Item):
    """Opening pattern of one ``demand.coverage`` option."""

    id: Coverage
    name: Text
    days_per_week: float = Field(gt=0, le=7)
    hours_per_day: float = Field(gt=0, le=24)
    days_per_month: float = Field(gt=0, le=31)

    @property
    def hours_per_week(self) -> float:
        return self.days_per_week * self.hours_per_day


class StaffingSettings(Strict):
    """Every staffing default that is not tied to one channel (complete form)."""

    service_level: float = Field(gt=0, lt=1)
    busy_hour_share: Share
    shrinkage: float = Field(ge=0, lt=1)
    max_occupancy: Share
    productive_share: Share
    contracted_hours: float = Field(gt=0, le=80)
    weeks_per_month: float = Field(ge=4, le=4.5)
    concurrency_factors: dict[int, float]
    shared_below_occupancy: float = Field(ge=0, lt=1)
    pool_handle_ratio: float = Field(ge=1, le=100)
    hire_threshold_fte: float = Field(ge=0, lt=1)
    limited_hiring_cap: int = Field(ge=0, le=1000)
    source: Text
    """Where the common assumptions (shrinkage, occupancy, busy hour, contract) come from."""


class StaffingSection(Strict):
    """The same keys, each optional, as a file may give them."""

    service_level: float | None = Field(None, gt=0, lt=1)
    busy_hour_share: Share | None = None
    shrinkage: float | None = Field(None, ge=0, lt=1)
    max_occupancy: Share | None = None
    productive_share: Share | None = None
    contracted_hours: float | None = Field(None, gt=0, le=80)
    weeks_per_month: float | None = Field(None, ge=4, le=4.5)
    concurrency_factors: dict[int, float] | None = None
    shared_below_occupancy: float | None = Field(None, ge=0, lt=1)
    pool_handle_ratio: float | None = Field(None, ge=1, le=100)
    hire_threshold_fte: float | None = Field(None, ge=0, lt=1)
    limited_hiring_cap: int | None = Field(None, ge=0, le=1000)
    source: Text | None = None


Minutes = Annotated[float, Field(gt=0, le=600)]


class HandleTime(Item):
    """Typical handle minutes per channel in one sector, found by keywords of the sector."""

    name: Text
    keywords: list[str] = Field(min_length=1)
    """Matched, lower-cased and without accents, inside ``company.sector``."""
    minutes: dict[ChannelId, Minutes]
    range: dict[ChannelId, tuple[Minutes, Minutes]] = Field(default_factory=dict)
    answer_seconds: dict[ChannelId, Annotated[int, Field(ge=1, le=3600)]] = Field(
        default_factory=dict
    )
    """Longest wait where it differs from the channel's default."""
    booked: list[ChannelId] = Field(default_factory=list)
    """Channels whose contacts in this sector are booked appointments (an eye test, a
    fitting): sized as workload with someone on duty at every site, not as a queue."""
    contacts_per_customer: dict[ChannelId, Annotated[float, Field(ge=0, le=100)]] = Field(
        default_factory=dict
    )
    """Contacts a month per active customer that the interview proposes for this sector
    (the general figures of ``volumes`` for channels it does not list)."""
    source: Text


class VolumeProposals(Strict):
    """What the interview proposes for each channel's contacts a month when the client has
    no figure: active customers times ``per_customer`` (a sector's own figures first), and
    at least ``per_location`` per site for the channels served at the sites."""

    per_customer: dict[ChannelId, Annotated[float, Field(ge=0, le=100)]]
    per_location: dict[ChannelId, Annotated[float, Field(ge=0, le=100000)]] = Field(
        default_factory=dict
    )
    source: Text
    impact_from_fte: float = Field(ge=0, le=1000)
    """After a volume, handle-time or opening-hours answer, the interview says what it does
    to the staff number when the channel (or the whole service) needs at least this many FTE."""


class StaffingFile(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")
    kind: Literal["staffing"]
    staffing: StaffingSection | None = None
    channel_staffing: list[ChannelDefaults] = Field(default_factory=list)
    coverage: list[CoverageDefaults] = Field(default_factory=list)
    handle_times: list[HandleTime] = Field(default_factory=list)
    volumes: VolumeProposals | None = None
    disable: list[str] = Field(default_factory=list)
