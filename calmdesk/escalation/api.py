"""Escalation endpoints: the drafted brief, escalating, the history, acknowledging and the outcome."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Header, Query, Request
from fastapi.responses import JSONResponse

from calmdesk.api.deps import DbSession, SettingsDep, StaffContext, require
from calmdesk.api.http import created_response
from calmdesk.auth.permissions import Permission
from calmdesk.clock import utcnow
from calmdesk.escalation import briefing, directory
from calmdesk.escalation import service as escalation_service
from calmdesk.escalation.authority import next_rung
from calmdesk.escalation.brief import mood_label
from calmdesk.escalation.customer_notice import default_next_update, draft_notice
from calmdesk.escalation.schemas import (
    BriefDraftRead,
    EscalationCreate,
    EscalationDetail,
    EscalationRead,
    OutcomeIn,
    TeamMemberLoad,
)
from calmdesk.escalation.vocabulary import EscalationKind, EscalationReason, EscalationState, role_label
from calmdesk.idempotency import fingerprint, run_once
from calmdesk.staff.schemas import StaffRef, TeamRef
from calmdesk.tickets import service as ticket_service

router = APIRouter(tags=["escalations"])
Reader = Annotated[StaffContext, Depends(require(Permission.TICKETS_READ))]
Writer = Annotated[StaffContext, Depends(require(Permission.TICKETS_WRITE))]
IdempotencyKey = Annotated[
    str | None,
    Header(alias="Idempotency-Key", description="retry-safe key: a retry returns the first result"),
]


@router.get("/tickets/{reference}/brief", response_model=BriefDraftRead)
def draft_brief(
    reference: str, db: DbSession, staff: Reader, kind: EscalationKind = EscalationKind.HIERARCHICAL
) -> BriefDraftRead:
    """Drafts the handoff brief, the suggested team or rung, and the customer notice for this ticket."""
    ticket = ticket_service.get_by_reference_or_raise(db, reference=reference)
    now = utcnow()
    draft, contacts = briefing.draft(db, ticket=ticket)
    skill, because = briefing.suggest_skill(ticket, contacts)
    team = directory.team_for_skill(db, skill=skill) if skill else None
    members = directory.team_members(db, team_id=team.id) if team else []
    loads = directory.open_loads(db, staff_ids=[m.id for m in members])
    load_rows = sorted(
        (TeamMemberLoad(id=m.id, name=m.name, role=m.role, open_tickets=loads.get(m.id, 0)) for m in members),
        key=lambda row: (row.open_tickets, row.name),
    )
    rung = next_rung(directory.people(db), staff.staff_id)
    if kind is EscalationKind.FUNCTIONAL:
        receiver = f"our {team.name} team" if team else "[the team]"
    else:
        receiver = f"{rung.name}, our {role_label(rung.role)}" if rung else "[the receiver]"
    due = default_next_update(ticket.priority, now)
    latest = briefing.latest_customer(contacts)
    return BriefDraftRead(
        reference=ticket.reference,
        problem=draft.problem,
        impact=draft.impact,
        offers=[offer.to_dict() for offer in draft.offers],
        mood_at_start=draft.mood_at_start,
        mood_at_end=draft.mood_at_end,
        mood_at_start_label=mood_label(draft.mood_at_start),
        mood_at_end_label=mood_label(
            draft.mood_at_end,
            abusive=latest is not None and latest.report is not None and latest.report.is_abusive,
        ),
        interactions=[item.to_dict() for item in draft.interactions],
        sla_state=briefing.sla_state(db, ticket=ticket, now=now),
        suggested_problem_goals=list(draft.suggested_problem_goals),
        suggested_people_goals=list(draft.suggested_people_goals),
        suggested_skill=skill,
        suggested_skill_because=because,
        suggested_team=TeamRef.model_validate(team) if team else None,
        team_load=load_rows,
        next_rung=StaffRef(id=rung.id, name=rung.name, role=rung.role) if rung else None,
        notice_text=draft_notice(
            kind=kind,
            reason=EscalationReason.NEEDS_EXPERTISE
            if kind is EscalationKind.FUNCTIONAL
            else EscalationReason.BEYOND_AUTHORITY,
            customer_name=ticket.customer.name,
            reference=ticket.reference,
            receiver=receiver,
            next_update_at=due,
            customer_time_zone=ticket.customer.timezone,
        ),
        next_update_due_at=due,
    )


@router.get("/tickets/{reference}/escalations", response_model=list[EscalationRead])
def list_ticket_escalations(reference: str, db: DbSession, _staff: Reader) -> list[EscalationRead]:
    """The ticket's escalation history, oldest first."""
    ticket = ticket_service.get_by_reference_or_raise(db, reference=reference)
    return [EscalationRead.model_validate(e) for e in escalation_service.get_for_ticket(db, ticket=ticket)]


