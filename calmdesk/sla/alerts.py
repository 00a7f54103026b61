"""Who hears about a warning, breach or escalation step, and what the notification says."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from calmdesk.notify.models import Channel
from calmdesk.notify.service import Notice
from calmdesk.sla.escalation import SlaEventKind, Step

TOPICS: Mapping[SlaEventKind, str] = {
    SlaEventKind.WARNING: "sla.warning",
    SlaEventKind.BREACH: "sla.breached",
    SlaEventKind.ESCALATION: "sla.escalated",
}
CLOCK_LABELS = {
    "first_response": "first response",
    "next_response": "next response",
    "periodic_update": "periodic update",
    "resolution": "resolution",
}
# How far up a reporting line calmdesk looks for a role before asking the whole team.
MAX_HOPS = 12


@dataclass(frozen=True)
class TicketBrief:
    """What an alert says about its ticket."""

    id: int
    reference: str
    subject: str
    priority: str
    assignee_id: int | None
    team_id: int | None


@dataclass(frozen=True)
class LevelSpec:
    """One rung of an escalation chain, as loaded for a sweep."""

    level: int
    role: str | None
    staff_id: int | None
    delay: timedelta
    channels: tuple[str, ...]


@dataclass(frozen=True)
class StaffEntry:
    """An active staff member as alert routing needs them."""

    id: int
    role: str
    reports_to_id: int | None
    has_email: bool


@dataclass
class StaffDirectory:
    """The active staff and team memberships a sweep routes alerts with."""

    staff: dict[int, StaffEntry] = field(default_factory=dict)
    team_members: dict[int, set[int]] = field(default_factory=dict)

    def level_recipients(self, level: LevelSpec, ticket: TicketBrief) -> list[int]:
        """A named person, or the nearest holder of the role above the assignee, else in the team."""
        if level.staff_id is not None:
            return [level.staff_id] if level.staff_id in self.staff else []
        holder = self._up_the_line(ticket.assignee_id, level.role)
        if holder is not None:
            return [holder]
        holders = sorted(s.id for s in self.staff.values() if s.role == level.role)
        if ticket.team_id is not None:
            in_team = [sid for sid in holders if sid in self.team_members.get(ticket.team_id, set())]
            if in_team:
                return in_team
        return holders

    def _up_the_line(self, start: int | None, role: str | None) -> int | None:
        entry = self.staff.get(start) if start is not None else None
        for _ in range(MAX_HOPS):
            if entry is None or entry.reports_to_id is None:
                return None
            entry = self.staff.get(entry.reports_to_id)
            if entry is not None and entry.role == role:
                return entry.id
        return None


@dataclass(frozen=True)
class Alert:
    """A step to fire with the people it goes to and the channels it uses."""

    ticket: TicketBrief
    step: Step
    due_at: datetime
    recipients: tuple[int, ...]
    channels: tuple[str, ...]


def route(
    step: Step,
    *,
    ticket: TicketBrief,
    due_at: datetime,
    levels: Sequence[LevelSpec],
    directory: StaffDirectory,
) -> Alert:
    """Decides who hears about ``step``: the assignee for warnings and breaches, the rung for escalations."""
    if step.event is SlaEventKind.ESCALATION:
        level = next(spec for spec in levels if spec.level == step.level)
        recipients = directory.level_recipients(level, ticket)
        return Alert(ticket, step, due_at, tuple(recipients), level.channels)
    if ticket.assignee_id is not None and ticket.assignee_id in directory.staff:
        recipients = [ticket.assignee_id]
    elif levels and step.event is SlaEventKind.WARNING:
        recipients = directory.level_recipients(levels[0], ticket)  # nobody owns it: tell the first rung
    else:
        recipients = []
    channels = (Channel.IN_APP.value, Channel.EMAIL.value, Channel.WEBHOOK.value)
    return Alert(ticket, step, due_at, tuple(recipients), channels)


def _when(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def payload(alert: Alert, *, base_url: str) -> dict[str, Any]:
    """What every channel renders: a title, a body, a link and the plain data."""
    step, ticket = alert.step, alert.ticket
    label = CLOCK_LABELS.get(step.clock_kind, step.clock_kind)
    if step.event is SlaEventKind.WARNING:
        title = f"SLA warning: {ticket.reference} {label} due {_when(alert.due_at)}"
        body = f"The {label} promise on {ticket.reference} is due at {_when(alert.due_at)}."
    elif step.event is SlaEventKind.BREACH:
        title = f"SLA breached: {ticket.reference} {label} was due {_when(step.occurred_at)}"
        body = f"The {label} promise on {ticket.reference} was broken at {_when(step.occurred_at)}."
    else:
        title = f"Escalation level {step.level}: {ticket.reference} {label} breached"
        body = (
            f"The {label} promise on {ticket.reference} was broken at {_when(step.occurred_at)} "
            f"and nobody has acknowledged it. Please take it over or acknowledge it."
        )
    return {
        "title": title,
        "body": f"{body}\nSubject: {ticket.subject}\nPriority: {ticket.priority}",
        "url": f"{base_url.rstrip('/')}/tickets/{ticket.reference}",
        "data": {
            "ticket": ticket.reference,
            "ticket_id": ticket.id,
            "subject": ticket.subject,
            "priority": ticket.priority,
            "clock": step.clock_kind,
            "cycle": step.cycle,
            "event": step.event.value,
            "level": step.level,
            "occurred_at": step.occurred_at.isoformat(),
            "due_at": alert.due_at.isoformat(),
            "recipients": list(alert.recipients),
        },
    }


def notices(
    alert: Alert,
    *,
    base_url: str,
    webhooks: Mapping[str, Iterable[int]],
    email_enabled: bool,
    has_email: Mapping[int, bool],
) -> list[Notice]:
    """Turns an alert into outbox notices, one per channel and recipient, each with a unique key."""
    step, ticket = alert.step, alert.ticket
    topic = TOPICS[step.event]
    key = f"sla:{ticket.id}:{step.clock_kind}:{step.cycle}:{step.event.value}:{step.level}"
    body = payload(alert, base_url=base_url)
    queued: list[Notice] = []
    for channel in alert.channels:
        if channel == Channel.WEBHOOK:
            queued += [
                Notice(f"{key}:webhook:{hook}", channel, topic, body, webhook_id=hook, ticket_id=ticket.id)
                for hook in sorted(set(webhooks.get(topic, ())))
            ]
            continue
        if channel == Channel.EMAIL and not email_enabled:
            continue
        for staff_id in alert.recipients:
            if channel == Channel.EMAIL and not has_email.get(staff_id, False):
                continue
            queued.append(
                Notice(
                    f"{key}:{channel}:{staff_id}",
                    channel,
                    topic,
                    body,
                    staff_id=staff_id,
                    ticket_id=ticket.id,
                )
            )
    return queued
