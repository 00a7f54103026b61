"""Operations on customers. Callers own the transaction."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from calmdesk.audit import service as audit_service
from calmdesk.auth.principal import Actor
from calmdesk.customers.models import Customer
from calmdesk.customers.schemas import CustomerCreate, CustomerUpdate
from calmdesk.errors import Conflict, InvalidRequest, NotFound
from calmdesk.pagination import SortKey, paginate, split_page

AUDITED = ("name", "email", "phone", "company", "tier", "timezone", "notes")
SORTS = {
    "name": SortKey("name", Customer.name, descending=False),
    "-created_at": SortKey("-created_at", Customer.created_at, descending=True, is_datetime=True),
}


def get(db: Session, *, customer_id: int) -> Customer | None:
    """Returns the customer with this id, if any."""
    return db.get(Customer, customer_id)


def get_or_raise(db: Session, *, customer_id: int) -> Customer:
    """Returns the customer with this id or raises NotFound."""
    customer = get(db, customer_id=customer_id)
    if customer is None:
        raise NotFound("customer", customer_id)
    return customer


def get_by_email(db: Session, *, email: str) -> Customer | None:
    """Returns the customer with this address (case-insensitive), if any."""
    return db.scalars(select(Customer).where(Customer.email == email.lower())).one_or_none()


def _ensure_email_free(db: Session, email: str | None, *, exclude_id: int | None = None) -> None:
    if email is None:
        return
    holder = get_by_email(db, email=email)
    if holder is not None and holder.id != exclude_id:
        raise Conflict("customer_email_taken", f"customer {holder.id} already uses {email}")


def create(db: Session, *, customer_in: CustomerCreate, actor: Actor) -> Customer:
    """Creates a customer."""
    _ensure_email_free(db, customer_in.email)
    return _insert(db, customer_in=customer_in, actor=actor)


def _insert(db: Session, *, customer_in: CustomerCreate, actor: Actor) -> Customer:
    if customer_in.email is None and customer_in.phone is None:
        raise InvalidRequest("customer_unreachable", "give the customer an email or a phone number")
    customer = Customer(**customer_in.model_dump())
    db.add(customer)
    db.flush()
    audit_service.record(
        db,
        actor=actor,
        action="customer.created",
        entity_type="customer",
        entity_id=customer.id,
        after=audit_service.snapshot(customer, AUDITED),
    )
    return customer


def get_or_create(db: Session, *, customer_in: CustomerCreate, actor: Actor) -> Customer:
    """Finds a customer by email, or creates them; safe when two requests race for one address."""
    if customer_in.email is None:
        return create(db, customer_in=customer_in, actor=actor)
    existing = get_by_email(db, email=customer_in.email)
    if existing is not None:
        return existing
    try:
        with db.begin_nested():
            return _insert(db, customer_in=customer_in, actor=actor)
    except IntegrityError:
        # Another transaction created this customer a moment ago: use theirs.
        winner = get_by_email(db, email=customer_in.email)
        if winner is None:
            raise
        return winner


def update(db: Session, *, customer: Customer, customer_in: CustomerUpdate, actor: Actor) -> Customer:
    """Changes the given fields of a customer."""
    changes = customer_in.model_dump(exclude_unset=True)
    if any(changes.get(field, "set") is None for field in ("name", "tier", "timezone", "notes")):
        raise InvalidRequest("field_required", "name, tier, timezone and notes cannot be null")
    if "email" in changes:
        _ensure_email_free(db, changes["email"], exclude_id=customer.id)
    before = audit_service.snapshot(customer, AUDITED)
    for field, value in changes.items():
        setattr(customer, field, value)
    if customer.email is None and customer.phone is None:
        raise InvalidRequest("customer_unreachable", "a customer needs an email or a phone number")
    old, new = audit_service.changed(before, audit_service.snapshot(customer, AUDITED))
    if new:
        db.flush()
        audit_service.record(
            db,
            actor=actor,
            action="customer.updated",
            entity_type="customer",
            entity_id=customer.id,
            before=old,
            after=new,
        )
    return customer


def get_all(
    db: Session, *, q: str | None, tier: str | None, sort: str, cursor: str | None, limit: int
) -> tuple[list[Customer], str | None]:
    """Lists customers, filtered by text (name, email, company) and tier, a page at a time."""
    sort_key = SORTS[sort]
    query = select(Customer)
    if q:
        pattern = f"%{q}%"
        query = query.where(
            or_(Customer.name.ilike(pattern), Customer.email.ilike(pattern), Customer.company.ilike(pattern))
        )
    if tier:
        query = query.where(Customer.tier == tier)
    rows = db.scalars(paginate(query, sort=sort_key, id_column=Customer.id, cursor=cursor, limit=limit)).all()
    return split_page(
        rows,
        limit=limit,
        sort=sort_key,
        key_of=lambda c: (c.name if sort == "name" else c.created_at, c.id),
    )
