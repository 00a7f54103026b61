"""Escalating a ticket with its brief, acknowledging it, recording the outcome. Callers commit."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from calmdesk.audit import service as audit_service
from calmdesk.auth.principal import Actor
from calmdesk.clock import ensure_utc
from calmdesk.config import Settings
from calmdesk.errors import Conflict, Forbidden, InvalidRequest, NotFound
from calmdesk.escalation import alerts, briefing
from calmdesk.escalation.authority import Person, Refusal, next_rung, receiver_refusal
from calmdesk.escalation.brief import BriefDraft, Contact, clean_lines, missing_parts, mood_label
from calmdesk.escalation.call_plan import CallBrief, CallPlan, plan_call
from calmdesk.escalation.customer_notice import default_next_update, draft_notice
from calmdesk.escalation.directory import people, team_for_skill, team_members
from calmdesk.escalation.models import Escalation
from calmdesk.escalation.schemas import EscalationCreate
from calmdesk.escalation.vocabulary import EscalationKind, EscalationOrigin, EscalationState, role_label
from calmdesk.notify import service as notify_service
from calmdesk.staff.models import Staff, Team
from calmdesk.staff.roles import Role
from calmdesk.tickets import conversation
from calmdesk.tickets import service as ticket_service
from calmdesk.tickets.lifecycle import TicketStatus
from calmdesk.tickets.models import MessageKind, Ticket
from calmdesk.tickets.schemas import MessageCreate, TicketUpdate

AUDITED = ("kind", "origin", "state", "reason_code", "to_staff_id", "to_team_id", "takes_ticket")


def get_or_raise(db: Session, *, escalation_id: int, lock: bool = False) -> Escalation:
    """Returns the escalation with this id (locked for the transaction when asked), or raises NotFound."""
    query = select(Escalation).where(Escalation.id == escalation_id)
    if lock:
        query = query.with_for_update(of=Escalation).execution_options(populate_existing=True)
    escalation = db.scalars(query).unique().one_or_none()
    if escalation is None:
        raise NotFound("escalation", escalation_id)
    return escalation


def get_for_ticket(db: Session, *, ticket: Ticket) -> list[Escalation]:
    """The ticket's escalation history, oldest first."""
    query = select(Escalation).where(Escalation.ticket_id == ticket.id).order_by(Escalation.id)
    return list(db.scalars(query).unique())


def get_all(db: Session, *, to_staff_id: int | None, state: str | None, limit: int) -> list[Escalation]:
    """Escalations across the desk, newest first, optionally for one receiver and in one state."""
    query = select(Escalation).order_by(Escalation.id.desc()).limit(limit)
    if to_staff_id is not None:
        query = query.where(Escalation.to_staff_id == to_staff_id)
    if state is not None:
        query = query.where(Escalation.state == state)
    return list(db.scalars(query).unique())


def _refuse(refusal: Refusal) -> None:
    error = InvalidRequest if refusal.status == 422 else Forbidden
    raise error(refusal.code, refusal.message)


def _hierarchical_receiver(
    directory: dict[int, Person], escalator: Person, escalation_in: EscalationCreate
) -> Person:
    if escalation_in.to_staff_id is not None:
        receiver = directory.get(escalation_in.to_staff_id)
        if receiver is None:
            raise InvalidRequest("staff_member_not_found", f"no staff member {escalation_in.to_staff_id}")
    elif escalation_in.to_role is not None:
        wanted = escalation_in.to_role.value
        receiver = _up_the_line(directory, escalator, wanted) or next(
            (p for p in sorted(directory.values(), key=lambda p: p.name) if p.role == wanted and p.is_active),
            None,
        )
        if receiver is None:
            raise InvalidRequest("no_receiver", f"nobody on the desk is a {wanted.replace('_', ' ')}")
    else:
        receiver = next_rung(directory, escalator.id)
        if receiver is None:
            raise InvalidRequest(
                "no_receiver", "nobody is above you in the reporting chain; name the receiver (to_staff_id)"
            )
    refusal = receiver_refusal(escalator, receiver)
    if refusal is not None:
        _refuse(refusal)
    return receiver


def _up_the_line(directory: dict[int, Person], start: Person, role: str) -> Person | None:
    current: Person | None = start
    for _ in range(12):
        if current is None or current.reports_to_id is None:
            return None
        current = directory.get(current.reports_to_id)
        if current is not None and current.role == role and current.is_active:
            return current
    return None


