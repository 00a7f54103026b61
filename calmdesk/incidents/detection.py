"""Reading new tickets once, placing each among recent similar ones, and proposing incidents.

Run by the worker (``jobs.detect``) in one short transaction per batch. On PostgreSQL a
transaction-scoped advisory lock lets one worker detect at a time: vector rows are then
written in id order, which is what lets every process top up its cached matrix by id.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import or_, select, text
from sqlalchemy.orm import Session

from calmdesk.audit import service as audit_service
from calmdesk.auth.principal import SYSTEM
from calmdesk.incidents import cache, clustering, notices
from calmdesk.incidents.clustering import Action, IncidentStatus, LinkState, Neighbour, Placement
from calmdesk.incidents.index import Hit, VectorIndex
from calmdesk.incidents.models import Incident, IncidentTicket, TicketVector
from calmdesk.incidents.vectors import FloatMatrix, Vectoriser, to_blob
from calmdesk.tickets.lifecycle import TicketStatus
from calmdesk.tickets.models import AuthorKind, Message, MessageKind, Ticket

ADVISORY_LOCK_KEY = 0x1C1DE575  # any constant; names "incident detection" among advisory locks
SHORTLIST = 50
# When a ticket is linked to several incidents, the one it counts with: open, then proposed.
_PREFERENCE = {IncidentStatus.OPEN: 0, IncidentStatus.PROPOSED: 1, IncidentStatus.DISMISSED: 2}


@dataclass
class DetectResult:
    """What one detection pass did."""

    read: int = 0
    proposed: list[int] = field(default_factory=list)
    joined: int = 0
    suggested: int = 0
    absorbed: int = 0
    notified: int = 0


@dataclass(frozen=True)
class NewTicket:
    """A ticket waiting to be read, with the words it is compared by."""

    id: int
    customer_id: int
    opened_at: datetime
    subject: str
    text: str


def _locked(db: Session) -> bool:
    if db.get_bind().dialect.name != "postgresql":
        return True  # SQLite write transactions are already exclusive
    return bool(db.scalar(text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK_KEY}))


def first_words(db: Session, ticket_ids: list[int]) -> dict[int, str]:
    """Each ticket's first customer message (or logged call, for phoned-in tickets)."""
    rows = db.execute(
        select(Message.ticket_id, Message.body_text)
        .where(
            Message.ticket_id.in_(ticket_ids),
            or_(Message.author_kind == AuthorKind.CUSTOMER, Message.kind == MessageKind.CALL),
        )
        .order_by(Message.ticket_id, Message.created_at, Message.id)
    ).all()
    words: dict[int, str] = {}
    for ticket_id, body in rows:
        words.setdefault(ticket_id, body)
    return words


def pending(db: Session, *, since: datetime, limit: int) -> list[NewTicket]:
    """Tickets opened since ``since`` that have not been read yet, oldest first."""
    unread = ~select(TicketVector.id).where(TicketVector.ticket_id == Ticket.id).exists()
    rows = db.execute(
        select(Ticket.id, Ticket.customer_id, Ticket.created_at, Ticket.subject)
        .where(Ticket.created_at >= since, unread)
        .order_by(Ticket.id)
        .limit(limit)
    ).all()
    words = first_words(db, [row.id for row in rows])
    return [
        NewTicket(
            row.id, row.customer_id, row.created_at, row.subject, f"{row.subject}\n{words.get(row.id, '')}"
        )
        for row in rows
    ]


def neighbours_of(db: Session, hits: list[Hit]) -> list[Neighbour]:
    """The hits that are still live tickets, each with the incident it belongs to."""
    if not hits:
        return []
    ids = [hit.ticket_id for hit in hits]
    closed = set(
        db.scalars(select(Ticket.id).where(Ticket.id.in_(ids), Ticket.status == TicketStatus.CLOSED))
    )
    incident_of: dict[int, tuple[int, str]] = {}
    links = db.execute(
        select(IncidentTicket.ticket_id, Incident.id, Incident.status)
        .join(Incident, Incident.id == IncidentTicket.incident_id)
        .where(IncidentTicket.ticket_id.in_(ids), IncidentTicket.state == LinkState.LINKED)
    ).all()
    for ticket_id, incident_id, status in links:
        rank = _PREFERENCE.get(IncidentStatus(status), 9)
        held = incident_of.get(ticket_id)
        if held is None or rank < _PREFERENCE.get(IncidentStatus(held[1]), 9):
            incident_of[ticket_id] = (incident_id, status)
    return [
        Neighbour(hit.ticket_id, hit.customer_id, hit.score, *incident_of.get(hit.ticket_id, (None, None)))
        for hit in hits
        if hit.ticket_id not in closed
    ]


