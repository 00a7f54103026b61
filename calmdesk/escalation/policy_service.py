"""Policy exceptions: asking to go beyond policy, and a higher rank granting or declining it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from calmdesk.audit import service as audit_service
from calmdesk.auth.principal import Actor
from calmdesk.errors import Conflict, Forbidden, InvalidRequest, NotFound
from calmdesk.escalation.authority import approval_refusal
from calmdesk.escalation.directory import people
from calmdesk.escalation.models import Escalation, PolicyException
from calmdesk.escalation.schemas import ExceptionCreate
from calmdesk.escalation.vocabulary import ExceptionState
from calmdesk.money import Money, MoneyError, render
from calmdesk.staff.models import Staff
from calmdesk.tickets.models import Ticket

AUDITED = ("kind", "amount", "currency", "state", "requested_by_id", "decided_by_id")


def _amount_text(exception: PolicyException) -> str | None:
    if exception.amount is None:
        return None
    return render(Money.of(exception.amount, exception.currency))


def request(db: Session, *, ticket: Ticket, exception_in: ExceptionCreate, actor: Actor) -> PolicyException:
    """Records a request for a policy exception on the ticket."""
    if exception_in.amount is not None:
        try:
            Money.of(exception_in.amount, exception_in.currency)
        except MoneyError as error:
            raise InvalidRequest("invalid_amount", str(error)) from None
    if exception_in.escalation_id is not None:
        escalation = db.get(Escalation, exception_in.escalation_id)
        if escalation is None or escalation.ticket_id != ticket.id:
            raise InvalidRequest(
                "escalation_not_found", f"no escalation {exception_in.escalation_id} on {ticket.reference}"
            )
    exception = PolicyException(
        ticket_id=ticket.id,
        escalation_id=exception_in.escalation_id,
        kind=exception_in.kind.value,
        amount=exception_in.amount,
        currency=exception_in.currency,
        justification=exception_in.justification,
        state=ExceptionState.REQUESTED.value,
        requested_by=db.get(Staff, actor.id) if actor.id is not None else None,
    )
    db.add(exception)
    db.flush()
    audit_service.record(
        db,
        actor=actor,
        action="policy_exception.requested",
        entity_type="ticket",
        entity_id=ticket.id,
        after={"exception_id": exception.id, **audit_service.snapshot(exception, AUDITED)},
    )
    return exception


def get_or_raise(db: Session, *, exception_id: int) -> PolicyException:
    """Returns the exception, locked for this transaction, or raises NotFound."""
    query = (
        select(PolicyException)
        .where(PolicyException.id == exception_id)
        .with_for_update(of=PolicyException)
        .execution_options(populate_existing=True)
    )
    exception = db.scalars(query).unique().one_or_none()
    if exception is None:
        raise NotFound("policy_exception", exception_id)
    return exception


def get_for_ticket(db: Session, *, ticket: Ticket) -> list[PolicyException]:
    """The ticket's policy exceptions, oldest first."""
    query = select(PolicyException).where(PolicyException.ticket_id == ticket.id).order_by(PolicyException.id)
    return list(db.scalars(query).unique())


def decide(
    db: Session, *, exception: PolicyException, approve: bool, note: str, actor: Actor, now: datetime
) -> PolicyException:
    """Grants or declines the exception; never by the person who asked, always by a higher rank."""
    directory = people(db)
    approver = directory.get(actor.id) if actor.id is not None else None
    if approver is None:
        raise Forbidden("forbidden", "only a staff member can decide a policy exception")
    requester = directory.get(exception.requested_by_id) if exception.requested_by_id is not None else None
    refusal = approval_refusal(approver, requester)
    if refusal is not None:
        raise Forbidden(refusal.code, refusal.message)
    if exception.state != ExceptionState.REQUESTED:
        raise Conflict("already_decided", f"this exception was already {exception.state}")
    exception.state = (ExceptionState.APPROVED if approve else ExceptionState.DECLINED).value
    exception.decided_by = db.get(Staff, approver.id)
    exception.decided_at = now
    exception.decision_note = note.strip() or None
    db.flush()
    audit_service.record(
        db,
        actor=actor,
        action=f"policy_exception.{exception.state}",
        entity_type="ticket",
        entity_id=exception.ticket_id,
        before={"exception_id": exception.id, "state": ExceptionState.REQUESTED.value},
        after={
            "exception_id": exception.id,
            "state": exception.state,
            "amount": _amount_text(exception),
            "decided_by": approver.id,
            "note": exception.decision_note,
        },
    )
    return exception
