"""Staff and team endpoints: everyone on the desk reads them, admins manage them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response

from calmdesk.api.deps import DbSession, StaffContext, require
from calmdesk.api.http import check_if_match, commit_read, read_with_etag
from calmdesk.api.params import Cursor, Limit, Text
from calmdesk.auth.permissions import Permission
from calmdesk.schemas import Page
from calmdesk.staff import service as staff_service
from calmdesk.staff.roles import Role
from calmdesk.staff.schemas import StaffCreate, StaffRead, StaffUpdate, TeamCreate, TeamRead, TeamUpdate
from calmdesk.validators import Slug

staff_router = APIRouter(prefix="/staff", tags=["staff"])
team_router = APIRouter(prefix="/teams", tags=["teams"])
StaffReader = Annotated[StaffContext, Depends(require(Permission.STAFF_READ))]
StaffManager = Annotated[StaffContext, Depends(require(Permission.STAFF_MANAGE))]
TeamReader = Annotated[StaffContext, Depends(require(Permission.TEAMS_READ))]
TeamManager = Annotated[StaffContext, Depends(require(Permission.TEAMS_MANAGE))]


@staff_router.get("", response_model=Page[StaffRead])
def list_staff(
    db: DbSession,
    _staff: StaffReader,
    role: Role | None = None,
    team_id: int | None = None,
    active: Annotated[bool | None, Query()] = None,
    q: Text = None,
    cursor: Cursor = None,
    limit: Limit = 50,
) -> Page[StaffRead]:
    """Lists staff, by name."""
    items, next_cursor = staff_service.get_all(
        db, role=role, team_id=team_id, active=active, q=q, cursor=cursor, limit=limit
    )
    return Page(items=[StaffRead.model_validate(s) for s in items], next_cursor=next_cursor)


@staff_router.post("", response_model=StaffRead, status_code=201)
def create_staff(staff_in: StaffCreate, db: DbSession, admin: StaffManager, response: Response) -> StaffRead:
    """Adds a staff member (admins only)."""
    staff = staff_service.create(db, staff_in=staff_in, actor=admin.actor)
    response.headers["Location"] = f"/api/v1/staff/{staff.id}"
    return commit_read(db, response, StaffRead, staff)


@staff_router.get("/{staff_id}", response_model=StaffRead)
def read_staff(staff_id: int, db: DbSession, _staff: StaffReader, response: Response) -> StaffRead:
    """Returns one staff member."""
    return read_with_etag(response, StaffRead, staff_service.get_or_raise(db, staff_id=staff_id))


@staff_router.patch("/{staff_id}", response_model=StaffRead)
def update_staff(
    staff_id: int,
    staff_in: StaffUpdate,
    request: Request,
    db: DbSession,
    admin: StaffManager,
    response: Response,
) -> StaffRead:
    """Changes a staff member: role, chain, teams, active flag or password (admins only)."""
    staff = staff_service.get_or_raise(db, staff_id=staff_id)
    check_if_match(request, staff.version)
    staff_service.update(db, staff=staff, staff_in=staff_in, actor=admin.actor)
    return commit_read(db, response, StaffRead, staff)


@team_router.get("", response_model=Page[TeamRead])
def list_teams(
    db: DbSession, _staff: TeamReader, skill: Slug | None = None, cursor: Cursor = None, limit: Limit = 50
) -> Page[TeamRead]:
    """Lists teams, optionally those covering a skill."""
    items, next_cursor = staff_service.get_teams(db, skill=skill, cursor=cursor, limit=limit)
    return Page(items=[TeamRead.model_validate(t) for t in items], next_cursor=next_cursor)


@team_router.post("", response_model=TeamRead, status_code=201)
def create_team(team_in: TeamCreate, db: DbSession, admin: TeamManager, response: Response) -> TeamRead:
    """Creates a team (admins only)."""
    team = staff_service.create_team(db, team_in=team_in, actor=admin.actor)
    response.headers["Location"] = f"/api/v1/teams/{team.id}"
    return commit_read(db, response, TeamRead, team)


@team_router.get("/{team_id}", response_model=TeamRead)
def read_team(team_id: int, db: DbSession, _staff: TeamReader, response: Response) -> TeamRead:
    """Returns one team."""
    return read_with_etag(response, TeamRead, staff_service.get_team_or_raise(db, team_id=team_id))


@team_router.patch("/{team_id}", response_model=TeamRead)
def update_team(
    team_id: int, team_in: TeamUpdate, request: Request, db: DbSession, admin: TeamManager, response: Response
) -> TeamRead:
    """Changes a team's name, description or skills (admins only)."""
    team = staff_service.get_team_or_raise(db, team_id=team_id)
    check_if_match(request, team.version)
    staff_service.update_team(db, team=team, team_in=team_in, actor=admin.actor)
    return commit_read(db, response, TeamRead, team)
