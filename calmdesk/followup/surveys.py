"""Satisfaction surveys: sent on resolution, answered once through an expiring link. Callers commit.

The link's token is the customer's only credential, as for portal links
(``calmdesk.auth.secrets``): 256 random bits, stored as a SHA-256 hash. Answering is one
conditional UPDATE (``WHERE answered_at IS NULL``), so two submissions racing each
other cannot both count.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from calmdesk.audit import service as audit_service
from calmdesk.auth import secrets
from calmdesk.auth.principal import Actor
from calmdesk.errors import AppError, InvalidRequest, NotFound
from calmdesk.followup.models import Survey
from calmdesk.followup.outbound import enqueue_customer_email
from calmdesk.followup.survey_rules import SURVEY_TTL, LinkState, is_poor, link_state
from calmdesk.notify import service as notify_service
from calmdesk.notify.models import Channel
from calmdesk.pagination import SortKey, paginate, split_page
from calmdesk.sanitize import clean_text
from calmdesk.sla import service as sla_service
from calmdesk.staff.models import Staff
from calmdesk.staff.roles import Role
from calmdesk.tickets.lifecycle import TicketStatus
from calmdesk.tickets.models import AuthorKind, Message, Ticket
from calmdesk.tickets.status import change_status
from calmdesk.tone.models import MessageAnalysis

SURVEY_PREFIX = "cdv"
MAX_COMMENT_CHARS = 4000
_UNKNOWN = "(this survey link is unknown)"


class SurveyLinkGone(AppError):
    """The survey link was real but is used up or expired."""

    status_code = 410


def survey_url(base_url: str, token: str) -> str:
    """The public page a survey token opens."""
    return f"{base_url.rstrip('/')}/survey/{token}"


def mood_at_end(db: Session, ticket: Ticket) -> tuple[float | None, int | None]:
    """The mood the last contact ended on: the last customer message's tone reading, and its id."""
    row = db.execute(
        select(Message.id, MessageAnalysis.mood)
        .join(MessageAnalysis, MessageAnalysis.message_id == Message.id)
        .where(Message.ticket_id == ticket.id, Message.author_kind == AuthorKind.CUSTOMER)
        .order_by(Message.created_at.desc(), Message.id.desc())
        .limit(1)
    ).first()
    if row is None:
        return ticket.mood_current, None
    return float(row.mood), int(row.id)


def send_survey(
    db: Session, *, ticket: Ticket, actor: Actor, now: datetime, base_url: str
) -> tuple[Survey, str]:
    """Creates a survey for a just-resolved ticket and emails its link; returns it with the token."""
    # An older unanswered survey of this ticket dies: only the latest resolution is rated.
    db.execute(
        update(Survey)
        .where(Survey.ticket_id == ticket.id, Survey.answered_at.is_(None), Survey.expires_at > now)
        .values(expires_at=now)
    )
    token = secrets.new_token(SURVEY_PREFIX)
    mood, mood_message_id = mood_at_end(db, ticket)
    survey = Survey(
        ticket_id=ticket.id,
        token_hash=secrets.token_hash(token),
        sent_to=ticket.customer.email,
        created_at=now,
        expires_at=now + SURVEY_TTL,
        mood_at_end=mood,
        mood_message_id=mood_message_id,
        agent_id=ticket.assignee_id,
        reopened=False,
        alerted_staff_ids=[],
    )
    db.add(survey)
    db.flush()
    greeting = ticket.customer.name.split()[0] if ticket.customer.name.strip() else "there"
    text = (
        f"Hello {greeting},\n\n"
        f"We have marked your request {ticket.reference} ({ticket.subject}) as resolved.\n"
        "Would you tell us how we did? It takes one click and a line of comment if you like:\n\n"
        f"{survey_url(base_url, token)}\n\n"
        "The same page shows the whole conversation. The link works once and for "
        f"{SURVEY_TTL.days} days. If the problem is not solved, just say so there "
        "and we will pick it up again.\n"
    )
    enqueue_customer_email(
        db,
        ticket=ticket,
        subject=f"How did we do with {ticket.subject}?",
        text=text,
        topic="survey.invite",
        dedupe_key=f"survey.invite:{survey.id}",
        now=now,
    )
    audit_service.record(
        db,
        actor=actor,
        action="survey.sent",
        entity_type="ticket",
        entity_id=ticket.id,
        after={"survey_id": survey.id, "sent_to": survey.sent_to},
    )
    return survey, token


def survey_for_token(db: Session, *, token: str, now: datetime) -> Survey:
    """The survey a token opens; unknown → NotFound, answered or expired → SurveyLinkGone (410)."""
    survey = db.scalars(select(Survey).where(Survey.token_hash == secrets.token_hash(token))).one_or_none()
    if survey is None:
        raise NotFound("survey", _UNKNOWN)
    state = link_state(expires_at=survey.expires_at, answered_at=survey.answered_at, now=now)
    if state is LinkState.ANSWERED:
        raise SurveyLinkGone(
            "survey_answered", "This survey has already been answered; thank you. A link works once."
        )
    if state is LinkState.EXPIRED:
        raise SurveyLinkGone(
            "survey_expired", "This survey link has expired. If you still need help, please contact us again."
        )
    return survey


