"""Operations on incidents: read, confirm, dismiss, link, unlink, resolve. Callers own the transaction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from calmdesk.audit import service as audit_service
from calmdesk.auth.principal import Actor
from calmdesk.errors import Conflict, NotFound
from calmdesk.incidents import notices
from calmdesk.incidents.clustering import ACTIVE, IncidentStatus, LinkState
from calmdesk.incidents.models import Incident, IncidentTicket
from calmdesk.staff.models import Staff
from calmdesk.tickets import conversation
from calmdesk.tickets.lifecycle import IllegalTransition, TicketStatus, check_transition
from calmdesk.tickets.models import Message, Ticket
from calmdesk.tickets.schemas import MessageCreate

# Where a resolved incident's tickets may be moved to.
RESOLVE_TO = (TicketStatus.RESOLVED, TicketStatus.PENDING_CUSTOMER)


@dataclass(frozen=True)
class UpdatePosted:
    """What resolving an incident did to one linked ticket."""

    ticket: Ticket
    message: Message | None  # None: the ticket was closed and got nothing
    status_before: str


def get_or_raise(db: Session, *, incident_id: int) -> Incident:
    """Returns the incident with this id, or raises NotFound."""
    incident = db.get(Incident, incident_id)
    if incident is None:
        raise NotFound("incident", incident_id)
    return incident


def get_all(db: Session, *, statuses: Sequence[str], limit: int) -> list[Incident]:
    """Lists incidents, the most recently active first."""
    query = select(Incident)
    if statuses:
        query = query.where(Incident.status.in_(statuses))
    return list(db.scalars(query.order_by(Incident.last_seen_at.desc(), Incident.id.desc()).limit(limit)))


def links(db: Session, *, incident: Incident) -> list[IncidentTicket]:
    """The incident's linked and suggested tickets, oldest ticket first."""
    query = select(IncidentTicket).where(IncidentTicket.incident_id == incident.id)
    return list(db.scalars(query.order_by(IncidentTicket.ticket_id)))


def for_ticket(db: Session, *, ticket: Ticket) -> list[tuple[Incident, IncidentTicket]]:
    """The incidents a ticket is linked to or suggested for, newest first."""
    query = (
        select(Incident, IncidentTicket)
        .join(IncidentTicket, IncidentTicket.incident_id == Incident.id)
        .where(IncidentTicket.ticket_id == ticket.id)
        .order_by(Incident.id.desc())
    )
    return [(incident, link) for incident, link in db.execute(query).tuples()]


def _require(
    incident: Incident, allowed: frozenset[IncidentStatus] | set[IncidentStatus], doing: str
) -> None:
    if incident.status not in allowed:
        raise Conflict(
            f"incident_{incident.status}",
            f"incident {incident.id} is {incident.status}; "
            f"only {' or '.join(sorted(allowed))} incidents can be {doing}",
        )


def _drop_suggestions(db: Session, incident: Incident) -> None:
    db.execute(
        delete(IncidentTicket).where(
            IncidentTicket.incident_id == incident.id, IncidentTicket.state == LinkState.SUGGESTED
        )
    )


def confirm(
    db: Session, *, incident: Incident, title: str | None, actor: Actor, now: datetime, base_url: str
) -> Incident:
    """Confirms a proposed incident and tells the engineering team."""
    _require(incident, {IncidentStatus.PROPOSED}, "confirmed")
    before = audit_service.snapshot(incident, ("status", "title"))
    incident.status = IncidentStatus.OPEN
    incident.title = title or incident.title
    incident.confirmed_at = now
    incident.confirmed_by = db.get(Staff, actor.id) if actor.id is not None else None
    db.flush()
    audit_service.record(
        db,
        actor=actor,
        action="incident.confirmed",
        entity_type="incident",
        entity_id=incident.id,
        before=before,
        after=audit_service.snapshot(incident, ("status", "title")),
    )
    staff = db.get(Staff, actor.id) if actor.id is not None else None
    notices.confirmed(
        db,
        incident=incident,
        confirmed_by=staff.name if staff else "A supervisor",
        base_url=base_url,
        now=now,
    )
    return incident


def dismiss(db: Session, *, incident: Incident, reason: str | None, actor: Actor, now: datetime) -> Incident:
    """Dismisses a proposed or open incident: its tickets are not one problem after all."""
    _require(incident, ACTIVE, "dismissed")
    before = incident.status
    incident.status = IncidentStatus.DISMISSED
    incident.dismissed_at = now
    incident.dismissed_by_id = actor.id
    incident.dismiss_reason = reason
    _drop_suggestions(db, incident)
    db.flush()
    audit_service.record(
        db,
        actor=actor,
        action="incident.dismissed",
        entity_type="incident",
        entity_id=incident.id,
        before={"status": before},
        after={"status": incident.status, "reason": reason},
    )
    return incident


