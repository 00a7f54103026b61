"""What the ticket page shows: the conversation, the choices its forms offer, and its panels."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from calmdesk.auth.permissions import Permission
from calmdesk.mail import files as mail_files
from calmdesk.staff.models import Staff, Team
from calmdesk.staff.roles import Role
from calmdesk.tickets import conversation
from calmdesk.tickets.lifecycle import TRANSITIONS, Priority, TicketStatus
from calmdesk.tickets.models import Ticket
from calmdesk.tickets.schemas import CallDirection
from calmdesk.web import panels
from calmdesk.web.forms import FormErrors
from calmdesk.web.session import ConsoleSession

THREAD_LIMIT = 500
NOTICES = {
    "reply": "Reply sent.",
    "note": "Internal note added.",
    "call": "Phone call logged.",
    "ticket": "Ticket updated.",
    "unchanged": "Nothing to change: the ticket already looked like that.",
    "escalated": "Escalated with the brief; the receiver has been told.",
    "acknowledged": "Escalation acknowledged: the case is in your hands.",
    "taken_over": "Taken over: the ticket is reassigned with a brief.",
    "outcome": "Outcome recorded.",
}


@dataclass
class TicketForms:
    """Values and errors of the page's forms, kept when a submission is refused."""

    reply: dict[str, str] = field(default_factory=dict)
    reply_errors: FormErrors = field(default_factory=FormErrors)
    call: dict[str, str] = field(default_factory=dict)
    call_errors: FormErrors = field(default_factory=FormErrors)
    ticket_errors: FormErrors = field(default_factory=FormErrors)
    stale: str = ""  # which form was refused because the ticket had changed
    portal_url: str = ""  # a customer link created just now (shown this once)


def status_choices(ticket: Ticket) -> list[TicketStatus]:
    """The statuses the ticket can move to now, its current one first."""
    current = TicketStatus(ticket.status)
    return [current, *sorted(TRANSITIONS[current], key=list(TicketStatus).index)]


def assignable_staff(db: Session) -> list[Staff]:
    """Active staff who can take tickets (not admins or contractors), by name."""
    query = (
        select(Staff)
        .where(Staff.is_active.is_(True), Staff.role.not_in((Role.ADMIN, Role.CONTRACTOR)))
        .order_by(Staff.name, Staff.id)
    )
    return list(db.scalars(query))


def page_context(
    db: Session, *, ticket: Ticket, session: ConsoleSession, forms: TicketForms, notice: str = ""
) -> dict[str, Any]:
    """Everything ticket/page.html needs."""
    messages, more = conversation.get_all(
        db,
        ticket=ticket,
        include_internal=session.can(Permission.INTERNAL_NOTES),
        cursor=None,
        limit=THREAD_LIMIT,
    )
    return {
        "ticket": ticket,
        "messages": messages,
        "attachments": mail_files.by_message(db, message_ids=[message.id for message in messages]),
        "thread_truncated": more is not None,
        "panels": panels.ticket_panels(db, ticket=ticket, messages=messages),
        "forms": forms,
        "notice": NOTICES.get(notice, ""),
        "is_closed": ticket.status == TicketStatus.CLOSED,
        "can_write": session.can(Permission.TICKETS_WRITE),
        "can_note": session.can(Permission.INTERNAL_NOTES),
        "statuses": status_choices(ticket),
        "priorities": list(Priority),
        "directions": list(CallDirection),
        "staff": assignable_staff(db),
        "teams": list(db.scalars(select(Team).order_by(Team.name))),
    }
