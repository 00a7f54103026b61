"""Mail tables: every Message-ID seen or sent on a ticket, and the files attached to messages."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from calmdesk.clock import utcnow
from calmdesk.db import Base


class MailDirection:
    """Which way a mail went."""

    INBOUND = "in"
    OUTBOUND = "out"


class MailRecord(Base):
    """One email's ``Message-ID`` and the ticket it belongs to: how replies find their thread.

    Inbound rows also give the per-sender rate limit (``sender``, ``received_at``) and make a
    re-delivered message harmless (the Message-ID is unique). Outbound rows are written when
    the customer email is queued, with the fixed Message-ID the outbox row will carry.
    """

    __tablename__ = "mail_records"
    __table_args__ = (
        Index("ix_mail_records_sender_received", "sender", "received_at"),
        Index("ix_mail_records_ticket", "ticket_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    header_message_id: Mapped[str] = mapped_column(String(500), unique=True)
    direction: Mapped[str] = mapped_column(String(3))
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"))
    message_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id", ondelete="SET NULL"))
    sender: Mapped[str | None] = mapped_column(String(320))
    received_at: Mapped[datetime] = mapped_column(default=utcnow)


class MailAttachment(Base):
    """A file that came with a message; the bytes live under the data dir, named by their SHA-256."""

    __tablename__ = "mail_attachments"
    __table_args__ = (Index("ix_mail_attachments_message", "message_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("messages.id", ondelete="CASCADE"))
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(127))
    size_bytes: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    is_inline: Mapped[bool] = mapped_column(default=False)
