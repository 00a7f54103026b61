"""What the ticket code tells the follow-ups: a staff entry was added, a ticket changed.

``calmdesk.tickets`` calls these right after its SLA hooks, in the same transaction.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from calmdesk.auth.principal import Actor
from calmdesk.config import get_settings
from calmdesk.followup import service, surveys
from calmdesk.tickets.lifecycle import TicketStatus
from calmdesk.tickets.models import Message, Ticket


def after_staff_entry(
    db: Session, *, ticket: Ticket, message: Message, status_before: str, actor: Actor, now: datetime
) -> None:
    """A public reply or call satisfies the cadence; a resolution sends the survey."""
    if service.is_public_update(message):
        service.record_update(db, ticket=ticket, message=message, now=now)
    after_ticket_change(db, ticket=ticket, status_before=status_before, actor=actor, now=now)


def after_ticket_change(
    db: Session, *, ticket: Ticket, status_before: str, actor: Actor, now: datetime
) -> None:
    """Sends the satisfaction survey when the ticket has just become resolved."""
    resolved_now = ticket.status == TicketStatus.RESOLVED and status_before != TicketStatus.RESOLVED
    # A survey nobody can be sent would only sit in the results as "not answered".
    if resolved_now and ticket.customer.email:
        # The link in the email must carry the public address; the worker has no request.
        surveys.send_survey(db, ticket=ticket, actor=actor, now=now, base_url=get_settings().base_url)
