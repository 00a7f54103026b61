"""Escalation tables: escalations with their handoff brief, policy exceptions, triage rules and decisions."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from calmdesk.clock import utcnow
from calmdesk.db import Base
from calmdesk.escalation.vocabulary import EscalationOrigin, EscalationState, ExceptionState
from calmdesk.model_mixins import Timestamped, Versioned
from calmdesk.staff.models import Staff, Team
from calmdesk.tickets.reference import format_reference


class Escalation(Versioned, Timestamped, Base):
    """A ticket handed across to a team or up the chain, with its brief, until the receiver acknowledges it.

    An escalation nobody acknowledges by ``ack_due_at`` is itself escalated, once, by the
    worker: the new one points back through ``re_escalated_from_id``, which is unique,
    so no crash, retry or second worker can pass the same escalation up twice.
    """

    __tablename__ = "escalations"
    __table_args__ = (
        Index("ix_escalations_ticket", "ticket_id", "id"),
        # The worker reads only escalations still waiting past their time through this index.
        Index("ix_escalations_ack_due", "ack_due_at"),
        CheckConstraint("to_staff_id IS NOT NULL OR to_team_id IS NOT NULL", name="has_receiver"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    origin: Mapped[str] = mapped_column(String(20), default=EscalationOrigin.AGENT)
    state: Mapped[str] = mapped_column(String(30), default=EscalationState.AWAITING)
    reason_code: Mapped[str] = mapped_column(String(30))
    reason: Mapped[str] = mapped_column(Text, default="")
    from_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    to_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"), index=True)
    to_team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="SET NULL"), index=True)
    # True when the receiver takes the ticket over (not for HR's conduct review).
    takes_ticket: Mapped[bool] = mapped_column(Boolean, default=True)
    re_escalated_from_id: Mapped[int | None] = mapped_column(
        ForeignKey("escalations.id", ondelete="CASCADE"), unique=True
    )
    # The handoff brief.
    problem: Mapped[str] = mapped_column(Text)
    impact: Mapped[str] = mapped_column(Text, default="")
    offers: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    mood_at_start: Mapped[float | None] = mapped_column(Float)
    mood_at_end: Mapped[float | None] = mapped_column(Float)
    problem_goals: Mapped[list[str]] = mapped_column(JSON)
    people_goals: Mapped[list[str]] = mapped_column(JSON)
    # This ticket's contacts and the customer's earlier tickets, with dates and channels.
    interactions: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    # The ticket's SLA clocks when it was escalated.
    sla_state: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    # Acknowledgement, and the instant after which the worker passes it up (cleared once done).
    ack_due_at: Mapped[datetime | None]
    acknowledged_at: Mapped[datetime | None]
    acknowledged_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    # The notice sent to the customer, and when they were promised the next update.
    notice_message_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id", ondelete="SET NULL"))
    next_update_due_at: Mapped[datetime | None] = mapped_column(index=True)
    # What came of it, in the receiver's words.
    outcome: Mapped[str | None] = mapped_column(Text)
    outcome_at: Mapped[datetime | None]

    from_staff: Mapped[Staff | None] = relationship(foreign_keys=[from_staff_id], lazy="joined")
    to_staff: Mapped[Staff | None] = relationship(foreign_keys=[to_staff_id], lazy="joined")
    to_team: Mapped[Team | None] = relationship(lazy="joined")
    acknowledged_by: Mapped[Staff | None] = relationship(foreign_keys=[acknowledged_by_id], lazy="joined")

    @property
    def ticket_reference(self) -> str:
        """The escalated ticket's reference, e.g. ``CD-1042``."""
        return format_reference(self.ticket_id)


class PolicyException(Versioned, Timestamped, Base):
    """A request to go beyond policy (a refund, a goodwill credit …) and who granted or declined it."""

    __tablename__ = "policy_exceptions"
    __table_args__ = (
        Index("ix_policy_exceptions_ticket", "ticket_id", "id"),
        CheckConstraint("amount IS NULL OR amount >= 0", name="amount_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"))
    escalation_id: Mapped[int | None] = mapped_column(ForeignKey("escalations.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(30))
    amount: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    currency: Mapped[str] = mapped_column(String(3), default="GBP")
    justification: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(10), default=ExceptionState.REQUESTED)
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None]
    decision_note: Mapped[str | None] = mapped_column(Text)

    requested_by: Mapped[Staff | None] = relationship(foreign_keys=[requested_by_id], lazy="joined")
    decided_by: Mapped[Staff | None] = relationship(foreign_keys=[decided_by_id], lazy="joined")


class TriageRule(Versioned, Timestamped, Base):
    """An admin's rule for new tickets: when its conditions hold, set priority, category, team, assignee."""

    __tablename__ = "triage_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    position: Mapped[int] = mapped_column(Integer, default=100)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    # {"channels", "categories", "priorities", "tiers", "severities", "keywords", "tone", "min_risk"}
    conditions: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    priority: Mapped[str | None] = mapped_column(String(10))
    severity: Mapped[int | None] = mapped_column(Integer)
    category: Mapped[str | None] = mapped_column(String(60))
    # The team: named, or the first (by name) that covers the skill.
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="SET NULL"), index=True)
    skill: Mapped[str | None] = mapped_column(String(50))
    assignment: Mapped[str | None] = mapped_column(String(20))
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)


class TriageDecision(Base):
    """What triage decided for a new ticket, by which rules, and why (also in the audit log)."""

    __tablename__ = "triage_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"), index=True)
    rule_ids: Mapped[list[int]] = mapped_column(JSON)
    changes: Mapped[dict[str, Any]] = mapped_column(JSON)
    explanation: Mapped[str] = mapped_column(Text)
    decided_at: Mapped[datetime] = mapped_column(default=utcnow)


class RoundRobinCursor(Base):
    """Who in a team got the last round-robin ticket; its row is locked while the next is picked."""

    __tablename__ = "round_robin_cursors"

    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), primary_key=True)
    last_staff_id: Mapped[int | None] = mapped_column(Integer)
