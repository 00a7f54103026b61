"""Incident endpoints: supervisors confirm, dismiss and resolve; agents read and link tickets."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from sqlalchemy.orm import Session

from calmdesk.api.deps import DbSession, SettingsDep, StaffContext, require
from calmdesk.api.params import Limit
from calmdesk.auth.permissions import Permission
from calmdesk.clock import utcnow
from calmdesk.incidents import service, suggestions, vectors
from calmdesk.incidents.clustering import IncidentStatus
from calmdesk.incidents.models import Incident
from calmdesk.incidents.schemas import (
    IncidentConfirm,
    IncidentDismiss,
    IncidentLinkCreate,
    IncidentRead,
    IncidentResolve,
    IncidentResolved,
    IncidentSummary,
    TicketIncidentSuggestion,
    TicketUpdated,
)
from calmdesk.tickets import service as ticket_service
from calmdesk.tickets.lifecycle import TicketStatus

router = APIRouter(prefix="/incidents", tags=["incidents"])
Reader = Annotated[StaffContext, Depends(require(Permission.TICKETS_READ))]
Linker = Annotated[StaffContext, Depends(require(Permission.TICKETS_WRITE))]
Lead = Annotated[StaffContext, Depends(require(Permission.INCIDENTS_MANAGE))]


def _read(db: Session, incident: Incident) -> IncidentRead:
    db.flush()
    return IncidentRead.of(incident, service.links(db, incident=incident))


def _commit_read(db: Session, incident: Incident) -> IncidentRead:
    result = _read(db, incident)
    db.commit()
    return result


@router.get("", response_model=list[IncidentSummary])
def list_incidents(
    db: DbSession,
    _staff: Reader,
    status: Annotated[list[IncidentStatus] | None, Query()] = None,
    limit: Limit = 50,
) -> list[IncidentSummary]:
    """Lists incidents, most recently active first; by default the proposed and open ones."""
    wanted = status or [IncidentStatus.PROPOSED, IncidentStatus.OPEN]
    return [IncidentSummary.model_validate(i) for i in service.get_all(db, statuses=wanted, limit=limit)]


@router.get("/suggestions/{reference}", response_model=list[TicketIncidentSuggestion])
def suggestions_for_ticket(
    reference: str, db: DbSession, _staff: Reader, settings: SettingsDep
) -> list[TicketIncidentSuggestion]:
    """The active incidents a ticket is linked to, was suggested for, or resembles."""
    ticket = ticket_service.get_by_reference_or_raise(db, reference=reference)
    found = suggestions.for_ticket(
        db,
        ticket=ticket,
        vectoriser=vectors.for_mode(settings.analysis_mode),
        now=utcnow(),
        window=timedelta(hours=max(settings.incident_window_hours, settings.incident_background_hours)),
    )
    return [
        TicketIncidentSuggestion(
            incident=IncidentSummary.model_validate(s.incident),
            score=s.score,
            state=s.state,
        )
        for s in found
    ]


@router.get("/{incident_id}", response_model=IncidentRead)
def read_incident(incident_id: int, db: DbSession, _staff: Reader) -> IncidentRead:
    """Returns one incident with its linked and suggested tickets."""
    return _read(db, service.get_or_raise(db, incident_id=incident_id))


@router.post("/{incident_id}/confirm", response_model=IncidentRead)
def confirm_incident(
    incident_id: int, body: IncidentConfirm, db: DbSession, staff: Lead, settings: SettingsDep
) -> IncidentRead:
    """Confirms a proposed incident and notifies the engineering team."""
    incident = service.get_or_raise(db, incident_id=incident_id)
    service.confirm(
        db, incident=incident, title=body.title, actor=staff.actor, now=utcnow(), base_url=settings.base_url
    )
    return _commit_read(db, incident)


@router.post("/{incident_id}/dismiss", response_model=IncidentRead)
def dismiss_incident(incident_id: int, body: IncidentDismiss, db: DbSession, staff: Lead) -> IncidentRead:
    """Dismisses an incident whose tickets turned out not to share one cause."""
    incident = service.get_or_raise(db, incident_id=incident_id)
    service.dismiss(db, incident=incident, reason=body.reason, actor=staff.actor, now=utcnow())
    return _commit_read(db, incident)


@router.post("/{incident_id}/tickets", response_model=IncidentRead, status_code=201)
def link_ticket(incident_id: int, body: IncidentLinkCreate, db: DbSession, staff: Linker) -> IncidentRead:
    """Links a ticket to a proposed or open incident (or takes up a suggestion)."""
    incident = service.get_or_raise(db, incident_id=incident_id)
    ticket = ticket_service.get_by_reference_or_raise(db, reference=body.ticket)
    service.link(db, incident=incident, ticket=ticket, actor=staff.actor, now=utcnow())
    return _commit_read(db, incident)


@router.delete("/{incident_id}/tickets/{reference}", response_model=IncidentRead)
def unlink_ticket(incident_id: int, reference: str, db: DbSession, staff: Linker) -> IncidentRead:
    """Takes a ticket, or a suggestion, off a proposed or open incident."""
    incident = service.get_or_raise(db, incident_id=incident_id)
    ticket = ticket_service.get_by_reference_or_raise(db, reference=reference)
    service.unlink(db, incident=incident, ticket=ticket, actor=staff.actor)
    return _commit_read(db, incident)


@router.post("/{incident_id}/resolve", response_model=IncidentResolved)
def resolve_incident(incident_id: int, body: IncidentResolve, db: DbSession, staff: Lead) -> IncidentResolved:
    """Resolves an open incident: one update to every linked ticket's customer, each ticket moved on."""
    incident = service.get_or_raise(db, incident_id=incident_id)
    posted = service.resolve(
        db,
        incident=incident,
        update=body.update,
        ticket_status=TicketStatus(body.ticket_status),
        actor=staff.actor,
        now=utcnow(),
    )
    result = IncidentResolved(
        incident=_read(db, incident),
        tickets=[
            TicketUpdated(
                reference=p.ticket.reference,
                status_before=p.status_before,
                status=p.ticket.status,
                message_id=p.message.id if p.message else None,
            )
            for p in posted
        ],
    )
    db.commit()
    return result
