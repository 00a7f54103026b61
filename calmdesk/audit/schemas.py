"""Audit log responses."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from calmdesk.schemas import OutputModel


class AuditEventRead(OutputModel):
    """One recorded change."""

    id: int
    at: datetime
    actor_kind: str
    actor_id: int | None
    action: str
    entity_type: str
    entity_id: int
    before: dict[str, Any] | None
    after: dict[str, Any] | None
