"""The SMTP listener (aiosmtpd): accepts mail for the desk's addresses and ingests each message.

SMTP answers follow RFC 5321/3463: 250 when stored (or knowingly dropped, as auto-replies
are: refusing them would only produce more bounces), 550 for a recipient calmdesk does not
serve or a message it can never read, 552 for mail over ``mail_max_bytes`` (aiosmtpd
advertises SIZE and refuses it), and 451 for what may work later: the sender's hourly
limit, or a database that is briefly unavailable. Each message is one transaction, so a
refusal or failure stores nothing (see calmdesk.mail.attachments for files).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from aiosmtpd.controller import Controller
from pydantic import ValidationError
from sqlalchemy.exc import IntegrityError

from calmdesk.clock import utcnow
from calmdesk.config import Settings
from calmdesk.db import Database
from calmdesk.errors import AppError
from calmdesk.mail.attachments import AttachmentStore
from calmdesk.mail.ingest import RateLimited, ingest
from calmdesk.mail.parsing import MalformedMail, parse_mail

log = logging.getLogger("calmdesk.mail")


def store_for(settings: Settings) -> AttachmentStore:
    """The attachment store the settings describe."""
    return AttachmentStore(
        settings.data_dir,
        max_bytes=settings.mail_attachment_max_bytes,
        allowed_types=settings.mail_attachment_types,
    )


class MailHandler:
    """aiosmtpd handler: checks recipients, then parses and ingests each message in a thread."""

    def __init__(self, database: Database, settings: Settings) -> None:
        self.database = database
        self.settings = settings
        self.addresses = frozenset(address.lower() for address in settings.mail_addresses)
        self.store = store_for(settings)

    async def handle_RCPT(  # noqa: N802 - aiosmtpd's hook name
        self, _server: Any, _session: Any, envelope: Any, address: str, _options: list[str]
    ) -> str:
        """Accepts only the desk's own addresses."""
        if address.lower() not in self.addresses:
            log.info("refused mail for %s: not one of the desk's addresses", address)
            return f"550 5.1.1 <{address}>: no such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:  # noqa: N802
        """Stores the message; the database work runs off the event loop."""
        content = envelope.content if isinstance(envelope.content, bytes) else envelope.content.encode()
        return await asyncio.to_thread(self.deliver, envelope.mail_from, content)

    def deliver(self, mail_from: str | None, content: bytes) -> str:
        """Parses and ingests one message; returns the SMTP reply line."""
        try:
            mail = parse_mail(content, envelope_sender=mail_from)
        except MalformedMail as error:
            log.warning("refused malformed mail from %r: %s", mail_from, error)
            return f"550 5.6.0 {error}"
        try:
            with self.database.unit_of_work() as db:
                result = ingest(db, mail=mail, store=self.store, settings=self.settings, now=utcnow())
        except RateLimited:
            log.warning(
                "deferred mail from %s: over %d an hour", mail.sender, self.settings.mail_rate_per_sender
            )
            return "451 4.7.1 too many messages from this sender; try again later"
        except (ValidationError, AppError) as error:
            log.warning("refused mail from %s: %s", mail.sender, error)
            return "550 5.6.0 the message cannot be accepted (unusable sender or content)"
        except IntegrityError:
            # The same Message-ID arrived twice at once: the other copy is stored.
            log.info("mail %s from %s was stored by a parallel delivery", mail.message_id, mail.sender)
            return "250 2.0.0 OK (already received)"
        except Exception:
            log.exception("could not store mail from %s; the sender will retry", mail.sender)
            return "451 4.3.0 temporary failure storing the message; try again later"
        log.info("mail from %s: %s ticket %s", mail.sender, result.outcome.value, result.ticket_id)
        return f"250 2.0.0 OK {result.outcome.value}"


class SharedPortController(Controller):
    """A controller whose port is shared with sibling processes (SO_REUSEPORT): the kernel
    spreads connections over them, so several processes share the parsing and analysis."""

    def _create_server(self) -> Any:
        return self.loop.create_server(
            self._factory_invoker, host=self.hostname, port=self.port, ssl=self.ssl_context, reuse_port=True
        )

    def _trigger_server(self) -> None:
        # A test connection could reach a sibling process; build the protocol directly instead.
        self._factory_invoker()


def start(
    database: Database, settings: Settings, *, host: str, port: int, shared_port: bool = False
) -> Controller:
    """Starts the listener in a background thread and returns its controller (call ``stop()``)."""
    controller = (SharedPortController if shared_port else Controller)(
        MailHandler(database, settings),
        hostname=host,
        port=port,
        data_size_limit=settings.mail_max_bytes,
        ident="calmdesk",
        enable_SMTPUTF8=True,
    )
    controller.start()
    return controller
