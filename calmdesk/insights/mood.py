"""Mood at the start and end of contacts, per agent and per team: who calms, who inflames.

A contact is a ticket opened in the range whose customer wrote at least twice (so there
is an end that differs from the start): its start is the mood of the customer's first
analysed message, its end the mood of their last one. It counts for the ticket's
assignee and team. Moods run from -1 (furious) to 1 (delighted).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from calmdesk.staff.models import Staff, Team
from calmdesk.tickets.models import AuthorKind, Message, Ticket
from calmdesk.tone.models import MessageAnalysis


@dataclass(frozen=True)
class MoodShift:
    """The average mood at the start and end of one agent's or team's contacts."""

    name: str
    contacts: int
    start: float
    end: float

    @property
    def change(self) -> float:
        """End minus start: positive calms, negative inflames."""
        return round(self.end - self.start, 3)


def _contacts(db: Session, *, start: datetime, end: datetime) -> dict[int, tuple[float, float]]:
    """(first mood, last mood) of each ticket in the range with two or more analysed customer messages."""
    query = (
        select(Message.ticket_id, MessageAnalysis.mood)
        .join(MessageAnalysis, MessageAnalysis.message_id == Message.id)
        .join(Ticket, Ticket.id == Message.ticket_id)
        .where(
            Message.author_kind == AuthorKind.CUSTOMER,
            Ticket.created_at >= start,
            Ticket.created_at < end,
        )
        .order_by(Message.ticket_id, Message.created_at, Message.id)
    )
    moods: dict[int, list[float]] = defaultdict(list)
    for ticket_id, mood in db.execute(query).tuples():
        moods[ticket_id].append(mood)
    return {ticket: (found[0], found[-1]) for ticket, found in moods.items() if len(found) >= 2}


def _shifts(groups: dict[str, list[tuple[float, float]]]) -> list[MoodShift]:
    rows = [
        MoodShift(
            name,
            len(pairs),
            round(sum(p[0] for p in pairs) / len(pairs), 3),
            round(sum(p[1] for p in pairs) / len(pairs), 3),
        )
        for name, pairs in groups.items()
    ]
    return sorted(rows, key=lambda row: (-row.change, row.name))


def by_agent_and_team(
    db: Session, *, start: datetime, end: datetime
) -> tuple[list[MoodShift], list[MoodShift]]:
    """Mood shifts per assignee and per team, the most calming first."""
    contacts = _contacts(db, start=start, end=end)
    if not contacts:
        return [], []
    owners = db.execute(
        select(Ticket.id, Staff.name, Team.name)
        .outerjoin(Staff, Staff.id == Ticket.assignee_id)
        .outerjoin(Team, Team.id == Ticket.team_id)
        .where(Ticket.id.in_(list(contacts)))
    ).tuples()
    agents: dict[str, list[tuple[float, float]]] = defaultdict(list)
    teams: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for ticket_id, agent, team in owners:
        agents[agent or "(unassigned)"].append(contacts[ticket_id])
        teams[team or "(no team)"].append(contacts[ticket_id])
    return _shifts(agents), _shifts(teams)
