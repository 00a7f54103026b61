"""Which active incidents a ticket looks like: the ticket page's "link to incident?" hint."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from calmdesk.incidents import cache, clustering, detection
from calmdesk.incidents.clustering import ACTIVE, LinkState
from calmdesk.incidents.index import FloatArray
from calmdesk.incidents.models import Incident, IncidentTicket, TicketVector
from calmdesk.incidents.vectors import Vectoriser, from_blob
from calmdesk.tickets.models import Ticket

LIMIT = 5


@dataclass(frozen=True)
class Suggestion:
    """An active incident a ticket resembles, and how closely."""

    incident: Incident
    score: float
    state: str  # "linked", "suggested" (by detection) or "similar" (found just now)


def _vector_of(db: Session, ticket: Ticket, vectoriser: Vectoriser) -> FloatArray:
    stored = db.scalar(
        select(TicketVector.vector).where(
            TicketVector.ticket_id == ticket.id, TicketVector.model == vectoriser.model
        )
    )
    if stored is not None:
        return from_blob(vectoriser.model, stored, vectoriser.dim)
    words = detection.first_words(db, [ticket.id]).get(ticket.id, "")
    vector: FloatArray = vectoriser.encode([f"{ticket.subject}\n{words}"])[0]
    return vector


def for_ticket(
    db: Session, *, ticket: Ticket, vectoriser: Vectoriser, now: datetime, window: timedelta
) -> list[Suggestion]:
    """Active incidents the ticket is linked to, suggested for, or resembles, closest first.

    ``window`` is the cached index's horizon (detection's background period): the IDF
    weights of hashed terms come from the tickets in it.
    """
    found: dict[int, Suggestion] = {}
    for incident, link in db.execute(
        select(Incident, IncidentTicket)
        .join(IncidentTicket, IncidentTicket.incident_id == Incident.id)
        .where(IncidentTicket.ticket_id == ticket.id, Incident.status.in_(ACTIVE))
    ).tuples():
        found[incident.id] = Suggestion(incident, link.similarity or 1.0, link.state)
    members = db.execute(
        select(IncidentTicket.incident_id, TicketVector.vector)
        .join(TicketVector, TicketVector.ticket_id == IncidentTicket.ticket_id)
        .join(Incident, Incident.id == IncidentTicket.incident_id)
        .where(
            Incident.status.in_(ACTIVE),
            IncidentTicket.state == LinkState.LINKED,
            IncidentTicket.ticket_id != ticket.id,
            TicketVector.model == vectoriser.model,
        )
    ).all()
    if members:
        vector = _vector_of(db, ticket, vectoriser)
        index = cache.recent(db, model=vectoriser.model, dim=vectoriser.dim, now=now, window=window)
        matrix = np.stack([from_blob(vectoriser.model, blob, vectoriser.dim) for _, blob in members])
        scores = index.scores_against(vector, matrix)
        best: dict[int, float] = {}
        for (incident_id, _), score in zip(members, scores, strict=True):
            best[incident_id] = max(best.get(incident_id, -1.0), float(score))
        threshold = clustering.threshold_for(vectoriser.model)
        for incident_id, score in best.items():
            if score >= threshold and incident_id not in found:
                similar = db.get(Incident, incident_id)
                assert similar is not None
                found[incident_id] = Suggestion(similar, score, "similar")
    ranked = sorted(found.values(), key=lambda s: (s.state != LinkState.LINKED, -s.score))
    return ranked[:LIMIT]
