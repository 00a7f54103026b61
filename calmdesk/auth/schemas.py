"""Sign-in, token and portal-link requests and responses."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field, SecretStr

from calmdesk.schemas import InputModel, OutputModel
from calmdesk.staff.schemas import StaffRead


class LoginRequest(InputModel):
    """Email and password of a staff member."""

    # Not validated as an address: a typo should get the same answer as a wrong password.
    email: str = Field(min_length=1, max_length=320)
    password: SecretStr = Field(max_length=1024)


class LoginResponse(OutputModel):
    """A session token for the ``Authorization: Bearer`` header, and who it belongs to."""

    token: str
    expires_at: datetime
    staff: StaffRead


class ApiTokenCreate(InputModel):
    """A named API token for a script."""

    name: str = Field(min_length=1, max_length=100)
    staff_id: int | None = Field(default=None, description="admins may create tokens for others")


class ApiTokenRead(OutputModel):
    """An API token's metadata (never the token itself)."""

    id: int
    staff_id: int
    name: str
    display_prefix: str
    created_at: datetime
    revoked_at: datetime | None


class ApiTokenCreated(ApiTokenRead):
    """A new API token: ``token`` is shown this once and cannot be recovered."""

    token: str


class PortalLinkCreated(OutputModel):
    """A customer's link to their ticket: the URL is shown this once."""

    id: int
    url: str
    token: str
    expires_at: datetime | None


class PortalLinkRead(OutputModel):
    """A portal link's metadata (never its token)."""

    id: int
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None