def _functional_receiver(
    db: Session, ticket: Ticket, escalation_in: EscalationCreate, contacts: list[Contact]
) -> tuple[Team, Staff | None]:
    if escalation_in.to_team_id is not None:
        team = db.get(Team, escalation_in.to_team_id)
        if team is None:
            raise InvalidRequest("team_not_found", f"no team {escalation_in.to_team_id}")
    else:
        skill = escalation_in.skill
        if skill is None:
            skill, _because = briefing.suggest_skill(ticket, contacts)
        team = team_for_skill(db, skill=skill) if skill else None
        if team is None:
            raise InvalidRequest(
                "no_team_for_skill",
                f"no team covers the skill {skill!r}; choose a team (to_team_id)"
                if skill
                else "choose the team (to_team_id) or the skill (skill) to escalate to",
            )
    person = None
    if escalation_in.to_staff_id is not None:
        person = db.get(Staff, escalation_in.to_staff_id)
        if person is None or not person.is_active or team not in person.teams:
            raise InvalidRequest(
                "not_in_team",
                f"staff member {escalation_in.to_staff_id} is not an active member of {team.name}",
            )
    return team, person


def _describe_receiver(kind: EscalationKind, staff: Staff | None, team: Team | None) -> str:
    if kind is EscalationKind.FUNCTIONAL and team is not None:
        return f"our {team.name} team" + (f" ({staff.name})" if staff else "")
    assert staff is not None
    return f"{staff.name}, our {role_label(staff.role)}"


def escalate(
    db: Session,
    *,
    ticket: Ticket,
    escalation_in: EscalationCreate,
    actor: Actor,
    settings: Settings,
    now: datetime,
) -> Escalation:
    """Hands the ticket across or up with a complete brief; tells the customer when asked."""
    if ticket.status == TicketStatus.CLOSED:
        raise Conflict("ticket_closed", f"{ticket.reference} is closed; open a new ticket instead")
    directory = people(db)
    escalator = directory.get(actor.id) if actor.id is not None else None
    if escalator is None:
        raise Forbidden("forbidden", "only a staff member can escalate a ticket")
    draft, contacts = briefing.draft(db, ticket=ticket, until=now)
    problem = escalation_in.problem if escalation_in.problem is not None else draft.problem
    impact = escalation_in.impact if escalation_in.impact is not None else draft.impact
    problem_goals, people_goals = (
        clean_lines(escalation_in.problem_goals),
        clean_lines(escalation_in.people_goals),
    )
    missing = missing_parts(
        problem=problem, impact=impact, problem_goals=problem_goals, people_goals=people_goals
    )
    if missing:
        raise InvalidRequest(
            "brief_incomplete",
            "the handoff brief is not complete: " + "; ".join(f"{k}: {v}" for k, v in missing.items()),
            details=[{"field": field, "message": message} for field, message in missing.items()],
        )
    team: Team | None = None
    receiver: Staff | None = None
    if escalation_in.kind is EscalationKind.FUNCTIONAL:
        team, receiver = _functional_receiver(db, ticket, escalation_in, contacts)
    else:
        receiver = db.get(Staff, _hierarchical_receiver(directory, escalator, escalation_in).id)
    assert receiver is not None or team is not None
    takes = escalation_in.take_over
    if takes is None:
        takes = not (receiver is not None and receiver.role == Role.HR_MANAGER)
    minutes = escalation_in.acknowledge_within_minutes or settings.escalation_ack_minutes
    escalation = Escalation(
        ticket_id=ticket.id,
        kind=escalation_in.kind.value,
        origin=EscalationOrigin.AGENT.value,
        state=EscalationState.AWAITING.value,
        reason_code=escalation_in.reason_code.value,
        reason=escalation_in.reason,
        from_staff_id=escalator.id,
        to_staff_id=receiver.id if receiver else None,
        to_team_id=team.id if team else None,
        takes_ticket=takes,
        ack_due_at=now + timedelta(minutes=minutes),
        **brief_columns(draft, problem=problem, impact=impact),
        problem_goals=problem_goals,
        people_goals=people_goals,
        sla_state=briefing.sla_state(db, ticket=ticket, now=now),
    )
    db.add(escalation)
    db.flush()
    _route(db, ticket=ticket, escalation=escalation, team=team, receiver=receiver, actor=actor)
    if escalation_in.notify_customer:
        _send_notice(db, ticket, escalation, escalation_in, receiver, team, escalator, actor, now)
    elif escalation_in.next_update_due_at is not None:
        escalation.next_update_due_at = _future(escalation_in.next_update_due_at, now)
    db.flush()
    audit_service.record(
        db,
        actor=actor,
        action="escalation.created",
        entity_type="ticket",
        entity_id=ticket.id,
        after={"escalation_id": escalation.id, **audit_service.snapshot(escalation, AUDITED)},
    )
    notify_receivers(db, escalation=escalation, ticket=ticket, settings=settings, now=now)
    return escalation


