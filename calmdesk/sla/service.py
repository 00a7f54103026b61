"""Keeps each ticket's SLA clocks in step with the ticket. Callers own the transaction.

The ticket code calls :func:`on_ticket_changed` after creating or changing a ticket
and :func:`on_message` after adding to its conversation. Each call locks the ticket's
SLA row first (``ticket_sla``), the same row the worker claims, so a sweep and a
request never work on one ticket's clocks at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from calmdesk.sla import clock_rows
from calmdesk.sla.calendar import BusinessCalendar
from calmdesk.sla.clock import ClockKind, ClockState, SlaClock
from calmdesk.sla.escalation import RunningClock, plan_checks
from calmdesk.sla.models import ClockRecord, SlaEvent, SlaPolicy, SlaTarget, TicketSla
from calmdesk.sla.policies import PolicyRule, TicketFacts, choose_policy
from calmdesk.tickets.lifecycle import TicketStatus
from calmdesk.tickets.models import AuthorKind, Message, MessageKind, Ticket

ACTIVE = frozenset({TicketStatus.NEW, TicketStatus.OPEN})
WAITING = frozenset({TicketStatus.PENDING_CUSTOMER, TicketStatus.ON_HOLD})
DONE = frozenset({TicketStatus.RESOLVED, TicketStatus.CLOSED})
LIVE = frozenset({ClockState.RUNNING, ClockState.PAUSED})


@dataclass
class _Clocks:
    """A ticket's current clock cycles while a hook works on them."""

    ticket: Ticket
    state: TicketSla
    policy: SlaPolicy | None
    calendar: BusinessCalendar | None
    rows: dict[ClockKind, ClockRecord] = field(default_factory=dict)
    values: dict[ClockKind, SlaClock] = field(default_factory=dict)
    cycles: dict[ClockKind, int] = field(default_factory=dict)
    # Cycles ended in this call whose rows still need their final state written.
    retired: list[tuple[ClockKind, ClockRecord, SlaClock]] = field(default_factory=list)

    def target(self, kind: ClockKind) -> SlaTarget | None:
        if self.policy is None:
            return None
        return next((t for t in self.policy.targets if t.kind == kind.value), None)

    def live(self, kind: ClockKind) -> bool:
        clock = self.values.get(kind)
        return clock is not None and clock.state in LIVE

    def start(self, kind: ClockKind, now: datetime, db: Session) -> None:
        """Starts a new cycle of ``kind`` if the policy sets a target for it."""
        target = self.target(kind)
        if target is None:
            return
        cycle = self.cycles.get(kind, 0) + 1
        if kind in self.rows:
            self.retired.append((kind, self.rows[kind], self.values[kind]))
        row = clock_rows.new_row(self.ticket.id, kind, cycle, now)
        db.add(row)
        self.rows[kind], self.cycles[kind] = row, cycle
        self.values[kind] = SlaClock(kind, clock_rows.target_duration(target)).start(now)


def active_policies(db: Session) -> list[SlaPolicy]:
    """Returns the active policies in matching order."""
    query = select(SlaPolicy).where(SlaPolicy.is_active.is_(True))
    return list(db.scalars(query.order_by(SlaPolicy.position, SlaPolicy.id)))


def facts_of(ticket: Ticket) -> TicketFacts:
    """Returns what policy conditions test about ``ticket``."""
    return TicketFacts(
        priority=ticket.priority,
        tier=ticket.customer.tier,
        channel=ticket.channel,
        category=ticket.category,
        team_id=ticket.team_id,
    )


def policy_for(policies: list[SlaPolicy], ticket: Ticket) -> SlaPolicy | None:
    """Returns the policy that applies to ``ticket`` (first match, else the default)."""
    rules = [PolicyRule(p.id, p.position, p.conditions, p.is_default) for p in policies]
    chosen = choose_policy(rules, facts_of(ticket))
    return next((p for p in policies if p.id == chosen), None)


def lock_state(db: Session, *, ticket_id: int) -> TicketSla | None:
    """Returns the ticket's SLA row, locked for this transaction (PostgreSQL; SQLite is exclusive)."""
    query = select(TicketSla).where(TicketSla.ticket_id == ticket_id).with_for_update()
    return db.scalars(query.execution_options(populate_existing=True)).one_or_none()