def link(db: Session, *, incident: Incident, ticket: Ticket, actor: Actor, now: datetime) -> IncidentTicket:
    """Links a ticket to an active incident (taking up a suggestion, if there was one)."""
    _require(incident, ACTIVE, "linked to")
    if ticket.status == TicketStatus.CLOSED:
        raise Conflict("ticket_closed", f"{ticket.reference} is closed; it cannot join an incident")
    elsewhere = db.scalar(
        select(IncidentTicket.incident_id)
        .join(Incident, Incident.id == IncidentTicket.incident_id)
        .where(
            IncidentTicket.ticket_id == ticket.id,
            IncidentTicket.state == LinkState.LINKED,
            Incident.status.in_(ACTIVE),
        )
    )
    if elsewhere == incident.id:
        raise Conflict("already_linked", f"{ticket.reference} is already linked to incident {incident.id}")
    if elsewhere is not None:
        raise Conflict(
            "linked_elsewhere",
            f"{ticket.reference} is linked to incident {elsewhere}; unlink it there first",
        )
    existing = db.get(IncidentTicket, (incident.id, ticket.id))
    if existing is not None and existing.state == LinkState.LINKED:
        raise Conflict("already_linked", f"{ticket.reference} is already linked to incident {incident.id}")
    if existing is None:
        existing = IncidentTicket(incident_id=incident.id, ticket_id=ticket.id, created_at=now)
        db.add(existing)
    existing.state = LinkState.LINKED
    existing.linked_by_id = actor.id
    incident.ticket_count += 1
    incident.last_seen_at = max(incident.last_seen_at, ticket.created_at)
    incident.first_seen_at = min(incident.first_seen_at, ticket.created_at)
    db.flush()
    audit_service.record(
        db,
        actor=actor,
        action="incident.ticket_linked",
        entity_type="incident",
        entity_id=incident.id,
        after={"ticket_id": ticket.id, "ticket_count": incident.ticket_count},
    )
    return existing


def unlink(db: Session, *, incident: Incident, ticket: Ticket, actor: Actor) -> Incident:
    """Takes a ticket (or a suggestion) off an active incident."""
    _require(incident, ACTIVE, "changed")
    existing = db.get(IncidentTicket, (incident.id, ticket.id))
    if existing is None:
        raise NotFound("incident_link", f"between incident {incident.id} and {ticket.reference}")
    was = existing.state
    db.delete(existing)
    if was == LinkState.LINKED:
        incident.ticket_count -= 1
    db.flush()
    audit_service.record(
        db,
        actor=actor,
        action="incident.ticket_unlinked",
        entity_type="incident",
        entity_id=incident.id,
        before={"ticket_id": ticket.id, "state": was},
        after={"ticket_count": incident.ticket_count},
    )
    return incident


def _target(ticket: Ticket, wanted: TicketStatus) -> TicketStatus | None:
    """The status to move a ticket to, or None to leave it where it is (e.g. already resolved)."""
    try:
        check_transition(ticket.status, wanted)
    except IllegalTransition:
        return None
    return wanted


def resolve(
    db: Session, *, incident: Incident, update: str, ticket_status: TicketStatus, actor: Actor, now: datetime
) -> list[UpdatePosted]:
    """Resolves an open incident: posts ``update`` to every linked ticket's customer and moves each on."""
    _require(incident, {IncidentStatus.OPEN}, "resolved")
    linked = [link for link in links(db, incident=incident) if link.state == LinkState.LINKED]
    posted: list[UpdatePosted] = []
    for entry in linked:
        ticket = entry.ticket
        before = ticket.status
        if ticket.status == TicketStatus.CLOSED:
            posted.append(UpdatePosted(ticket, None, before))
            continue
        message_in = MessageCreate(body=update, status=_target(ticket, ticket_status))
        message = conversation.add_staff_entry(db, ticket=ticket, message_in=message_in, actor=actor)
        posted.append(UpdatePosted(ticket, message, before))
    incident.status = IncidentStatus.RESOLVED
    incident.resolved_at = now
    incident.resolved_by = db.get(Staff, actor.id) if actor.id is not None else None
    incident.resolution_update = update
    _drop_suggestions(db, incident)
    db.flush()
    audit_service.record(
        db,
        actor=actor,
        action="incident.resolved",
        entity_type="incident",
        entity_id=incident.id,
        before={"status": IncidentStatus.OPEN.value},
        after={
            "status": incident.status,
            "ticket_status": ticket_status.value,
            "updated_ticket_ids": [p.ticket.id for p in posted if p.message is not None],
            "skipped_closed_ticket_ids": [p.ticket.id for p in posted if p.message is None],
        },
    )
    return posted
