"""Upsells recorded on appointments, and their confirmation and refund. Callers own the transaction.

An upsell earns commission on the day it is confirmed; a refund claws that
commission back on the day of the refund, in whatever period that is. Only a pay
manager confirms or refunds: a contractor cannot confirm their own sale.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from calmdesk.audit import service as audit_service
from calmdesk.auth.principal import Actor
from calmdesk.contractors import records
from calmdesk.contractors.models import Appointment, Upsell
from calmdesk.contractors.schemas import UpsellCreate, UpsellUpdate
from calmdesk.errors import Conflict, Forbidden, InvalidRequest, NotFound
from calmdesk.money import Money, MoneyError

Status = records.UpsellStatus
AUDITED = ("product", "category", "value", "currency", "status", "confirmed_at", "refunded_at")
MISSED = (records.AppointmentStatus.CANCELLED_BY_CUSTOMER, records.AppointmentStatus.NO_SHOW)
MOVES = {
    (Status.PENDING, Status.CONFIRMED),
    (Status.PENDING, Status.REFUNDED),  # called off before confirmation: nothing earned
    (Status.CONFIRMED, Status.REFUNDED),
}


def to_record(upsell: Upsell) -> records.Upsell:
    """Returns the upsell as the pure pay core sees it."""
    return records.Upsell(
        ref=upsell.reference,
        product=upsell.product,
        category=upsell.category,
        value=Money(upsell.value, upsell.currency),
        status=Status(upsell.status),
        confirmed_at=upsell.confirmed_at,
        refunded_at=upsell.refunded_at,
    )


def get_all(db: Session, *, appointment: Appointment) -> list[Upsell]:
    """Lists an appointment's upsells, oldest first."""
    query = select(Upsell).where(Upsell.appointment_id == appointment.id).order_by(Upsell.id)
    return list(db.scalars(query))


def get_or_raise(db: Session, *, appointment: Appointment, upsell_id: int) -> Upsell:
    """Returns one of the appointment's upsells, or raises NotFound."""
    upsell = db.get(Upsell, upsell_id)
    if upsell is None or upsell.appointment_id != appointment.id:
        raise NotFound("upsell", upsell_id)
    return upsell


def _value(value: Any, currency: str) -> Money:
    try:
        money = Money.of(value, currency)
    except MoneyError as error:
        raise InvalidRequest("invalid_amount", f"value: {error}") from None
    if money.amount <= 0:
        raise InvalidRequest("invalid_amount", "an upsell's value must be positive")
    return money


def create(db: Session, *, appointment: Appointment, upsell_in: UpsellCreate, actor: Actor) -> Upsell:
    """Records a sale on an appointment that took place (or is still to come); it starts pending."""
    if appointment.status in (
        records.AppointmentStatus.CANCELLED_BY_CUSTOMER,
        records.AppointmentStatus.NO_SHOW,
    ):
        raise Conflict("appointment_missed", f"{appointment.reference} did not take place: nothing was sold")
    currency = appointment.contractor.currency
    if upsell_in.currency not in (None, currency):
        raise InvalidRequest("currency_mismatch", f"{appointment.contractor.name} is paid in {currency}")
    value = _value(upsell_in.value, currency)
    upsell = Upsell(
        appointment_id=appointment.id,
        product=upsell_in.product,
        category=upsell_in.category,
        value=value.amount,
        currency=currency,
    )
    upsell.appointment = appointment
    db.add(upsell)
    db.flush()
    audit_service.record(
        db,
        actor=actor,
        action="upsell.created",
        entity_type="upsell",
        entity_id=upsell.id,
        after=audit_service.snapshot(upsell, AUDITED),
    )
    return upsell


def update(
    db: Session, *, upsell: Upsell, upsell_in: UpsellUpdate, actor: Actor, may_settle: bool, now: datetime
) -> Upsell:
    """Corrects a pending upsell, or confirms or refunds it (at ``now``)."""
    changes = upsell_in.model_dump(exclude_unset=True)
    if any(value is None for value in changes.values()):
        raise InvalidRequest("field_required", "product, category, value and status cannot be null")
    before = audit_service.snapshot(upsell, AUDITED)
    details = {field: changes[field] for field in ("product", "category", "value") if field in changes}
    if details:
        if upsell.status != Status.PENDING:
            raise Conflict("upsell_settled", f"{upsell.reference} is {upsell.status}: its sale is settled")
        if "value" in details:
            details["value"] = _value(details["value"], upsell.currency).amount
        for field, value in details.items():
            setattr(upsell, field, value)
    status = changes.get("status")
    if status is not None and status != upsell.status:
        if not may_settle:
            raise Forbidden("forbidden", "only a pay manager confirms or refunds an upsell")
        if (Status(upsell.status), status) not in MOVES:
            raise Conflict("illegal_transition", f"an upsell cannot go from {upsell.status} to {status}")
        upsell.status = status
        if status is Status.CONFIRMED:
            upsell.confirmed_at = now
        else:
            upsell.refunded_at = now
    old, new = audit_service.changed(before, audit_service.snapshot(upsell, AUDITED))
    if new:
        db.flush()
        audit_service.record(
            db,
            actor=actor,
            action="upsell.updated",
            entity_type="upsell",
            entity_id=upsell.id,
            before=old,
            after=new,
        )
    return upsell


def for_pay(db: Session, *, contractor_id: int, window: tuple[datetime, datetime]) -> list[records.Upsell]:
    """Returns the contractor's upsells confirmed or refunded within ``window``."""
    start, end = window
    query = (
        select(Upsell)
        .join(Upsell.appointment)
        .where(
            Appointment.contractor_id == contractor_id,
            Upsell.confirmed_at.between(start, end) | Upsell.refunded_at.between(start, end),
        )
    )
    return [to_record(u) for u in db.scalars(query.order_by(Upsell.id)).unique()]
