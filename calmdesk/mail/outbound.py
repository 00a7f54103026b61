"""Email to customers: queue it in the caller's transaction; the outbox worker sends it over SMTP.

The contract other domains rely on: :func:`enqueue_customer_email` queues one outbox row of
channel ``customer``; every public staff reply on a ticket is queued by :func:`on_public_reply`
(called from ``conversation.add_staff_entry``), so a notice posted as a public reply reaches
the customer with no extra code.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from calmdesk.config import Settings, get_settings
from calmdesk.mail import threads
from calmdesk.mail.headers import Thread
from calmdesk.mail.models import MailDirection, MailRecord
from calmdesk.notify import service as notify_service
from calmdesk.notify.models import Channel
from calmdesk.tickets.models import Message, MessageKind, Ticket

MAX_REFERENCES = 10


def message_id_for(settings: Settings, *, ticket_id: int, dedupe_key: str) -> str:
    """The fixed Message-ID the outbox row with ``dedupe_key`` is sent with."""
    return threads.make_message_id(
        ticket_id=ticket_id,
        dedupe_key=dedupe_key,
        secret=settings.secret_key.get_secret_value(),
        domain=threads.domain_of(settings.smtp_from),
    )


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
    """Queues an email to the ticket's customer; nothing when they have no address or the key is queued."""
    address = ticket.customer.email
    if not address:
        return
    if ticket.id is None:
        db.flush()  # the Message-ID names the ticket
    mail_id = message_id_for(get_settings(), ticket_id=ticket.id, dedupe_key=dedupe_key)
    notice = notify_service.Notice(
        dedupe_key=dedupe_key,
        channel=Channel.CUSTOMER,
        topic=topic,
        ticket_id=ticket.id,
        payload={
            "to": address,
            "name": ticket.customer.name,
            "subject": subject,
            "text": text,
            "message_id": message_id,
            "mail_message_id": mail_id,
        },
    )
    if notify_service.enqueue(db, notices=[notice], now=now):
        db.add(
            MailRecord(
                header_message_id=mail_id,
                direction=MailDirection.OUTBOUND,
                ticket_id=ticket.id,
                message_id=message_id,
                received_at=now,
            )
        )


def reply_text(message: Message) -> str:
    """The body of the email that carries a staff reply."""
    signed = message.author_staff.name.split()[0] if message.author_staff is not None else "The support team"
    return (
        f"{message.body_text}\n\n-- \n{signed}\n"
        "To answer, reply to this email and keep the reference in the subject.\n"
    )


def on_public_reply(db: Session, *, ticket: Ticket, message: Message, now: datetime) -> None:
    """Emails a public staff reply to the ticket's customer (the hook behind the contract)."""
    if message.kind != MessageKind.REPLY or message.is_internal:
        return
    enqueue_customer_email(
        db,
        ticket=ticket,
        subject=f"Re: {ticket.subject}",
        text=reply_text(message),
        topic="ticket.reply",
        dedupe_key=f"customer:reply:{message.id}",
        now=now,
        message_id=message.id,
    )


def portal_url(settings: Settings, token: str) -> str:
    """The customer's private page for a portal token."""
    return f"{settings.base_url.rstrip('/')}/portal/{token}"


def send_acknowledgement(db: Session, *, ticket: Ticket, portal_url: str, now: datetime) -> None:
    """Queues the email that tells a new ticket's customer its reference and private link."""
    text = (
        f"Hello {ticket.customer.name},\n\n"
        f"Thank you for contacting us. Your request is {ticket.reference}: {ticket.subject}\n\n"
        "A member of the support team will answer you by email. You can also follow it and\n"
        f"add to it here (this link is private to you):\n{portal_url}\n\n"
        "To add something, reply to this email and keep the reference in the subject.\n"
    )
    enqueue_customer_email(
        db,
        ticket=ticket,
        subject=f"We have your request: {ticket.subject}",
        text=text,
        topic="ticket.acknowledged",
        dedupe_key=f"customer:ack:{ticket.id}",
        now=now,
    )


def thread_for(db: Session, *, ticket_id: int, own_message_id: str) -> Thread:
    """In-Reply-To (the customer's last message, else our last one) and References for an email."""
    rows = db.execute(
        select(MailRecord.header_message_id, MailRecord.direction)
        .where(MailRecord.ticket_id == ticket_id)
        .order_by(MailRecord.id)
    ).all()
    ids = [row.header_message_id for row in rows]
    earlier = rows[: ids.index(own_message_id)] if own_message_id in ids else rows
    inbound = [row.header_message_id for row in earlier if row.direction == MailDirection.INBOUND]
    references = tuple(row.header_message_id for row in earlier)[-MAX_REFERENCES:]
    in_reply_to = inbound[-1] if inbound else (references[-1] if references else None)
    return Thread(message_id=own_message_id, in_reply_to=in_reply_to, references=references)
