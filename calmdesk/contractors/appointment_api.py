"""Appointment and upsell endpoints.

Dispatch (supervisors and up, for the contractors in their reach) books and
reschedules appointments; a contractor records the outcome of their own: status,
actual times, job notes, and the upsells they sold. Only a pay manager confirms or
refunds an upsell.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Header, Query, Request, Response
from fastapi.responses import JSONResponse
from pydantic import AwareDatetime

from calmdesk.api.deps import DbSession
from calmdesk.api.http import check_if_match, commit_read, created_response, read_with_etag
from calmdesk.api.params import Cursor, Limit
from calmdesk.auth.permissions import Permission
from calmdesk.clock import utcnow
from calmdesk.contractors import appointment_service, upsell_service
from calmdesk.contractors.access import AppointmentManager, AppointmentViewer, appointment_reach, pay_reach
from calmdesk.contractors.records import AppointmentStatus
from calmdesk.contractors.schemas import (
    AppointmentCreate,
    AppointmentRead,
    AppointmentUpdate,
    UpsellCreate,
    UpsellRead,
    UpsellUpdate,
)
from calmdesk.idempotency import fingerprint, run_once
from calmdesk.schemas import Page

router = APIRouter(prefix="/appointments", tags=["appointments"])
IdempotencyKey = Annotated[
    str | None,
    Header(alias="Idempotency-Key", description="retry-safe key: a retry returns the first result"),
]


@router.get("", response_model=Page[AppointmentRead])
def list_appointments(
    db: DbSession,
    staff: AppointmentViewer,
    contractor_id: int | None = None,
    customer_id: int | None = None,
    status: Annotated[list[AppointmentStatus] | None, Query()] = None,
    starts_from: Annotated[AwareDatetime | None, Query(description="scheduled to start at or after")] = None,
    starts_before: Annotated[AwareDatetime | None, Query(description="scheduled to start before")] = None,
    sort: Literal["scheduled_start", "-scheduled_start"] = "scheduled_start",
    cursor: Cursor = None,
    limit: Limit = 50,
) -> Page[AppointmentRead]:
    """Lists the appointments you may see (a contractor: their own)."""
    criteria = appointment_service.AppointmentFilter(
        contractor_id=contractor_id,
        customer_id=customer_id,
        status=tuple(status or ()),
        starts_from=starts_from,
        starts_before=starts_before,
    )
    items, next_cursor = appointment_service.get_all(
        db, reach=appointment_reach(db, staff), criteria=criteria, sort=sort, cursor=cursor, limit=limit
    )
    return Page(items=[AppointmentRead.model_validate(a) for a in items], next_cursor=next_cursor)


@router.post("", response_model=AppointmentRead, status_code=201)
def create_appointment(
    appointment_in: AppointmentCreate,
    request: Request,
    db: DbSession,
    staff: AppointmentManager,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Books (or logs) an appointment; one that overlaps another is refused. Retry-safe."""

    def perform() -> tuple[int, object]:
        appointment = appointment_service.create(
            db,
            appointment_in=appointment_in,
            actor=staff.actor,
            reach=appointment_reach(db, staff),
            now=utcnow(),
        )
        db.flush()
        return 201, AppointmentRead.model_validate(appointment).model_dump(mode="json")

    result = run_once(
        db,
        principal=staff.actor.principal_key,
        key=idempotency_key,
        perform=perform,
        request_hash=fingerprint("POST", request.url.path, appointment_in.model_dump(mode="json")),
    )
    appointment_id = result.body.get("id") if isinstance(result.body, dict) else None
    location = f"/api/v1/appointments/{appointment_id}" if appointment_id else None
    return created_response(result, location=location)


@router.get("/{appointment_id}", response_model=AppointmentRead)
def read_appointment(
    appointment_id: int, db: DbSession, staff: AppointmentViewer, response: Response
) -> AppointmentRead:
    """Returns one appointment."""
    appointment = appointment_service.get_or_raise(
        db, appointment_id=appointment_id, reach=appointment_reach(db, staff)
    )
    return read_with_etag(response, AppointmentRead, appointment)


@router.patch("/{appointment_id}", response_model=AppointmentRead)
def update_appointment(
    appointment_id: int,
    appointment_in: AppointmentUpdate,
    request: Request,
    db: DbSession,
    staff: AppointmentViewer,
    response: Response,
) -> AppointmentRead:
    """Reschedules (dispatch) or records the outcome; send If-Match with the ETag you read."""
    reach = appointment_reach(db, staff)
    appointment = appointment_service.get_or_raise(db, appointment_id=appointment_id, reach=reach)
    check_if_match(request, appointment.version)
    appointment_service.update(
        db,
        appointment=appointment,
        appointment_in=appointment_in,
        actor=staff.actor,
        reach=reach,
        now=utcnow(),
    )
    return commit_read(db, response, AppointmentRead, appointment)


@router.get("/{appointment_id}/upsells", response_model=list[UpsellRead])
def list_upsells(appointment_id: int, db: DbSession, staff: AppointmentViewer) -> list[UpsellRead]:
    """Lists the upsells sold on an appointment."""
    appointment = appointment_service.get_or_raise(
        db, appointment_id=appointment_id, reach=appointment_reach(db, staff)
    )
    return [UpsellRead.model_validate(u) for u in upsell_service.get_all(db, appointment=appointment)]


@router.post("/{appointment_id}/upsells", response_model=UpsellRead, status_code=201)
def add_upsell(
    appointment_id: int,
    upsell_in: UpsellCreate,
    request: Request,
    db: DbSession,
    staff: AppointmentViewer,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Records a product sold on the appointment; it earns commission once confirmed. Retry-safe."""

    def perform() -> tuple[int, object]:
        appointment = appointment_service.get_or_raise(
            db, appointment_id=appointment_id, reach=appointment_reach(db, staff)
        )
        upsell = upsell_service.create(db, appointment=appointment, upsell_in=upsell_in, actor=staff.actor)
        db.flush()
        return 201, UpsellRead.model_validate(upsell).model_dump(mode="json")

    result = run_once(
        db,
        principal=staff.actor.principal_key,
        key=idempotency_key,
        perform=perform,
        request_hash=fingerprint("POST", request.url.path, upsell_in.model_dump(mode="json")),
    )
    return created_response(result)


@router.patch("/{appointment_id}/upsells/{upsell_id}", response_model=UpsellRead)
def update_upsell(
    appointment_id: int,
    upsell_id: int,
    upsell_in: UpsellUpdate,
    request: Request,
    db: DbSession,
    staff: AppointmentViewer,
    response: Response,
) -> UpsellRead:
    """Confirms or refunds an upsell (pay managers), or corrects a pending one; send If-Match."""
    appointment = appointment_service.get_or_raise(
        db, appointment_id=appointment_id, reach=appointment_reach(db, staff)
    )
    upsell = upsell_service.get_or_raise(db, appointment=appointment, upsell_id=upsell_id)
    check_if_match(request, upsell.version)
    may_settle = staff.can(Permission.PAY_MANAGE) and pay_reach(db, staff).manages(appointment.contractor_id)
    upsell_service.update(
        db, upsell=upsell, upsell_in=upsell_in, actor=staff.actor, may_settle=may_settle, now=utcnow()
    )
    return commit_read(db, response, UpsellRead, upsell)
