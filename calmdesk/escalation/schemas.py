"""Escalation, brief, policy-exception and abusive-path requests and responses."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from pydantic import Field, field_validator

from calmdesk.customers.models import Tier
from calmdesk.escalation.vocabulary import Assignment, EscalationKind, EscalationReason, ExceptionKind
from calmdesk.schemas import InputModel, OutputModel
from calmdesk.staff.roles import Role
from calmdesk.staff.schemas import StaffRef, TeamRef
from calmdesk.tickets.lifecycle import Channel, Priority
from calmdesk.tone.triage import TRIGGERS
from calmdesk.validators import Slug

MAX_TEXT = 4000
GOAL: list[str] = Field(default_factory=list, max_length=10, description="one goal a line, written precisely")
RECEIVER_ROLES = (Role.SUPERVISOR, Role.MANAGER, Role.HEAD_OF_OPERATIONS, Role.HR_MANAGER)


class EscalationCreate(InputModel):
    """An escalation with its brief; fields left out of the brief are drafted by calmdesk."""

    kind: EscalationKind
    reason_code: EscalationReason
    reason: str = Field(default="", max_length=MAX_TEXT, description="free text beside the reason")
    to_staff_id: int | None = Field(default=None, description="a named receiver")
    to_role: Role | None = Field(
        default=None,
        description="hierarchical: the nearest holder of this role up your line (or on the desk)",
    )
    to_team_id: int | None = Field(default=None, description="functional: the receiving team")
    skill: Slug | None = Field(default=None, description="functional: the team that covers this skill")
    problem: str | None = Field(default=None, max_length=MAX_TEXT, description="default: the drafted problem")
    impact: str | None = Field(default=None, max_length=MAX_TEXT, description="default: the drafted impact")
    problem_goals: list[str] = GOAL
    people_goals: list[str] = GOAL
    take_over: bool | None = Field(
        default=None, description="the receiver takes the ticket over (default: yes, except for HR reviews)"
    )
    notify_customer: bool = Field(default=True, description="send the customer the escalation notice")
    notice_text: str | None = Field(
        default=None, max_length=MAX_TEXT, description="the notice as edited; default: the drafted one"
    )
    next_update_due_at: datetime | None = Field(
        default=None, description="when the customer will next hear from us (default from the priority)"
    )
    acknowledge_within_minutes: int | None = Field(
        default=None, ge=1, le=7 * 24 * 60, description="default: CALMDESK_ESCALATION_ACK_MINUTES"
    )

    @field_validator("to_role")
    @classmethod
    def _receiver_role(cls, role: Role | None) -> Role | None:
        if role is not None and role not in RECEIVER_ROLES:
            raise ValueError("escalate to a supervisor, manager, head_of_operations or hr_manager")
        return role

    @field_validator("problem_goals", "people_goals")
    @classmethod
    def _goal_lengths(cls, goals: list[str]) -> list[str]:
        if any(len(goal) > 500 for goal in goals):
            raise ValueError("keep each goal under 500 characters")
        return goals


class OutcomeIn(InputModel):
    """What came of an escalation."""

    outcome: str = Field(min_length=1, max_length=MAX_TEXT)


class EscalationRead(OutputModel):
    """An escalation with its brief."""

    id: int
    ticket_id: int
    ticket_reference: str
    kind: str
    origin: str
    state: str
    reason_code: str
    reason: str
    from_staff: StaffRef | None
    to_staff: StaffRef | None
    to_team: TeamRef | None
    takes_ticket: bool
    re_escalated_from_id: int | None
    problem: str
    impact: str
    offers: list[dict[str, Any]]
    mood_at_start: float | None
    mood_at_end: float | None
    problem_goals: list[str]
    people_goals: list[str]
    interactions: list[dict[str, Any]]
    sla_state: list[dict[str, Any]]
    created_at: datetime
    ack_due_at: datetime | None
    acknowledged_at: datetime | None
    acknowledged_by: StaffRef | None
    notice_message_id: int | None
    next_update_due_at: datetime | None
    outcome: str | None
    outcome_at: datetime | None
    version: int


class EscalationDetail(EscalationRead):
    """An escalation with the receiver's call plan."""

    call_plan: dict[str, Any]


class TeamMemberLoad(OutputModel):
    """Someone in the suggested team and how many open tickets they hold."""

    id: int
    name: str
    role: str
    open_tickets: int


class BriefDraftRead(OutputModel):
    """What calmdesk drafts to escalate the ticket: the brief, suggestions and the customer notice."""

    reference: str
    problem: str
    impact: str
    offers: list[dict[str, Any]]
    mood_at_start: float | None
    mood_at_end: float | None
    mood_at_start_label: str
    mood_at_end_label: str
    interactions: list[dict[str, Any]]
    sla_state: list[dict[str, Any]]
    suggested_problem_goals: list[str]
    suggested_people_goals: list[str]
    suggested_skill: str | None
    suggested_skill_because: str
    suggested_team: TeamRef | None
    team_load: list[TeamMemberLoad]
    next_rung: StaffRef | None
    notice_text: str
    next_update_due_at: datetime


