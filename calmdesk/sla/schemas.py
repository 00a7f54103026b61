"""SLA requests and responses: calendars, policies, chains, a ticket's clocks, the compliance report."""

from __future__ import annotations

from datetime import datetime
from itertools import pairwise
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from calmdesk.customers.models import Tier
from calmdesk.notify.models import Channel as NotifyChannel
from calmdesk.schemas import InputModel, OutputModel
from calmdesk.sla.calendar import BusinessCalendar
from calmdesk.sla.clock import ClockKind
from calmdesk.staff.roles import Role
from calmdesk.tickets.lifecycle import Channel, Priority
from calmdesk.validators import Name, Slug

MAX_TARGET_MINUTES = 366 * 24 * 60


def _check_definition(definition: dict[str, Any]) -> dict[str, Any]:
    try:
        return BusinessCalendar.from_dict(definition).to_dict()
    except (ValueError, TypeError) as error:
        raise ValueError(f"calendar: {error}") from error


class CalendarCreate(InputModel):
    """A business calendar: time zone, weekly windows, holidays, closed and open dates."""

    name: Name
    definition: dict[str, Any] = Field(
        description='e.g. {"time_zone": "Europe/London", "weekly": {"mon": ["09:00-17:30"]}, '
        '"holidays": {"country": "GB", "subdivision": "ENG"}}'
    )

    _valid = field_validator("definition")(_check_definition)


class CalendarUpdate(InputModel):
    """Fields to change on a calendar."""

    name: Name | None = None
    definition: dict[str, Any] | None = None

    @field_validator("definition")
    @classmethod
    def _valid(cls, definition: dict[str, Any] | None) -> dict[str, Any] | None:
        return None if definition is None else _check_definition(definition)


class CalendarRead(OutputModel):
    """A business calendar."""

    id: int
    name: str
    definition: dict[str, Any]
    version: int
    updated_at: datetime


class TargetIn(InputModel):
    """One promise, in business minutes, and when to warn: a percent elapsed or minutes before."""

    kind: ClockKind
    minutes: int = Field(gt=0, le=MAX_TARGET_MINUTES)
    warn_percent: int | None = Field(default=None, ge=1, le=99)
    warn_minutes_before: int | None = Field(default=None, ge=0, le=MAX_TARGET_MINUTES)

    @model_validator(mode="after")
    def _one_rule(self) -> TargetIn:
        if self.warn_percent is not None and self.warn_minutes_before is not None:
            raise ValueError("give warn_percent or warn_minutes_before, not both")
        if self.warn_percent is None and self.warn_minutes_before is None:
            self.warn_percent = 75
        return self


class TargetRead(OutputModel):
    """One promise of a policy."""

    kind: str
    minutes: int
    warn_percent: int | None
    warn_minutes_before: int | None


class Conditions(InputModel):
    """Which tickets a policy applies to; an empty list accepts anything."""

    priorities: list[Priority] = Field(default_factory=list)
    tiers: list[Tier] = Field(default_factory=list)
    channels: list[Channel] = Field(default_factory=list)
    categories: list[Slug] = Field(default_factory=list, max_length=50)
    team_ids: list[int] = Field(default_factory=list, max_length=50)


def _unique_kinds(targets: list[TargetIn] | None) -> list[TargetIn] | None:
    if targets is not None and len({t.kind for t in targets}) != len(targets):
        raise ValueError("each target kind may appear once")
    return targets


class PolicyCreate(InputModel):
    """A new SLA policy."""

    name: Name
    position: int = Field(default=100, ge=0, le=1_000_000)
    is_default: bool = False
    is_active: bool = True
    conditions: Conditions = Field(default_factory=Conditions)
    calendar_id: int
    escalation_chain_id: int | None = None
    targets: list[TargetIn] = Field(min_length=1, max_length=4)

    _kinds = field_validator("targets")(_unique_kinds)


