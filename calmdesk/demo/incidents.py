"""The demo desk's incident: the checkout outage, confirmed by a supervisor, its tickets linked."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from calmdesk.audit import service as audit_service
from calmdesk.auth.principal import SYSTEM
from calmdesk.customers.models import Customer
from calmdesk.demo import content
from calmdesk.demo.conversations_outage import CHECKOUT_OUTAGE
from calmdesk.incidents.clustering import IncidentStatus, LinkState
from calmdesk.incidents.models import Incident, IncidentTicket
from calmdesk.staff.models import Staff
from calmdesk.tickets.models import Ticket

TITLE = "Checkout payments failing with 502 / stuck on 'Processing'"
CONFIRMED_BY = "priya.raman@harbourline.example.com"


def load_incidents(db: Session, *, now: datetime) -> Incident:
    """Adds the confirmed checkout-outage incident with every outage ticket linked."""
    emails = {customer.key: (customer.email or "").lower() for customer in content.CUSTOMERS}
    tickets: list[Ticket] = []
    for demo in CHECKOUT_OUTAGE:
        ticket = db.scalars(
            select(Ticket)
            .join(Customer, Customer.id == Ticket.customer_id)
            .where(Ticket.subject == demo.subject, Customer.email == emails[demo.customer_key])
        ).first()
        if ticket is not None:
            tickets.append(ticket)
    supervisor = db.scalars(select(Staff).where(Staff.email == CONFIRMED_BY)).first()
    first_seen = min((t.created_at for t in tickets), default=now)
    incident = Incident(
        title=TITLE,
        status=IncidentStatus.OPEN,
        ticket_count=len(tickets),
        first_seen_at=first_seen,
        last_seen_at=max((t.created_at for t in tickets), default=now),
        confirmed_at=min(now, max((t.created_at for t in tickets[:3]), default=now)),
        confirmed_by=supervisor,
        created_at=first_seen,
    )
    db.add(incident)
    db.flush()
    for ticket in tickets:
        db.add(IncidentTicket(incident_id=incident.id, ticket_id=ticket.id, state=LinkState.LINKED))
    db.flush()
    audit_service.record(
        db,
        actor=SYSTEM,
        action="incident.proposed",
        entity_type="incident",
        entity_id=incident.id,
        after={"title": TITLE, "ticket_ids": sorted(t.id for t in tickets)},
    )
    return incident
