"""The abusive-contact path on the desk: offering the boundary statement, then the supervisor takeover.

``tickets.conversation.append`` calls :func:`on_customer_message` for every customer
message; only an abusive one costs anything (a read of the ticket's conversation).
Each offer is recorded in the audit log and sent to the people concerned at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from calmdesk import analysis
from calmdesk.analysis import MessageReport
from calmdesk.audit import service as audit_service
from calmdesk.auth.principal import SYSTEM
from calmdesk.clock import utcnow
from calmdesk.config import get_settings
from calmdesk.escalation import alerts
from calmdesk.escalation.abuse import AbusePath, AbuseStage, Turn, abuse_path
from calmdesk.escalation.authority import Person, next_rung
from calmdesk.escalation.briefing import report_of
from calmdesk.escalation.directory import people
from calmdesk.escalation.models import Escalation
from calmdesk.escalation.vocabulary import EscalationOrigin
from calmdesk.notify import service as notify_service
from calmdesk.tickets.models import AuthorKind, Message, MessageKind, Ticket

THREAD_LIMIT = 500


@dataclass(frozen=True)
class AbuseState:
    """The ticket's path, and the reading of the latest abusive message (for the boundary wording)."""

    path: AbusePath
    report: MessageReport | None
    text: str


def _sets_boundary(text: str, report: MessageReport) -> bool:
    """True when the reply coach finds the boundary a reply to this abusive message needs."""
    coached = analysis.coach_reply(text, customer_report=report)
    return all(finding.rule_id != "missing_boundary" for finding in coached.missing)


def state_of(db: Session, *, ticket: Ticket) -> AbuseState:
    """Walks the ticket's public conversation through the abusive-contact path."""
    query = (
        select(Message)
        .where(Message.ticket_id == ticket.id, Message.is_internal.is_(False))
        .order_by(Message.created_at, Message.id)
        .limit(THREAD_LIMIT)
    )
    turns: list[Turn] = []
    latest: MessageReport | None = None
    latest_text = ""
    for message in db.scalars(query).unique():
        if message.author_kind == AuthorKind.CUSTOMER:
            abusive = message.analysis is not None and message.analysis.is_abusive
            if abusive:
                assert message.analysis is not None
                latest, latest_text = report_of(message.analysis), message.body_text
            turns.append(Turn(message.id, "customer", is_abusive=abusive))
        elif message.kind in (MessageKind.REPLY, MessageKind.CALL):
            sets = latest is not None and _sets_boundary(message.body_text, latest)
            turns.append(Turn(message.id, "agent", sets_boundary=sets))
    taken = db.scalar(
        select(
            exists().where(
                Escalation.ticket_id == ticket.id, Escalation.origin == EscalationOrigin.ABUSE_TAKEOVER.value
            )
        )
    )
    return AbuseState(abuse_path(turns, taken_over=bool(taken)), latest, latest_text)


def boundary_statement(state: AbuseState) -> str | None:
    """The boundary statement the coach offers for the latest abusive message."""
    if state.report is None:
        return None
    turns = [analysis.Turn(author="customer", text=state.text)]
    offered = analysis.coach_reply(" ", conversation=turns, customer_report=state.report).suggestions
    return next((s.text for s in offered if s.kind == "boundary"), None)


def takeover_receiver(db: Session, *, ticket: Ticket, actor_id: int | None) -> Person | None:
    """Who takes an abusive contact over: the acting supervisor, else the next rung above the assignee."""
    directory = people(db)
    actor = directory.get(actor_id) if actor_id is not None else None
    if actor is not None and actor.rank >= 2 and actor.id != ticket.assignee_id:
        return actor
    start = ticket.assignee_id or actor_id
    return next_rung(directory, start) if start is not None else None


def on_customer_message(db: Session, *, ticket: Ticket, message: Message) -> None:
    """Offers the boundary on an abusive message, and the takeover on abuse after a boundary."""
    if message.analysis is None or not message.analysis.is_abusive:
        return
    db.flush()
    state = state_of(db, ticket=ticket)
    path = state.path
    settings = get_settings()
    if path.stage is AbuseStage.BOUNDARY_OFFERED:
        statement = boundary_statement(state) or ""
        action, topic = "abuse.boundary_offered", "abuse.boundary_offered"
        title = f"Abusive message on {ticket.reference}: set a boundary"
        body = f"Suggested boundary statement:\n{statement}"
        recipients = [ticket.assignee_id] if ticket.assignee_id is not None else []
        after: dict[str, object] = {"message_id": message.id, "boundary_statement": statement}
    elif path.stage is AbuseStage.TAKEOVER_OFFERED and path.takeover_message_id == message.id:
        receiver = takeover_receiver(db, ticket=ticket, actor_id=None)
        action, topic = "abuse.takeover_offered", "abuse.takeover_offered"
        title = f"Abuse continues after a boundary on {ticket.reference}: supervisor takeover offered"
        body = "The customer wrote abusively again after the boundary was set. A supervisor can take it over."
        recipients = [i for i in (ticket.assignee_id, receiver.id if receiver else None) if i is not None]
        after = {"message_id": message.id, "offered_to": receiver.id if receiver else None}
    else:
        return
    audit_service.record(
        db, actor=SYSTEM, action=action, entity_type="ticket", entity_id=ticket.id, after=after
    )
    queued = alerts.notices(
        key=f"{topic}:{ticket.id}:{message.id}",
        topic=topic,
        title=title,
        body=body,
        ticket=ticket,
        recipients=recipients,
        settings=settings,
    )
    notify_service.enqueue(db, notices=queued, now=utcnow())
