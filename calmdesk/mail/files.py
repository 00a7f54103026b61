"""The files that came with a ticket's emails, as staff see them in the API and the console."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from calmdesk.config import Settings
from calmdesk.errors import NotFound
from calmdesk.mail.listener import store_for
from calmdesk.mail.models import MailAttachment
from calmdesk.tickets.models import Message, Ticket


def for_ticket(db: Session, *, ticket: Ticket) -> list[MailAttachment]:
    """The files on the ticket's messages, oldest first."""
    return list(
        db.scalars(
            select(MailAttachment)
            .join(Message, Message.id == MailAttachment.message_id)
            .where(Message.ticket_id == ticket.id)
            .order_by(MailAttachment.id)
        )
    )


def by_message(db: Session, *, message_ids: Sequence[int]) -> dict[int, list[MailAttachment]]:
    """The files of each of these messages, in the order they came."""
    files: dict[int, list[MailAttachment]] = defaultdict(list)
    if message_ids:
        rows = db.scalars(
            select(MailAttachment)
            .where(MailAttachment.message_id.in_(message_ids))
            .order_by(MailAttachment.id)
        )
        for row in rows:
            files[row.message_id].append(row)
    return dict(files)


def get_on_ticket(db: Session, *, ticket: Ticket, attachment_id: int) -> MailAttachment:
    """One file of this ticket; NotFound for another ticket's file or none at all."""
    row = db.get(MailAttachment, attachment_id)
    message = db.get(Message, row.message_id) if row is not None else None
    if row is None or message is None or message.ticket_id != ticket.id:
        raise NotFound("attachment", attachment_id)
    return row


def download(settings: Settings, row: MailAttachment) -> Response:
    """The file as a download: never rendered by the browser, whatever its claimed type."""
    try:
        data = store_for(settings).read(row.sha256)
    except FileNotFoundError:
        raise NotFound("attachment", f"{row.id} (its file is missing from the data dir)") from None
    safe_name = "".join(ch if ch.isalnum() or ch in "._- " else "_" for ch in row.filename) or "attachment"
    return Response(
        content=data,
        media_type="application/octet-stream",
        headers={
            "Content-Disposition": f'attachment; filename="{safe_name}"',
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "no-store",
        },
    )
