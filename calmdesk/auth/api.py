"""Sign-in, sign-out, the current staff member, and API tokens."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response

from calmdesk.api.deps import DbSession, SettingsDep, StaffContext, current_staff, require
from calmdesk.auth import service as auth_service
from calmdesk.auth import signin_guard
from calmdesk.auth.permissions import Permission
from calmdesk.auth.schemas import ApiTokenCreate, ApiTokenCreated, ApiTokenRead, LoginRequest, LoginResponse
from calmdesk.auth.signin_guard import SignInLimits
from calmdesk.clock import utcnow
from calmdesk.errors import Forbidden, NotAuthenticated, NotFound
from calmdesk.staff import service as staff_service
from calmdesk.staff.schemas import StaffRead

router = APIRouter(prefix="/auth", tags=["auth"])
Account = Annotated[StaffContext, Depends(require(Permission.OWN_ACCOUNT))]
Signed = Annotated[StaffContext, Depends(current_staff)]


@router.post("/login", response_model=LoginResponse)
def login(login_in: LoginRequest, request: Request, db: DbSession, settings: SettingsDep) -> LoginResponse:
    """Signs a staff member in with email and password; returns a session token."""
    limits = SignInLimits.from_settings(settings)
    address = request.client.host if request.client else ""
    signin_guard.check_allowed(db, email=login_in.email, address=address, limits=limits, now=utcnow())
    try:
        issued = auth_service.login(
            db,
            email=login_in.email,
            password=login_in.password.get_secret_value(),
            ttl=timedelta(hours=settings.session_ttl_hours),
        )
    except NotAuthenticated:
        signin_guard.record_failure(db, email=login_in.email, address=address, limits=limits, now=utcnow())
        db.commit()  # the failure must count even though the request fails
        raise
    signin_guard.clear_failures(db, email=login_in.email)
    db.flush()
    assert issued.record.expires_at is not None
    result = LoginResponse(
        token=issued.token,
        expires_at=issued.record.expires_at,
        staff=StaffRead.model_validate(issued.record.staff),
    )
    db.commit()
    return result


@router.post("/logout", status_code=204)
def logout(db: DbSession, staff: Signed) -> Response:
    """Ends the session whose token came with the request."""
    record = auth_service.get_token_or_raise(db, token_id=staff.token_id)
    auth_service.revoke_token(db, record=record, actor=staff.actor)
    db.commit()
    return Response(status_code=204)


@router.get("/me", response_model=StaffRead)
def me(db: DbSession, staff: Signed) -> StaffRead:
    """Returns the signed-in staff member."""
    return StaffRead.model_validate(staff_service.get_or_raise(db, staff_id=staff.staff_id))


@router.get("/tokens", response_model=list[ApiTokenRead])
def list_tokens(db: DbSession, staff: Account, staff_id: int | None = None) -> list[ApiTokenRead]:
    """Lists your API tokens (admins may ask for another staff member's)."""
    owner_id = _owner_id(staff, staff_id)
    return [ApiTokenRead.model_validate(t) for t in auth_service.get_tokens(db, staff_id=owner_id)]


@router.post("/tokens", response_model=ApiTokenCreated, status_code=201)
def create_token(token_in: ApiTokenCreate, db: DbSession, staff: Account) -> ApiTokenCreated:
    """Creates an API token; the token is in this response only, so keep it safe."""
    owner = staff_service.get_or_raise(db, staff_id=_owner_id(staff, token_in.staff_id))
    issued = auth_service.create_api_token(db, staff=owner, name=token_in.name, actor=staff.actor)
    result = ApiTokenCreated.model_validate(
        {**ApiTokenRead.model_validate(issued.record).model_dump(), "token": issued.token}
    )
    db.commit()
    return result


@router.delete("/tokens/{token_id}", response_model=ApiTokenRead)
def revoke_token(token_id: int, db: DbSession, staff: Account) -> ApiTokenRead:
    """Revokes an API token; scripts using it stop at once."""
    record = auth_service.get_token_or_raise(db, token_id=token_id)
    if record.staff_id != staff.staff_id and not staff.can(Permission.TOKENS_MANAGE_ALL):
        raise NotFound("token", token_id)  # other people's tokens are not even confirmed to exist
    auth_service.revoke_token(db, record=record, actor=staff.actor)
    db.flush()
    result = ApiTokenRead.model_validate(record)
    db.commit()
    return result


def _owner_id(staff: StaffContext, requested: int | None) -> int:
    if requested is None or requested == staff.staff_id:
        return staff.staff_id
    if not staff.can(Permission.TOKENS_MANAGE_ALL):
        raise Forbidden("forbidden", "only admins manage other staff members' tokens")
    return requested
