"""Admins configure business calendars, SLA policies and escalation chains."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response

from calmdesk.api.deps import DbSession, StaffContext, require
from calmdesk.api.http import check_if_match, commit_read, read_with_etag
from calmdesk.auth.permissions import Permission
from calmdesk.sla import config_service
from calmdesk.sla.schemas import (
    CalendarCreate,
    CalendarRead,
    CalendarUpdate,
    ChainCreate,
    ChainRead,
    ChainUpdate,
    PolicyCreate,
    PolicyRead,
    PolicyUpdate,
)

router = APIRouter(prefix="/sla", tags=["sla configuration"])
Admin = Annotated[StaffContext, Depends(require(Permission.CONFIG_MANAGE))]


@router.get("/calendars", response_model=list[CalendarRead])
def list_calendars(db: DbSession, _staff: Admin) -> list[CalendarRead]:
    """Lists business calendars."""
    return [CalendarRead.model_validate(c) for c in config_service.get_calendars(db)]


@router.post("/calendars", response_model=CalendarRead, status_code=201)
def create_calendar(
    calendar_in: CalendarCreate, db: DbSession, staff: Admin, response: Response
) -> CalendarRead:
    """Creates a business calendar (time zone, weekly windows, holidays, exceptions)."""
    calendar = config_service.create_calendar(db, calendar_in=calendar_in, actor=staff.actor)
    return commit_read(db, response, CalendarRead, calendar)


@router.get("/calendars/{calendar_id}", response_model=CalendarRead)
def read_calendar(calendar_id: int, db: DbSession, _staff: Admin, response: Response) -> CalendarRead:
    """Returns one calendar."""
    calendar = config_service.get_calendar_or_raise(db, calendar_id=calendar_id)
    return read_with_etag(response, CalendarRead, calendar)


@router.patch("/calendars/{calendar_id}", response_model=CalendarRead)
def update_calendar(
    calendar_id: int,
    calendar_in: CalendarUpdate,
    request: Request,
    db: DbSession,
    staff: Admin,
    response: Response,
) -> CalendarRead:
    """Changes a calendar; send If-Match with the ETag you read."""
    calendar = config_service.get_calendar_or_raise(db, calendar_id=calendar_id)
    check_if_match(request, calendar.version)
    config_service.update_calendar(db, calendar=calendar, calendar_in=calendar_in, actor=staff.actor)
    return commit_read(db, response, CalendarRead, calendar)


@router.delete("/calendars/{calendar_id}", status_code=204)
def delete_calendar(calendar_id: int, db: DbSession, staff: Admin) -> Response:
    """Deletes a calendar that no policy uses."""
    calendar = config_service.get_calendar_or_raise(db, calendar_id=calendar_id)
    config_service.delete_calendar(db, calendar=calendar, actor=staff.actor)
    db.commit()
    return Response(status_code=204)


@router.get("/policies", response_model=list[PolicyRead])
def list_policies(db: DbSession, _staff: Admin) -> list[PolicyRead]:
    """Lists SLA policies in matching order (the first match wins; then the default)."""
    return [PolicyRead.model_validate(p) for p in config_service.get_policies(db)]


@router.post("/policies", response_model=PolicyRead, status_code=201)
def create_policy(policy_in: PolicyCreate, db: DbSession, staff: Admin, response: Response) -> PolicyRead:
    """Creates an SLA policy with its targets."""
    policy = config_service.create_policy(db, policy_in=policy_in, actor=staff.actor)
    return commit_read(db, response, PolicyRead, policy)


@router.get("/policies/{policy_id}", response_model=PolicyRead)
def read_policy(policy_id: int, db: DbSession, _staff: Admin, response: Response) -> PolicyRead:
    """Returns one policy."""
    return read_with_etag(response, PolicyRead, config_service.get_policy_or_raise(db, policy_id=policy_id))


@router.patch("/policies/{policy_id}", response_model=PolicyRead)
def update_policy(
    policy_id: int, policy_in: PolicyUpdate, request: Request, db: DbSession, staff: Admin, response: Response
) -> PolicyRead:
    """Changes a policy; ``targets`` replaces them all. Send If-Match with the ETag you read."""
    policy = config_service.get_policy_or_raise(db, policy_id=policy_id)
    check_if_match(request, policy.version)
    config_service.update_policy(db, policy=policy, policy_in=policy_in, actor=staff.actor)
    return commit_read(db, response, PolicyRead, policy)


@router.delete("/policies/{policy_id}", status_code=204)
def delete_policy(policy_id: int, db: DbSession, staff: Admin) -> Response:
    """Deletes a policy; its tickets are matched again when they next change."""
    policy = config_service.get_policy_or_raise(db, policy_id=policy_id)
    config_service.delete_policy(db, policy=policy, actor=staff.actor)
    db.commit()
    return Response(status_code=204)


@router.get("/chains", response_model=list[ChainRead])
def list_chains(db: DbSession, _staff: Admin) -> list[ChainRead]:
    """Lists escalation chains."""
    return [ChainRead.model_validate(c) for c in config_service.get_chains(db)]


@router.post("/chains", response_model=ChainRead, status_code=201)
def create_chain(chain_in: ChainCreate, db: DbSession, staff: Admin, response: Response) -> ChainRead:
    """Creates an escalation chain: levels of roles or named people, delays and channels."""
    chain = config_service.create_chain(db, chain_in=chain_in, actor=staff.actor)
    return commit_read(db, response, ChainRead, chain)


@router.get("/chains/{chain_id}", response_model=ChainRead)
def read_chain(chain_id: int, db: DbSession, _staff: Admin, response: Response) -> ChainRead:
    """Returns one escalation chain."""
    return read_with_etag(response, ChainRead, config_service.get_chain_or_raise(db, chain_id=chain_id))


@router.patch("/chains/{chain_id}", response_model=ChainRead)
def update_chain(
    chain_id: int, chain_in: ChainUpdate, request: Request, db: DbSession, staff: Admin, response: Response
) -> ChainRead:
    """Changes a chain; ``levels`` replaces them all. Send If-Match with the ETag you read."""
    chain = config_service.get_chain_or_raise(db, chain_id=chain_id)
    check_if_match(request, chain.version)
    config_service.update_chain(db, chain=chain, chain_in=chain_in, actor=staff.actor)
    return commit_read(db, response, ChainRead, chain)


@router.delete("/chains/{chain_id}", status_code=204)
def delete_chain(chain_id: int, db: DbSession, staff: Admin) -> Response:
    """Deletes an escalation chain."""
    chain = config_service.get_chain_or_raise(db, chain_id=chain_id)
    config_service.delete_chain(db, chain=chain, actor=staff.actor)
    db.commit()
    return Response(status_code=204)
