"""A desk with its SMTP listener on loopback and a local SMTP sink for calmdesk's outbound mail."""

from __future__ import annotations

import email
import re
import smtplib
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from calmdesk.app import create_app
from calmdesk.config import Settings
from calmdesk.db import Database
from calmdesk.mail import listener
from calmdesk.notify.delivery import Deliverer, DeliveryResult
from calmdesk.tickets.models import Message, Ticket
from tests.integration.conftest import Desk

DESK_ADDRESS = "support@desk.example.com"
MESSAGES = Path(__file__).parents[1] / "unit" / "mail" / "messages"


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Sink:
    """aiosmtpd handler that keeps every message calmdesk sends."""

    def __init__(self) -> None:
        self.received: list[EmailMessage] = []
        self.recipients: list[list[str]] = []

    async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:  # noqa: N802 - aiosmtpd's name
        parsed = email.message_from_bytes(bytes(envelope.content), policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        self.received.append(parsed)
        self.recipients.append(list(envelope.rcpt_tos))
        return "250 OK"


@dataclass
class MailDesk:
    """The desk under test: API client, database, listener port, and the outbound sink."""

    desk: Desk
    database: Database
    settings: Settings
    port: int
    sink: Sink
    data_dir: Path
    deliverer: Deliverer = field(init=False)

    def __post_init__(self) -> None:
        self.deliverer = Deliverer(self.database, self.settings, rand=lambda: 0.0)

    def send(self, raw: bytes | str, *, mail_from: str = "", to: str = DESK_ADDRESS) -> None:
        """Sends one message into calmdesk's listener as a customer's mail client would."""
        data = raw.encode() if isinstance(raw, str) else raw
        data = re.sub(rb"\r?\n", b"\r\n", data)  # on the wire, lines end in CRLF (RFC 5321)
        with smtplib.SMTP("127.0.0.1", self.port, timeout=10) as client:
            client.sendmail(mail_from, [to], data)

    def deliver(self) -> DeliveryResult:
        """Runs one pass of the outbox worker."""
        return self.deliverer.run()

    def count(self, model: type[Any]) -> int:
        """How many rows a table holds."""
        with self.database.session(read_only=True) as db:
            return int(db.scalar(select(func.count()).select_from(model)) or 0)

    def tickets(self) -> list[Ticket]:
        """Every ticket, oldest first."""
        with self.database.session(read_only=True) as db:
            return list(db.scalars(select(Ticket).order_by(Ticket.id)).unique())

    def messages(self, ticket_id: int) -> list[Message]:
        """A ticket's conversation, oldest first."""
        with self.database.session(read_only=True) as db:
            return list(
                db.scalars(
                    select(Message).where(Message.ticket_id == ticket_id).order_by(Message.id)
                ).unique()
            )


def compose(
    *,
    sender: str = "Jane Doe <jane@example.com>",
    subject: str = "My lamp arrived broken",
    body: str = "The box was crushed and the lamp inside is broken. Please send a new one.",
    message_id: str | None = None,
    in_reply_to: str | None = None,
    extra: dict[str, str] | None = None,
) -> bytes:
    """A plain customer email."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = DESK_ADDRESS
    message["Subject"] = subject
    if message_id:
        message["Message-ID"] = message_id
    if in_reply_to:
        message["In-Reply-To"] = in_reply_to
        message["References"] = in_reply_to
    for name, value in (extra or {}).items():
        message[name] = value
    message.set_content(body)
    return bytes(message)


@pytest.fixture
def mail_desk(database: Database, tmp_path: Path) -> Iterator[MailDesk]:
    """calmdesk with its SMTP listener and an SMTP sink, both on loopback."""
    sink = Sink()
    sink_port = free_port()
    sink_controller = Controller(sink, hostname="127.0.0.1", port=sink_port)
    sink_controller.start()
    settings = Settings(
        environment="test",
        database_url=database.url,
        data_dir=str(tmp_path / "data"),
        mail_addresses=[DESK_ADDRESS],
        mail_rate_per_sender=3,
        mail_max_bytes=64 * 1024,
        smtp_host="127.0.0.1",
        smtp_port=sink_port,
        smtp_from="Harbourline Support <support@desk.example.com>",
    )
    port = free_port()
    controller = listener.start(database, settings, host="127.0.0.1", port=port)
    app = create_app(settings, database=database)
    try:
        with TestClient(app, raise_server_exceptions=False) as client:
            mail_desk = MailDesk(Desk(client, database), database, settings, port, sink, tmp_path / "data")
            yield mail_desk
            mail_desk.deliverer.close()
    finally:
        controller.stop()
        sink_controller.stop()