class ExceptionCreate(InputModel):
    """A request to go beyond policy."""

    kind: ExceptionKind
    amount: Decimal | None = Field(default=None, ge=0, max_digits=12, decimal_places=2)
    currency: str = Field(default="GBP", pattern=r"^[A-Z]{3}$")
    justification: str = Field(min_length=1, max_length=MAX_TEXT)
    escalation_id: int | None = None


class ExceptionDecision(InputModel):
    """A decision on a policy exception, with its reason."""

    note: str = Field(default="", max_length=MAX_TEXT)


class ExceptionRead(OutputModel):
    """A policy exception and its decision."""

    id: int
    ticket_id: int
    escalation_id: int | None
    kind: str
    amount: Decimal | None
    currency: str
    justification: str
    state: str
    requested_by: StaffRef | None
    decided_by: StaffRef | None
    decided_at: datetime | None
    decision_note: str | None
    created_at: datetime
    version: int


class AbuseRead(OutputModel):
    """Where the ticket is on the abusive-contact path, with the boundary statement to send."""

    reference: str
    stage: str
    first_abuse_message_id: int | None
    boundary_message_id: int | None
    takeover_message_id: int | None
    boundary_statement: str | None
    takeover_to: StaffRef | None


TONE_TRIGGERS = frozenset(TRIGGERS) | {"is_complaint"}


class TriageConditions(InputModel):
    """When a rule applies; a missing or empty condition matches anything."""

    channels: list[Channel] = Field(default_factory=list)
    categories: list[Slug] = Field(default_factory=list)
    priorities: list[Priority] = Field(default_factory=list)
    tiers: list[Tier] = Field(default_factory=list)
    severities: list[int] = Field(default_factory=list)
    keywords: list[str] = Field(
        default_factory=list, max_length=50, description="any of them, in subject or message"
    )
    tone: list[str] = Field(
        default_factory=list, description="signal kinds, is_abusive, is_angry, is_complaint, high_risk"
    )
    min_risk: float | None = Field(default=None, ge=0, le=1)

    @field_validator("tone")
    @classmethod
    def _known_tone(cls, tone: list[str]) -> list[str]:
        unknown = sorted(set(tone) - TONE_TRIGGERS)
        if unknown:
            raise ValueError(f"unknown tone triggers {unknown}; use {', '.join(sorted(TONE_TRIGGERS))}")
        return tone

    @field_validator("severities")
    @classmethod
    def _severity_range(cls, severities: list[int]) -> list[int]:
        if any(not 1 <= s <= 4 for s in severities):
            raise ValueError("severities run from 1 (worst) to 4")
        return severities

    @field_validator("keywords")
    @classmethod
    def _keywords(cls, keywords: list[str]) -> list[str]:
        cleaned = [k.strip() for k in keywords if k.strip()]
        if any(len(k) > 100 for k in cleaned):
            raise ValueError("keep each keyword under 100 characters")
        return cleaned


class TriageRuleCreate(InputModel):
    """A triage rule: its conditions and what it sets on a new ticket."""

    name: str = Field(min_length=1, max_length=100)
    position: int = Field(default=100, ge=0, le=100_000)
    is_active: bool = True
    conditions: TriageConditions = Field(default_factory=TriageConditions)
    priority: Priority | None = Field(default=None, description="raise priority to at least this")
    severity: int | None = Field(default=None, ge=1, le=4, description="make severity at least this bad")
    category: Slug | None = Field(default=None, description="set when the ticket has none")
    team_id: int | None = Field(default=None, description="route to this team")
    skill: Slug | None = Field(default=None, description="route to the first team covering this skill")
    assignment: Assignment | None = Field(default=None, description="default with a team: least_load")
    tags: list[Slug] = Field(default_factory=list, max_length=20)


class TriageRuleUpdate(InputModel):
    """Fields to change on a triage rule."""

    name: str | None = Field(default=None, min_length=1, max_length=100)
    position: int | None = Field(default=None, ge=0, le=100_000)
    is_active: bool | None = None
    conditions: TriageConditions | None = None
    priority: Priority | None = None
    severity: int | None = Field(default=None, ge=1, le=4)
    category: Slug | None = None
    team_id: int | None = None
    skill: Slug | None = None
    assignment: Assignment | None = None
    tags: list[Slug] | None = Field(default=None, max_length=20)


class TriageRuleRead(OutputModel):
    """A triage rule."""

    id: int
    name: str
    position: int
    is_active: bool
    conditions: dict[str, Any]
    priority: str | None
    severity: int | None
    category: str | None
    team_id: int | None
    skill: str | None
    assignment: str | None
    tags: list[str]
    version: int
    created_at: datetime
    updated_at: datetime


class TriageDecisionRead(OutputModel):
    """What triage decided for a ticket, and why."""

    id: int
    rule_ids: list[int]
    changes: dict[str, Any]
    explanation: str
    decided_at: datetime
