"""The demo desk's feedback loop: a callback queue for today and answered surveys, good and bad.

Open tickets get promised callbacks (one already late) and a few on-hold tickets an
agent-set update cadence; the SLA policies' periodic-update clocks put the rest in the
queue on their own. Resolved tickets get surveys: most rated well, two poorly, which
reopens those tickets and alerts the agent's supervisor as a real answer would.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from calmdesk.auth import secrets
from calmdesk.config import get_settings
from calmdesk.followup import service as followup_service
from calmdesk.followup import surveys
from calmdesk.followup.models import Callback, CallbackState, Survey, UpdateCadence
from calmdesk.followup.survey_rules import SURVEY_TTL
from calmdesk.tickets.lifecycle import TicketStatus
from calmdesk.tickets.models import Ticket

# (subject, rating, comment): answers the customers of resolved demo tickets gave.
ANSWERS: tuple[tuple[str, int, str], ...] = (
    (
        "Thermostat won't reconnect after new router",
        5,
        "Hannah stayed on the phone until it worked. Thank you!",
    ),
    (
        "Fridge delivered with a dented door",
        4,
        "Replacement came quickly, but I had to chase the first time.",
    ),
    ("Hoses missing from the box", 5, "Sorted the same day."),
    ("Discount code WELCOME10 not applied", 4, ""),
    ("Card declined paying the heat pump deposit", 5, "Clear explanation, thanks."),
    (
        "Third repair visit, still broken - I want a manager",
        1,
        "Fourth visit booked and the machine still leaks.",
    ),
    (
        "Delivery driver was rude to my daughter",
        2,
        "An apology is not enough, nobody told me what you did about it.",
    ),
)
UNANSWERED = ("Old washing machine not taken away", "Invoices without my VAT ID")
# (hours from now, note): callbacks promised on the first open tickets that have an agent.
CALLBACKS: tuple[tuple[float, str], ...] = (
    (-0.5, "Promised a call once the courier confirmed the collection"),
    (1, "Ring back after the engineer's visit"),
    (3, "Confirm the refund has reached the card"),
    (26, "Check the replacement is working"),
)
CADENCE_MINUTES = 240


@dataclass(frozen=True)
class FollowupDemoSummary:
    """What the follow-up part of the demo added."""

    callbacks: int
    cadences: int
    surveys: int
    poor_ratings: int

    def describe(self) -> str:
        """A line for the terminal."""
        return (
            f"follow-ups: {self.callbacks} callbacks promised, {self.cadences} agent update cadences, "
            f"{self.surveys} surveys ({self.poor_ratings} poor ratings reopened their tickets)"
        )


def _by_subject(db: Session, subject: str) -> Ticket | None:
    return db.scalars(select(Ticket).where(Ticket.subject == subject).order_by(Ticket.id)).unique().first()


def _queue(db: Session, now: datetime) -> tuple[int, int]:
    working = (TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.ON_HOLD)
    tickets = (
        db.scalars(
            select(Ticket)
            .where(Ticket.status.in_(working), Ticket.assignee_id.is_not(None))
            .order_by(Ticket.id)
        )
        .unique()
        .all()
    )
    for ticket, (hours, note) in zip(tickets, CALLBACKS, strict=False):
        db.add(
            Callback(
                ticket_id=ticket.id,
                due_at=now + timedelta(hours=hours),
                note=note,
                state=CallbackState.OPEN,
                created_by_id=ticket.assignee_id,
                created_at=now - timedelta(hours=4),
            )
        )
    on_hold = [t for t in tickets if t.status == TicketStatus.ON_HOLD][:3]
    for ticket in on_hold:
        # Waiting on a third party: the customer hears from us every four hours regardless.
        last = followup_service.last_update_at(db, ticket_id=ticket.id) or ticket.created_at
        db.add(
            UpdateCadence(
                ticket_id=ticket.id,
                interval_minutes=CADENCE_MINUTES,
                set_by_id=ticket.assignee_id,
                set_at=last,
                last_update_at=last,
                next_due_at=last + timedelta(minutes=CADENCE_MINUTES),
            )
        )
    return min(len(tickets), len(CALLBACKS)), len(on_hold)


def _survey(db: Session, ticket: Ticket, sent_at: datetime) -> str:
    # The demo sends no email: the token is made here and only its hash is kept.
    token = secrets.new_token(surveys.SURVEY_PREFIX)
    mood, mood_message_id = surveys.mood_at_end(db, ticket)
    db.add(
        Survey(
            ticket_id=ticket.id,
            token_hash=secrets.token_hash(token),
            sent_to=ticket.customer.email,
            created_at=sent_at,
            expires_at=sent_at + SURVEY_TTL,
            mood_at_end=mood,
            mood_message_id=mood_message_id,
            agent_id=ticket.assignee_id,
            reopened=False,
            alerted_staff_ids=[],
        )
    )
    db.flush()
    return token


def load_followups(db: Session, *, now: datetime) -> FollowupDemoSummary:
    """Adds the demo callback queue and surveys (in the caller's transaction)."""
    callbacks, cadences = _queue(db, now)
    made = poor = 0
    base_url = get_settings().base_url
    for subject, rating, comment in ANSWERS:
        ticket = _by_subject(db, subject)
        if ticket is None or ticket.status != TicketStatus.RESOLVED:
            continue
        sent_at = min(ticket.resolved_at or now, now)
        token = _survey(db, ticket, sent_at)
        answered_at = min(sent_at + timedelta(hours=20), now)
        survey = surveys.answer(
            db, token=token, rating=rating, comment=comment, now=answered_at, base_url=base_url
        )
        made += 1
        poor += int(survey.reopened)
    for subject in UNANSWERED:
        ticket = _by_subject(db, subject)
        if ticket is not None and ticket.status == TicketStatus.RESOLVED:
            _survey(db, ticket, min(ticket.resolved_at or now, now))
            made += 1
    return FollowupDemoSummary(callbacks=callbacks, cadences=cadences, surveys=made, poor_ratings=poor)