def current_rows(db: Session, *, ticket_id: int) -> dict[ClockKind, ClockRecord]:
    """Returns the highest cycle of each of the ticket's clocks."""
    rows: dict[ClockKind, ClockRecord] = {}
    query = select(ClockRecord).where(ClockRecord.ticket_id == ticket_id).order_by(ClockRecord.cycle)
    for row in db.scalars(query):
        rows[ClockKind(row.kind)] = row
    return rows


def on_ticket_changed(db: Session, *, ticket: Ticket, now: datetime) -> None:
    """Matches the ticket's policy again and fits its clocks to its status (pause, resume, stop)."""
    _sync(db, ticket=ticket, now=now, message=None)


def on_message(db: Session, *, ticket: Ticket, message: Message, now: datetime) -> None:
    """Meets response clocks on a public reply or call; starts next response on a customer message."""
    _sync(db, ticket=ticket, now=now, message=message)


def _sync(db: Session, *, ticket: Ticket, now: datetime, message: Message | None) -> None:
    db.flush()
    state = lock_state(db, ticket_id=ticket.id)
    policies = active_policies(db)
    policy = policy_for(policies, ticket)
    if state is None:
        if policy is None:
            return  # no policy has ever applied: nothing to keep
        state = TicketSla(ticket_id=ticket.id, policy_id=None, check_failures=0)
        db.add(state)
    old_policy = db.get(SlaPolicy, state.policy_id) if state.policy_id is not None else None
    old_calendar = clock_rows.calendar_of(old_policy.calendar.definition) if old_policy else None
    clocks = _Clocks(ticket, state, policy, None)
    clocks.calendar = clock_rows.calendar_of(policy.calendar.definition) if policy else old_calendar
    for kind, row in current_rows(db, ticket_id=ticket.id).items():
        clocks.rows[kind], clocks.values[kind], clocks.cycles[kind] = row, clock_rows.to_clock(row), row.cycle
    changed = state.policy_id != (policy.id if policy else None) or not clocks.values
    _apply_policy(db, clocks, now=now, ran_on=old_calendar or clocks.calendar, changed=changed)
    if message is not None and clocks.calendar is not None:
        _apply_message(db, clocks, message=message, now=now)
    if clocks.calendar is not None:
        _fit_status(db, clocks, now=now)
    _store(db, clocks, now=now)


def _apply_policy(
    db: Session, clocks: _Clocks, *, now: datetime, ran_on: BusinessCalendar | None, changed: bool
) -> None:
    """Fits the clocks to the matched policy's targets without losing the time they used."""
    clocks.state.policy_id = clocks.policy.id if clocks.policy else None
    for kind, clock in list(clocks.values.items()):
        if clock.state not in LIVE or ran_on is None:
            continue
        target = clocks.target(kind)
        if target is None:
            clocks.values[kind] = clock.stop(now, ran_on)
        elif changed or clock.target != clock_rows.target_duration(target):
            clocks.values[kind] = clock.retarget(
                now, calendar=ran_on, target=clock_rows.target_duration(target)
            )
    status = TicketStatus(clocks.ticket.status)
    if status in DONE or not changed:
        return
    for kind in (ClockKind.RESOLUTION, ClockKind.PERIODIC_UPDATE):
        if kind not in clocks.values:
            clocks.start(kind, now, db)
    if ClockKind.FIRST_RESPONSE not in clocks.values and not _answered(db, clocks.ticket):
        clocks.start(ClockKind.FIRST_RESPONSE, now, db)


def _answered(db: Session, ticket: Ticket) -> bool:
    public = exists().where(
        Message.ticket_id == ticket.id,
        Message.author_kind == AuthorKind.AGENT,
        Message.kind.in_((MessageKind.REPLY, MessageKind.CALL)),
    )
    return bool(db.scalar(select(public)))


