"""Contractors' customer appointments. Callers own the transaction.

Writes to one contractor's appointments take a row lock on their pay profile, so two
requests cannot both squeeze an appointment into the same free hour; overlapping
appointments are refused with 409 (touching end to start is fine, and an appointment
cancelled by the customer frees its slot).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from calmdesk.audit import service as audit_service
from calmdesk.auth.principal import Actor
from calmdesk.contractors import records
from calmdesk.contractors import service as contractor_service
from calmdesk.contractors.models import Appointment
from calmdesk.contractors.schemas import AppointmentCreate, AppointmentUpdate
from calmdesk.customers.models import Customer
from calmdesk.errors import Conflict, Forbidden, InvalidRequest, NotFound
from calmdesk.pagination import SortKey, paginate, split_page
from calmdesk.tickets import service as ticket_service

Status = records.AppointmentStatus
AUDITED = (
    "contractor_id", "customer_id", "ticket_id", "scheduled_start", "scheduled_end",
    "actual_start", "actual_end", "status", "job_notes",
)  # fmt: skip
REQUIRED = ("contractor_id", "customer_id", "scheduled_start", "scheduled_end", "status", "job_notes")
OUTCOME_FIELDS = frozenset({"status", "actual_start", "actual_end", "job_notes"})
"""What a contractor may record on their own appointment; the rest is dispatch's."""
SORTS = {
    "scheduled_start": SortKey("scheduled_start", Appointment.scheduled_start, False, is_datetime=True),
    "-scheduled_start": SortKey("-scheduled_start", Appointment.scheduled_start, True, is_datetime=True),
}


@dataclass(frozen=True)
class AppointmentFilter:
    """What to list: every field narrows the list."""

    contractor_id: int | None = None
    customer_id: int | None = None
    status: tuple[Status, ...] = ()
    starts_from: datetime | None = None
    starts_before: datetime | None = None


def to_record(appointment: Appointment) -> records.Appointment:
    """Returns the appointment as the pure pay core sees it."""
    return records.Appointment(
        ref=appointment.reference,
        customer_label=appointment.customer.name,
        scheduled_start=appointment.scheduled_start,
        scheduled_end=appointment.scheduled_end,
        status=Status(appointment.status),
        actual_start=appointment.actual_start,
        actual_end=appointment.actual_end,
    )


def get_or_raise(db: Session, *, appointment_id: int, reach: contractor_service.Reach) -> Appointment:
    """Returns an appointment the viewer may see, or raises NotFound."""
    appointment = db.get(Appointment, appointment_id)
    if appointment is None or not reach.sees(appointment.contractor_id):
        raise NotFound("appointment", appointment_id)
    return appointment


def get_all(
    db: Session,
    *,
    reach: contractor_service.Reach,
    criteria: AppointmentFilter,
    sort: str,
    cursor: str | None,
    limit: int,
) -> tuple[list[Appointment], str | None]:
    """Lists the appointments the viewer may see, filtered, a page at a time."""
    query = select(Appointment)
    visible = reach.visible_ids()
    if visible is not None:
        query = query.where(Appointment.contractor_id.in_(visible))
    if criteria.contractor_id is not None:
        query = query.where(Appointment.contractor_id == criteria.contractor_id)
    if criteria.customer_id is not None:
        query = query.where(Appointment.customer_id == criteria.customer_id)
    if criteria.status:
        query = query.where(Appointment.status.in_([s.value for s in criteria.status]))
    if criteria.starts_from is not None:
        query = query.where(Appointment.scheduled_start >= criteria.starts_from)
    if criteria.starts_before is not None:
        query = query.where(Appointment.scheduled_start < criteria.starts_before)
    sort_key = SORTS[sort]
    page = paginate(query, sort=sort_key, id_column=Appointment.id, cursor=cursor, limit=limit)
    rows = db.scalars(page).unique().all()
    return split_page(rows, limit=limit, sort=sort_key, key_of=lambda a: (a.scheduled_start, a.id))


def _customer(db: Session, customer_id: int) -> Customer:
    customer = db.get(Customer, customer_id)
    if customer is None:
        raise InvalidRequest("customer_not_found", f"no customer {customer_id}")
    return customer


def _ticket_id(db: Session, reference: str | None) -> int | None:
    if reference is None:
        return None
    try:
        return ticket_service.get_by_reference_or_raise(db, reference=reference).id
    except NotFound:
        raise InvalidRequest("ticket_not_found", f"no ticket {reference}") from None


