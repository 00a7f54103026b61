"""Building an outbound customer email (pure): headers that thread in the customer's mail client."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, formataddr

from calmdesk.mail import threads

# Human replies go out like a person's mail; everything calmdesk writes by itself says so
# (RFC 3834), so the customer's own auto-responder does not answer it.
HUMAN_TOPICS = frozenset({"ticket.reply"})
AUTO_REPLY_TOPICS = frozenset({"ticket.acknowledged"})


@dataclass(frozen=True)
class Thread:
    """Where an outbound email sits in the conversation."""

    message_id: str
    in_reply_to: str | None
    references: tuple[str, ...]


def build_customer_email(
    *,
    payload: dict[str, object],
    topic: str,
    reference: str,
    thread: Thread,
    sender: str,
    reply_to: str | None,
    delivery_key: str,
    sent_at: datetime,
) -> EmailMessage:
    """The email for one outbox row of channel ``customer``, per the outbound contract."""
    message = EmailMessage()
    message["From"] = sender
    name = str(payload.get("name") or "")
    to = str(payload["to"])
    try:
        local, _, domain = to.partition("@")
        message["To"] = Address(display_name=name, username=local, domain=domain) if name else to
    except (ValueError, IndexError):
        message["To"] = formataddr(("", to))
    if reply_to:
        message["Reply-To"] = reply_to
    message["Subject"] = threads.outbound_subject(str(payload.get("subject") or ""), reference)
    message["Date"] = format_datetime(sent_at)
    message["Message-ID"] = thread.message_id
    if thread.in_reply_to:
        message["In-Reply-To"] = thread.in_reply_to
    if thread.references:
        message["References"] = " ".join(thread.references)
    if topic in AUTO_REPLY_TOPICS:
        message["Auto-Submitted"] = "auto-replied"
    elif topic not in HUMAN_TOPICS:
        message["Auto-Submitted"] = "auto-generated"
    message["X-Calmdesk-Ticket"] = reference
    message["X-Calmdesk-Delivery"] = delivery_key
    message.set_content(str(payload.get("text") or ""))
    return message
