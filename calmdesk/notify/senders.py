"""Sending one notification: an email over SMTP or a signed webhook POST. Raises on failure."""

from __future__ import annotations

import hashlib
import hmac
import http.client
import json
import smtplib
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Any

from calmdesk.config import Settings
from calmdesk.mail.headers import Thread, build_customer_email
from calmdesk.notify.http_post import Poster
from calmdesk.notify.models import WebhookFormat

SIGNATURE_HEADER = "X-Calmdesk-Signature"
TIMESTAMP_HEADER = "X-Calmdesk-Timestamp"
DELIVERY_HEADER = "X-Calmdesk-Delivery"
TOPIC_HEADER = "X-Calmdesk-Topic"


class DeliveryError(Exception):
    """A delivery attempt failed; the message says why, for the outbox's last_error."""


@dataclass(frozen=True)
class Parcel:
    """One outbox row as a sender needs it, read in the claiming transaction."""

    outbox_id: int
    dedupe_key: str
    channel: str
    topic: str
    payload: dict[str, Any]
    attempts: int
    email: str | None = None
    webhook_url: str | None = None
    webhook_secret: str | None = None
    webhook_format: str = WebhookFormat.JSON
    ticket_id: int | None = None
    reference: str = ""  # the ticket's reference, e.g. CD-1042 (customer email)
    thread: Thread | None = None  # Message-ID, In-Reply-To, References (customer email)


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """The signature header value: ``sha256=`` + HMAC-SHA256 of ``"{timestamp}." + body``."""
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def webhook_body(parcel: Parcel, *, sent_at: datetime) -> dict[str, Any]:
    """The JSON a webhook receives: calmdesk's own shape, or a Slack-compatible message."""
    payload = parcel.payload
    if parcel.webhook_format == WebhookFormat.SLACK:
        link = f"<{payload['url']}|{payload['data'].get('ticket', 'open the ticket')}>"
        text = f"*{payload['title']}*\n{payload['body']}\n{link}"
        return {"text": text, "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": text}}]}
    return {
        "id": parcel.dedupe_key,
        "topic": parcel.topic,
        "sent_at": sent_at.isoformat(),
        "title": payload["title"],
        "body": payload["body"],
        "url": payload["url"],
        "data": payload["data"],
    }


def post_webhook(poster: Poster, parcel: Parcel, *, timeout: float, sent_at: datetime) -> None:
    """POSTs the signed body; anything but a 2xx answer within ``timeout`` is a failure."""
    assert parcel.webhook_url is not None and parcel.webhook_secret is not None
    body = json.dumps(webhook_body(parcel, sent_at=sent_at), separators=(",", ":")).encode()
    timestamp = str(int(sent_at.timestamp()))
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "calmdesk-webhooks",
        TIMESTAMP_HEADER: timestamp,
        SIGNATURE_HEADER: sign(parcel.webhook_secret, timestamp, body),
        DELIVERY_HEADER: parcel.dedupe_key,
        TOPIC_HEADER: parcel.topic,
    }
    try:
        answer = poster.post(parcel.webhook_url, body=body, headers=headers, timeout=timeout)
    except (OSError, http.client.HTTPException, ValueError) as error:
        raise DeliveryError(f"webhook {type(error).__name__}: {error}") from error
    if not answer.ok:
        raise DeliveryError(f"webhook answered {answer.status}: {answer.text[:200]}")


def send_email(settings: Settings, parcel: Parcel, *, sent_at: datetime) -> None:
    """Sends the notification as a plain-text email through the configured SMTP server."""
    assert parcel.email is not None
    if settings.smtp_host is None:
        raise DeliveryError("no SMTP server is configured (CALMDESK_SMTP_HOST)")
    message = EmailMessage()
    message["From"] = settings.smtp_from
    message["To"] = parcel.email
    message["Subject"] = parcel.payload["title"]
    message["Date"] = format_datetime(sent_at)
    # The same notification always carries the same Message-ID, so a resend is recognisable.
    digest = hashlib.sha256(parcel.dedupe_key.encode()).hexdigest()[:32]
    message["Message-ID"] = f"<{digest}@calmdesk>"
    message[DELIVERY_HEADER] = parcel.dedupe_key
    message.set_content(f"{parcel.payload['body']}\n\n{parcel.payload['url']}\n")
    transmit(settings, message)


def send_customer_email(settings: Settings, parcel: Parcel, *, sent_at: datetime) -> None:
    """Sends an email to a ticket's customer, threaded by Message-ID, In-Reply-To and References."""
    if settings.smtp_host is None:
        raise DeliveryError("no SMTP server is configured (CALMDESK_SMTP_HOST)")
    assert parcel.thread is not None
    message = build_customer_email(
        payload=parcel.payload,
        topic=parcel.topic,
        reference=parcel.reference,
        thread=parcel.thread,
        sender=settings.smtp_from,
        reply_to=settings.mail_addresses[0] if settings.mail_addresses else None,
        delivery_key=parcel.dedupe_key,
        sent_at=sent_at,
    )
    transmit(settings, message)


def transmit(settings: Settings, message: EmailMessage) -> None:
    """Hands one email to the configured SMTP server; raises DeliveryError on failure."""
    assert settings.smtp_host is not None
    try:
        with smtplib.SMTP(
            settings.smtp_host, settings.smtp_port, timeout=settings.smtp_timeout_seconds
        ) as smtp:
            if settings.smtp_starttls:
                smtp.starttls()
            if settings.smtp_username and settings.smtp_password is not None:
                smtp.login(settings.smtp_username, settings.smtp_password.get_secret_value())
            smtp.send_message(message)
    except (smtplib.SMTPException, OSError) as error:
        raise DeliveryError(f"SMTP {type(error).__name__}: {error}") from error
