"""The notice that tells the customer their case is escalated (pure: no I/O).

Seed 002: tell the customer you are escalating, why, and what happens next. The
notice also says when they will hear from us, in their own time zone; the service
stores that instant on the escalation (``next_update_due_at``) so follow-up work can
hold the desk to it.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from calmdesk.escalation.vocabulary import EscalationKind, EscalationReason

# How soon the customer hears from us again after an escalation, by ticket priority.
NEXT_UPDATE_AFTER: dict[str, timedelta] = {
    "urgent": timedelta(hours=4),
    "high": timedelta(hours=24),
    "normal": timedelta(hours=48),
    "low": timedelta(hours=72),
}

_WHY: dict[EscalationKind, str] = {
    EscalationKind.FUNCTIONAL: "they have the specialist knowledge this needs",
    EscalationKind.HIERARCHICAL: "they can make decisions that I can't make myself",
}
_WHY_CONDUCT = "every complaint about how a member of our team treated you is reviewed independently"


def default_next_update(priority: str, now: datetime) -> datetime:
    """When the customer should next hear from us, given the ticket's priority."""
    return now + NEXT_UPDATE_AFTER.get(priority, NEXT_UPDATE_AFTER["normal"])


def in_customer_time(moment: datetime, time_zone: str) -> str:
    """An instant as the customer reads it: "Friday 15 November at 14:00 (GMT)"."""
    try:
        zone = ZoneInfo(time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("UTC")
    local = moment.astimezone(zone)
    return f"{local:%A} {local.day} {local:%B} at {local:%H:%M} ({local.tzname()})"


def draft_notice(
    *,
    kind: EscalationKind,
    reason: EscalationReason,
    customer_name: str,
    reference: str,
    receiver: str,
    next_update_at: datetime,
    customer_time_zone: str,
    signed: str | None = None,
) -> str:
    """The customer's notice: to whom, why, what happens next and by when they will hear."""
    first = customer_name.split()[0] if customer_name.split() else customer_name
    when = in_customer_time(next_update_at, customer_time_zone)
    why = _WHY_CONDUCT if reason is EscalationReason.STAFF_CONDUCT else _WHY[kind]
    lines = [
        f"Dear {first},",
        "",
        f"I'm passing your case ({reference}) to {receiver}, because {why}. "
        "I've given them the full history, so you won't need to repeat yourself. "
        f"They will look into it, and you'll hear from us by {when} at the latest.",
        "",
        "Is that all right with you?",
    ]
    if signed:
        lines += ["", signed]
    return "\n".join(lines)
