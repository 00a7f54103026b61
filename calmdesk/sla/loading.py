"""Loads what a sweep batch needs about its claimed tickets in a handful of set-based queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from calmdesk.sla.alerts import LevelSpec, StaffDirectory, StaffEntry, TicketBrief
from calmdesk.sla.escalation import FiredKey, RunningClock, SlaEventKind
from calmdesk.sla.models import ClockRecord, EscalationChain, EscalationLevel, SlaEvent, SlaPolicy, TicketSla
from calmdesk.staff.models import Staff, staff_teams
from calmdesk.tickets.models import Ticket
from calmdesk.tickets.reference import format_reference


@dataclass
class SweepContext:
    """The claimed tickets' running clocks, fired steps, chains and (on demand) the staff."""

    db: Session
    running: dict[int, list[RunningClock]] = field(default_factory=dict)
    fired: dict[int, set[FiredKey]] = field(default_factory=dict)
    acknowledged: dict[int, set[tuple[str, int]]] = field(default_factory=dict)
    tickets: dict[int, TicketBrief] = field(default_factory=dict)
    chain_of_ticket: dict[int, int | None] = field(default_factory=dict)
    levels: dict[int, list[LevelSpec]] = field(default_factory=dict)
    _directory: StaffDirectory | None = None

    def levels_for(self, ticket_id: int) -> list[LevelSpec]:
        """Returns the escalation levels that apply to a ticket (none without a chain)."""
        chain_id = self.chain_of_ticket.get(ticket_id)
        return self.levels.get(chain_id, []) if chain_id is not None else []

    @property
    def directory(self) -> StaffDirectory:
        """The active staff, loaded the first time an alert needs routing."""
        if self._directory is None:
            team_ids = {t.team_id for t in self.tickets.values() if t.team_id is not None}
            self._directory = load_directory(self.db, team_ids=team_ids)
        return self._directory


def load_context(db: Session, ticket_ids: list[int]) -> SweepContext:
    """Loads the sweep context of the claimed tickets."""
    context = SweepContext(db)
    clocks = select(
        ClockRecord.ticket_id,
        ClockRecord.kind,
        ClockRecord.cycle,
        ClockRecord.due_at,
        ClockRecord.warning_at,
        ClockRecord.breached_at,
    ).where(ClockRecord.ticket_id.in_(ticket_ids), ClockRecord.state == "running")
    for ticket_id, kind, cycle, due_at, warning_at, breached_at in db.execute(clocks):
        if due_at is not None:
            clock = RunningClock(kind, cycle, due_at, warning_at, breached_at)
            context.running.setdefault(ticket_id, []).append(clock)
    events = select(
        SlaEvent.ticket_id, SlaEvent.clock_kind, SlaEvent.cycle, SlaEvent.event, SlaEvent.level
    ).where(SlaEvent.ticket_id.in_(ticket_ids))
    for ticket_id, kind, cycle, event, level in db.execute(events):
        context.fired.setdefault(ticket_id, set()).add((kind, cycle, event, level))
        if event == SlaEventKind.ACKNOWLEDGED:
            context.acknowledged.setdefault(ticket_id, set()).add((kind, cycle))
    tickets = select(Ticket.id, Ticket.subject, Ticket.priority, Ticket.assignee_id, Ticket.team_id).where(
        Ticket.id.in_(ticket_ids)
    )
    for ticket_id, subject, priority, assignee_id, team_id in db.execute(tickets):
        context.tickets[ticket_id] = TicketBrief(
            ticket_id, format_reference(ticket_id), subject, priority, assignee_id, team_id
        )
    _load_chains(db, context, ticket_ids)
    return context


def _load_chains(db: Session, context: SweepContext, ticket_ids: list[int]) -> None:
    """A ticket's chain is its policy's, or else its team's."""
    policy_chains = dict(
        db.execute(
            select(TicketSla.ticket_id, SlaPolicy.escalation_chain_id)
            .join(SlaPolicy, SlaPolicy.id == TicketSla.policy_id)
            .where(TicketSla.ticket_id.in_(ticket_ids))
        )
        .tuples()
        .all()
    )
    team_ids = {t.team_id for t in context.tickets.values() if t.team_id is not None}
    team_chains: dict[int, int] = {}
    if team_ids:
        query = select(EscalationChain.team_id, EscalationChain.id).where(
            EscalationChain.team_id.in_(team_ids)
        )
        team_chains = {team_id: chain_id for team_id, chain_id in db.execute(query) if team_id is not None}
    for ticket_id in ticket_ids:
        brief = context.tickets.get(ticket_id)
        team_chain = team_chains.get(brief.team_id) if brief and brief.team_id is not None else None
        context.chain_of_ticket[ticket_id] = policy_chains.get(ticket_id) or team_chain
    chain_ids = {chain for chain in context.chain_of_ticket.values() if chain is not None}
    if not chain_ids:
        return
    levels: dict[int, list[LevelSpec]] = defaultdict(list)
    level_query = (
        select(EscalationLevel).where(EscalationLevel.chain_id.in_(chain_ids)).order_by(EscalationLevel.level)
    )
    for level in db.scalars(level_query):
        levels[level.chain_id].append(
            LevelSpec(
                level.level,
                level.role,
                level.staff_id,
                timedelta(minutes=level.delay_minutes),
                tuple(level.channels),
            )
        )
    context.levels = dict(levels)


def load_directory(db: Session, *, team_ids: set[int]) -> StaffDirectory:
    """Loads the active staff and the members of the given teams."""
    directory = StaffDirectory()
    query = select(Staff.id, Staff.role, Staff.reports_to_id, Staff.email).where(Staff.is_active.is_(True))
    for staff_id, role, reports_to_id, email in db.execute(query):
        directory.staff[staff_id] = StaffEntry(staff_id, role, reports_to_id, bool(email))
    if team_ids:
        members = select(staff_teams.c.team_id, staff_teams.c.staff_id).where(
            staff_teams.c.team_id.in_(team_ids)
        )
        for team_id, staff_id in db.execute(members):
            directory.team_members.setdefault(team_id, set()).add(staff_id)
    return directory
