"""The files that came with a ticket's emails: listed per message, downloaded by staff."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from calmdesk.api.deps import DbSession, SettingsDep, StaffContext, require
from calmdesk.auth.permissions import Permission
from calmdesk.mail import files
from calmdesk.schemas import OutputModel
from calmdesk.tickets import service as ticket_service

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
    return [AttachmentRead.model_validate(row) for row in files.for_ticket(db, ticket=ticket)]


@router.get("/{reference}/attachments/{attachment_id}", response_class=Response)
def download_attachment(
    reference: str, attachment_id: int, db: DbSession, _staff: Reader, settings: SettingsDep
) -> Response:
    """Returns one file, always as a download (never rendered in the browser)."""
    ticket = ticket_service.get_by_reference_or_raise(db, reference=reference)
    return files.download(settings, files.get_on_ticket(db, ticket=ticket, attachment_id=attachment_id))
