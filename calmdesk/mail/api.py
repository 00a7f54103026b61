"""The files that came with a ticket's emails: listed per message, downloaded by staff."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import Response
from sqlalchemy import select

from calmdesk.api.deps import DbSession, SettingsDep, StaffContext, require
from calmdesk.auth.permissions import Permission
from calmdesk.errors import NotFound
from calmdesk.mail.listener import store_for
from calmdesk.mail.models import MailAttachment
from calmdesk.schemas import OutputModel
from calmdesk.tickets import service as ticket_service
from calmdesk.tickets.models import Message

router = APIRouter(prefix="/tickets", tags=["tickets"])
Reader = Annotated[StaffContext, Depends(require(Permission.TICKETS_READ))]


class AttachmentRead(OutputModel):
    """A file that came with a message."""

    id: int
    message_id: int
    filename: str
    content_type: str
    size_bytes: int
    is_inline: bool


@router.get("/{reference}/attachments", response_model=list[AttachmentRead])
def list_attachments(reference: str, db: DbSession, _staff: Reader) -> list[AttachmentRead]:
    """Lists the files on the ticket's messages, oldest first."""
    ticket = ticket_service.get_by_reference_or_raise(db, reference=reference)
    rows = db.scalars(
        select(MailAttachment)
        .join(Message, Message.id == MailAttachment.message_id)
        .where(Message.ticket_id == ticket.id)
        .order_by(MailAttachment.id)
    )
    return [AttachmentRead.model_validate(row) for row in rows]


@router.get("/{reference}/attachments/{attachment_id}", response_class=Response)
def download_attachment(
    reference: str, attachment_id: int, db: DbSession, _staff: Reader, settings: SettingsDep
) -> Response:
    """Returns one file, always as a download (never rendered in the browser)."""
    ticket = ticket_service.get_by_reference_or_raise(db, reference=reference)
    row = db.get(MailAttachment, attachment_id)
    message = db.get(Message, row.message_id) if row is not None else None
    if row is None or message is None or message.ticket_id != ticket.id:
        raise NotFound("attachment", attachment_id)
    try:
        data = store_for(settings).read(row.sha256)
    except FileNotFoundError:
        raise NotFound("attachment", f"{attachment_id} (its file is missing from the data dir)") from None
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
