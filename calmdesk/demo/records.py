"""Record shapes of the demo desk, and short builders for the turns of a conversation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Role = Literal[
    "agent", "supervisor", "manager", "head_of_operations", "hr_manager", "admin", "contractor"
]
Tier = Literal["standard", "priority", "vip"]
Channel = Literal["email", "web", "phone", "chat", "api"]
Priority = Literal["low", "normal", "high", "urgent"]
Status = Literal["new", "open", "pending_customer", "on_hold", "resolved", "closed"]
Mood = Literal["calm", "frustrated", "angry", "abusive"]
Author = Literal["customer", "agent", "note", "call"]
CallDirection = Literal["inbound", "outbound"]


@dataclass(frozen=True)
class DemoTeam:
    """A team and the skills that route functional escalations to it."""

    key: str
    name: str
    skills: tuple[str, ...]
    description: str


@dataclass(frozen=True)
class DemoStaff:
    """A member of staff; ``reports_to`` is the next rung of the escalation chain."""

    key: str
    name: str
    email: str
    role: Role
    reports_to: str | None
    teams: tuple[str, ...]


@dataclass(frozen=True)
class DemoCustomer:
    """A person, optionally at a company, with the notes the support team keeps on them."""

    key: str
    name: str
    email: str | None
    phone: str | None
    company: str | None
    tier: Tier
    timezone: str
    notes: str


@dataclass(frozen=True)
class DemoTurn:
    """One entry in a ticket's conversation; note = internal note, call = logged phone call."""

    author: Author
    text: str
    hours_after_open: float
    staff_key: str | None = None
    is_html: bool = False
    call_direction: CallDirection | None = None
    call_duration_seconds: int | None = None


@dataclass(frozen=True)
class DemoTicket:
    """One customer problem with its conversation; ``severity`` runs from 1 (worst) to 4."""

    customer_key: str
    subject: str
    category: str
    channel: Channel
    priority: Priority
    severity: int
    team_key: str | None
    assignee_key: str | None
    status: Status
    tags: tuple[str, ...]
    mood: Mood
    opened_days_ago: float
    turns: tuple[DemoTurn, ...]


def customer(hours: float, text: str, *, html: bool = False) -> DemoTurn:
    """A message from the customer, ``hours`` after the ticket opened."""
    return DemoTurn(author="customer", text=text, hours_after_open=hours, is_html=html)


def agent(hours: float, staff_key: str, text: str) -> DemoTurn:
    """A reply the customer sees, written by a member of staff."""
    return DemoTurn(author="agent", text=text, hours_after_open=hours, staff_key=staff_key)


def note(hours: float, staff_key: str, text: str) -> DemoTurn:
    """An internal note: staff only, never shown to the customer."""
    return DemoTurn(author="note", text=text, hours_after_open=hours, staff_key=staff_key)


def call(
    hours: float, staff_key: str, direction: CallDirection, seconds: int, text: str
) -> DemoTurn:
    """A logged phone call with the agent's call notes."""
    return DemoTurn(
        author="call",
        text=text,
        hours_after_open=hours,
        staff_key=staff_key,
        call_direction=direction,
        call_duration_seconds=seconds,
    )
