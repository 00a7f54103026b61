"""The root-cause view: which categories, channels, procedures (tags) and hand-offs come before
anger, escalation and breach (seed 004: identify and eliminate poor procedures).

Over the tickets opened in a range, each ticket's outcomes are:

* **anger**: a customer message read as angry or abusive;
* **escalation**: an SLA escalation event, or an escalation raised by a person (handed
  across or up with a brief, or a supervisor's takeover of an abusive contact);
* **breach**: an SLA clock breached (recorded, or running past its deadline).

A category, channel or tag is there from the start, so it comes before any outcome. A
hand-off (the audit log's reassignment to another agent, or move to another team, of a
ticket that already had one) counts an outcome only when the outcome happened after the
ticket's first hand-off of that kind; "no hand-off" counts every outcome.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from calmdesk.audit.models import AuditEvent
from calmdesk.escalation.models import Escalation
from calmdesk.sla.escalation import SlaEventKind
from calmdesk.sla.models import ClockRecord, SlaEvent
from calmdesk.tickets.models import AuthorKind, Message, Ticket, TicketTag
from calmdesk.tone.models import MessageAnalysis

Dimension = Literal["category", "channel", "tag", "hand-off"]
DIMENSIONS: tuple[Dimension, ...] = ("category", "channel", "tag", "hand-off")
REASSIGNED = "reassigned to another agent"
MOVED = "moved to another team"
NO_HANDOFF = "no hand-off"


@dataclass
class _Outcomes:
    anger: list[datetime] = field(default_factory=list)
    escalation: list[datetime] = field(default_factory=list)
    breach: list[datetime] = field(default_factory=list)
    handoffs: dict[str, datetime] = field(default_factory=dict)  # kind -> first time


@dataclass(frozen=True)
class RootCauseRow:
    """How often tickets with one category, channel, tag or hand-off ended in each outcome."""

    dimension: Dimension
    value: str
    tickets: int
    angry: int
    escalated: int
    breached: int

    def rate(self, count: int) -> float:
        """A count as a percentage of the row's tickets."""
        return round(100 * count / self.tickets, 1) if self.tickets else 0.0

    @property
    def trouble(self) -> float:
        """The three outcome rates added up: the row's place in the list."""
        return self.rate(self.angry) + self.rate(self.escalated) + self.rate(self.breached)


def _outcomes(db: Session, ticket_ids: list[int], *, now: datetime) -> dict[int, _Outcomes]:
    found: dict[int, _Outcomes] = {ticket_id: _Outcomes() for ticket_id in ticket_ids}
    angry = (
        select(Message.ticket_id, Message.created_at)
        .join(MessageAnalysis, MessageAnalysis.message_id == Message.id)
        .where(
            Message.ticket_id.in_(ticket_ids),
            Message.author_kind == AuthorKind.CUSTOMER,
            or_(MessageAnalysis.is_angry.is_(True), MessageAnalysis.is_abusive.is_(True)),
        )
    )
    for ticket_id, at in db.execute(angry).tuples():
        found[ticket_id].anger.append(at)
    escalations = select(SlaEvent.ticket_id, SlaEvent.occurred_at).where(
        SlaEvent.ticket_id.in_(ticket_ids), SlaEvent.event == SlaEventKind.ESCALATION
    )
    for ticket_id, at in db.execute(escalations).tuples():
        found[ticket_id].escalation.append(at)
    raised = select(Escalation.ticket_id, Escalation.created_at).where(Escalation.ticket_id.in_(ticket_ids))
    for ticket_id, at in db.execute(raised).tuples():
        found[ticket_id].escalation.append(at)
    clocks = select(
        ClockRecord.ticket_id, ClockRecord.breached_at, ClockRecord.due_at, ClockRecord.state
    ).where(ClockRecord.ticket_id.in_(ticket_ids))
    for ticket_id, breached_at, due_at, state in db.execute(clocks).tuples():
        if breached_at is not None:
            found[ticket_id].breach.append(breached_at)
        elif state == "running" and due_at is not None and due_at < now:
            found[ticket_id].breach.append(due_at)
    changes = (
        select(AuditEvent.entity_id, AuditEvent.at, AuditEvent.before, AuditEvent.after)
        .where(
            AuditEvent.entity_type == "ticket",
            AuditEvent.action == "ticket.updated",
            AuditEvent.entity_id.in_(ticket_ids),
        )
        .order_by(AuditEvent.id)
    )
    for ticket_id, at, before, after in db.execute(changes).tuples():
        before, after = before or {}, after or {}
        # A first assignment is routing, not a hand-off: someone must have had the ticket.
        for key, kind in (("assignee_id", REASSIGNED), ("team_id", MOVED)):
            if key in after and before.get(key) is not None:
                found[ticket_id].handoffs.setdefault(kind, at)
    return found


def _row(
    dimension: Dimension, value: str, outcomes: Iterable[tuple[_Outcomes, datetime | None]]
) -> RootCauseRow:
    tickets = angry = escalated = breached = 0
    for outcome, after in outcomes:
        tickets += 1

        def happened(times: list[datetime], after: datetime | None = after) -> bool:
            return any(after is None or time > after for time in times)

        angry += happened(outcome.anger)
        escalated += happened(outcome.escalation)
        breached += happened(outcome.breach)
    return RootCauseRow(dimension, value, tickets, angry, escalated, breached)


def report(
    db: Session, *, start: datetime, end: datetime, now: datetime
) -> dict[Dimension, list[RootCauseRow]]:
    """Rows per dimension over the tickets opened in [start, end), the most troubled first."""
    tickets = (
        db.execute(
            select(Ticket.id, Ticket.category, Ticket.channel).where(
                Ticket.created_at >= start, Ticket.created_at < end
            )
        )
        .tuples()
        .all()
    )
    ids = [ticket_id for ticket_id, _, _ in tickets]
    if not ids:
        return {dimension: [] for dimension in DIMENSIONS}
    outcomes = _outcomes(db, ids, now=now)
    groups: dict[Dimension, dict[str, list[tuple[_Outcomes, datetime | None]]]] = {
        dimension: defaultdict(list) for dimension in DIMENSIONS
    }
    for ticket_id, category, channel in tickets:
        outcome = outcomes[ticket_id]
        groups["category"][category or "(none)"].append((outcome, None))
        groups["channel"][channel].append((outcome, None))
        for kind, at in outcome.handoffs.items():
            groups["hand-off"][kind].append((outcome, at))
        if not outcome.handoffs:
            groups["hand-off"][NO_HANDOFF].append((outcome, None))
    for ticket_id, tag in db.execute(
        select(TicketTag.ticket_id, TicketTag.name).where(TicketTag.ticket_id.in_(ids))
    ):
        groups["tag"][tag].append((outcomes[ticket_id], None))
    return {
        dimension: sorted(
            (_row(dimension, value, members) for value, members in groups[dimension].items()),
            key=lambda row: (-row.trouble, -row.tickets, row.value),
        )
        for dimension in DIMENSIONS
    }
