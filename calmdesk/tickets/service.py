"""Operations on tickets. Callers own the transaction."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy import ColumnElement, case, exists, or_, select
from sqlalchemy.orm import Session

from calmdesk.audit import service as audit_service
from calmdesk.auth.principal import Actor
from calmdesk.clock import utcnow
from calmdesk.customers import service as customer_service
from calmdesk.customers.models import Customer
from calmdesk.errors import Conflict, InvalidRequest, NotFound
from calmdesk.escalation import triage_service
from calmdesk.followup import hooks as followup_hooks
from calmdesk.pagination import SortKey, paginate, split_page
from calmdesk.sla import service as sla_service
from calmdesk.staff import service as staff_service
from calmdesk.staff.roles import Role
from calmdesk.tickets import conversation
from calmdesk.tickets.lifecycle import PRIORITY_RANK, Priority, TicketStatus
from calmdesk.tickets.models import AuthorKind, Message, Ticket, TicketTag
from calmdesk.tickets.reference import parse_reference
from calmdesk.tickets.schemas import TicketCreate, TicketUpdate
from calmdesk.tickets.status import change_status

AUDITED = (
    "subject",
    "status",
    "priority",
    "severity",
    "category",
    "channel",
    "customer_id",
    "assignee_id",
    "team_id",
    "tag_names",
)
_PRIORITY_ORDER: ColumnElement[int] = case(PRIORITY_RANK, value=Ticket.priority, else_=1)
SORTS = {
    "-updated_at": SortKey("-updated_at", Ticket.updated_at, descending=True, is_datetime=True),
    "updated_at": SortKey("updated_at", Ticket.updated_at, descending=False, is_datetime=True),
    "-created_at": SortKey("-created_at", Ticket.created_at, descending=True, is_datetime=True),
    "created_at": SortKey("created_at", Ticket.created_at, descending=False, is_datetime=True),
    "-priority": SortKey("-priority", _PRIORITY_ORDER, descending=True),
}
_SORT_VALUE: dict[str, Callable[[Ticket], Any]] = {
    "-updated_at": lambda t: t.updated_at,
    "updated_at": lambda t: t.updated_at,
    "-created_at": lambda t: t.created_at,
    "created_at": lambda t: t.created_at,
    "-priority": lambda t: PRIORITY_RANK[t.priority],
}


@dataclass(frozen=True)
class TicketFilter:
    """What to list: every given criterion must hold."""

    status: Sequence[str] = ()
    priority: Sequence[str] = ()
    team_id: int | None = None
    assignee_id: int | None = None
    unassigned: bool = False
    customer_id: int | None = None
    category: str | None = None
    channel: str | None = None
    tag: str | None = None
    text: str | None = None
    extra: tuple[ColumnElement[bool], ...] = field(default=())


def get(db: Session, *, ticket_id: int) -> Ticket | None:
    """Returns the ticket with this id, if any."""
    return db.get(Ticket, ticket_id)


def get_by_reference_or_raise(db: Session, *, reference: str) -> Ticket:
    """Returns the ticket a reference such as ``CD-1042`` names, or raises NotFound."""
    ticket = get(db, ticket_id=parse_reference(reference))
    if ticket is None:
        raise NotFound("ticket", reference)
    return ticket


def _check_assignment(db: Session, team_id: int | None, assignee_id: int | None) -> None:
    if team_id is not None:
        staff_service.get_team_or_raise(db, team_id=team_id)
    if assignee_id is not None:
        assignee = staff_service.get(db, staff_id=assignee_id)
        if assignee is None:
            raise InvalidRequest("staff_member_not_found", f"no staff member {assignee_id} to assign")
        if not assignee.is_active or assignee.role in (Role.CONTRACTOR, Role.ADMIN):
            raise InvalidRequest(
                "not_assignable", f"{assignee.name} cannot take tickets (inactive, admin or contractor)"
            )


def _set_tags(ticket: Ticket, names: Sequence[str]) -> None:
    kept = {tag.name: tag for tag in ticket.tags}
    ticket.tags = [kept.get(name) or TicketTag(name=name) for name in sorted(set(names))]


class TicketFields(Protocol):
    """What a new ticket is about, whichever way it came in (API, email, contact form, call)."""

    @property
    def subject(self) -> str: ...
    @property
    def priority(self) -> Priority: ...
    @property
    def severity(self) -> int: ...
    @property
    def category(self) -> str | None: ...
    @property
    def team_id(self) -> int | None: ...
    @property
    def assignee_id(self) -> int | None: ...
    @property
    def tags(self) -> Sequence[str]: ...


def start_ticket(db: Session, *, fields: TicketFields, customer: Customer, channel: str) -> Ticket:
    """Adds a new ticket, with no entries yet, after checking its team and assignee."""
    _check_assignment(db, fields.team_id, fields.assignee_id)
    ticket = Ticket(
        subject=fields.subject,
        status=TicketStatus.NEW,
        priority=fields.priority,
        severity=fields.severity,
        category=fields.category,
        channel=channel,
        customer=customer,
        team_id=fields.team_id,
        assignee_id=fields.assignee_id,
        tags=[TicketTag(name=name) for name in sorted(set(fields.tags))],
    )
    db.add(ticket)
    return ticket


def finish_opening(
    db: Session,
    *,
    ticket: Ticket,
    first: Message,
    actor: Actor,
    action: str = "ticket.created",
    extra: dict[str, Any] | None = None,
) -> None:
    """Audits a new ticket, triages it by the admins' rules and starts its SLA clocks.

    Every way of opening a ticket ends here, so none of them skips triage or the SLA.
    """
    audit_service.record(
        db,
        actor=actor,
        action=action,
        entity_type="ticket",
        entity_id=ticket.id,
        after={**audit_service.snapshot(ticket, AUDITED), **(extra or {})},
    )
    triage_service.triage_new_ticket(db, ticket=ticket, message=first)  # the admins' rules, with why
    sla_service.on_ticket_changed(db, ticket=ticket, now=utcnow())


def create(db: Session, *, ticket_in: TicketCreate, actor: Actor) -> Ticket:
    """Opens a ticket with the customer's first message."""
    if ticket_in.customer_id is not None:
        customer = customer_service.get(db, customer_id=ticket_in.customer_id)
        if customer is None:
            raise InvalidRequest("customer_not_found", f"no customer {ticket_in.customer_id}")
    else:
        assert ticket_in.customer is not None  # guaranteed by TicketCreate's validator
        customer = customer_service.get_or_create(db, customer_in=ticket_in.customer, actor=actor)
    ticket = start_ticket(db, fields=ticket_in, customer=customer, channel=ticket_in.channel)
    first = conversation.append(
        db,
        ticket=ticket,
        author_kind=AuthorKind.CUSTOMER,
        author_customer_id=customer.id,
        channel=ticket_in.channel,
        body=ticket_in.message.body,
        body_html=ticket_in.message.body_html,
    )
    db.flush()  # one INSERT each for the ticket and its first message
    finish_opening(db, ticket=ticket, first=first, actor=actor)
    return ticket


