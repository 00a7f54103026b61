"""Reading the audit log (supervisors and up)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from calmdesk.api.deps import DbSession, StaffContext, require
from calmdesk.api.params import Limit
from calmdesk.audit import service as audit_service
from calmdesk.audit.schemas import AuditEventRead
from calmdesk.auth.permissions import Permission
from calmdesk.schemas import Page

router = APIRouter(prefix="/audit", tags=["audit"])
Auditor = Annotated[StaffContext, Depends(require(Permission.AUDIT_READ))]


@router.get("", response_model=Page[AuditEventRead])
def list_audit_events(
    db: DbSession,
    _staff: Auditor,
    entity_type: Annotated[str | None, Query(max_length=40)] = None,
    entity_id: int | None = None,
    cursor: Annotated[str | None, Query(pattern=r"^\d+$")] = None,
    limit: Limit = 100,
) -> Page[AuditEventRead]:
    """Lists recorded changes, newest first, optionally for one record."""
    events = audit_service.get_all(
        db,
        entity_type=entity_type,
        entity_id=entity_id,
        after_id=int(cursor) if cursor else None,
        limit=limit + 1,
    )
    items = events[:limit]
    next_cursor = str(items[-1].id) if len(events) > limit else None
    return Page(items=[AuditEventRead.model_validate(e) for e in items], next_cursor=next_cursor)
