"""Writes to and reads from the audit log."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from calmdesk.audit.models import AuditEvent
from calmdesk.auth.principal import Actor


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list | tuple | set):
        return [_jsonable(item) for item in value]
    return value


def snapshot(record: object, fields: Sequence[str]) -> dict[str, Any]:
    """Returns the named attributes of ``record`` as JSON-ready values."""
    return {name: _jsonable(getattr(record, name)) for name in fields}


def changed(before: Mapping[str, Any], after: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Keeps only the fields whose values differ between two snapshots."""
    keys = [k for k in after if before.get(k) != after[k]]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}


def record(
    db: Session,
    *,
    actor: Actor,
    action: str,
    entity_type: str,
    entity_id: int,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
) -> AuditEvent:
    """Appends one event to the audit log (in the caller's transaction)."""
    event = AuditEvent(
        actor_kind=actor.kind,
        actor_id=actor.id,
        action=action,
        entity_type=entity_type,
        entity_id=entity_id,
        before=dict(before) if before is not None else None,
        after=dict(after) if after is not None else None,
    )
    db.add(event)
    return event


def get_all(
    db: Session,
    *,
    entity_type: str | None = None,
    entity_id: int | None = None,
    after_id: int | None = None,
    limit: int = 100,
) -> list[AuditEvent]:
    """Lists audit events, newest first, optionally for one entity."""
    query = select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit)
    if entity_type is not None:
        query = query.where(AuditEvent.entity_type == entity_type)
    if entity_id is not None:
        query = query.where(AuditEvent.entity_id == entity_id)
    if after_id is not None:
        query = query.where(AuditEvent.id < after_id)
    return list(db.scalars(query))
