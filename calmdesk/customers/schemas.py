"""Customer requests and responses."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from calmdesk.customers.models import Tier
from calmdesk.schemas import InputModel, OutputModel
from calmdesk.validators import Email, Name, Phone, TimeZoneName


class CustomerCreate(InputModel):
    """A new customer; at least an email or a phone number to reach them."""

    name: Name
    email: Email | None = None
    phone: Phone | None = None
    company: str | None = Field(default=None, max_length=200)
    tier: Tier = Tier.STANDARD
    timezone: TimeZoneName = "UTC"
    notes: str = Field(default="", max_length=10_000)


class CustomerUpdate(InputModel):
    """Fields to change on a customer; omitted fields stay as they are."""

    name: Name | None = None
    email: Email | None = None
    phone: Phone | None = None
    company: str | None = Field(default=None, max_length=200)
    tier: Tier | None = None
    timezone: TimeZoneName | None = None
    notes: str | None = Field(default=None, max_length=10_000)


class CustomerRef(OutputModel):
    """A customer as shown inside another record."""

    id: int
    name: str
    email: str | None
    company: str | None
    tier: str


class CustomerRead(CustomerRef):
    """A customer in full."""

    phone: str | None
    timezone: str
    notes: str
    version: int
    created_at: datetime
    updated_at: datetime
