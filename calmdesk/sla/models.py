"""SLA tables: calendars, policies and their targets, escalation chains, and each ticket's clocks.

A ticket's SLA bookkeeping lives beside the ticket, not on it (``ticket_sla``): the
worker updates the next check time many times in a ticket's life, and doing that on
the ticket row would bump its version (its ETag) and contend with staff edits.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from calmdesk.clock import utcnow
from calmdesk.db import Base
from calmdesk.model_mixins import Timestamped, Versioned


class SlaCalendar(Versioned, Timestamped, Base):
    """A named business calendar; ``definition`` is :meth:`BusinessCalendar.to_dict` JSON."""

    __tablename__ = "sla_calendars"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    definition: Mapped[dict[str, Any]] = mapped_column(JSON)


class SlaPolicy(Versioned, Timestamped, Base):
    """Targets that apply to the tickets its conditions match; the lowest position matching wins."""

    __tablename__ = "sla_policies"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    position: Mapped[int] = mapped_column(Integer, default=100)
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    # {"priorities": [...], "tiers": [...], "channels": [...], "categories": [...], "team_ids": [...]};
    # a missing or empty list matches anything.
    conditions: Mapped[dict[str, list[Any]]] = mapped_column(JSON, default=dict)
    calendar_id: Mapped[int] = mapped_column(ForeignKey("sla_calendars.id"), index=True)
    escalation_chain_id: Mapped[int | None] = mapped_column(
        ForeignKey("escalation_chains.id", ondelete="SET NULL"), index=True
    )

    calendar: Mapped[SlaCalendar] = relationship(lazy="joined", innerjoin=True)
    targets: Mapped[list[SlaTarget]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="SlaTarget.kind"
    )


class SlaTarget(Base):
    """One promise of a policy, in business minutes, with when to warn before it is broken."""

    __tablename__ = "sla_targets"
    __table_args__ = (
        CheckConstraint("minutes > 0", name="minutes_positive"),
        CheckConstraint("(warn_percent IS NULL) <> (warn_minutes_before IS NULL)", name="one_warning_rule"),
    )

    policy_id: Mapped[int] = mapped_column(
        ForeignKey("sla_policies.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    minutes: Mapped[int] = mapped_column(Integer)
    warn_percent: Mapped[int | None] = mapped_column(SmallInteger)
    warn_minutes_before: Mapped[int | None] = mapped_column(Integer)


class EscalationChain(Versioned, Timestamped, Base):
    """Who hears about a breach, level by level; used by policies and by a team's tickets."""

    __tablename__ = "escalation_chains"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    # The chain for this team's tickets when their policy names none.
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="SET NULL"), unique=True)

    levels: Mapped[list[EscalationLevel]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="EscalationLevel.level"
    )


class EscalationLevel(Base):
    """One rung: a role or a named person, alerted this many minutes after the breach."""

    __tablename__ = "escalation_levels"
    __table_args__ = (
        CheckConstraint("level >= 1", name="level_from_one"),
        CheckConstraint("delay_minutes >= 0", name="delay_not_negative"),
        CheckConstraint("(role IS NULL) <> (staff_id IS NULL)", name="role_or_person"),
    )

    chain_id: Mapped[int] = mapped_column(
        ForeignKey("escalation_chains.id", ondelete="CASCADE"), primary_key=True
    )
    level: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    role: Mapped[str | None] = mapped_column(String(32))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="RESTRICT"), index=True)
    delay_minutes: Mapped[int] = mapped_column(Integer, default=0)
    channels: Mapped[list[str]] = mapped_column(JSON)


class TicketSla(Base):
    """A ticket's SLA policy and the next instant the worker must look at it."""

    __tablename__ = "ticket_sla"

    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"), primary_key=True)
    policy_id: Mapped[int | None] = mapped_column(
        ForeignKey("sla_policies.id", ondelete="SET NULL"), index=True
    )
    # The sweep reads only rows due by now through this index: its cost follows the due work.
    next_check_at: Mapped[datetime | None] = mapped_column(index=True)
    check_failures: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)


class ClockRecord(Base):
    """One cycle of one SLA clock of a ticket: :class:`~calmdesk.sla.clock.SlaClock` in columns.

    A clock that restarts (next response after each customer message, the periodic
    update after each reply) gets a new cycle row; the highest cycle is the current one.
    ``due_at`` and ``warning_at`` are derived from the calendar whenever the clock
    changes, so the worker compares instants and never does business-time arithmetic.
    """

    __tablename__ = "ticket_sla_clocks"
    __table_args__ = (
        UniqueConstraint("ticket_id", "kind", "cycle"),
        Index("ix_ticket_sla_clocks_started", "started_at"),
        # The callback queue reads running periodic-update clocks by due time.
        Index("ix_ticket_sla_clocks_kind_state_due", "kind", "state", "due_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    cycle: Mapped[int] = mapped_column(Integer, default=1)
    state: Mapped[str] = mapped_column(String(10))
    target_seconds: Mapped[int] = mapped_column(Integer)
    used_microseconds: Mapped[int] = mapped_column(BigInteger, default=0)
    started_at: Mapped[datetime]
    running_since: Mapped[datetime | None]
    met_at: Mapped[datetime | None]
    stopped_at: Mapped[datetime | None]
    breached_at: Mapped[datetime | None]
    due_at: Mapped[datetime | None]
    warning_at: Mapped[datetime | None]


class SlaEvent(Base):
    """A warning, breach, escalation level or acknowledgement; its unique key makes it fire once."""

    __tablename__ = "sla_events"
    __table_args__ = (
        UniqueConstraint("ticket_id", "clock_kind", "cycle", "event", "level", name="uq_sla_events_once"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"))
    clock_kind: Mapped[str] = mapped_column(String(20))
    cycle: Mapped[int] = mapped_column(Integer)
    event: Mapped[str] = mapped_column(String(20))
    level: Mapped[int] = mapped_column(SmallInteger, default=0)
    # When it happened in SLA terms (a breach: the deadline); created_at is when it was recorded.
    occurred_at: Mapped[datetime]
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    recipients: Mapped[list[int]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
