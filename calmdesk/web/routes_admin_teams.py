"""Admin pages for teams and the skills that route functional escalations."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from sqlalchemy.orm import Session
from starlette.responses import RedirectResponse, Response

from calmdesk.api.deps import DbSession
from calmdesk.auth.permissions import Permission
from calmdesk.errors import AppError
from calmdesk.pagination import MAX_LIMIT
from calmdesk.staff import service as staff_service
from calmdesk.staff.models import Team
from calmdesk.staff.schemas import TeamCreate, TeamUpdate
from calmdesk.web.forms import FormErrors, errors_from_app_error, parse, split_list
from calmdesk.web.rendering import render
from calmdesk.web.session import ConsoleSession, SignedForm, console_user, signed_form

router = APIRouter(include_in_schema=False)
Admin = Annotated[ConsoleSession, Depends(console_user(Permission.TEAMS_MANAGE))]
AdminForm = Annotated[SignedForm, Depends(signed_form(Permission.TEAMS_MANAGE))]
TEAM_FIELDS = ("name", "description", "skills")


def _values(posted: SignedForm) -> dict[str, str]:
    return {name: posted.text(name) for name in TEAM_FIELDS}


def _data(values: dict[str, str]) -> dict[str, Any]:
    return {**values, "skills": split_list(values["skills"])}


def _list_page(
    request: Request,
    db: Session,
    session: ConsoleSession,
    *,
    values: dict[str, str] | None = None,
    errors: FormErrors | None = None,
    status_code: int = 200,
) -> Response:
    teams, more = staff_service.get_teams(db, skill=None, cursor=None, limit=MAX_LIMIT)
    context = {
        "teams": teams,
        "more": more is not None,
        "values": values or {},
        "errors": errors or FormErrors(),
        "notice": "Team saved." if request.query_params.get("saved") else "",
    }
    return render(request, "admin/teams.html", context, session=session, status_code=status_code)


def _edit_page(
    request: Request,
    session: ConsoleSession,
    team: Team,
    *,
    values: dict[str, str] | None = None,
    errors: FormErrors | None = None,
    stale: bool = False,
    status_code: int = 200,
) -> Response:
    current = {"name": team.name, "description": team.description, "skills": " ".join(team.skill_names)}
    context = {"team": team, "values": values or current, "errors": errors or FormErrors(), "stale": stale}
    return render(request, "admin/team_edit.html", context, session=session, status_code=status_code)


@router.get("/admin/teams")
def teams_page(request: Request, db: DbSession, session: Admin) -> Response:
    """Every team with its skills, and a form to add one."""
    return _list_page(request, db, session)


@router.post("/admin/teams")
def create_team(request: Request, db: DbSession, posted: AdminForm) -> Response:
    """Creates a team through staff_service.create_team."""
    values = _values(posted)
    team_in, errors = parse(TeamCreate, _data(values))
    if team_in is None:
        return _list_page(request, db, posted.session, values=values, errors=errors, status_code=422)
    try:
        staff_service.create_team(db, team_in=team_in, actor=posted.session.staff.actor)
        db.commit()
    except AppError as error:
        db.rollback()
        errors = errors_from_app_error(error)
        return _list_page(
            request, db, posted.session, values=values, errors=errors, status_code=error.status_code
        )
    return RedirectResponse("/admin/teams?saved=1", status_code=303)


@router.get("/admin/teams/{team_id}")
def team_page(request: Request, team_id: int, db: DbSession, session: Admin) -> Response:
    """A form to change one team."""
    return _edit_page(request, session, staff_service.get_team_or_raise(db, team_id=team_id))


@router.post("/admin/teams/{team_id}")
def update_team(request: Request, team_id: int, db: DbSession, posted: AdminForm) -> Response:
    """Changes a team's name, description or skills; refused if someone changed it first."""
    team = staff_service.get_team_or_raise(db, team_id=team_id)
    values = _values(posted)
    if posted.text("version") != str(team.version):
        return _edit_page(request, posted.session, team, stale=True, status_code=409)
    team_in, errors = parse(TeamUpdate, _data(values))
    if team_in is None:
        return _edit_page(request, posted.session, team, values=values, errors=errors, status_code=422)
    try:
        staff_service.update_team(db, team=team, team_in=team_in, actor=posted.session.staff.actor)
        db.commit()
    except AppError as error:
        db.rollback()
        team = staff_service.get_team_or_raise(db, team_id=team_id)
        errors = errors_from_app_error(error)
        return _edit_page(
            request, posted.session, team, values=values, errors=errors, status_code=error.status_code
        )
    return RedirectResponse("/admin/teams?saved=1", status_code=303)