def _check(db: Session, appointment: Appointment, *, now: datetime) -> None:
    """Refuses an appointment the pay core could not pay, outcomes still to come, or an overlap."""
    try:
        record = to_record(appointment)
    except records.PayRuleError as error:
        raise InvalidRequest("invalid_appointment", str(error)) from None
    if record.actual_end is not None and record.actual_end > now:
        raise InvalidRequest("actual_times_in_future", "actual times are recorded once the work is done")
    if record.status is Status.NO_SHOW and record.scheduled_start > now:
        raise InvalidRequest("no_show_in_future", "a no-show is recorded once the appointment time came")
    span = record.occupied
    if span is None:
        return
    with db.no_autoflush:
        query = select(Appointment).where(
            Appointment.contractor_id == appointment.contractor_id,
            Appointment.status != Status.CANCELLED_BY_CUSTOMER,
            func.coalesce(Appointment.actual_start, Appointment.scheduled_start) < span[1],
            func.coalesce(Appointment.actual_end, Appointment.scheduled_end) > span[0],
        )
        if appointment.id is not None:
            query = query.where(Appointment.id != appointment.id)
        others = [to_record(other) for other in db.scalars(query).unique()]
    overlaps = records.find_overlaps([record, *others])
    if overlaps:
        taken = sorted({ref for o in overlaps for ref in (o.first_ref, o.second_ref)} - {record.ref})
        raise Conflict(
            "appointment_overlaps",
            f"{appointment.contractor.name} already has {', '.join(taken)} at that time",
            details=[
                {"appointment": ref, "start": o.start.isoformat(), "end": o.end.isoformat()}
                for o in overlaps
                for ref in (o.first_ref, o.second_ref)
                if ref != record.ref
            ],
        )


def create(
    db: Session,
    *,
    appointment_in: AppointmentCreate,
    actor: Actor,
    reach: contractor_service.Reach,
    now: datetime,
) -> Appointment:
    """Books (or logs) an appointment for a contractor the actor manages."""
    if not reach.manages(appointment_in.contractor_id):
        raise NotFound("contractor", appointment_in.contractor_id)
    profile = contractor_service.get_for_update(db, contractor_id=appointment_in.contractor_id)
    fields = appointment_in.model_dump(exclude={"ticket_reference"})
    appointment = Appointment(**fields, ticket_id=_ticket_id(db, appointment_in.ticket_reference))
    appointment.contractor = profile
    appointment.customer = _customer(db, appointment_in.customer_id)
    _check(db, appointment, now=now)
    db.add(appointment)
    db.flush()
    audit_service.record(
        db,
        actor=actor,
        action="appointment.created",
        entity_type="appointment",
        entity_id=appointment.id,
        after=audit_service.snapshot(appointment, AUDITED),
    )
    return appointment


def update(
    db: Session,
    *,
    appointment: Appointment,
    appointment_in: AppointmentUpdate,
    actor: Actor,
    reach: contractor_service.Reach,
    now: datetime,
) -> Appointment:
    """Reschedules an appointment (dispatch) or records its outcome (its contractor too)."""
    changes: dict[str, Any] = appointment_in.model_dump(exclude_unset=True)
    if not reach.manages(appointment.contractor_id) and set(changes) - OUTCOME_FIELDS:
        raise Forbidden(
            "forbidden", "a contractor records only the outcome: status, actual times and job notes"
        )
    if any(changes.get(field, "set") is None for field in REQUIRED):
        raise InvalidRequest("field_required", "only ticket_reference and actual times can be cleared")
    before = audit_service.snapshot(appointment, AUDITED)
    contractor_id = changes.pop("contractor_id", appointment.contractor_id)
    if contractor_id != appointment.contractor_id:
        if appointment.status != Status.SCHEDULED:
            raise Conflict("appointment_settled", "only a scheduled appointment moves to another contractor")
        if not reach.manages(contractor_id):
            raise NotFound("contractor", contractor_id)
    profile = contractor_service.get_for_update(db, contractor_id=contractor_id)
    if "customer_id" in changes:
        appointment.customer = _customer(db, changes.pop("customer_id"))
    if "ticket_reference" in changes:
        appointment.ticket_id = _ticket_id(db, changes.pop("ticket_reference"))
    with db.no_autoflush:
        appointment.contractor = profile
        for field, value in changes.items():
            setattr(appointment, field, value)
        _check(db, appointment, now=now)
    old, new = audit_service.changed(before, audit_service.snapshot(appointment, AUDITED))
    if new:
        db.flush()
        audit_service.record(
            db,
            actor=actor,
            action="appointment.updated",
            entity_type="appointment",
            entity_id=appointment.id,
            before=old,
            after=new,
        )
    return appointment


def for_pay(
    db: Session, *, contractor_id: int, window: tuple[datetime, datetime]
) -> list[records.Appointment]:
    """Returns the contractor's appointments that start (as scheduled or actually) in ``window``."""
    start, end = window
    query = select(Appointment).where(
        Appointment.contractor_id == contractor_id,
        (Appointment.scheduled_start.between(start, end)) | (Appointment.actual_start.between(start, end)),
    )
    return [to_record(a) for a in db.scalars(query.order_by(Appointment.id)).unique()]
