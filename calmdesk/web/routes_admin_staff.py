"""Admin pages for staff accounts and the roles table."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.responses import RedirectResponse, Response

from calmdesk.api.deps import DbSession
from calmdesk.auth.permissions import ROLE_PERMISSIONS, Permission
from calmdesk.errors import AppError
from calmdesk.pagination import MAX_LIMIT
from calmdesk.staff import service as staff_service
from calmdesk.staff.models import Staff, Team
from calmdesk.staff.roles import Role
from calmdesk.staff.schemas import StaffCreate, StaffUpdate
from calmdesk.web.forms import FormErrors, errors_from_app_error, optional_int, parse
from calmdesk.web.rendering import render
from calmdesk.web.session import ConsoleSession, SignedForm, console_user, signed_form

router = APIRouter(include_in_schema=False)
Admin = Annotated[ConsoleSession, Depends(console_user(Permission.STAFF_MANAGE))]
AdminForm = Annotated[SignedForm, Depends(signed_form(Permission.STAFF_MANAGE))]
TEXT_FIELDS = ("name", "email", "role", "reports_to_id", "password")


def _values(posted: SignedForm) -> dict[str, Any]:
    values: dict[str, Any] = {name: posted.text(name) for name in TEXT_FIELDS}
    values["team_ids"] = [v for v in posted.form.getlist("team_ids") if isinstance(v, str)]
    values["is_active"] = posted.text("is_active") == "on"
    return values


def _data(values: dict[str, Any], *, creating: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": values["name"],
        "email": values["email"],
        "role": values["role"],
        "reports_to_id": optional_int(values["reports_to_id"]),
        "team_ids": [optional_int(v) for v in values["team_ids"]],
    }
    if values["password"]:
        data["password"] = values["password"]
    if not creating:
        data["is_active"] = values["is_active"]
    return data


def _choices(db: Session) -> dict[str, Any]:
    return {
        "roles": list(Role),
        "all_teams": list(db.scalars(select(Team).order_by(Team.name))),
        "managers": list(db.scalars(select(Staff).where(Staff.is_active.is_(True)).order_by(Staff.name))),
    }


def _list_page(
    request: Request,
    db: Session,
    session: ConsoleSession,
    *,
    values: dict[str, Any] | None = None,
    errors: FormErrors | None = None,
    status_code: int = 200,
) -> Response:
    staff, more = staff_service.get_all(
        db, role=None, team_id=None, active=None, q=None, cursor=None, limit=MAX_LIMIT
    )
    context = {
        **_choices(db),
        "staff": staff,
        "more": more is not None,
        "values": values or {"role": Role.AGENT.value, "team_ids": []},
        "errors": errors or FormErrors(),
        "notice": "Staff member saved." if request.query_params.get("saved") else "",
    }
    return render(request, "admin/staff.html", context, session=session, status_code=status_code)


def _edit_page(
    request: Request,
    db: Session,
    session: ConsoleSession,
    member: Staff,
    *,
    values: dict[str, Any] | None = None,
    errors: FormErrors | None = None,
    stale: bool = False,
    status_code: int = 200,
) -> Response:
    current = {
        "name": member.name,
        "email": member.email,
        "role": member.role,
        "reports_to_id": "" if member.reports_to_id is None else str(member.reports_to_id),
        "team_ids": [str(team.id) for team in member.teams],
        "is_active": member.is_active,
        "password": "",
    }
    context = {
        **_choices(db),
        "member": member,
        "values": values or current,
        "errors": errors or FormErrors(),
        "stale": stale,
    }
    return render(request, "admin/staff_edit.html", context, session=session, status_code=status_code)


@router.get("/admin")
def admin_home(_session: Admin) -> Response:
    """The admin area starts with the staff list."""
    return RedirectResponse("/admin/staff", status_code=303)


@router.get("/admin/staff")
def staff_page(request: Request, db: DbSession, session: Admin) -> Response:
    """Every staff member with role and teams, and a form to add one."""
    return _list_page(request, db, session)


@router.post("/admin/staff")
def create_staff(request: Request, db: DbSession, posted: AdminForm) -> Response:
    """Adds a staff member through staff_service.create."""
    values = _values(posted)
    staff_in, errors = parse(StaffCreate, _data(values, creating=True))
    if staff_in is None:
        return _list_page(request, db, posted.session, values=values, errors=errors, status_code=422)
    try:
        staff_service.create(db, staff_in=staff_in, actor=posted.session.staff.actor)
        db.commit()
    except AppError as error:
        db.rollback()
        errors = errors_from_app_error(error)
        return _list_page(
            request, db, posted.session, values=values, errors=errors, status_code=error.status_code
        )
    return RedirectResponse("/admin/staff?saved=1", status_code=303)


@router.get("/admin/staff/{staff_id}")
def staff_member_page(request: Request, staff_id: int, db: DbSession, session: Admin) -> Response:
    """A form to change one staff member."""
    member = staff_service.get_or_raise(db, staff_id=staff_id)
    return _edit_page(request, db, session, member)


@router.post("/admin/staff/{staff_id}")
def update_staff(request: Request, staff_id: int, db: DbSession, posted: AdminForm) -> Response:
    """Changes a staff member; refused if someone changed the record first."""
    member = staff_service.get_or_raise(db, staff_id=staff_id)
    if posted.text("version") != str(member.version):
        return _edit_page(request, db, posted.session, member, stale=True, status_code=409)
    values = _values(posted)
    staff_in, errors = parse(StaffUpdate, _data(values, creating=False))
    if staff_in is None:
        return _edit_page(request, db, posted.session, member, values=values, errors=errors, status_code=422)
    try:
        staff_service.update(db, staff=member, staff_in=staff_in, actor=posted.session.staff.actor)
        db.commit()
    except AppError as error:
        db.rollback()
        member = staff_service.get_or_raise(db, staff_id=staff_id)
        errors = errors_from_app_error(error)
        return _edit_page(
            request, db, posted.session, member, values=values, errors=errors, status_code=error.status_code
        )
    return RedirectResponse("/admin/staff?saved=1", status_code=303)


@router.get("/admin/roles")
def roles_page(request: Request, session: Admin) -> Response:
    """What each role may do (the table in calmdesk.auth.permissions)."""
    context = {"roles": list(Role), "permissions": list(Permission), "granted": ROLE_PERMISSIONS}
    return render(request, "admin/roles.html", context, session=session)
