"""In-app notifications for each staff member; the outbox and webhooks for admins."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response

from calmdesk.api.deps import DbSession, StaffContext, require
from calmdesk.api.http import check_if_match, commit_read, read_with_etag
from calmdesk.api.params import Limit
from calmdesk.auth.permissions import Permission
from calmdesk.clock import utcnow
from calmdesk.notify import service as notify_service
from calmdesk.notify import webhooks as webhook_service
from calmdesk.notify.models import DeliveryState
from calmdesk.notify.schemas import (
    NotificationPage,
    NotificationRead,
    OutboxRead,
    WebhookCreate,
    WebhookCreated,
    WebhookRead,
    WebhookUpdate,
)
from calmdesk.schemas import Page

router = APIRouter(tags=["notifications"])
Someone = Annotated[StaffContext, Depends(require(Permission.OWN_ACCOUNT))]
Admin = Annotated[StaffContext, Depends(require(Permission.CONFIG_MANAGE))]
IdCursor = Annotated[str | None, Query(pattern=r"^\d+$", description="next_cursor from the previous page")]


@router.get("/notifications", response_model=NotificationPage)
def list_my_notifications(
    db: DbSession, staff: Someone, unread: bool = False, cursor: IdCursor = None, limit: Limit = 50
) -> NotificationPage:
    """Lists your in-app notifications, newest first, with the count still unread."""
    rows = notify_service.get_for_staff(
        db,
        staff_id=staff.staff_id,
        unread_only=unread,
        before_id=int(cursor) if cursor else None,
        limit=limit + 1,
    )
    items = rows[:limit]
    return NotificationPage(
        items=[NotificationRead.model_validate(n) for n in items],
        unread=notify_service.count_unread(db, staff_id=staff.staff_id),
        next_cursor=str(items[-1].id) if len(rows) > limit else None,
    )


@router.post("/notifications/{notification_id}/read", response_model=NotificationRead)
def mark_notification_read(notification_id: int, db: DbSession, staff: Someone) -> NotificationRead:
    """Marks one of your notifications read."""
    notification = notify_service.mark_read(
        db, staff_id=staff.staff_id, notification_id=notification_id, now=utcnow()
    )
    db.flush()
    result = NotificationRead.model_validate(notification)
    db.commit()
    return result


@router.get("/notifications/outbox", response_model=Page[OutboxRead])
def list_outbox(
    db: DbSession,
    _staff: Admin,
    state: DeliveryState | None = None,
    cursor: IdCursor = None,
    limit: Limit = 50,
) -> Page[OutboxRead]:
    """Lists queued, delivered and dead notifications (``state=dead`` for the dead letters)."""
    rows = notify_service.get_outbox(
        db, state=state, before_id=int(cursor) if cursor else None, limit=limit + 1
    )
    items = rows[:limit]
    next_cursor = str(items[-1].id) if len(rows) > limit else None
    return Page(items=[OutboxRead.model_validate(r) for r in items], next_cursor=next_cursor)


@router.post("/notifications/outbox/{outbox_id}/replay", response_model=OutboxRead)
def replay_dead_letter(outbox_id: int, db: DbSession, staff: Admin) -> OutboxRead:
    """Queues a dead letter again with a fresh count of attempts."""
    message = notify_service.replay(db, outbox_id=outbox_id, actor=staff.actor, now=utcnow())
    db.flush()
    result = OutboxRead.model_validate(message)
    db.commit()
    return result


@router.get("/webhooks", response_model=list[WebhookRead])
def list_webhooks(db: DbSession, _staff: Admin) -> list[WebhookRead]:
    """Lists webhook endpoints."""
    return [WebhookRead.model_validate(w) for w in webhook_service.get_all(db)]


@router.post("/webhooks", response_model=WebhookCreated, status_code=201)
def create_webhook(
    webhook_in: WebhookCreate, db: DbSession, staff: Admin, response: Response
) -> WebhookCreated:
    """Creates a webhook endpoint; the signing secret is in this answer only."""
    endpoint = webhook_service.create(db, webhook_in=webhook_in, actor=staff.actor)
    return commit_read(db, response, WebhookCreated, endpoint)


@router.get("/webhooks/{webhook_id}", response_model=WebhookRead)
def read_webhook(webhook_id: int, db: DbSession, _staff: Admin, response: Response) -> WebhookRead:
    """Returns one webhook endpoint (without its secret)."""
    return read_with_etag(response, WebhookRead, webhook_service.get_or_raise(db, webhook_id=webhook_id))


@router.patch("/webhooks/{webhook_id}", response_model=WebhookRead)
def update_webhook(
    webhook_id: int,
    webhook_in: WebhookUpdate,
    request: Request,
    db: DbSession,
    staff: Admin,
    response: Response,
) -> WebhookRead:
    """Changes a webhook endpoint; send If-Match with the ETag you read."""
    endpoint = webhook_service.get_or_raise(db, webhook_id=webhook_id)
    check_if_match(request, endpoint.version)
    webhook_service.update(db, endpoint=endpoint, webhook_in=webhook_in, actor=staff.actor)
    return commit_read(db, response, WebhookRead, endpoint)


@router.delete("/webhooks/{webhook_id}", status_code=204)
def delete_webhook(webhook_id: int, db: DbSession, staff: Admin) -> Response:
    """Deletes a webhook endpoint and anything still waiting to be sent to it."""
    endpoint = webhook_service.get_or_raise(db, webhook_id=webhook_id)
    webhook_service.delete(db, endpoint=endpoint, actor=staff.actor)
    db.commit()
    return Response(status_code=204)