class PolicyUpdate(InputModel):
    """Fields to change on a policy; ``targets`` replaces them all."""

    name: Name | None = None
    position: int | None = Field(default=None, ge=0, le=1_000_000)
    is_default: bool | None = None
    is_active: bool | None = None
    conditions: Conditions | None = None
    calendar_id: int | None = None
    escalation_chain_id: int | None = None
    targets: list[TargetIn] | None = Field(default=None, min_length=1, max_length=4)

    _kinds = field_validator("targets")(_unique_kinds)


class PolicyRead(OutputModel):
    """An SLA policy."""

    id: int
    name: str
    position: int
    is_default: bool
    is_active: bool
    conditions: dict[str, list[Any]]
    calendar_id: int
    escalation_chain_id: int | None
    targets: list[TargetRead]
    version: int
    updated_at: datetime


class LevelIn(InputModel):
    """One rung: a role or a named person, a delay after the breach, and channels."""

    role: Role | None = None
    staff_id: int | None = None
    delay_minutes: int = Field(default=0, ge=0, le=MAX_TARGET_MINUTES)
    channels: list[NotifyChannel] = Field(default_factory=lambda: [NotifyChannel.IN_APP], min_length=1)

    @model_validator(mode="after")
    def _role_or_person(self) -> LevelIn:
        if (self.role is None) == (self.staff_id is None):
            raise ValueError("give a level either a role or a staff_id")
        return self


class LevelRead(OutputModel):
    """One rung of a chain."""

    level: int
    role: str | None
    staff_id: int | None
    delay_minutes: int
    channels: list[str]


def _rising_delays(levels: list[LevelIn] | None) -> list[LevelIn] | None:
    if levels is not None and any(b.delay_minutes < a.delay_minutes for a, b in pairwise(levels)):
        raise ValueError("each level's delay must be at least the one before it")
    return levels


class ChainCreate(InputModel):
    """A new escalation chain; levels are numbered from 1 in the order given."""

    name: Name
    team_id: int | None = Field(default=None, description="the chain for this team's tickets")
    levels: list[LevelIn] = Field(min_length=1, max_length=10)

    _delays = field_validator("levels")(_rising_delays)


class ChainUpdate(InputModel):
    """Fields to change on a chain; ``levels`` replaces them all."""

    name: Name | None = None
    team_id: int | None = None
    levels: list[LevelIn] | None = Field(default=None, min_length=1, max_length=10)

    _delays = field_validator("levels")(_rising_delays)


class ChainRead(OutputModel):
    """An escalation chain."""

    id: int
    name: str
    team_id: int | None
    levels: list[LevelRead]
    version: int
    updated_at: datetime


class ClockRead(OutputModel):
    """Where one SLA clock of a ticket stands."""

    kind: str
    cycle: int
    status: Literal["running", "paused", "met", "breached", "stopped"]
    target_minutes: float
    started_at: datetime
    due_at: datetime | None = Field(description="null while paused or stopped")
    warning_at: datetime | None
    remaining_seconds: float = Field(description="business time left; negative once over")
    used_seconds: float
    paused: bool
    met_at: datetime | None
    breached: bool
    breached_at: datetime | None
    breached_by_seconds: float = Field(description="business time over the target")
    acknowledged_at: datetime | None
    acknowledged_by: int | None


class SlaEventRead(OutputModel):
    """A warning, breach, escalation level or acknowledgement."""

    id: int
    clock_kind: str
    cycle: int
    event: str
    level: int
    occurred_at: datetime
    staff_id: int | None
    recipients: list[int]
    created_at: datetime


class TicketSlaRead(OutputModel):
    """Every SLA clock of a ticket, and what has fired."""

    reference: str
    policy_id: int | None
    policy_name: str | None
    next_check_at: datetime | None
    clocks: list[ClockRead]
    events: list[SlaEventRead]


class ReportRow(OutputModel):
    """Compliance of one group of clock cycles."""

    key: str
    clocks: int
    met_in_time: int
    breached: int
    running: int
    compliance_percent: float | None = Field(description="met in time / (met in time + breached)")


class ComplianceReport(OutputModel):
    """SLA compliance per target, team or agent for clock cycles started in a range."""

    group_by: Literal["target", "team", "agent"]
    start: datetime
    end: datetime
    rows: list[ReportRow]
