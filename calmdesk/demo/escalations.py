"""The demo desk's escalations: one of each kind on the notable tickets, with complete briefs.

Each brief is drafted by calmdesk from the conversation as it stood when the case was
escalated (the drafted problem, impact, offers, moods and interactions), completed
with the goals a real agent would have written. One functional escalation is still
waiting for its team when the demo loads: if nobody in Engineering acknowledges it,
the worker passes it to their supervisor half an hour later.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from calmdesk.demo import conversations_account, conversations_complaints, conversations_outage
from calmdesk.demo.records import DemoTicket
from calmdesk.demo.staff import STAFF
from calmdesk.escalation import briefing
from calmdesk.escalation.models import Escalation, PolicyException
from calmdesk.escalation.service import brief_columns
from calmdesk.escalation.vocabulary import (
    EscalationKind,
    EscalationOrigin,
    EscalationReason,
    EscalationState,
    ExceptionKind,
    ExceptionState,
)
from calmdesk.staff.models import Staff, Team
from calmdesk.tickets.models import Message, Ticket

_EMAILS = {person.key: person.email.lower() for person in STAFF}
_ZOFIA = next(t for t in conversations_complaints.TICKETS if t.subject.startswith("Third repair visit"))
_HEAD_OF_OPS = next(
    t for t in conversations_complaints.TICKETS if t.subject.startswith("To the Head of Operations")
)
_DESCALER = next(t for t in conversations_outage.CHECKOUT_OUTAGE if t.subject.startswith("Can't pay"))


@dataclass(frozen=True)
class DemoEscalation:
    """One escalation of the demo story; times in hours after the ticket opened."""

    ticket: DemoTicket
    kind: EscalationKind
    reason_code: EscalationReason
    reason: str
    from_key: str
    to_key: str | None
    team: str | None
    at_hours: float
    acknowledged_hours: float | None
    problem_goals: tuple[str, ...]
    people_goals: tuple[str, ...]
    origin: EscalationOrigin = EscalationOrigin.AGENT
    takes_ticket: bool = True
    outcome: str | None = None
    next_update_days: float | None = None


ESCALATIONS: tuple[DemoEscalation, ...] = (
    DemoEscalation(
        conversations_complaints.LEGAL_THREAT,
        EscalationKind.FUNCTIONAL,
        EscalationReason.LEGAL_OR_REGULATORY_RISK,
        "Threat of a small claims court claim for flood damage after our contractor's installation.",
        "priya",
        "eleanor",
        "Legal & Compliance",
        1.0,
        1.5,
        (
            "Decide liability from the inspection report before day 7 and answer Daniel in writing.",
            "If liable: agree payment of the plumber (£180) and the neighbour's damage through our insurer.",
        ),
        (
            "Daniel trusts that one named person handles his claim and keeps to his 7-day deadline.",
            "He feels his neighbour's situation is taken as seriously as his own.",
        ),
        outcome="Inspection found an installation fault; referred to our insurer with liability accepted.",
        next_update_days=6.0,
    ),
    DemoEscalation(
        conversations_complaints.STAFF_CONDUCT_COMPLAINT,
        EscalationKind.HIERARCHICAL,
        EscalationReason.STAFF_CONDUCT,
        "Conduct complaint about Liam's late-fee call: told to calm down, called 'mate', hung up on.",
        "priya",
        "grace",
        None,
        1.0,
        24.0,
        (
            "Review the call recording and Liam's email independently and decide on coaching or action.",
            "Write to Tom with the outcome within 10 working days.",
        ),
        (
            "Tom feels his complaint was taken seriously and reviewed by someone independent.",
            "He does not feel he has to post reviews to be heard.",
        ),
        takes_ticket=False,
        next_update_days=14.0,
    ),
    DemoEscalation(
        _ZOFIA,
        EscalationKind.HIERARCHICAL,
        EscalationReason.MANAGER_REQUESTED,
        "Third repair visit for the same spin fault; a replacement is above the agent's authority.",
        "sofia",
        "tomasz",
        None,
        0.5,
        3.0,
        (
            "Settle it without a fourth repair visit: a replacement machine on a delivery date Zofia picks.",
            "Compensate the three days she took off.",
        ),
        ("Zofia feels a manager listened to the whole story and took charge today, as promised.",),
        outcome="Replacement machine delivered and installed; £50 account credit for the days off.",
    ),
    DemoEscalation(
        _HEAD_OF_OPS,
        EscalationKind.HIERARCHICAL,
        EscalationReason.REPEATED_FAILURE,
        "Third missed 4-hour response on contract MC-2207 in two months; eight cafés at risk.",
        "tomasz",
        "adaeze",
        None,
        1.0,
        5.0,
        (
            "Commit to a concrete capacity fix for Monday mornings in central London.",
            "Credit the missed responses and keep all eight cafés on the contract.",
        ),
        ("Luca believes the person who runs operations owns the fix, and stops planning to switch.",),
        next_update_days=14.0,
    ),
    DemoEscalation(
        conversations_account.THREAT_TO_STAFF,
        EscalationKind.HIERARCHICAL,
        EscalationReason.ABUSIVE_CONTACT,
        "Threat against staff on the phone: Liam ended the call; the team lead takes the customer over.",
        "liam",
        "priya",
        None,
        0.3,
        0.3,
        ("Decide the disputed £90 early cancellation fee and answer Gary in writing within 2 working days.",),
        (
            "The conversation stays respectful, or continues in writing only.",
            "Liam is not exposed to this customer again.",
        ),
        origin=EscalationOrigin.ABUSE_TAKEOVER,
        next_update_days=2.0,
    ),
    DemoEscalation(
        _DESCALER,
        EscalationKind.FUNCTIONAL,
        EscalationReason.NEEDS_EXPERTISE,
        "Checkout returns 502 for a contract customer ordering for eight cafés; second report in 20 minutes.",
        "sofia",
        None,
        "Engineering",
        0.3,
        None,
        (
            "Find out whether checkout is down for everyone and when it will work again.",
            "Get Luca's descaler order placed within the hour, by phone if need be.",
        ),
        ("Luca feels we found the cause quickly and did not make him chase us.",),
    ),
)


def _staff(db: Session, key: str | None) -> Staff | None:
    if key is None:
        return None
    return db.scalars(select(Staff).where(Staff.email == _EMAILS[key])).one()


def _ticket(db: Session, demo: DemoTicket) -> Ticket:
    return db.scalars(select(Ticket).where(Ticket.subject == demo.subject)).unique().one()


def _notice(db: Session, ticket: Ticket, author: Staff | None, after: datetime) -> int | None:
    """The first public reply the escalating agent wrote after escalating: it told the customer."""
    if author is None:
        return None
    query = (
        select(Message.id)
        .where(
            Message.ticket_id == ticket.id,
            Message.author_staff_id == author.id,
            Message.kind == "reply",
            Message.created_at >= after,
        )
        .order_by(Message.created_at)
        .limit(1)
    )
    return db.scalar(query)


def _escalation(db: Session, demo: DemoEscalation, *, now: datetime) -> Escalation:
    ticket = _ticket(db, demo.ticket)
    at = ticket.created_at + timedelta(hours=demo.at_hours)
    draft, _contacts = briefing.draft(db, ticket=ticket, until=at)
    sender, receiver = _staff(db, demo.from_key), _staff(db, demo.to_key)
    team = db.scalars(select(Team).where(Team.name == demo.team)).one() if demo.team else None
    acknowledged = (
        ticket.created_at + timedelta(hours=demo.acknowledged_hours) if demo.acknowledged_hours else None
    )
    escalation = Escalation(
        ticket_id=ticket.id,
        kind=demo.kind.value,
        origin=demo.origin.value,
        state=(EscalationState.ACKNOWLEDGED if acknowledged else EscalationState.AWAITING).value,
        reason_code=demo.reason_code.value,
        reason=demo.reason,
        from_staff=sender,
        to_staff=receiver,
        to_team=team,
        takes_ticket=demo.takes_ticket,
        **brief_columns(draft, problem=draft.problem, impact=draft.impact),
        problem_goals=list(demo.problem_goals),
        people_goals=list(demo.people_goals),
        sla_state=briefing.sla_state(db, ticket=ticket, now=now),
        ack_due_at=None if acknowledged else now + timedelta(minutes=30),
        acknowledged_at=acknowledged,
        acknowledged_by=receiver if acknowledged else None,
        notice_message_id=_notice(db, ticket, sender, at),
        next_update_due_at=at + timedelta(days=demo.next_update_days) if demo.next_update_days else None,
        outcome=demo.outcome,
        outcome_at=now - timedelta(hours=1) if demo.outcome else None,
        created_at=at,
        updated_at=acknowledged or at,
    )
    db.add(escalation)
    return escalation


@dataclass(frozen=True)
class EscalationDemoSummary:
    """What the escalation part of the demo added."""

    escalations: int
    exceptions: int

    def describe(self) -> str:
        """A line for the terminal."""
        return (
            f"escalations: {self.escalations} with complete briefs (functional, hierarchical, HR conduct, "
            f"abuse takeover; one awaiting Engineering), {self.exceptions} policy exception for a manager"
        )


def load_escalations(db: Session, *, now: datetime) -> EscalationDemoSummary:
    """Adds the demo escalations and a policy exception (in the caller's transaction)."""
    made = [_escalation(db, demo, now=now) for demo in ESCALATIONS]
    db.flush()
    takeover = next(e for e in made if e.origin == EscalationOrigin.ABUSE_TAKEOVER)
    threat = _ticket(db, conversations_account.THREAT_TO_STAFF)
    db.add(
        PolicyException(
            ticket_id=threat.id,
            escalation_id=takeover.id,
            kind=ExceptionKind.FEE_WAIVER.value,
            amount=Decimal("90.00"),
            currency="GBP",
            justification="The plan is 11 months old, but we never sent the renewal reminder we promise.",
            state=ExceptionState.REQUESTED.value,
            requested_by=_staff(db, "priya"),
            created_at=threat.created_at + timedelta(hours=5.5),
        )
    )
    db.flush()
    return EscalationDemoSummary(escalations=len(made), exceptions=1)
