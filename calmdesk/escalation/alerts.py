"""Staff notifications about escalations: in-app always, email when the desk sends email."""

from __future__ import annotations

from collections.abc import Iterable

from calmdesk.config import Settings
from calmdesk.notify.models import Channel
from calmdesk.notify.service import Notice
from calmdesk.tickets.models import Ticket


def notices(
    *,
    key: str,
    topic: str,
    title: str,
    body: str,
    ticket: Ticket,
    recipients: Iterable[int],
    settings: Settings,
    data: dict[str, object] | None = None,
) -> list[Notice]:
    """One notice per recipient and channel; ``key`` makes each unique, so a retry queues nothing twice."""
    payload = {
        "title": title,
        "body": f"{body}\nSubject: {ticket.subject}\nPriority: {ticket.priority}",
        "url": f"{settings.base_url.rstrip('/')}/tickets/{ticket.reference}",
        "data": {"ticket": ticket.reference, "ticket_id": ticket.id, **(data or {})},
    }
    channels = [Channel.IN_APP.value] + ([Channel.EMAIL.value] if settings.smtp_host else [])
    return [
        Notice(f"{key}:{channel}:{staff_id}", channel, topic, payload, staff_id=staff_id, ticket_id=ticket.id)
        for staff_id in sorted(set(recipients))
        for channel in channels
    ]