def update(db: Session, *, ticket: Ticket, ticket_in: TicketUpdate, actor: Actor) -> Ticket:
    """Changes the given fields of a ticket."""
    changes = ticket_in.model_dump(exclude_unset=True, exclude={"tags", "status"})
    for name in ("subject", "priority", "severity"):
        if name in changes and changes[name] is None:
            raise InvalidRequest("field_required", f"{name} cannot be null")
    if ticket.status == TicketStatus.CLOSED:
        raise Conflict("ticket_closed", f"{ticket.reference} is closed and can no longer change")
    _check_assignment(db, changes.get("team_id"), changes.get("assignee_id"))
    before = audit_service.snapshot(ticket, AUDITED)
    if ticket_in.status is not None:
        change_status(ticket, ticket_in.status)
    for name, value in changes.items():
        setattr(ticket, name, value)
    if ticket_in.tags is not None:
        _set_tags(ticket, ticket_in.tags)
    old, new = audit_service.changed(before, audit_service.snapshot(ticket, AUDITED))
    if new:
        ticket.updated_at = utcnow()
        db.flush()
        audit_service.record(
            db,
            actor=actor,
            action="ticket.updated",
            entity_type="ticket",
            entity_id=ticket.id,
            before=old,
            after=new,
        )
        sla_service.on_ticket_changed(db, ticket=ticket, now=utcnow())
        followup_hooks.after_ticket_change(
            db, ticket=ticket, status_before=before["status"], actor=actor, now=utcnow()
        )
    return ticket


def _where(criteria: TicketFilter) -> list[ColumnElement[bool]]:
    clauses: list[ColumnElement[bool]] = list(criteria.extra)
    if criteria.status:
        clauses.append(Ticket.status.in_(criteria.status))
    if criteria.priority:
        clauses.append(Ticket.priority.in_(criteria.priority))
    if criteria.team_id is not None:
        clauses.append(Ticket.team_id == criteria.team_id)
    if criteria.assignee_id is not None:
        clauses.append(Ticket.assignee_id == criteria.assignee_id)
    if criteria.unassigned:
        clauses.append(Ticket.assignee_id.is_(None))
    if criteria.customer_id is not None:
        clauses.append(Ticket.customer_id == criteria.customer_id)
    if criteria.category:
        clauses.append(Ticket.category == criteria.category)
    if criteria.channel:
        clauses.append(Ticket.channel == criteria.channel)
    if criteria.tag:
        clauses.append(Ticket.tags.any(TicketTag.name == criteria.tag))
    if criteria.text:
        pattern = f"%{criteria.text}%"
        in_messages = exists().where(Message.ticket_id == Ticket.id, Message.body_text.ilike(pattern))
        clauses.append(or_(Ticket.subject.ilike(pattern), in_messages))
    return clauses


def get_all(
    db: Session, *, criteria: TicketFilter, sort: str, cursor: str | None, limit: int
) -> tuple[list[Ticket], str | None]:
    """Lists tickets matching ``criteria``, a page at a time."""
    sort_key = SORTS[sort]
    query = select(Ticket).where(*_where(criteria))
    rows = db.scalars(paginate(query, sort=sort_key, id_column=Ticket.id, cursor=cursor, limit=limit))
    value_of = _SORT_VALUE[sort]
    return split_page(rows.unique().all(), limit=limit, sort=sort_key, key_of=lambda t: (value_of(t), t.id))