def _apply_message(db: Session, clocks: _Clocks, *, message: Message, now: datetime) -> None:
    assert clocks.calendar is not None
    calendar = clocks.calendar
    if message.author_kind == AuthorKind.AGENT and message.kind in (MessageKind.REPLY, MessageKind.CALL):
        for kind in (ClockKind.FIRST_RESPONSE, ClockKind.NEXT_RESPONSE, ClockKind.PERIODIC_UPDATE):
            if clocks.live(kind):
                clocks.values[kind] = clocks.values[kind].met(now, calendar)
        if TicketStatus(clocks.ticket.status) not in DONE:
            clocks.start(ClockKind.PERIODIC_UPDATE, now, db)
    elif message.author_kind == AuthorKind.CUSTOMER and not (
        clocks.live(ClockKind.FIRST_RESPONSE) or clocks.live(ClockKind.NEXT_RESPONSE)
    ):
        # While the first response is owed, a follow-up message is covered by that clock.
        clocks.start(ClockKind.NEXT_RESPONSE, now, db)


def _fit_status(db: Session, clocks: _Clocks, *, now: datetime) -> None:
    """Pauses clocks while the ticket waits, resumes them after, and stops them on resolution."""
    assert clocks.calendar is not None
    calendar = clocks.calendar
    status = TicketStatus(clocks.ticket.status)
    for kind, clock in list(clocks.values.items()):
        if status in WAITING and clock.state is ClockState.RUNNING:
            clocks.values[kind] = clock.pause(now, calendar)
        elif status in ACTIVE and clock.state is ClockState.PAUSED:
            clocks.values[kind] = clock.resume(now)
        elif status in DONE and clock.state in LIVE:
            done = clock.met if kind is ClockKind.RESOLUTION else clock.stop
            clocks.values[kind] = done(now, calendar)
    if status in DONE:
        return
    resolution = clocks.values.get(ClockKind.RESOLUTION)
    if resolution is not None and resolution.met_at is not None:
        # Reopened: resolution goes on from the time it had used, in the same cycle,
        # so a breach that already fired is not fired again.
        clocks.values[ClockKind.RESOLUTION] = replace(
            resolution, state=ClockState.RUNNING, running_since=now, met_at=None
        )
    update = clocks.values.get(ClockKind.PERIODIC_UPDATE)
    if update is not None and update.state is ClockState.STOPPED:
        clocks.start(ClockKind.PERIODIC_UPDATE, now, db)
    if status in WAITING:
        for kind, clock in list(clocks.values.items()):
            if clock.state is ClockState.RUNNING:
                clocks.values[kind] = clock.pause(now, calendar)


def _store(db: Session, clocks: _Clocks, *, now: datetime) -> None:
    """Writes the clocks back with their deadlines, and sets the ticket's next check time."""
    calendar = clocks.calendar
    if calendar is None:
        clocks.state.next_check_at = None
        return
    running: list[RunningClock] = []
    entries = [*clocks.retired, *((kind, clocks.rows[kind], clock) for kind, clock in clocks.values.items())]
    for kind, row, clock in entries:
        target = clocks.target(kind)
        warn = clock_rows.warning_rule(target) if target is not None else 0.75
        clock_rows.write_clock(row, clock, calendar=calendar, warn=warn)
        if row.due_at is not None:
            running.append(RunningClock(kind.value, row.cycle, row.due_at, row.warning_at, row.breached_at))
    clocks.state.next_check_at = _next_check(db, clocks.ticket.id, running, now)


def _next_check(db: Session, ticket_id: int, running: list[RunningClock], now: datetime) -> datetime | None:
    if not running:
        return None
    events = db.execute(
        select(SlaEvent.clock_kind, SlaEvent.cycle, SlaEvent.event, SlaEvent.level).where(
            SlaEvent.ticket_id == ticket_id
        )
    ).all()
    fired = [(kind, cycle, event, level) for kind, cycle, event, level in events]
    acknowledged = [(kind, cycle) for kind, cycle, event, _ in events if event == "acknowledged"]
    # The chain's delays only matter once a breach has fired; the worker plans those exactly.
    plan = plan_checks(running, fired=fired, acknowledged=acknowledged, rungs=(), now=now)
    if plan.steps or any(clock.breach_instant(now) is not None for clock in running):
        return now
    return plan.next_check_at