def _supervisors(db: Session, ticket: Ticket) -> list[int]:
    """Whom a poor rating alerts: the assignee's supervisor, else every active supervisor."""
    if ticket.assignee is not None and ticket.assignee.reports_to_id is not None:
        boss = db.get(Staff, ticket.assignee.reports_to_id)
        if boss is not None and boss.is_active:
            return [boss.id]
    query = (
        select(Staff.id).where(Staff.role == Role.SUPERVISOR, Staff.is_active.is_(True)).order_by(Staff.id)
    )
    return list(db.scalars(query))


def _alert(db: Session, *, survey: Survey, ticket: Ticket, now: datetime, base_url: str) -> list[int]:
    recipients = _supervisors(db, ticket)
    reopened = " and reopened" if survey.reopened else ""
    title = f"{ticket.reference} rated {survey.rating}/5 by the customer{reopened}"
    body = (
        f"{ticket.customer.name} rated {ticket.reference} ({ticket.subject}) {survey.rating} out of 5."
        f"\nTheir comment: {survey.comment or '(none)'}"
        f"\nAssigned to: {ticket.assignee.name if ticket.assignee else 'nobody'}"
    )
    notices = [
        notify_service.Notice(
            dedupe_key=f"survey.poor_rating:{survey.id}:{staff_id}",
            channel=Channel.IN_APP,
            topic="survey.poor_rating",
            payload={
                "title": title,
                "body": body,
                "url": f"{base_url.rstrip('/')}/tickets/{ticket.reference}",
                "data": {"ticket": ticket.reference, "survey_id": survey.id, "rating": survey.rating},
            },
            staff_id=staff_id,
            ticket_id=ticket.id,
        )
        for staff_id in recipients
    ]
    notify_service.enqueue(db, notices=notices, now=now)
    return recipients


def answer(
    db: Session, *, token: str, rating: int, comment: str | None, now: datetime, base_url: str
) -> Survey:
    """Records the customer's rating once; a poor one reopens the ticket and alerts the supervisor."""
    survey = survey_for_token(db, token=token, now=now)
    if not 1 <= rating <= 5:
        raise InvalidRequest("rating_out_of_range", "Choose a rating from 1 (poor) to 5 (excellent).")
    text = clean_text(comment or "").strip()[:MAX_COMMENT_CHARS] or None
    claimed = db.execute(
        update(Survey)
        .where(Survey.id == survey.id, Survey.answered_at.is_(None))
        .values(answered_at=now, rating=rating, comment=text)
        .execution_options(synchronize_session=False)
    )
    if getattr(claimed, "rowcount", 0) != 1:
        raise SurveyLinkGone(
            "survey_answered", "This survey has already been answered; thank you. A link works once."
        )
    db.refresh(survey)
    ticket = db.get(Ticket, survey.ticket_id)
    assert ticket is not None  # the survey's row cascades with its ticket
    customer = Actor(kind="customer", id=ticket.customer_id)
    if is_poor(rating):
        before = ticket.status
        if ticket.status == TicketStatus.RESOLVED:
            change_status(ticket, TicketStatus.OPEN)
            ticket.updated_at = now
            survey.reopened = True
            db.flush()
            sla_service.on_ticket_changed(db, ticket=ticket, now=now)
            audit_service.record(
                db,
                actor=customer,
                action="ticket.reopened_by_survey",
                entity_type="ticket",
                entity_id=ticket.id,
                before={"status": before},
                after={"status": ticket.status, "survey_id": survey.id, "rating": rating},
            )
        survey.alerted_staff_ids = _alert(db, survey=survey, ticket=ticket, now=now, base_url=base_url)
    audit_service.record(
        db,
        actor=customer,
        action="survey.answered",
        entity_type="ticket",
        entity_id=ticket.id,
        after={"survey_id": survey.id, "rating": rating, "reopened": survey.reopened},
    )
    db.flush()
    return survey


SURVEY_SORT = SortKey("-created_at", Survey.created_at, descending=True, is_datetime=True)


def get_all(
    db: Session, *, answered: bool | None, rating_max: int | None, cursor: str | None, limit: int
) -> tuple[list[Survey], str | None]:
    """Lists surveys newest first, optionally only answered ones or ratings up to ``rating_max``."""
    query = select(Survey)
    if answered is not None:
        query = query.where(Survey.answered_at.is_not(None) if answered else Survey.answered_at.is_(None))
    if rating_max is not None:
        query = query.where(Survey.rating <= rating_max)
    rows = db.scalars(paginate(query, sort=SURVEY_SORT, id_column=Survey.id, cursor=cursor, limit=limit))
    return split_page(list(rows), limit=limit, sort=SURVEY_SORT, key_of=lambda s: (s.created_at, s.id))
