"""Applying a lifecycle transition to a ticket record."""

from __future__ import annotations

from calmdesk.clock import utcnow
from calmdesk.errors import Conflict
from calmdesk.tickets.lifecycle import IllegalTransition, TicketStatus, check_transition
from calmdesk.tickets.models import Ticket


def change_status(ticket: Ticket, requested: str) -> None:
    """Moves the ticket to ``requested`` if its lifecycle allows, stamping the times."""
    try:
        status = check_transition(ticket.status, requested)
    except IllegalTransition as error:
        raise Conflict("illegal_transition", str(error)) from error
    if status == ticket.status:
        return
    now = utcnow()
    if status is TicketStatus.RESOLVED:
        ticket.resolved_at = now
    elif status is TicketStatus.CLOSED:
        ticket.closed_at = now
    elif ticket.status == TicketStatus.RESOLVED:
        ticket.resolved_at = None  # reopened
    ticket.status = status
