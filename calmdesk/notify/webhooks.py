"""Admins' operations on webhook endpoints. Callers own the transaction."""

from __future__ import annotations

import secrets

from sqlalchemy import delete as sa_delete
from sqlalchemy import select
from sqlalchemy.orm import Session

from calmdesk.audit import service as audit_service
from calmdesk.auth.principal import Actor
from calmdesk.errors import Conflict, InvalidRequest, NotFound
from calmdesk.notify.models import DeliveryState, OutboxMessage, WebhookEndpoint
from calmdesk.notify.schemas import WebhookCreate, WebhookUpdate


def get_all(db: Session) -> list[WebhookEndpoint]:
    """Lists webhook endpoints by name."""
    return list(db.scalars(select(WebhookEndpoint).order_by(WebhookEndpoint.name)))


def get_or_raise(db: Session, *, webhook_id: int) -> WebhookEndpoint:
    """Returns an endpoint or raises NotFound."""
    endpoint = db.get(WebhookEndpoint, webhook_id)
    if endpoint is None:
        raise NotFound("webhook", webhook_id)
    return endpoint


def _name_free(db: Session, name: str, exclude_id: int | None = None) -> None:
    holder = db.scalars(select(WebhookEndpoint).where(WebhookEndpoint.name == name)).one_or_none()
    if holder is not None and holder.id != exclude_id:
        raise Conflict("name_taken", f"webhook {holder.id} is already called {name!r}")


def create(db: Session, *, webhook_in: WebhookCreate, actor: Actor) -> WebhookEndpoint:
    """Creates an endpoint with its signing secret (made here unless given)."""
    _name_free(db, webhook_in.name)
    endpoint = WebhookEndpoint(
        name=webhook_in.name,
        url=str(webhook_in.url),
        secret=webhook_in.secret or secrets.token_urlsafe(32),
        body_format=webhook_in.body_format.value,
        topics=webhook_in.topics,
        is_active=webhook_in.is_active,
    )
    db.add(endpoint)
    db.flush()
    audit_service.record(
        db,
        actor=actor,
        action="webhook.created",
        entity_type="webhook",
        entity_id=endpoint.id,
        after={"name": endpoint.name, "url": endpoint.url, "topics": endpoint.topics},
    )
    return endpoint


def update(
    db: Session, *, endpoint: WebhookEndpoint, webhook_in: WebhookUpdate, actor: Actor
) -> WebhookEndpoint:
    """Changes an endpoint (its secret stays)."""
    changes = webhook_in.model_dump(mode="json", exclude_unset=True)
    if any(value is None for value in changes.values()):
        raise InvalidRequest("field_required", "webhook fields cannot be null")
    if webhook_in.name is not None:
        _name_free(db, webhook_in.name, endpoint.id)
    for name, value in changes.items():
        setattr(endpoint, name, value)
    db.flush()
    audit_service.record(
        db, actor=actor, action="webhook.updated", entity_type="webhook", entity_id=endpoint.id, after=changes
    )
    return endpoint


def delete(db: Session, *, endpoint: WebhookEndpoint, actor: Actor) -> None:
    """Deletes an endpoint and whatever was still waiting to be sent to it."""
    db.execute(
        sa_delete(OutboxMessage).where(
            OutboxMessage.webhook_id == endpoint.id, OutboxMessage.state == DeliveryState.PENDING
        )
    )
    audit_service.record(
        db,
        actor=actor,
        action="webhook.deleted",
        entity_type="webhook",
        entity_id=endpoint.id,
        after={"name": endpoint.name},
    )
    db.delete(endpoint)
    db.flush()
