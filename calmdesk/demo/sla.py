"""The demo desk's SLA: a London office calendar, three policies and a three-level escalation chain.

Harbourline promises a first reply within six business hours (the seed's example);
VIP customers and urgent tickets get tighter promises, urgent ones around the clock.
A breach goes to the assignee's supervisor at once, to the manager an hour later and
to the Head of Operations four hours after the breach, unless someone acknowledges it.
The open demo tickets get their clocks by replaying their conversations, so the first
worker pass finds the overdue ones and escalates them, as it would on a real desk.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from calmdesk.sla import service as sla_service
from calmdesk.sla.calendar import WEEKDAY_KEYS
from calmdesk.sla.models import EscalationChain, EscalationLevel, SlaCalendar, SlaPolicy, SlaTarget
from calmdesk.staff.models import Staff
from calmdesk.tickets.lifecycle import TicketStatus
from calmdesk.tickets.models import Message, Ticket

LONDON_OFFICE = {
    "time_zone": "Europe/London",
    "weekly": {day: ["09:00-17:30"] for day in WEEKDAY_KEYS[:5]},
    "holidays": {"country": "GB", "subdivision": "ENG"},
}
AROUND_THE_CLOCK = {"time_zone": "Europe/London", "weekly": {day: ["00:00-24:00"] for day in WEEKDAY_KEYS}}
ALERTS = ["email", "in_app"]


@dataclass(frozen=True)
class SlaDemoSummary:
    """What the SLA part of the demo added."""

    policies: int
    tickets_with_clocks: int

    def describe(self) -> str:
        """A line for the terminal."""
        return (
            f"SLA: {self.policies} policies (London office hours, GB bank holidays), "
            f"clocks on {self.tickets_with_clocks} open tickets; escalations: supervisor, manager, "
            "Head of Operations"
        )


def _targets(first: int, following: int, update: int, resolution: int) -> list[SlaTarget]:
    minutes = {
        "first_response": first,
        "next_response": following,
        "periodic_update": update,
        "resolution": resolution,
    }
    return [SlaTarget(kind=kind, minutes=value, warn_percent=75) for kind, value in minutes.items()]


def _chain(db: Session) -> EscalationChain:
    head = db.scalars(
        select(Staff).where(Staff.role == "head_of_operations", Staff.is_active.is_(True)).order_by(Staff.id)
    ).first()
    top = EscalationLevel(level=3, delay_minutes=240, channels=ALERTS)
    if head is not None:
        top.staff_id = head.id  # a named person: the chain ends with someone, not a role
    else:
        top.role = "head_of_operations"
    return EscalationChain(
        name="Support leadership",
        levels=[
            EscalationLevel(level=1, role="supervisor", delay_minutes=0, channels=ALERTS),
            EscalationLevel(level=2, role="manager", delay_minutes=60, channels=ALERTS),
            top,
        ],
    )


def load_sla(db: Session, *, now: datetime) -> SlaDemoSummary:
    """Adds the demo SLA configuration and starts the open demo tickets' clocks (caller commits)."""
    office = SlaCalendar(name="London office", definition=LONDON_OFFICE)
    always = SlaCalendar(name="Around the clock", definition=AROUND_THE_CLOCK)
    chain = _chain(db)
    db.add_all([office, always, chain])
    db.flush()
    policies = [
        SlaPolicy(
            name="Urgent",
            position=10,
            conditions={"priorities": ["urgent"]},
            calendar_id=always.id,
            escalation_chain_id=chain.id,
            targets=_targets(first=30, following=60, update=120, resolution=480),
        ),
        SlaPolicy(
            name="VIP customers",
            position=20,
            conditions={"tiers": ["vip"]},
            calendar_id=office.id,
            escalation_chain_id=chain.id,
            targets=_targets(first=120, following=180, update=240, resolution=960),
        ),
        SlaPolicy(
            name="Standard",
            position=100,
            is_default=True,
            conditions={},
            calendar_id=office.id,
            escalation_chain_id=chain.id,
            targets=_targets(first=360, following=480, update=960, resolution=2400),
        ),
    ]
    db.add_all(policies)
    db.flush()
    started = 0
    open_tickets = select(Ticket).where(Ticket.status.not_in((TicketStatus.RESOLVED, TicketStatus.CLOSED)))
    for ticket in db.scalars(open_tickets.order_by(Ticket.id)).unique().all():
        _replay(db, ticket, now=now)
        started += 1
    return SlaDemoSummary(policies=len(policies), tickets_with_clocks=started)


def _replay(db: Session, ticket: Ticket, *, now: datetime) -> None:
    """Runs the ticket's conversation through the SLA hooks in order, as if it happened live."""
    sla_service.on_ticket_changed(db, ticket=ticket, now=ticket.created_at)
    messages = db.scalars(
        select(Message).where(Message.ticket_id == ticket.id).order_by(Message.created_at, Message.id)
    ).all()
    for message in messages:
        if ticket.created_at < message.created_at <= now:
            sla_service.on_message(db, ticket=ticket, message=message, now=message.created_at)