@router.post("/tickets/{reference}/escalations", response_model=EscalationRead, status_code=201)
def escalate(
    reference: str,
    escalation_in: EscalationCreate,
    request: Request,
    db: DbSession,
    staff: Writer,
    settings: SettingsDep,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Escalates across (functional) or up (hierarchical) with the brief; 422 when the brief is incomplete."""

    def perform() -> tuple[int, object]:
        ticket = ticket_service.get_by_reference_or_raise(db, reference=reference)
        escalation = escalation_service.escalate(
            db, ticket=ticket, escalation_in=escalation_in, actor=staff.actor, settings=settings, now=utcnow()
        )
        db.flush()
        return 201, EscalationRead.model_validate(escalation).model_dump(mode="json")

    result = run_once(
        db,
        principal=staff.actor.principal_key,
        key=idempotency_key,
        perform=perform,
        request_hash=fingerprint("POST", request.url.path, escalation_in.model_dump(mode="json")),
    )
    body = result.body if isinstance(result.body, dict) else {}
    return created_response(result, location=f"/api/v1/escalations/{body['id']}" if "id" in body else None)


@router.get("/escalations", response_model=list[EscalationRead])
def list_escalations(
    db: DbSession,
    staff: Reader,
    to: Annotated[Literal["me"] | None, Query(description="me: only those waiting for you")] = None,
    state: EscalationState | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> list[EscalationRead]:
    """Escalations across the desk, newest first (``to=me&state=awaiting_acknowledgement``: your queue)."""
    items = escalation_service.get_all(
        db, to_staff_id=staff.staff_id if to == "me" else None, state=state, limit=limit
    )
    return [EscalationRead.model_validate(e) for e in items]


@router.get("/escalations/{escalation_id}", response_model=EscalationDetail)
def read_escalation(escalation_id: int, db: DbSession, _staff: Reader) -> EscalationDetail:
    """One escalation with its brief and the receiver's call plan."""
    escalation = escalation_service.get_or_raise(db, escalation_id=escalation_id)
    ticket = ticket_service.get(db, ticket_id=escalation.ticket_id)
    assert ticket is not None
    plan = escalation_service.call_plan(db, escalation=escalation, ticket=ticket)
    read = EscalationRead.model_validate(escalation)
    return EscalationDetail(**read.model_dump(), call_plan=plan.to_dict())


@router.post("/escalations/{escalation_id}/acknowledge", response_model=EscalationRead)
def acknowledge(escalation_id: int, db: DbSession, staff: Writer, settings: SettingsDep) -> EscalationRead:
    """The receiver acknowledges the brief; anyone else gets 403."""
    escalation = escalation_service.get_or_raise(db, escalation_id=escalation_id, lock=True)
    escalation_service.acknowledge(
        db, escalation=escalation, actor=staff.actor, settings=settings, now=utcnow()
    )
    db.flush()
    result = EscalationRead.model_validate(escalation)
    db.commit()
    return result


@router.post("/escalations/{escalation_id}/outcome", response_model=EscalationRead)
def record_outcome(escalation_id: int, outcome_in: OutcomeIn, db: DbSession, staff: Writer) -> EscalationRead:
    """Records what came of the escalation."""
    escalation = escalation_service.get_or_raise(db, escalation_id=escalation_id, lock=True)
    escalation_service.record_outcome(
        db, escalation=escalation, outcome=outcome_in.outcome, actor=staff.actor, now=utcnow()
    )
    db.flush()
    result = EscalationRead.model_validate(escalation)
    db.commit()
    return result
