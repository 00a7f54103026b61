"""Who is acting: a staff member, a customer through a portal link, or calmdesk itself."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from calmdesk.staff.roles import Role


@dataclass(frozen=True)
class Actor:
    """The author of a change, as the audit log records it."""

    kind: Literal["staff", "customer", "system"]
    id: int | None
    role: Role | None = None

    @property
    def principal_key(self) -> str:
        """A stable string naming this actor, e.g. for scoping idempotency keys."""
        return f"{self.kind}:{self.id}"


SYSTEM = Actor(kind="system", id=None)
