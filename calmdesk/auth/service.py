"""Signing in, API tokens and customers' portal links. Callers own the transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from calmdesk.audit import service as audit_service
from calmdesk.auth import secrets
from calmdesk.auth.models import AuthToken, PortalLink, TokenKind
from calmdesk.auth.principal import Actor
from calmdesk.clock import utcnow
from calmdesk.errors import NotAuthenticated, NotFound
from calmdesk.staff import service as staff_service
from calmdesk.staff.models import Staff
from calmdesk.tickets.models import Ticket

SESSION_PREFIX = "cds"
API_PREFIX = "cdk"
PORTAL_PREFIX = "cdp"


@dataclass(frozen=True)
class IssuedToken:
    """A token record and the secret value, which exists only in this response."""

    record: AuthToken
    token: str


def _issue(
    db: Session, *, staff: Staff, kind: TokenKind, name: str, expires_at: datetime | None
) -> IssuedToken:
    token = secrets.new_token(SESSION_PREFIX if kind is TokenKind.SESSION else API_PREFIX)
    record = AuthToken(
        staff=staff,
        kind=kind,
        name=name,
        token_hash=secrets.token_hash(token),
        display_prefix=token[:10],
        expires_at=expires_at,
    )
    db.add(record)
    db.flush()
    return IssuedToken(record=record, token=token)


def login(db: Session, *, email: str, password: str, ttl: timedelta) -> IssuedToken:
    """Checks a staff member's password and opens a session; one vague error for any failure."""
    staff = staff_service.get_by_email(db, email=email)
    ok = secrets.verify_password(staff.password_hash if staff else None, password)
    if staff is None or not ok or not staff.is_active:
        raise NotAuthenticated("invalid_credentials", "wrong email or password, or the account is disabled")
    issued = _issue(db, staff=staff, kind=TokenKind.SESSION, name="sign-in", expires_at=utcnow() + ttl)
    audit_service.record(
        db,
        actor=Actor(kind="staff", id=staff.id),
        action="staff.signed_in",
        entity_type="staff",
        entity_id=staff.id,
    )
    return issued


def create_api_token(db: Session, *, staff: Staff, name: str, actor: Actor) -> IssuedToken:
    """Creates a named API token for ``staff``."""
    issued = _issue(db, staff=staff, kind=TokenKind.API, name=name, expires_at=None)
    audit_service.record(
        db,
        actor=actor,
        action="api_token.created",
        entity_type="staff",
        entity_id=staff.id,
        after={"token_id": issued.record.id, "name": name},
    )
    return issued


@dataclass(frozen=True)
class Credential:
    """Who a live bearer token belongs to (read in one small query on every request)."""

    token_id: int
    staff_id: int
    staff_name: str
    role: str


_CREDENTIAL_QUERY = select(
    AuthToken.id,
    AuthToken.expires_at,
    AuthToken.revoked_at,
    Staff.id,
    Staff.name,
    Staff.role,
    Staff.is_active,
).join(Staff, Staff.id == AuthToken.staff_id)


def authenticate(db: Session, *, token: str) -> Credential:
    """Returns who a live bearer token belongs to, or raises NotAuthenticated."""
    row = db.execute(_CREDENTIAL_QUERY.where(AuthToken.token_hash == secrets.token_hash(token))).one_or_none()
    if row is None:
        raise NotAuthenticated("invalid_token", "the token is unknown, expired or revoked; sign in again")
    token_id, expires_at, revoked_at, staff_id, name, role, is_active = row
    if revoked_at is not None or (expires_at is not None and expires_at <= utcnow()) or not is_active:
        raise NotAuthenticated("invalid_token", "the token is unknown, expired or revoked; sign in again")
    return Credential(token_id=token_id, staff_id=staff_id, staff_name=name, role=role)


def get_tokens(db: Session, *, staff_id: int) -> list[AuthToken]:
    """Lists a staff member's API tokens, newest first."""
    query = (
        select(AuthToken)
        .where(AuthToken.staff_id == staff_id, AuthToken.kind == TokenKind.API)
        .order_by(AuthToken.id.desc())
    )
    return list(db.scalars(query))


def get_token_or_raise(db: Session, *, token_id: int) -> AuthToken:
    """Returns a token record by id or raises NotFound."""
    record = db.get(AuthToken, token_id)
    if record is None:
        raise NotFound("token", token_id)
    return record


def revoke_token(db: Session, *, record: AuthToken, actor: Actor) -> AuthToken:
    """Revokes a token; it stops working at once."""
    if record.revoked_at is None:
        record.revoked_at = utcnow()
        audit_service.record(
            db,
            actor=actor,
            action=f"{record.kind}_token.revoked",
            entity_type="staff",
            entity_id=record.staff_id,
            after={"token_id": record.id},
        )
    return record


def create_portal_link(
    db: Session, *, ticket: Ticket, ttl: timedelta, actor: Actor
) -> tuple[PortalLink, str]:
    """Creates a customer's link to one ticket; returns it with its secret token."""
    token = secrets.new_token(PORTAL_PREFIX)
    link = PortalLink(
        ticket_id=ticket.id,
        token_hash=secrets.token_hash(token),
        created_by_id=actor.id if actor.kind == "staff" else None,
        expires_at=utcnow() + ttl,
    )
    db.add(link)
    db.flush()
    audit_service.record(
        db,
        actor=actor,
        action="portal_link.created",
        entity_type="ticket",
        entity_id=ticket.id,
        after={"portal_link_id": link.id},
    )
    return link, token


def get_portal_links(db: Session, *, ticket: Ticket) -> list[PortalLink]:
    """Lists a ticket's portal links, newest first."""
    query = select(PortalLink).where(PortalLink.ticket_id == ticket.id).order_by(PortalLink.id.desc())
    return list(db.scalars(query))


def revoke_portal_link(db: Session, *, ticket: Ticket, link_id: int, actor: Actor) -> PortalLink:
    """Revokes one of a ticket's portal links."""
    link = db.get(PortalLink, link_id)
    if link is None or link.ticket_id != ticket.id:
        raise NotFound("portal_link", link_id)
    if link.revoked_at is None:
        link.revoked_at = utcnow()
        audit_service.record(
            db,
            actor=actor,
            action="portal_link.revoked",
            entity_type="ticket",
            entity_id=ticket.id,
            after={"portal_link_id": link.id},
        )
    return link


def ticket_for_portal_token(db: Session, *, token: str) -> Ticket:
    """Returns the ticket a live portal token opens; any other token is simply 'not found'."""
    link = db.scalars(
        select(PortalLink).where(PortalLink.token_hash == secrets.token_hash(token))
    ).one_or_none()
    now = utcnow()
    if (
        link is None
        or link.revoked_at is not None
        or (link.expires_at is not None and link.expires_at <= now)
    ):
        raise NotFound("portal_link", "(this link is unknown, expired or revoked)")
    ticket = db.get(Ticket, link.ticket_id)
    if ticket is None:
        raise NotFound("portal_link", "(this link is unknown, expired or revoked)")
    return ticket
