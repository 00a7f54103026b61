"""The one place the follow-up code emails a customer.

It writes an outbox row of the shape the outbound-mail contract fixes (channel
``customer``, the ticket set, no staff member, a unique key, payload ``to``/``name``/
``subject``/``text``/``message_id``), in the caller's transaction. Its signature is
``calmdesk.mail.outbound.enqueue_customer_email``'s, so it can simply call that once
the mail domain exists.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from calmdesk.notify import service as notify_service
from calmdesk.tickets.models import Ticket

CUSTOMER_CHANNEL = "customer"


def enqueue_customer_email(
    db: Session,
    *,
    ticket: Ticket,
    subject: str,
    text: str,
    topic: str,
    dedupe_key: str,
    now: datetime,
    message_id: int | None = None,
) -> None:
    """Queues an email to the ticket's customer; a customer without an address gets none."""
    customer = ticket.customer
    if not customer.email:
        return
    notice = notify_service.Notice(
        dedupe_key=dedupe_key,
        channel=CUSTOMER_CHANNEL,
        topic=topic,
        payload={
            "to": customer.email,
            "name": customer.name,
            "subject": subject,
            "text": text,
            "message_id": message_id,
        },
        ticket_id=ticket.id,
    )
    notify_service.enqueue(db, notices=[notice], now=now)
