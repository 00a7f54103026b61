"""Follow-up endpoints for staff: the callback queue, cadences, callbacks and survey results."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response
from pydantic import AwareDatetime

from calmdesk.api.deps import DbSession, StaffContext, require
from calmdesk.api.params import Cursor, Limit
from calmdesk.auth.permissions import Permission
from calmdesk.clock import utcnow
from calmdesk.followup import queue, service, surveys
from calmdesk.followup.models import Callback, Survey
from calmdesk.followup.schemas import (
    CadenceRead,
    CadenceSet,
    CallbackCreate,
    CallbackQueue,
    CallbackRead,
    LastToldRead,
    QueueEntryRead,
    SurveyRead,
)
from calmdesk.followup.survey_rules import mood_word
from calmdesk.schemas import Page
from calmdesk.tickets import service as ticket_service
from calmdesk.tickets.models import Ticket

router = APIRouter(tags=["follow-ups"])
Reader = Annotated[StaffContext, Depends(require(Permission.TICKETS_READ))]
Writer = Annotated[StaffContext, Depends(require(Permission.TICKETS_WRITE))]
# Survey results are a quality report: supervisors and up read them.
Leader = Annotated[StaffContext, Depends(require(Permission.SLA_REPORTS))]
DEFAULT_HORIZON = timedelta(hours=12)


def _cadence(ticket: Ticket, view: service.CadenceView) -> CadenceRead:
    return CadenceRead(
        ticket=ticket.reference,
        source=view.source,
        interval_minutes=view.interval_minutes,
        last_update_at=view.last_update_at,
        next_due_at=view.next_due_at,
    )


def entry_read(entry: queue.QueueEntry) -> QueueEntryRead:
    """A queue line as the API returns it."""
    told = entry.last_told
    return QueueEntryRead(
        kind=entry.kind,
        due_at=entry.due_at,
        overdue=entry.overdue,
        ticket=entry.ticket.reference,
        subject=entry.ticket.subject,
        status=entry.ticket.status,
        priority=entry.ticket.priority,
        customer_name=entry.ticket.customer.name,
        contact=entry.contact,
        assignee_id=entry.assignee.id if entry.assignee else None,
        assignee_name=entry.assignee.name if entry.assignee else None,
        callback_id=entry.callback_id,
        note=entry.note,
        last_told=LastToldRead(at=told.at, kind=told.kind, excerpt=told.excerpt, by=told.by)
        if told
        else None,
    )


def survey_read(survey: Survey) -> SurveyRead:
    """A survey as supervisors read it."""
    return SurveyRead(
        id=survey.id,
        ticket=survey.ticket.reference,
        subject=survey.ticket.subject,
        customer_name=survey.ticket.customer.name,
        agent_id=survey.agent_id,
        agent_name=survey.agent.name if survey.agent else None,
        created_at=survey.created_at,
        expires_at=survey.expires_at,
        answered_at=survey.answered_at,
        rating=survey.rating,
        comment=survey.comment,
        mood_at_end=survey.mood_at_end,
        mood=mood_word(survey.mood_at_end),
        reopened=survey.reopened,
    )


def assignee_filter(assignee: str, staff_id: int) -> int | None:
    """``me`` → the caller, ``all`` → everyone, a number → that staff member."""
    if assignee == "me":
        return staff_id
    return None if assignee == "all" else int(assignee)


@router.get("/callbacks", response_model=CallbackQueue)
def callback_queue(
    db: DbSession,
    staff: Reader,
    assignee: Annotated[str, Query(pattern=r"^(me|all|\d+)$", description="me, all or a staff id")] = "me",
    due_before: AwareDatetime | None = None,
    limit: Annotated[int, Query(ge=1, le=queue.QUEUE_LIMIT)] = 100,
) -> CallbackQueue:
    """Who must be phoned or written to by ``due_before`` (default: the next 12 hours), soonest first."""
    now = utcnow()
    horizon: datetime = due_before or now + DEFAULT_HORIZON
    entries = queue.load(
        db, assignee_id=assignee_filter(assignee, staff.staff_id), due_before=horizon, now=now, limit=limit
    )
    return CallbackQueue(due_before=horizon, items=[entry_read(e) for e in entries])


@router.post("/callbacks/{callback_id}/cancel", response_model=CallbackRead)
def cancel_callback(callback_id: int, db: DbSession, staff: Writer) -> CallbackRead:
    """Withdraws a promised callback."""
    callback = service.cancel_callback(db, callback_id=callback_id, actor=staff.actor, now=utcnow())
    result = CallbackRead.model_validate(callback)
    db.commit()
    return result


@router.get("/tickets/{reference}/callbacks", response_model=list[CallbackRead])
def list_callbacks(reference: str, db: DbSession, _staff: Reader) -> list[CallbackRead]:
    """The ticket's scheduled callbacks, soonest first."""
    ticket = ticket_service.get_by_reference_or_raise(db, reference=reference)
    return [CallbackRead.model_validate(c) for c in service.get_callbacks(db, ticket=ticket)]


@router.post("/tickets/{reference}/callbacks", response_model=CallbackRead, status_code=201)
def schedule_callback(
    reference: str, callback_in: CallbackCreate, db: DbSession, staff: Writer, response: Response
) -> CallbackRead:
    """Promises the customer a phone call at a chosen time; it joins the callback queue."""
    ticket = ticket_service.get_by_reference_or_raise(db, reference=reference)
    callback: Callback = service.schedule_callback(
        db,
        ticket=ticket,
        due_at=callback_in.due_at,
        staff_id=callback_in.staff_id,
        note=callback_in.note,
        actor=staff.actor,
        now=utcnow(),
    )
    result = CallbackRead.model_validate(callback)
    db.commit()
    response.headers["Location"] = f"/api/v1/tickets/{ticket.reference}/callbacks"
    return result


@router.get("/tickets/{reference}/cadence", response_model=CadenceRead)
def read_cadence(reference: str, db: DbSession, _staff: Reader) -> CadenceRead:
    """How often the customer hears from us on this ticket, and when the next update is due."""
    ticket = ticket_service.get_by_reference_or_raise(db, reference=reference)
    return _cadence(ticket, service.get_cadence(db, ticket=ticket))


@router.put("/tickets/{reference}/cadence", response_model=CadenceRead)
def set_cadence(reference: str, cadence_in: CadenceSet, db: DbSession, staff: Writer) -> CadenceRead:
    """Sets the update cadence in minutes; null goes back to the SLA policy's periodic-update target."""
    ticket = ticket_service.get_by_reference_or_raise(db, reference=reference)
    view = service.set_cadence(
        db, ticket=ticket, interval_minutes=cadence_in.interval_minutes, actor=staff.actor, now=utcnow()
    )
    result = _cadence(ticket, view)
    db.commit()
    return result


@router.get("/surveys", response_model=Page[SurveyRead])
def list_surveys(
    db: DbSession,
    _staff: Leader,
    answered: bool | None = None,
    rating_max: Annotated[int | None, Query(ge=1, le=5)] = None,
    cursor: Cursor = None,
    limit: Limit = 50,
) -> Page[SurveyRead]:
    """Survey results, newest first, each with the mood the last contact ended on."""
    items, next_cursor = surveys.get_all(
        db, answered=answered, rating_max=rating_max, cursor=cursor, limit=limit
    )
    return Page(items=[survey_read(s) for s in items], next_cursor=next_cursor)
