"""SLA compliance per target, team or agent, over the clock cycles started in a date range."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from sqlalchemy import ColumnElement, and_, case, func, or_, select
from sqlalchemy.orm import Session

from calmdesk.errors import InvalidRequest
from calmdesk.sla.models import ClockRecord
from calmdesk.sla.schemas import ComplianceReport, ReportRow
from calmdesk.staff.models import Staff, Team
from calmdesk.tickets.models import Ticket

GroupBy = Literal["target", "team", "agent"]


def _count(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.sum(case((condition, 1), else_=0))


def compliance(
    db: Session, *, group_by: GroupBy, start: datetime, end: datetime, now: datetime
) -> ComplianceReport:
    """Counts clock cycles met in time, breached and still running, per group."""
    if end <= start:
        raise InvalidRequest("empty_range", "the report's end must come after its start")
    c = ClockRecord
    breached = or_(c.breached_at.is_not(None), and_(c.state == "running", c.due_at < now))
    met_in_time = and_(c.met_at.is_not(None), c.breached_at.is_(None))
    running = and_(c.state.in_(("running", "paused")), ~breached)
    group_column = {"target": c.kind, "team": Ticket.team_id, "agent": Ticket.assignee_id}[group_by]
    query = (
        select(
            group_column,
            func.count(),
            _count(met_in_time),
            _count(breached),
            _count(running),
        )
        .join(Ticket, Ticket.id == c.ticket_id)
        .where(c.started_at >= start, c.started_at < end)
        .group_by(group_column)
    )
    names = _names(db, group_by)
    rows = []
    for key, total, met, breaches, open_count in db.execute(query):
        met, breaches = int(met or 0), int(breaches or 0)
        decided = met + breaches
        rows.append(
            ReportRow(
                key=names.get(key, str(key)) if key is not None else _nobody(group_by),
                clocks=int(total),
                met_in_time=met,
                breached=breaches,
                running=int(open_count or 0),
                compliance_percent=round(100 * met / decided, 1) if decided else None,
            )
        )
    rows.sort(key=lambda row: row.key)
    return ComplianceReport(group_by=group_by, start=start, end=end, rows=rows)


def _names(db: Session, group_by: GroupBy) -> dict[object, str]:
    if group_by == "team":
        return dict(db.execute(select(Team.id, Team.name)).tuples().all())
    if group_by == "agent":
        return dict(db.execute(select(Staff.id, Staff.name)).tuples().all())
    return {}


def _nobody(group_by: GroupBy) -> str:
    return "(no team)" if group_by == "team" else "(unassigned)"
