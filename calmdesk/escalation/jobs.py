"""The worker's escalation job: an escalation nobody acknowledged in time is passed one rung up, once.

Due escalations are claimed like SLA checks (``FOR UPDATE SKIP LOCKED`` on PostgreSQL;
SQLite's ``IMMEDIATE`` transaction is already exclusive). Claiming clears the due time
and the new escalation's ``re_escalated_from_id`` is unique, so a second worker, a
retried batch or a worker killed mid-step can never pass the same escalation up twice.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from calmdesk.audit import service as audit_service
from calmdesk.auth.principal import SYSTEM
from calmdesk.config import Settings
from calmdesk.db import Database
from calmdesk.escalation.authority import Person, next_rung
from calmdesk.escalation.directory import people, team_members
from calmdesk.escalation.models import Escalation
from calmdesk.escalation.service import AUDITED, notify_receivers
from calmdesk.escalation.vocabulary import EscalationOrigin, EscalationState
from calmdesk.staff.roles import Role
from calmdesk.tickets.models import Ticket

log = logging.getLogger("calmdesk.escalation")
BATCH = 100


def claim_due(db: Session, *, now: datetime, limit: int = BATCH) -> list[Escalation]:
    """Locks and returns escalations still waiting past their acknowledgement time, most overdue first."""
    query = (
        select(Escalation)
        .where(Escalation.ack_due_at <= now, Escalation.state == EscalationState.AWAITING.value)
        .order_by(Escalation.ack_due_at, Escalation.id)
        .limit(limit)
    )
    if db.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True, of=Escalation)
    return list(db.scalars(query.execution_options(populate_existing=True)).unique())


def _above(db: Session, directory: dict[int, Person], escalation: Escalation) -> Person | None:
    if escalation.to_staff_id is not None:
        return next_rung(directory, escalation.to_staff_id)
    assert escalation.to_team_id is not None
    leads = team_members(db, team_id=escalation.to_team_id, roles=(Role.SUPERVISOR,))
    if leads:
        return directory.get(leads[0].id)
    return next_rung(directory, escalation.from_staff_id) if escalation.from_staff_id is not None else None


def re_escalate(
    db: Session,
    *,
    escalation: Escalation,
    settings: Settings,
    now: datetime,
    chain: dict[int, Person] | None = None,
) -> Escalation | None:
    """Passes a claimed, unacknowledged escalation one rung up; None when nobody is above.

    ``chain`` is the staff directory, read once per batch by :func:`sweep`.
    """
    ticket = db.get(Ticket, escalation.ticket_id)
    assert ticket is not None
    escalation.ack_due_at = None  # claimed: this escalation is never looked at again
    waited_for = (
        escalation.to_staff.name
        if escalation.to_staff
        else (escalation.to_team.name if escalation.to_team else "the receiver")
    )
    receiver = _above(db, chain if chain is not None else people(db), escalation)
    if receiver is None:
        audit_service.record(
            db,
            actor=SYSTEM,
            action="escalation.unacknowledged_at_top",
            entity_type="ticket",
            entity_id=ticket.id,
            after={"escalation_id": escalation.id},
        )
        return None
    child = Escalation(
        ticket_id=ticket.id,
        kind=escalation.kind,
        origin=EscalationOrigin.RE_ESCALATION.value,
        state=EscalationState.AWAITING.value,
        reason_code=escalation.reason_code,
        reason=f"{waited_for} did not acknowledge it in time",
        from_staff_id=escalation.from_staff_id,
        to_staff_id=receiver.id,
        takes_ticket=escalation.takes_ticket,
        re_escalated_from_id=escalation.id,
        problem=escalation.problem,
        impact=escalation.impact,
        offers=escalation.offers,
        mood_at_start=escalation.mood_at_start,
        mood_at_end=escalation.mood_at_end,
        problem_goals=escalation.problem_goals,
        people_goals=escalation.people_goals,
        interactions=escalation.interactions,
        sla_state=escalation.sla_state,
        ack_due_at=now + timedelta(minutes=settings.escalation_ack_minutes),
        next_update_due_at=escalation.next_update_due_at,
    )
    try:
        with db.begin_nested():
            db.add(child)
    except IntegrityError:
        log.info("escalation %d was already passed up", escalation.id)
        return None
    escalation.state = EscalationState.RE_ESCALATED.value
    db.flush()
    audit_service.record(
        db,
        actor=SYSTEM,
        action="escalation.re_escalated",
        entity_type="ticket",
        entity_id=ticket.id,
        before={"escalation_id": escalation.id, "to_staff_id": escalation.to_staff_id},
        after={"escalation_id": child.id, **audit_service.snapshot(child, AUDITED)},
    )
    notify_receivers(db, escalation=child, ticket=ticket, settings=settings, now=now)
    return child


def sweep(database: Database, *, settings: Settings, now: datetime) -> int:
    """Passes up every escalation still unacknowledged past its time; returns how many were passed up."""
    passed = 0
    while True:
        with database.unit_of_work() as db:
            due = claim_due(db, now=now)
            chain = people(db) if due else {}
            passed += sum(
                1 for e in due if re_escalate(db, escalation=e, settings=settings, now=now, chain=chain)
            )
        if len(due) < BATCH:
            return passed