def brief_columns(draft: BriefDraft, *, problem: str, impact: str) -> dict[str, Any]:
    """The escalation's brief columns: the agent's problem and impact, the rest as drafted."""
    return {
        "problem": problem.strip(),
        "impact": impact.strip(),
        "offers": [offer.to_dict() for offer in draft.offers],
        "mood_at_start": draft.mood_at_start,
        "mood_at_end": draft.mood_at_end,
        "interactions": [item.to_dict() for item in draft.interactions],
    }


def _future(moment: datetime, now: datetime) -> datetime:
    try:
        moment = ensure_utc(moment)
    except ValueError:
        raise InvalidRequest("naive_datetime", "give next_update_due_at with a time zone") from None
    if moment <= now:
        raise InvalidRequest(
            "next_update_in_past", "the next update must be promised for a time still to come"
        )
    return moment


def _route(
    db: Session,
    *,
    ticket: Ticket,
    escalation: Escalation,
    team: Team | None,
    receiver: Staff | None,
    actor: Actor,
) -> None:
    """Moves the ticket to the receiving team or person when they take it over."""
    if not escalation.takes_ticket:
        return
    changes: dict[str, Any] = {}
    if team is not None and ticket.team_id != team.id:
        changes["team_id"] = team.id
    wanted = receiver.id if receiver is not None else None
    if ticket.assignee_id != wanted:
        changes["assignee_id"] = wanted
    if changes:
        ticket_service.update(db, ticket=ticket, ticket_in=TicketUpdate(**changes), actor=actor)


def _send_notice(
    db: Session,
    ticket: Ticket,
    escalation: Escalation,
    escalation_in: EscalationCreate,
    receiver: Staff | None,
    team: Team | None,
    escalator: Person,
    actor: Actor,
    now: datetime,
) -> None:
    due = (
        _future(escalation_in.next_update_due_at, now)
        if escalation_in.next_update_due_at is not None
        else default_next_update(ticket.priority, now)
    )
    text = escalation_in.notice_text or draft_notice(
        kind=escalation_in.kind,
        reason=escalation_in.reason_code,
        customer_name=ticket.customer.name,
        reference=ticket.reference,
        receiver=_describe_receiver(escalation_in.kind, receiver, team),
        next_update_at=due,
        customer_time_zone=ticket.customer.timezone,
        signed=escalator.name,
    )
    message = conversation.add_staff_entry(
        db, ticket=ticket, message_in=MessageCreate(kind=MessageKind.REPLY, body=text), actor=actor
    )
    escalation.notice_message_id = message.id
    escalation.next_update_due_at = due


def notify_receivers(
    db: Session, *, escalation: Escalation, ticket: Ticket, settings: Settings, now: datetime
) -> int:
    """Tells the receiver (or the receiving team) that an escalation waits for them."""
    if escalation.to_staff_id is not None:
        recipients = [escalation.to_staff_id]
    else:
        assert escalation.to_team_id is not None
        roles = (Role.AGENT, Role.SUPERVISOR, Role.MANAGER)
        recipients = [s.id for s in team_members(db, team_id=escalation.to_team_id, roles=roles)]
    passed_up = escalation.origin == EscalationOrigin.RE_ESCALATION
    title = (
        f"Escalation not acknowledged, passed to you: {ticket.reference}"
        if passed_up
        else f"Escalated to you: {ticket.reference} ({escalation.kind})"
    )
    queued = alerts.notices(
        key=f"escalation:{escalation.id}:created",
        topic="escalation.created",
        title=title,
        body=f"Problem: {escalation.problem}\nPlease read the brief and acknowledge it.",
        ticket=ticket,
        recipients=recipients,
        settings=settings,
        data={"escalation_id": escalation.id},
    )
    return notify_service.enqueue(db, notices=queued, now=now)


def may_acknowledge(db: Session, *, escalation: Escalation, staff_id: int) -> bool:
    """True when ``staff_id`` is the receiver (or, for a team escalation, an active member of the team)."""
    if escalation.to_staff_id is not None:
        return escalation.to_staff_id == staff_id
    assert escalation.to_team_id is not None
    roles = (Role.AGENT, Role.SUPERVISOR, Role.MANAGER)
    return staff_id in {s.id for s in team_members(db, team_id=escalation.to_team_id, roles=roles)}


