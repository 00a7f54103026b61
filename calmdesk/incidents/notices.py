"""Who hears about an incident, and what their notification says."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from calmdesk.incidents.models import Incident
from calmdesk.notify import service as notify_service
from calmdesk.notify.models import Channel
from calmdesk.notify.service import Notice
from calmdesk.staff.models import Staff, TeamSkill, staff_teams
from calmdesk.staff.roles import Role

ENGINEERING_SKILL = "engineering"
# Proposals go to the first of these roles the desk has anyone in.
DECIDERS = (Role.SUPERVISOR, Role.MANAGER, Role.HEAD_OF_OPERATIONS)


def deciders(db: Session) -> list[int]:
    """The active staff who confirm or dismiss proposed incidents."""
    for role in DECIDERS:
        found = list(
            db.scalars(
                select(Staff.id).where(Staff.role == role, Staff.is_active.is_(True)).order_by(Staff.id)
            )
        )
        if found:
            return found
    return []


def engineers(db: Session) -> list[int]:
    """The active members of every team with the engineering skill."""
    query = (
        select(Staff.id)
        .join(staff_teams, staff_teams.c.staff_id == Staff.id)
        .join(TeamSkill, TeamSkill.team_id == staff_teams.c.team_id)
        .where(TeamSkill.skill == ENGINEERING_SKILL, Staff.is_active.is_(True))
        .distinct()
        .order_by(Staff.id)
    )
    return list(db.scalars(query))


def _payload(incident: Incident, *, title: str, body: str, base_url: str) -> dict[str, Any]:
    return {
        "title": title,
        "body": body,
        "url": f"{base_url.rstrip('/')}/incidents/{incident.id}",
        "data": {"incident_id": incident.id, "status": incident.status, "tickets": incident.ticket_count},
    }


def _send(
    db: Session, *, key: str, topic: str, staff_ids: list[int], payload: dict[str, Any], now: datetime
) -> int:
    notices = [
        Notice(f"{key}:staff:{staff_id}", Channel.IN_APP.value, topic, payload, staff_id=staff_id)
        for staff_id in staff_ids
    ]
    return notify_service.enqueue(db, notices=notices, now=now)


def proposed(db: Session, *, incident: Incident, base_url: str, now: datetime) -> int:
    """Tells the supervisors calmdesk proposes an incident."""
    payload = _payload(
        incident,
        title=f"Possible incident: {incident.title}",
        body=(
            f"{incident.ticket_count} customers wrote about the same problem since "
            f"{incident.first_seen_at:%H:%M %d %b} UTC. Please confirm or dismiss it."
        ),
        base_url=base_url,
    )
    key = f"incident:{incident.id}:proposed"
    return _send(db, key=key, topic="incident.proposed", staff_ids=deciders(db), payload=payload, now=now)


def count_rose(db: Session, *, incident: Incident, milestone: int, base_url: str, now: datetime) -> int:
    """Tells the supervisors a proposed incident has reached ``milestone`` tickets."""
    payload = _payload(
        incident,
        title=f"Possible incident growing: {incident.title} ({incident.ticket_count} tickets)",
        body=f"{incident.ticket_count} tickets now describe this problem; it still waits for a decision.",
        base_url=base_url,
    )
    key = f"incident:{incident.id}:count:{milestone}"
    return _send(db, key=key, topic="incident.growing", staff_ids=deciders(db), payload=payload, now=now)


def confirmed(db: Session, *, incident: Incident, confirmed_by: str, base_url: str, now: datetime) -> int:
    """Tells the engineering team a supervisor confirmed an incident."""
    payload = _payload(
        incident,
        title=f"Incident confirmed: {incident.title}",
        body=(
            f"{confirmed_by} confirmed an incident affecting {incident.ticket_count} customer tickets "
            f"(first seen {incident.first_seen_at:%H:%M %d %b} UTC). Please investigate and tell the "
            "support desk when it is fixed."
        ),
        base_url=base_url,
    )
    key = f"incident:{incident.id}:confirmed"
    return _send(db, key=key, topic="incident.confirmed", staff_ids=engineers(db), payload=payload, now=now)
