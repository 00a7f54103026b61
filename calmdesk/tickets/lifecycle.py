"""The ticket's vocabulary and status lifecycle (pure: no I/O).

``new → open → pending_customer | on_hold → resolved → closed``, with reopening allowed
from ``resolved``. Closed is final: a customer who writes again gets a new ticket.
"""

from __future__ import annotations

from enum import StrEnum


class TicketStatus(StrEnum):
    """Where a ticket is in its life."""

    NEW = "new"
    OPEN = "open"
    PENDING_CUSTOMER = "pending_customer"
    ON_HOLD = "on_hold"
    RESOLVED = "resolved"
    CLOSED = "closed"


class Priority(StrEnum):
    """How soon the ticket must be worked."""

    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


class Channel(StrEnum):
    """How the contact reached the desk."""

    EMAIL = "email"
    WEB = "web"
    PHONE = "phone"
    CHAT = "chat"
    API = "api"


PRIORITY_RANK: dict[str, int] = {"low": 0, "normal": 1, "high": 2, "urgent": 3}

S = TicketStatus
TRANSITIONS: dict[TicketStatus, frozenset[TicketStatus]] = {
    S.NEW: frozenset({S.OPEN, S.PENDING_CUSTOMER, S.ON_HOLD, S.RESOLVED}),
    S.OPEN: frozenset({S.PENDING_CUSTOMER, S.ON_HOLD, S.RESOLVED}),
    S.PENDING_CUSTOMER: frozenset({S.OPEN, S.ON_HOLD, S.RESOLVED}),
    S.ON_HOLD: frozenset({S.OPEN, S.PENDING_CUSTOMER, S.RESOLVED}),
    S.RESOLVED: frozenset({S.OPEN, S.CLOSED}),
    S.CLOSED: frozenset(),
}


class IllegalTransition(ValueError):
    """Raised when a status change is not allowed by the lifecycle."""

    def __init__(self, current: TicketStatus, requested: TicketStatus) -> None:
        allowed = ", ".join(sorted(TRANSITIONS[current])) or "nothing (it is final)"
        super().__init__(
            f"a {current.value} ticket cannot become {requested.value}; "
            f"from {current.value} it can become: {allowed}"
        )
        self.current = current
        self.requested = requested


def check_transition(current: str, requested: str) -> TicketStatus:
    """Returns the requested status if the lifecycle allows it, else raises IllegalTransition."""
    now, wanted = TicketStatus(current), TicketStatus(requested)
    if wanted != now and wanted not in TRANSITIONS[now]:
        raise IllegalTransition(now, wanted)
    return wanted


def status_after_customer_message(current: str) -> TicketStatus:
    """A customer's message wakes a ticket that was waiting on them or was resolved."""
    status = TicketStatus(current)
    if status in (S.PENDING_CUSTOMER, S.RESOLVED):
        return S.OPEN
    return status


def status_after_agent_reply(current: str) -> TicketStatus:
    """A public agent reply opens a new ticket; other states are the agent's to set."""
    status = TicketStatus(current)
    return S.OPEN if status is S.NEW else status
