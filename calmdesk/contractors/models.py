"""Contractors' pay terms, appointments, upsells, adjustments and issued pay statements.

Pay terms are history, never edited: a new hourly rate, commission rule or call-out
rule is a new row with its own ``effective_from``, so an old period is always paid on
the terms in force in it. An issued statement and its lines are frozen: the database
refuses UPDATE and DELETE on them (triggers in the migration); later changes reach
the contractor as adjustment lines on a later statement.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from calmdesk.clock import utcnow
from calmdesk.contractors.records import AppointmentStatus, UpsellStatus
from calmdesk.customers.models import Customer
from calmdesk.db import Base
from calmdesk.model_mixins import Timestamped, Versioned
from calmdesk.staff.models import Staff
from calmdesk.tickets.models import Ticket
from calmdesk.tickets.reference import format_reference

MONEY = Numeric(12, 2)
"""Every amount column: exact decimal, two places (currencies without cents store .00)."""


class ContractorProfile(Timestamped, Base):
    """A self-employed contractor's pay set-up; the contractor is a staff member (role contractor)."""

    __tablename__ = "contractor_profiles"

    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"), primary_key=True)
    currency: Mapped[str] = mapped_column(String(3))
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/London")

    staff: Mapped[Staff] = relationship(lazy="joined", innerjoin=True)
    rates: Mapped[list[HourlyRateEntry]] = relationship(
        lazy="selectin", order_by="HourlyRateEntry.effective_from"
    )
    commission_rules: Mapped[list[CommissionRuleEntry]] = relationship(
        lazy="selectin", order_by=lambda: (CommissionRuleEntry.effective_from, CommissionRuleEntry.id)
    )
    call_out_rules: Mapped[list[CallOutRuleEntry]] = relationship(
        lazy="selectin", order_by=lambda: (CallOutRuleEntry.effective_from, CallOutRuleEntry.id)
    )

    @property
    def id(self) -> int:
        """The contractor's id: their staff id."""
        return self.staff_id

    @property
    def name(self) -> str:
        """The contractor's name."""
        return self.staff.name

    @property
    def email(self) -> str:
        """The contractor's sign-in address, also their reference on payroll exports."""
        return self.staff.email


