"""Turning a parsed email into a ticket or a reply, in the caller's one transaction.

Threading: a Message-ID the mail answers (In-Reply-To, then References) that calmdesk has
seen or sent on a ticket, or one of calmdesk's own signed Message-IDs, then the reference
in the subject. A thread is followed only for the ticket's own customer and only while the
ticket is not closed; anything else opens a new ticket. New tickets go through
``tickets.service.create`` and replies through ``conversation.add_customer_message``, so tone
analysis and the SLA clocks run as for any other message.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import parseaddr
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from calmdesk.auth import service as auth_service
from calmdesk.auth.principal import SYSTEM, Actor
from calmdesk.config import Settings
from calmdesk.customers import service as customer_service
from calmdesk.customers.schemas import CustomerCreate
from calmdesk.mail import outbound, threads
from calmdesk.mail.attachments import AttachmentStore, Refusal, StoredFile
from calmdesk.mail.models import MailAttachment, MailDirection, MailRecord
from calmdesk.mail.parsing import ParsedMail
from calmdesk.tickets import conversation
from calmdesk.tickets import service as ticket_service
from calmdesk.tickets.lifecycle import Channel, TicketStatus
from calmdesk.tickets.models import Message, Ticket
from calmdesk.tickets.schemas import MAX_BODY_CHARS, CustomerMessageCreate, FirstMessage, TicketCreate

log = logging.getLogger("calmdesk.mail")


class Outcome(StrEnum):
    """What became of one email."""

    CREATED = "created"
    REPLIED = "replied"
    DUPLICATE = "duplicate"
    DROPPED = "dropped"


class RateLimited(Exception):
    """The sender has written more than the hourly limit allows (a temporary refusal)."""


@dataclass(frozen=True)
class IngestResult:
    """The outcome, the ticket it touched (if any), and why a message was dropped."""

    outcome: Outcome
    ticket_id: int | None = None
    message_id: int | None = None
    reason: str | None = None


def _known_ticket(db: Session, mail: ParsedMail, settings: Settings) -> Ticket | None:
    ids = mail.thread_ids
    if ids:
        records = db.execute(
            select(MailRecord.header_message_id, MailRecord.ticket_id).where(
                MailRecord.header_message_id.in_(ids)
            )
        ).all()
        by_id = {row.header_message_id: row.ticket_id for row in records}
        secret = settings.secret_key.get_secret_value()
        for value in ids:
            ticket_id = by_id.get(value) or threads.ticket_of_message_id(value, secret=secret)
            if ticket_id is not None and (ticket := db.get(Ticket, ticket_id)) is not None:
                return ticket
    referenced = threads.reference_in_subject(mail.subject, prefix=settings.ticket_prefix)
    return db.get(Ticket, referenced) if referenced is not None else None


def _body_with_notes(mail: ParsedMail, refusals: list[Refusal]) -> tuple[str | None, str | None]:
    """The message body (text, or HTML when the mail has it) with a note of refused files."""
    notes = [f"[attachment {r.filename!r} was not accepted: {r.reason}]" for r in refusals]
    if mail.html and mail.html.strip():
        extra = "".join(f"<p>{_escape(note)}</p>" for note in notes)
        return None, (mail.html + extra)[:MAX_BODY_CHARS]
    text = "\n\n".join(part for part in (mail.text, *notes) if part) or "(the email had no text)"
    return text[:MAX_BODY_CHARS], None


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _over_rate(db: Session, sender: str, settings: Settings, now: datetime) -> bool:
    recent = db.scalar(
        select(func.count()).where(
            MailRecord.sender == sender,
            MailRecord.direction == MailDirection.INBOUND,
            MailRecord.received_at > now - timedelta(hours=1),
        )
    )
    return int(recent or 0) >= settings.mail_rate_per_sender


def _from_the_desk(sender: str, settings: Settings) -> bool:
    """Mail from one of the desk's own addresses can only be calmdesk's mail come back."""
    own = {address.lower() for address in settings.mail_addresses}
    own.add(parseaddr(settings.smtp_from)[1].lower())
    return sender in own


def _customer_name(mail: ParsedMail) -> str:
    return (mail.sender_name or mail.sender.split("@")[0])[:200]


def ingest(
    db: Session, *, mail: ParsedMail, store: AttachmentStore, settings: Settings, now: datetime
) -> IngestResult:
    """Stores one email as a new ticket or a reply; the caller commits (or rolls back) once."""
    if mail.auto_reason is not None:
        log.info("dropped machine-sent mail from %s (%s)", mail.sender, mail.auto_reason)
        return IngestResult(Outcome.DROPPED, reason=mail.auto_reason)
    if _from_the_desk(mail.sender, settings):
        log.warning("dropped mail from the desk's own address %s (a mail loop)", mail.sender)
        return IngestResult(Outcome.DROPPED, reason="sent from the desk's own address")
    if mail.message_id is not None:
        seen = db.scalar(select(MailRecord.ticket_id).where(MailRecord.header_message_id == mail.message_id))
        if seen is not None:
            return IngestResult(Outcome.DUPLICATE, ticket_id=seen)
    if _over_rate(db, mail.sender, settings, now):
        raise RateLimited(mail.sender)
    accepted = [a for a in mail.attachments if store.check(a) is None]
    refusals = [r for a in mail.attachments if (r := store.check(a)) is not None]
    body, body_html = _body_with_notes(mail, refusals)
    ticket = _known_ticket(db, mail, settings)
    if ticket is not None and (ticket.customer.email != mail.sender or ticket.status == TicketStatus.CLOSED):
        ticket = None  # only the ticket's own customer continues it, and closed is final
    if ticket is None:
        ticket, message = _open_ticket(db, mail, body=body, body_html=body_html)
        outcome = Outcome.CREATED
    else:
        actor = Actor(kind="customer", id=ticket.customer_id)
        message = conversation.add_customer_message(
            db,
            ticket=ticket,
            message_in=CustomerMessageCreate(body=body, body_html=body_html),
            channel=Channel.EMAIL,
            actor=actor,
        )
        outcome = Outcome.REPLIED
    _attach(db, message, [store.put(a) for a in accepted])
    db.add(
        MailRecord(
            header_message_id=mail.message_id
            or f"<calmdesk.no-id.{message.id}@{threads.domain_of(mail.sender)}>",
            direction=MailDirection.INBOUND,
            ticket_id=ticket.id,
            message_id=message.id,
            sender=mail.sender,
            received_at=now,
        )
    )
    if outcome is Outcome.CREATED and settings.mail_acknowledge:
        _acknowledge(db, ticket, settings, now)
    db.flush()
    return IngestResult(outcome, ticket_id=ticket.id, message_id=message.id)


def _open_ticket(
    db: Session, mail: ParsedMail, *, body: str | None, body_html: str | None
) -> tuple[Ticket, Message]:
    customer = customer_service.get_or_create(
        db, customer_in=CustomerCreate(name=_customer_name(mail), email=mail.sender), actor=SYSTEM
    )
    subject = threads.strip_reply_prefix(mail.subject) or "(no subject)"
    ticket = ticket_service.create(
        db,
        ticket_in=TicketCreate(
            subject=subject[:300],
            customer_id=customer.id,
            message=FirstMessage(body=body, body_html=body_html),
            channel=Channel.EMAIL,
        ),
        actor=Actor(kind="customer", id=customer.id),
    )
    first = db.scalars(select(Message).where(Message.ticket_id == ticket.id).order_by(Message.id)).first()
    assert first is not None  # create() always stores the first message
    return ticket, first


def _attach(db: Session, message: Message, files: list[StoredFile]) -> None:
    for stored in files:
        db.add(
            MailAttachment(
                message_id=message.id,
                filename=stored.filename,
                content_type=stored.content_type,
                size_bytes=stored.size_bytes,
                sha256=stored.sha256,
                is_inline=stored.inline,
            )
        )


def _acknowledge(db: Session, ticket: Ticket, settings: Settings, now: datetime) -> None:
    """Tells a new ticket's customer its reference and private link (never sent to machines)."""
    _link, token = auth_service.create_portal_link(
        db, ticket=ticket, ttl=timedelta(days=settings.portal_link_ttl_days), actor=SYSTEM
    )
    outbound.send_acknowledgement(db, ticket=ticket, portal_url=outbound.portal_url(settings, token), now=now)
