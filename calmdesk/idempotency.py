"""Idempotent POSTs: a retried request with the same ``Idempotency-Key`` gets the first answer.

The stored answer is written in the same transaction as the change it describes, so a
crash leaves either both or neither. Two racing requests with one key meet at the
unique index; the loser rolls back and replays the winner's answer.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import JSON, Integer, String, UniqueConstraint, delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from calmdesk.clock import utcnow
from calmdesk.db import Base
from calmdesk.errors import Conflict, InvalidRequest

MAX_KEY_LENGTH = 200


class IdempotencyRecord(Base):
    """The first answer given to one (principal, key) pair."""

    __tablename__ = "idempotency_records"
    __table_args__ = (UniqueConstraint("principal", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    principal: Mapped[str] = mapped_column(String(40))
    key: Mapped[str] = mapped_column(String(MAX_KEY_LENGTH))
    request_hash: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int] = mapped_column(Integer)
    response: Mapped[Any | None] = mapped_column(JSON)  # null only while the claim is open
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


@dataclass(frozen=True)
class IdempotentResult:
    """The answer to send, and whether it is a replay of an earlier one."""

    status_code: int
    body: Any
    replayed: bool


def fingerprint(method: str, path: str, body: Any) -> str:
    """Hashes what makes two requests 'the same request'."""
    canonical = json.dumps([method, path, body], sort_keys=True, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _replay(record: IdempotencyRecord, request_hash: str) -> IdempotentResult:
    if record.request_hash != request_hash:
        raise Conflict(
            "idempotency_key_reused",
            "this Idempotency-Key was already used for a different request; use a new key for a new request",
        )
    return IdempotentResult(record.status_code, record.response, replayed=True)


def _find(db: Session, principal: str, key: str) -> IdempotencyRecord | None:
    return db.scalars(
        select(IdempotencyRecord).where(
            IdempotencyRecord.principal == principal, IdempotencyRecord.key == key
        )
    ).one_or_none()


def run_once(
    db: Session,
    *,
    principal: str,
    key: str | None,
    request_hash: str,
    perform: Callable[[], tuple[int, Any]],
) -> IdempotentResult:
    """Performs the change and commits it with its answer, or replays the stored answer."""
    if key is None:
        status_code, body = perform()
        db.commit()
        return IdempotentResult(status_code, body, replayed=False)
    if not key or len(key) > MAX_KEY_LENGTH or not key.isprintable():
        raise InvalidRequest(
            "invalid_idempotency_key",
            f"Idempotency-Key must be 1 to {MAX_KEY_LENGTH} printable characters",
        )
    existing = _find(db, principal, key)
    if existing is not None:
        return _replay(existing, request_hash)
    # Claim the key before doing the work: a concurrent request with the same key waits
    # on the unique index until this transaction ends, then replays its answer.
    claim = IdempotencyRecord(principal=principal, key=key, request_hash=request_hash, status_code=0)
    db.add(claim)
    try:
        db.flush()
    except IntegrityError:
        db.rollback()
        winner = _find(db, principal, key)
        if winner is None:
            raise
        return _replay(winner, request_hash)
    status_code, body = perform()
    claim.status_code, claim.response = status_code, body
    db.commit()
    return IdempotentResult(status_code, body, replayed=False)


def purge_expired(db: Session, *, older_than: timedelta, now: datetime) -> int:
    """Deletes stored answers older than the retention window; returns how many."""
    result = db.execute(delete(IdempotencyRecord).where(IdempotencyRecord.created_at < now - older_than))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
