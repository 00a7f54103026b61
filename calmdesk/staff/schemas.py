"""Staff and team requests and responses."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field, SecretStr

from calmdesk.schemas import InputModel, OutputModel
from calmdesk.staff.roles import Role
from calmdesk.validators import Email, Name, Slug

Password = SecretStr


class TeamRef(OutputModel):
    """A team as shown inside another record."""

    id: int
    name: str


class StaffRef(OutputModel):
    """A staff member as shown inside another record."""

    id: int
    name: str
    role: str


class StaffCreate(InputModel):
    """A new staff member."""

    name: Name
    email: Email
    role: Role
    reports_to_id: int | None = None
    team_ids: list[int] = Field(default_factory=list, max_length=50)
    password: Password | None = Field(default=None, description="at least 10 characters")


class StaffUpdate(InputModel):
    """Fields to change on a staff member; omitted fields stay as they are."""

    name: Name | None = None
    email: Email | None = None
    role: Role | None = None
    is_active: bool | None = None
    reports_to_id: int | None = None
    team_ids: list[int] | None = Field(default=None, max_length=50)
    password: Password | None = None


class StaffRead(StaffRef):
    """A staff member in full (never their password)."""

    email: str
    is_active: bool
    reports_to_id: int | None
    teams: list[TeamRef]
    version: int
    created_at: datetime
    updated_at: datetime


class TeamCreate(InputModel):
    """A new team and the skills it covers."""

    name: Name
    description: str = Field(default="", max_length=2000)
    skills: list[Slug] = Field(default_factory=list, max_length=50)


class TeamUpdate(InputModel):
    """Fields to change on a team; ``skills`` replaces the whole list."""

    name: Name | None = None
    description: str | None = Field(default=None, max_length=2000)
    skills: list[Slug] | None = Field(default=None, max_length=50)


class TeamRead(TeamRef):
    """A team in full."""

    description: str
    skills: list[str] = Field(validation_alias="skill_names")
    version: int
    created_at: datetime
    updated_at: datetime