def _batch_hits(
    index: VectorIndex, batch: list[NewTicket], vectors: FloatMatrix, position: int, threshold: float
) -> list[Hit]:
    """Hits among the batch's earlier tickets (they join the cached index only once this commits)."""
    if position == 0:
        return []
    me = batch[position]
    scores = index.scores_against(vectors[position], vectors[:position])
    return [
        Hit(other.id, other.customer_id, float(score))
        for other, score in zip(batch[:position], scores, strict=True)
        if score >= threshold and other.customer_id != me.customer_id
    ]


def _link(db: Session, incident: Incident, ticket_id: int, *, state: LinkState, score: float | None) -> None:
    db.add(IncidentTicket(incident_id=incident.id, ticket_id=ticket_id, state=state, similarity=score))


def _act(
    db: Session,
    ticket: NewTicket,
    placement: Placement,
    *,
    result: DetectResult,
    base_url: str,
    now: datetime,
) -> None:
    if placement.action is Action.NONE:
        return
    if placement.action is Action.PROPOSE:
        members = [ticket.id, *placement.ticket_ids]
        rows = db.execute(select(Ticket.subject, Ticket.created_at).where(Ticket.id.in_(members))).all()
        incident = Incident(
            title=clustering.draft_title([row.subject for row in rows]),
            status=IncidentStatus.PROPOSED,
            ticket_count=len(members),
            first_seen_at=min(row.created_at for row in rows),
            last_seen_at=max(row.created_at for row in rows),
        )
        db.add(incident)
        db.flush()
        _link(db, incident, ticket.id, state=LinkState.LINKED, score=placement.score)
        for member in placement.ticket_ids:
            _link(db, incident, member, state=LinkState.LINKED, score=None)
        db.flush()
        audit_service.record(
            db,
            actor=SYSTEM,
            action="incident.proposed",
            entity_type="incident",
            entity_id=incident.id,
            after={"title": incident.title, "ticket_ids": sorted(members)},
        )
        result.proposed.append(incident.id)
        result.notified += notices.proposed(db, incident=incident, base_url=base_url, now=now)
        return
    assert placement.incident_id is not None
    joined = db.get(Incident, placement.incident_id)
    assert joined is not None
    incident = joined
    if placement.action is Action.SUGGEST:
        _link(db, incident, ticket.id, state=LinkState.SUGGESTED, score=placement.score)
        result.suggested += 1
        return
    before = incident.ticket_count
    _link(db, incident, ticket.id, state=LinkState.LINKED, score=placement.score)
    incident.ticket_count = before + 1
    incident.last_seen_at = max(incident.last_seen_at, ticket.opened_at)
    db.flush()
    if placement.action is Action.ABSORB:
        result.absorbed += 1
        return
    result.joined += 1
    milestone = clustering.reached_milestone(before, incident.ticket_count)
    if milestone is not None:
        result.notified += notices.count_rose(
            db, incident=incident, milestone=milestone, base_url=base_url, now=now
        )


def detect(
    db: Session,
    *,
    vectoriser: Vectoriser,
    now: datetime,
    window: timedelta,
    background: timedelta,
    base_url: str,
    min_customers: int = clustering.MIN_CUSTOMERS,
    limit: int = 200,
) -> DetectResult:
    """Reads up to ``limit`` new tickets, stores their vectors and places each one; the caller commits.

    Similar tickets opened within ``window`` before a ticket are its neighbours; those in
    the ``background`` before that tell how often such tickets come anyway.
    """
    result = DetectResult()
    if not _locked(db):
        return result
    batch = pending(db, since=now - window, limit=limit)
    if not batch:
        return result
    horizon = max(window, background)
    index = cache.recent(db, model=vectoriser.model, dim=vectoriser.dim, now=now, window=horizon)
    vectors = vectoriser.encode([ticket.text for ticket in batch])
    threshold = clustering.threshold_for(vectoriser.model)
    for position, ticket in enumerate(batch):
        vector = vectors[position]
        db.add(
            TicketVector(
                ticket_id=ticket.id,
                customer_id=ticket.customer_id,
                opened_at=ticket.opened_at,
                model=vectoriser.model,
                vector=to_blob(vectoriser.model, vector),
            )
        )
        hits, older = index.search_with_background(
            vector,
            threshold=threshold,
            limit=SHORTLIST,
            since=ticket.opened_at - window,
            background_since=ticket.opened_at - horizon,
            exclude_customer=ticket.customer_id,
        )
        hits += _batch_hits(index, batch, vectors, position, threshold)
        db.flush()
        expected = clustering.expected_in_window(
            older, window_hours=window.total_seconds() / 3600, background_hours=horizon.total_seconds() / 3600
        )
        placement = clustering.place(
            customer_id=ticket.customer_id,
            neighbours=neighbours_of(db, hits),
            min_customers=min_customers,
            expected=expected,
        )
        _act(db, ticket, placement, result=result, base_url=base_url, now=now)
        result.read += 1
    return result