def acknowledge(
    db: Session, *, escalation: Escalation, actor: Actor, settings: Settings, now: datetime
) -> Escalation:
    """The receiver confirms they have read the brief and taken the case in hand; the climb stops."""
    if actor.id is None or not may_acknowledge(db, escalation=escalation, staff_id=actor.id):
        who = (
            escalation.to_staff.name
            if escalation.to_staff
            else f"a member of {escalation.to_team.name if escalation.to_team else 'the team'}"
        )
        raise Forbidden(
            "not_the_receiver",
            f"this escalation waits for {who} to acknowledge it; nobody can acknowledge on their behalf",
        )
    if escalation.state != EscalationState.AWAITING:
        raise Conflict(
            f"already_{escalation.state}",
            f"this escalation is already {escalation.state.replace('_', ' ')}; nothing to acknowledge",
        )
    escalation.state = EscalationState.ACKNOWLEDGED.value
    escalation.acknowledged_at = now
    escalation.acknowledged_by = db.get(Staff, actor.id)
    escalation.ack_due_at = None
    ticket = ticket_service.get(db, ticket_id=escalation.ticket_id)
    assert ticket is not None
    if escalation.takes_ticket and ticket.assignee_id != actor.id and ticket.status != TicketStatus.CLOSED:
        ticket_service.update(db, ticket=ticket, ticket_in=TicketUpdate(assignee_id=actor.id), actor=actor)
    db.flush()
    audit_service.record(
        db,
        actor=actor,
        action="escalation.acknowledged",
        entity_type="ticket",
        entity_id=escalation.ticket_id,
        before={"escalation_id": escalation.id, "state": EscalationState.AWAITING.value},
        after={"escalation_id": escalation.id, "state": escalation.state, "acknowledged_by": actor.id},
    )
    if escalation.from_staff_id is not None:
        queued = alerts.notices(
            key=f"escalation:{escalation.id}:acknowledged",
            topic="escalation.acknowledged",
            title=f"Escalation acknowledged: {ticket.reference}",
            body="The receiver has read your brief and taken the case in hand.",
            ticket=ticket,
            recipients=[escalation.from_staff_id],
            settings=settings,
            data={"escalation_id": escalation.id},
        )
        notify_service.enqueue(db, notices=queued, now=now)
    return escalation


def record_outcome(
    db: Session, *, escalation: Escalation, outcome: str, actor: Actor, now: datetime
) -> Escalation:
    """Records what came of the escalation (its receiver, once acknowledged)."""
    if escalation.state != EscalationState.ACKNOWLEDGED:
        raise Conflict("not_acknowledged", "record the outcome once the escalation has been acknowledged")
    if actor.id not in (escalation.acknowledged_by_id, escalation.to_staff_id):
        raise Forbidden("not_the_receiver", "the outcome is recorded by whoever took the escalation in hand")
    before = escalation.outcome
    escalation.outcome = outcome.strip()
    escalation.outcome_at = now
    db.flush()
    audit_service.record(
        db,
        actor=actor,
        action="escalation.outcome_recorded",
        entity_type="ticket",
        entity_id=escalation.ticket_id,
        before={"escalation_id": escalation.id, "outcome": before},
        after={"escalation_id": escalation.id, "outcome": escalation.outcome},
    )
    return escalation


def call_plan(db: Session, *, escalation: Escalation, ticket: Ticket) -> CallPlan:
    """The receiver's call plan, filled from the brief and the coach's wording for the latest message."""
    contacts = briefing.contacts_of(db, ticket=ticket, until=escalation.created_at)
    latest = briefing.latest_customer(contacts)
    receiver = escalation.to_staff
    abusive = any(c.report is not None and c.report.is_abusive for c in contacts)
    brief = CallBrief(
        customer_name=ticket.customer.name,
        receiver_name=receiver.name if receiver else "[your full name]",
        receiver_role=role_label(receiver.role) if receiver else "[your role]",
        issue_title=ticket.subject,
        problem_goals=tuple(escalation.problem_goals),
        people_goals=tuple(escalation.people_goals),
        offers=tuple(str(o.get("label", o.get("kind"))) for o in escalation.offers),
        mood_at_start=mood_label(escalation.mood_at_start),
        mood_at_end=mood_label(
            escalation.mood_at_end,
            abusive=latest is not None and latest.report is not None and latest.report.is_abusive,
        ),
        abusive=abusive,
        next_update=escalation.next_update_due_at.strftime("%d %b %Y, %H:%M UTC")
        if escalation.next_update_due_at
        else None,
    )
    return plan_call(brief, briefing.coach_suggestions(contacts))
