"""Scenario templates: contacts every desk gets weekly, written once per mood.

Each template fills in one customer's details (name, order, item, amount) so the
conversation stays coherent, and picks its turns from the ticket's status: a new
ticket holds only the customer's first message; a finished one ends with staff.
``coachable`` swaps the first reply for one with habits the reply coach flags.
"""

from __future__ import annotations

from dataclasses import dataclass

from calmdesk.demo.customers import CUSTOMERS
from calmdesk.demo.records import (
    Channel,
    DemoTicket,
    DemoTurn,
    Mood,
    Priority,
    Status,
    agent,
    call,
    customer,
    note,
)

_TITLES = {"Dr", "Mr", "Mrs", "Ms"}
# Where a first name is the wrong way to address someone: a family name comes first, or a
# professional prefers their title.
_ADDRESSED_AS = {"chen_wei": "Mr Chen", "samuel_osei": "Dr Osei"}
_BOUNDARY = " I want to sort this out, and I need us to keep this respectful so I can."


def first_name(customer_key: str) -> str:
    """The name the customer signs with: their first name, without a title."""
    (person,) = (p for p in CUSTOMERS if p.key == customer_key)
    return next(word for word in person.name.split() if word not in _TITLES)


def addressed_as(customer_key: str) -> str:
    """How staff address the customer: usually their first name."""
    return _ADDRESSED_AS.get(customer_key) or first_name(customer_key)


@dataclass(frozen=True)
class Case:
    """Who, when and how for one use of a template."""

    customer_key: str
    mood: Mood
    channel: Channel
    status: Status
    staff_key: str
    opened_days_ago: float
    hours_to_reply: float
    coachable: bool = False

    @property
    def first(self) -> str:
        """The customer's first name, as they sign."""
        return first_name(self.customer_key)

    @property
    def addressed(self) -> str:
        """How staff greet the customer."""
        return addressed_as(self.customer_key)


@dataclass(frozen=True)
class Script:
    """The words of one scenario, already filled in for one customer."""

    subject: str
    asks: str  # the customer's first message, when written
    summary: str  # the agent's call note, when the customer phoned
    reply: str
    coach_bait: str  # the reply with bad habits, used when the case is coachable
    follow_up: str
    after_bait: str  # the customer's answer to the bad reply
    outcome: str  # the last word on a resolved or closed ticket
    hold_note: str  # why the ticket waits on someone else


def _hours(case: Case) -> tuple[float, float, float]:
    reply = case.hours_to_reply
    follow = round(reply * 1.5 + 0.2, 2)
    outcome = round(max(follow + 0.3, min(case.opened_days_ago * 24 * 0.8, follow + 26)), 2)
    return reply, follow, outcome


def conversation(case: Case, script: Script) -> tuple[DemoTurn, ...]:
    """The turns a ticket in ``case.status`` has had so far."""
    reply_at, follow_at, outcome_at = _hours(case)
    if case.coachable:
        follow_at = reply_at + 6  # a broken promise takes a while to show
    if case.channel == "phone":
        opening = call(0.0, case.staff_key, "inbound", 300 + 60 * len(script.summary) // 90,
                       script.summary)
    else:
        opening = customer(0.0, script.asks)
    reply_text = script.coach_bait if case.coachable else script.reply
    if case.channel == "phone" and not case.coachable:
        greeting, _, body = reply_text.partition(", ")
        reply_text = f"{greeting}, thanks for your call earlier. {body[:1].upper()}{body[1:]}"
    first_reply = agent(reply_at, case.staff_key, reply_text)
    follow = customer(follow_at, script.after_bait if case.coachable else script.follow_up)
    if case.status == "new":
        return (opening,)
    if case.status == "pending_customer":
        return (opening, first_reply)
    if case.status == "open":
        return (opening, first_reply, follow)
    if case.status == "on_hold":
        hold = note(round(follow_at + 0.2, 2), case.staff_key, script.hold_note)
        return (opening, first_reply, follow, hold)
    return (opening, first_reply, follow, agent(outcome_at, case.staff_key, script.outcome))


def boundary(mood: Mood) -> str:
    """The respectful limit an agent sets once with an abusive customer."""
    return _BOUNDARY if mood == "abusive" else ""


def ticket(
    case: Case,
    script: Script,
    *,
    category: str,
    team_key: str,
    tags: tuple[str, ...],
    priority: Priority,
    severity: int,
) -> DemoTicket:
    """The ticket for ``case``; a new ticket is not yet routed, assigned or tagged."""
    new = case.status == "new"
    return DemoTicket(
        customer_key=case.customer_key,
        subject=script.subject,
        category=category,
        channel=case.channel,
        priority=priority,
        severity=severity,
        team_key=None if new else team_key,
        assignee_key=None if new else case.staff_key,
        status=case.status,
        tags=() if new else tags,
        mood=case.mood,
        opened_days_ago=case.opened_days_ago,
        turns=conversation(case, script),
    )
