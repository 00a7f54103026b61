"""Reads a ticket's conversation, earlier tickets and SLA state, and drafts its brief with the pure core."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from calmdesk import analysis
from calmdesk.analysis import MessageReport, Signal, Span, Suggestion
from calmdesk.escalation.brief import BriefDraft, Contact, EarlierTicket, TicketFacts, draft_brief
from calmdesk.sla import ticket_sla
from calmdesk.tickets.models import AuthorKind, Message, MessageKind, Ticket
from calmdesk.tone.models import MessageAnalysis

THREAD_LIMIT = 500
EARLIER_LIMIT = 10
# Which team a functional escalation is suggested to, from the tone and the words of the conversation.
_SKILL_FROM_SIGNAL = {"legal_threat": "legal", "regulator": "legal"}
_MANY_AFFECTED = re.compile(
    r"\b(?:affects?|affecting)\s+(?:all|every|many)\b|\ball\s+(?:our|of\s+our)\s+(?:users|customers|sites|staff)\b"
    r"|\beveryone\b|\boutage\b|\bdown\s+for\s+(?:all|everyone)\b",
    re.I,
)


def report_of(row: MessageAnalysis) -> MessageReport:
    """The analyser's report, rebuilt from a stored message analysis."""
    signals = tuple(
        Signal(
            kind=str(item["kind"]),
            weight=float(item["weight"]),
            spans=tuple(Span(int(s["start"]), int(s["end"]), str(s["text"])) for s in item.get("spans", [])),
        )
        for item in row.signals
    )
    return MessageReport(
        anger=row.anger,
        abuse=row.abuse,
        complaint=row.complaint,
        escalation_risk=row.escalation_risk,
        mood=row.mood,
        is_angry=row.is_angry,
        is_abusive=row.is_abusive,
        is_complaint=row.is_complaint,
        signals=signals,
        model_version=row.model_version,
    )


def _author(message: Message) -> str:
    if message.author_kind == AuthorKind.CUSTOMER:
        return "customer"
    if message.kind == MessageKind.NOTE:
        return "note"
    return "call" if message.kind == MessageKind.CALL else "agent"


def contacts_of(db: Session, *, ticket: Ticket, until: datetime | None = None) -> list[Contact]:
    """The ticket's conversation as the brief reads it, oldest first (up to ``until`` when given)."""
    query = select(Message).where(Message.ticket_id == ticket.id)
    if until is not None:
        query = query.where(Message.created_at <= until)
    messages = db.scalars(query.order_by(Message.created_at, Message.id).limit(THREAD_LIMIT)).unique().all()
    return [
        Contact(
            message_id=m.id,
            author=_author(m),  # type: ignore[arg-type]
            text=m.body_text,
            at=m.created_at,
            author_name=m.author_staff.name if m.author_staff else None,
            report=report_of(m.analysis) if m.analysis is not None else None,
            channel=m.channel,
        )
        for m in messages
    ]


def earlier_tickets(db: Session, *, ticket: Ticket) -> list[EarlierTicket]:
    """The customer's other tickets opened before this one, newest first."""
    query = (
        select(Ticket)
        .where(
            Ticket.customer_id == ticket.customer_id,
            Ticket.id != ticket.id,
            Ticket.created_at <= ticket.created_at,
        )
        .order_by(Ticket.created_at.desc(), Ticket.id.desc())
        .limit(EARLIER_LIMIT)
    )
    return [
        EarlierTicket(t.reference, t.subject, t.status, t.created_at, t.channel)
        for t in db.scalars(query).unique()
    ]


def facts_of(ticket: Ticket) -> TicketFacts:
    """The ticket as the brief names it."""
    return TicketFacts(
        ticket.reference, ticket.subject, ticket.category, ticket.priority, ticket.customer.name
    )


def sla_state(db: Session, *, ticket: Ticket, now: datetime) -> list[dict[str, Any]]:
    """The ticket's SLA clocks at ``now``: what is due when, and what is already breached."""
    clocks = ticket_sla.read(db, ticket=ticket, now=now).clocks
    return [
        {
            "kind": clock.kind,
            "status": clock.status,
            "due_at": clock.due_at.isoformat() if clock.due_at else None,
            "breached": clock.breached,
        }
        for clock in clocks
    ]


def draft(db: Session, *, ticket: Ticket, until: datetime | None = None) -> tuple[BriefDraft, list[Contact]]:
    """The drafted brief of the ticket's conversation so far, and the contacts it was drafted from."""
    contacts = contacts_of(db, ticket=ticket, until=until)
    return draft_brief(facts_of(ticket), contacts, earlier_tickets(db, ticket=ticket)), contacts


def latest_customer(contacts: Sequence[Contact]) -> Contact | None:
    """The customer's latest message, if they wrote one."""
    return next((c for c in reversed(contacts) if c.author == "customer"), None)


def coach_suggestions(contacts: Sequence[Contact]) -> tuple[Suggestion, ...]:
    """The reply coach's wording for the customer's latest message; blank when tone was not read."""
    latest = latest_customer(contacts)
    if latest is None or latest.report is None:
        return ()  # without a stored reading the coach would run the model here: stay blank instead
    turns = [analysis.Turn(author="customer", text=latest.text)]
    return analysis.coach_reply(" ", conversation=turns, customer_report=latest.report).suggestions


def suggest_skill(ticket: Ticket, contacts: Sequence[Contact]) -> tuple[str | None, str]:
    """The skill a functional escalation should go to, and why calmdesk suggests it."""
    reports = [c.report for c in contacts if c.report is not None]
    for kind, skill in _SKILL_FROM_SIGNAL.items():
        if any(r.signal(kind) for r in reports):
            return skill, f"the customer's messages carry a {kind.replace('_', ' ')}"
    text = " ".join(c.text for c in contacts if c.author == "customer")
    if _MANY_AFFECTED.search(text) or _MANY_AFFECTED.search(ticket.subject):
        return "engineering", "the problem seems to affect many customers"
    if ticket.category:
        return ticket.category, f"the ticket's category is {ticket.category}"
    return None, "no category or signal points to a team"
