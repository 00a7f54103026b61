"""Who is on the desk: the reporting chain, teams by skill, members and their open load (reads only)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from calmdesk.escalation.authority import Person
from calmdesk.staff.models import Staff, Team, TeamSkill, staff_teams
from calmdesk.staff.roles import Role
from calmdesk.tickets.lifecycle import TicketStatus
from calmdesk.tickets.models import Ticket

OPEN_STATUSES = (TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.PENDING_CUSTOMER, TicketStatus.ON_HOLD)


def people(db: Session) -> dict[int, Person]:
    """Every staff member as the chain sees them (a small table, read whole)."""
    rows = db.execute(select(Staff.id, Staff.name, Staff.role, Staff.reports_to_id, Staff.is_active)).all()
    return {row.id: Person(row.id, row.name, row.role, row.reports_to_id, row.is_active) for row in rows}


def team_for_skill(db: Session, *, skill: str) -> Team | None:
    """The first team (by name) that covers ``skill``."""
    query = select(Team).where(Team.skills.any(TeamSkill.skill == skill)).order_by(Team.name).limit(1)
    return db.scalars(query).unique().one_or_none()


def open_loads(db: Session, *, staff_ids: list[int]) -> dict[int, int]:
    """How many open tickets each of these staff members holds."""
    if not staff_ids:
        return {}
    query = (
        select(Ticket.assignee_id, func.count())
        .where(Ticket.assignee_id.in_(staff_ids), Ticket.status.in_(OPEN_STATUSES))
        .group_by(Ticket.assignee_id)
    )
    return {int(staff_id): int(count) for staff_id, count in db.execute(query)}


def team_members(db: Session, *, team_id: int, roles: tuple[Role, ...] = (Role.AGENT,)) -> list[Staff]:
    """The team's active members of ``roles``, by id."""
    query = (
        select(Staff)
        .join(staff_teams, staff_teams.c.staff_id == Staff.id)
        .where(staff_teams.c.team_id == team_id, Staff.is_active.is_(True), Staff.role.in_(roles))
        .order_by(Staff.id)
    )
    return list(db.scalars(query).unique())
