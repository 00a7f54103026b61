"""The attachment store: files under the data dir, named by their SHA-256, never in the database.

A file is written (atomically, by rename) before the transaction that lists it commits. If
that transaction rolls back, the file stays as an unreferenced blob: harmless, reused when
the same bytes arrive again (same name), and removable by :func:`sweep_unreferenced`.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from calmdesk.mail.models import MailAttachment
from calmdesk.mail.parsing import RawAttachment


@dataclass(frozen=True)
class Refusal:
    """An attachment the store would not keep, and why (shown on the message)."""

    filename: str
    reason: str


@dataclass(frozen=True)
class StoredFile:
    """A kept attachment: its content hash and what to list on the message."""

    sha256: str
    filename: str
    content_type: str
    size_bytes: int
    inline: bool


class AttachmentStore:
    """Content-addressed files in ``<data_dir>/attachments/ab/cd/abcd…``."""

    def __init__(self, data_dir: str | Path, *, max_bytes: int, allowed_types: list[str]) -> None:
        self.root = Path(data_dir) / "attachments"
        self.max_bytes = max_bytes
        self.allowed_types = frozenset(t.lower() for t in allowed_types)

    def path_of(self, sha256: str) -> Path:
        """Where the file with this hash lives."""
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def check(self, attachment: RawAttachment) -> Refusal | None:
        """Why the store refuses this file, or None when it would keep it."""
        if attachment.content_type.lower() not in self.allowed_types:
            return Refusal(attachment.filename, f"files of type {attachment.content_type} are not accepted")
        if len(attachment.data) > self.max_bytes:
            limit = self.max_bytes // 1024
            return Refusal(attachment.filename, f"larger than the {limit} KiB limit for one file")
        return None

    def put(self, attachment: RawAttachment) -> StoredFile:
        """Writes the file (once per content) and returns what to list on the message."""
        sha256 = hashlib.sha256(attachment.data).hexdigest()
        path = self.path_of(sha256)
        if path.exists():
            os.utime(path)  # fresh again: the sweep leaves young blobs to in-flight ingests
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".incoming-")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(attachment.data)
                os.replace(temporary, path)  # atomic: readers see the whole file or none
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        return StoredFile(
            sha256=sha256,
            filename=attachment.filename,
            content_type=attachment.content_type,
            size_bytes=len(attachment.data),
            inline=attachment.inline,
        )

    def read(self, sha256: str) -> bytes:
        """The bytes of a stored file."""
        return self.path_of(sha256).read_bytes()


def sweep_unreferenced(db: Session, store: AttachmentStore, *, written_before: float) -> list[str]:
    """Deletes blobs no message lists (left by rolled-back ingests); returns their hashes.

    Only files written before ``written_before`` (a POSIX time) go: a younger one may belong
    to an ingest whose transaction has not committed yet.
    """
    if not store.root.exists():
        return []
    listed = set(db.scalars(select(MailAttachment.sha256).distinct()))
    removed = []
    for path in store.root.glob("*/*/*"):
        if path.name.startswith(".") or path.name in listed or not path.is_file():
            continue
        if path.stat().st_mtime < written_before:
            path.unlink(missing_ok=True)
            removed.append(path.name)
    return removed