class HourlyRateEntry(Base):
    """An hourly rate in force from ``effective_from`` until the next one starts."""

    __tablename__ = "contractor_rates"
    __table_args__ = (UniqueConstraint("contractor_id", "effective_from"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contractor_id: Mapped[int] = mapped_column(ForeignKey("contractor_profiles.staff_id"))
    effective_from: Mapped[date] = mapped_column(Date)
    hourly_rate: Mapped[Decimal] = mapped_column(MONEY)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class CommissionRuleEntry(Base):
    """Commission on confirmed upsells of a category (None: every other category)."""

    __tablename__ = "contractor_commission_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    contractor_id: Mapped[int] = mapped_column(ForeignKey("contractor_profiles.staff_id"), index=True)
    effective_from: Mapped[date] = mapped_column(Date)
    category: Mapped[str | None] = mapped_column(String(60))
    percent: Mapped[Decimal] = mapped_column(Numeric(5, 2))
    fixed_per_upsell: Mapped[Decimal | None] = mapped_column(MONEY)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class CallOutRuleEntry(Base):
    """How appointments cancelled by the customer, or no-shows, are paid from a date on."""

    __tablename__ = "contractor_call_out_rules"
    __table_args__ = (UniqueConstraint("contractor_id", "applies_to", "effective_from"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contractor_id: Mapped[int] = mapped_column(ForeignKey("contractor_profiles.staff_id"))
    applies_to: Mapped[str] = mapped_column(String(30))
    effective_from: Mapped[date] = mapped_column(Date)
    basis: Mapped[str] = mapped_column(String(20))
    fixed_amount: Mapped[Decimal | None] = mapped_column(MONEY)
    minutes: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Appointment(Versioned, Timestamped, Base):
    """A contractor's visit to a customer; completed appointments are billable hours."""

    __tablename__ = "appointments"
    __table_args__ = (
        Index("ix_appointments_contractor_start", "contractor_id", "scheduled_start"),
        Index("ix_appointments_scheduled_start", "scheduled_start", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    contractor_id: Mapped[int] = mapped_column(ForeignKey("contractor_profiles.staff_id"))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id", ondelete="SET NULL"))
    scheduled_start: Mapped[datetime]
    scheduled_end: Mapped[datetime]
    actual_start: Mapped[datetime | None]
    actual_end: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(30), default=AppointmentStatus.SCHEDULED)
    job_notes: Mapped[str] = mapped_column(Text, default="")

    contractor: Mapped[ContractorProfile] = relationship(lazy="joined", innerjoin=True)
    customer: Mapped[Customer] = relationship(lazy="joined", innerjoin=True)
    ticket: Mapped[Ticket | None] = relationship(lazy="joined")

    @property
    def reference(self) -> str:
        """The reference on pay statements, e.g. ``APT-12``."""
        return f"APT-{self.id}"

    @property
    def ticket_reference(self) -> str | None:
        """The linked ticket's reference, if any."""
        return None if self.ticket_id is None else format_reference(self.ticket_id)


class Upsell(Versioned, Timestamped, Base):
    """A product sold on an appointment; earns commission once confirmed."""

    __tablename__ = "upsells"

    id: Mapped[int] = mapped_column(primary_key=True)
    appointment_id: Mapped[int] = mapped_column(ForeignKey("appointments.id"), index=True)
    product: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(60))
    value: Mapped[Decimal] = mapped_column(MONEY)
    currency: Mapped[str] = mapped_column(String(3))
    status: Mapped[str] = mapped_column(String(20), default=UpsellStatus.PENDING)
    confirmed_at: Mapped[datetime | None]
    refunded_at: Mapped[datetime | None]

    appointment: Mapped[Appointment] = relationship(lazy="joined", innerjoin=True)

    @property
    def reference(self) -> str:
        """The reference on pay statements, e.g. ``UP-7``."""
        return f"UP-{self.id}"


class PayAdjustment(Base):
    """A one-off amount (plus or minus) paid on the statement of the period holding ``day``."""

    __tablename__ = "pay_adjustments"
    __table_args__ = (Index("ix_pay_adjustments_contractor_day", "contractor_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contractor_id: Mapped[int] = mapped_column(ForeignKey("contractor_profiles.staff_id"))
    day: Mapped[date] = mapped_column(Date)
    description: Mapped[str] = mapped_column(String(300))
    amount: Mapped[Decimal] = mapped_column(MONEY)
    currency: Mapped[str] = mapped_column(String(3))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class IssuedStatement(Base):
    """A pay statement as issued: totals and lines frozen for good."""

    __tablename__ = "pay_statements"
    __table_args__ = (UniqueConstraint("contractor_id", "period_label"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contractor_id: Mapped[int] = mapped_column(ForeignKey("contractor_profiles.staff_id"))
    period_label: Mapped[str] = mapped_column(String(10))
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    contractor_ref: Mapped[str] = mapped_column(String(320))
    contractor_name: Mapped[str] = mapped_column(String(200))
    currency: Mapped[str] = mapped_column(String(3))
    work_subtotal: Mapped[Decimal] = mapped_column(MONEY)
    commission_subtotal: Mapped[Decimal] = mapped_column(MONEY)
    adjustment_subtotal: Mapped[Decimal] = mapped_column(MONEY)
    total: Mapped[Decimal] = mapped_column(MONEY)
    worked_microseconds: Mapped[int] = mapped_column(BigInteger)
    unsettled_refs: Mapped[list[Any]] = mapped_column(JSON)
    issued_at: Mapped[datetime] = mapped_column(default=utcnow)
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))

    lines: Mapped[list[IssuedLine]] = relationship(lazy="selectin", order_by="IssuedLine.position")


class IssuedLine(Base):
    """One frozen line of an issued statement."""

    __tablename__ = "pay_statement_lines"
    __table_args__ = (UniqueConstraint("statement_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    statement_id: Mapped[int] = mapped_column(ForeignKey("pay_statements.id"))
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(30))
    key: Mapped[str] = mapped_column(String(200))
    day: Mapped[date] = mapped_column(Date)
    label: Mapped[str] = mapped_column(Text)
    amount: Mapped[Decimal] = mapped_column(MONEY)
    worked_microseconds: Mapped[int | None] = mapped_column(BigInteger)
    rate: Mapped[Decimal | None] = mapped_column(MONEY)
    corrects: Mapped[str | None] = mapped_column(String(200))
