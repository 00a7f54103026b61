"""FastAPI dependencies: the request's database session, the signed-in staff member, roles."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from calmdesk.auth import service as auth_service
from calmdesk.auth.permissions import Permission, allows
from calmdesk.auth.principal import Actor
from calmdesk.auth.service import Credential
from calmdesk.config import Settings
from calmdesk.db import Database
from calmdesk.errors import Forbidden, NotAuthenticated
from calmdesk.staff.roles import Role

_READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def get_db(request: Request) -> Iterator[Session]:
    """Opens the request's session; handlers commit once, anything uncommitted rolls back."""
    database: Database = request.app.state.database
    session = database.session(read_only=request.method in _READ_METHODS)
    try:
        yield session
    finally:
        session.close()


def get_settings_dep(request: Request) -> Settings:
    """The app's settings."""
    settings: Settings = request.app.state.settings
    return settings


DbSession = Annotated[Session, Depends(get_db)]
SettingsDep = Annotated[Settings, Depends(get_settings_dep)]


@dataclass(frozen=True)
class StaffContext:
    """The signed-in staff member and the credential they used."""

    credential: Credential

    @property
    def staff_id(self) -> int:
        """The signed-in staff member's id."""
        return self.credential.staff_id

    @property
    def token_id(self) -> int:
        """The id of the token the request came with."""
        return self.credential.token_id

    @property
    def role(self) -> Role | None:
        """The staff member's role, or None for a role calmdesk does not know."""
        try:
            return Role(self.credential.role)
        except ValueError:
            return None

    @property
    def actor(self) -> Actor:
        """The staff member as the author of changes."""
        return Actor(kind="staff", id=self.staff_id, role=self.role)

    def can(self, permission: Permission) -> bool:
        """True when the staff member's role carries ``permission``."""
        return self.role is not None and allows(self.role, permission)


def bearer_token(request: Request) -> str:
    """Returns the token from ``Authorization: Bearer …`` or raises NotAuthenticated."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise NotAuthenticated(
            "not_authenticated", "send 'Authorization: Bearer <token>' (sign in at /api/v1/auth/login)"
        )
    return token.strip()


def current_staff(request: Request, db: DbSession) -> StaffContext:
    """The staff member whose token came with the request."""
    return StaffContext(auth_service.authenticate(db, token=bearer_token(request)))


def require(permission: Permission) -> Callable[[StaffContext], StaffContext]:
    """A dependency that lets the request through only if the role carries ``permission``."""

    def check(context: Annotated[StaffContext, Depends(current_staff)]) -> StaffContext:
        if not context.can(permission):
            raise Forbidden(
                "forbidden",
                f"a {context.credential.role} may not do this (needs permission {permission.value})",
            )
        return context

    check.__name__ = f"require_{permission.name.lower()}"
    return check
