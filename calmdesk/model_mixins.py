"""Columns every editable calmdesk record shares: timestamps and an optimistic-lock version."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from calmdesk.clock import utcnow


class Timestamped:
    """``created_at``/``updated_at`` in UTC, set from calmdesk's clock."""

    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Versioned:
    """A ``version`` the ORM bumps on every UPDATE and checks in its WHERE clause.

    It backs the API's ETag/If-Match: a write based on a stale read changes nothing.
    """

    version: Mapped[int] = mapped_column(default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805 - SQLAlchemy passes the class
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]
