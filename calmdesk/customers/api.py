"""Customer endpoints."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request, Response

from calmdesk.api.deps import DbSession, StaffContext, require
from calmdesk.api.http import check_if_match, commit_read, read_with_etag
from calmdesk.api.params import Cursor, Limit, Text
from calmdesk.auth.permissions import Permission
from calmdesk.customers import service as customer_service
from calmdesk.customers.models import Tier
from calmdesk.customers.schemas import CustomerCreate, CustomerRead, CustomerUpdate
from calmdesk.schemas import Page

router = APIRouter(prefix="/customers", tags=["customers"])
Reader = Annotated[StaffContext, Depends(require(Permission.CUSTOMERS_READ))]
Writer = Annotated[StaffContext, Depends(require(Permission.CUSTOMERS_WRITE))]


@router.get("", response_model=Page[CustomerRead])
def list_customers(
    db: DbSession,
    _staff: Reader,
    q: Text = None,
    tier: Tier | None = None,
    sort: Annotated[Literal["name", "-created_at"], Query()] = "name",
    cursor: Cursor = None,
    limit: Limit = 50,
) -> Page[CustomerRead]:
    """Lists customers, searchable by name, email or company."""
    items, next_cursor = customer_service.get_all(db, q=q, tier=tier, sort=sort, cursor=cursor, limit=limit)
    return Page(items=[CustomerRead.model_validate(c) for c in items], next_cursor=next_cursor)


@router.post("", response_model=CustomerRead, status_code=201)
def create_customer(
    customer_in: CustomerCreate, db: DbSession, staff: Writer, response: Response
) -> CustomerRead:
    """Creates a customer."""
    customer = customer_service.create(db, customer_in=customer_in, actor=staff.actor)
    response.headers["Location"] = f"/api/v1/customers/{customer.id}"
    return commit_read(db, response, CustomerRead, customer)


@router.get("/{customer_id}", response_model=CustomerRead)
def read_customer(customer_id: int, db: DbSession, _staff: Reader, response: Response) -> CustomerRead:
    """Returns one customer."""
    customer = customer_service.get_or_raise(db, customer_id=customer_id)
    return read_with_etag(response, CustomerRead, customer)


@router.patch("/{customer_id}", response_model=CustomerRead)
def update_customer(
    customer_id: int,
    customer_in: CustomerUpdate,
    request: Request,
    db: DbSession,
    staff: Writer,
    response: Response,
) -> CustomerRead:
    """Changes a customer; send If-Match with the ETag you read to avoid overwriting others."""
    customer = customer_service.get_or_raise(db, customer_id=customer_id)
    check_if_match(request, customer.version)
    customer_service.update(db, customer=customer, customer_in=customer_in, actor=staff.actor)
    return commit_read(db, response, CustomerRead, customer)
