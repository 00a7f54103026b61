"""Admins edit the triage rules; staff read why a ticket was triaged the way it was."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response

from calmdesk.api.deps import DbSession, StaffContext, require
from calmdesk.api.http import check_if_match, commit_read, read_with_etag
from calmdesk.auth.permissions import Permission
from calmdesk.escalation import triage_service
from calmdesk.escalation.schemas import TriageDecisionRead, TriageRuleCreate, TriageRuleRead, TriageRuleUpdate
from calmdesk.tickets import service as ticket_service

router = APIRouter(tags=["triage"])
Admin = Annotated[StaffContext, Depends(require(Permission.CONFIG_MANAGE))]
Reader = Annotated[StaffContext, Depends(require(Permission.TICKETS_READ))]


@router.get("/triage/rules", response_model=list[TriageRuleRead])
def list_rules(db: DbSession, _staff: Admin) -> list[TriageRuleRead]:
    """Lists the triage rules in the order they apply."""
    return [TriageRuleRead.model_validate(rule) for rule in triage_service.get_rules(db)]


@router.post("/triage/rules", response_model=TriageRuleRead, status_code=201)
def create_rule(rule_in: TriageRuleCreate, db: DbSession, staff: Admin, response: Response) -> TriageRuleRead:
    """Adds a triage rule for new tickets."""
    rule = triage_service.create_rule(db, rule_in=rule_in, actor=staff.actor)
    return commit_read(db, response, TriageRuleRead, rule)


@router.get("/triage/rules/{rule_id}", response_model=TriageRuleRead)
def read_rule(rule_id: int, db: DbSession, _staff: Admin, response: Response) -> TriageRuleRead:
    """Returns one triage rule."""
    return read_with_etag(response, TriageRuleRead, triage_service.get_rule_or_raise(db, rule_id=rule_id))


@router.patch("/triage/rules/{rule_id}", response_model=TriageRuleRead)
def update_rule(
    rule_id: int, rule_in: TriageRuleUpdate, request: Request, db: DbSession, staff: Admin, response: Response
) -> TriageRuleRead:
    """Changes a triage rule; send If-Match with the ETag you read."""
    rule = triage_service.get_rule_or_raise(db, rule_id=rule_id)
    check_if_match(request, rule.version)
    triage_service.update_rule(db, rule=rule, rule_in=rule_in, actor=staff.actor)
    return commit_read(db, response, TriageRuleRead, rule)


@router.delete("/triage/rules/{rule_id}", status_code=204)
def delete_rule(rule_id: int, db: DbSession, staff: Admin) -> Response:
    """Removes a triage rule."""
    triage_service.delete_rule(
        db, rule=triage_service.get_rule_or_raise(db, rule_id=rule_id), actor=staff.actor
    )
    db.commit()
    return Response(status_code=204)


@router.get("/tickets/{reference}/triage", response_model=list[TriageDecisionRead])
def ticket_triage(reference: str, db: DbSession, _staff: Reader) -> list[TriageDecisionRead]:
    """What triage decided for the ticket, and why."""
    ticket = ticket_service.get_by_reference_or_raise(db, reference=reference)
    return [TriageDecisionRead.model_validate(d) for d in triage_service.decisions_for(db, ticket=ticket)]
