"""Subject-matter experts for a ticket: teams whose skills cover it, and who solved similar tickets."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from calmdesk.kb import ranking
from calmdesk.staff.models import Staff, Team, TeamSkill, staff_teams
from calmdesk.staff.roles import Role
from calmdesk.tickets.lifecycle import TicketStatus
from calmdesk.tickets.models import AuthorKind, Message, Ticket
from calmdesk.tickets.reference import format_reference

# Similarity is computed over the most recently resolved tickets only: recent fixes are the
# ones that still apply, and it bounds the work per ticket page.
RESOLVED_WINDOW = 300
SIMILAR_FLOOR = 0.12
SIMILAR_KEEP = 10
_NOT_EXPERTS = (Role.ADMIN, Role.CONTRACTOR)


@dataclass
class ExpertEvidence:
    """Why one staff member may know the answer."""

    staff_id: int
    skills: list[str] = field(default_factory=list)
    solved: list[tuple[str, float]] = field(default_factory=list)  # (reference, similarity)

    @property
    def score(self) -> float:
        """Matching skills count one each; each similar solved ticket adds twice its similarity."""
        return len(self.skills) + 2.0 * sum(similarity for _, similarity in self.solved)


def rank_experts(
    skills_by_staff: Mapping[int, Iterable[str]],
    solved_by_staff: Mapping[int, Sequence[tuple[str, float]]],
    *,
    limit: int,
) -> list[ExpertEvidence]:
    """Merges both kinds of evidence into a ranking, strongest first (ties by staff id)."""
    evidence: dict[int, ExpertEvidence] = {}
    for staff_id, skills in skills_by_staff.items():
        evidence.setdefault(staff_id, ExpertEvidence(staff_id)).skills = sorted(set(skills))
    for staff_id, solved in solved_by_staff.items():
        evidence.setdefault(staff_id, ExpertEvidence(staff_id)).solved = list(solved)
    ranked = sorted(evidence.values(), key=lambda e: (-e.score, e.staff_id))
    return [e for e in ranked if e.score > 0][:limit]


def wanted_skills(ticket: Ticket, article_tags: Iterable[str]) -> list[str]:
    """The skills a ticket calls for: its category, its tags, and the tags of its best articles."""
    words = [ticket.category or "", *ticket.tag_names, *article_tags]
    return ranking.unique(w.strip().lower() for w in words if w and w.strip())


def _skilled_staff(db: Session, skills: Sequence[str]) -> dict[int, list[str]]:
    if not skills:
        return {}
    rows = db.execute(
        select(Staff.id, TeamSkill.skill)
        .join(staff_teams, staff_teams.c.staff_id == Staff.id)
        .join(Team, Team.id == staff_teams.c.team_id)
        .join(TeamSkill, TeamSkill.team_id == Team.id)
        .where(TeamSkill.skill.in_(skills), Staff.is_active.is_(True), Staff.role.not_in(_NOT_EXPERTS))
    ).all()
    found: dict[int, list[str]] = {}
    for staff_id, skill in rows:
        found.setdefault(staff_id, []).append(skill)
    return found


def first_customer_texts(db: Session, ticket_ids: Sequence[int]) -> dict[int, str]:
    """The first customer message of each ticket, by ticket id."""
    if not ticket_ids:
        return {}
    first = (
        select(Message.ticket_id, func.min(Message.id).label("first_id"))
        .where(Message.ticket_id.in_(ticket_ids), Message.author_kind == AuthorKind.CUSTOMER)
        .group_by(Message.ticket_id)
        .subquery()
    )
    rows = db.execute(
        select(Message.ticket_id, Message.body_text).join(first, Message.id == first.c.first_id)
    )
    return {row.ticket_id: row.body_text for row in rows}


def _solvers(db: Session, ticket: Ticket, question: str) -> dict[int, list[tuple[str, float]]]:
    rows = db.execute(
        select(Ticket.id, Ticket.subject, Ticket.assignee_id)
        .join(Staff, Staff.id == Ticket.assignee_id)
        .where(
            Ticket.status.in_((TicketStatus.RESOLVED, TicketStatus.CLOSED)),
            Ticket.id != ticket.id,
            Staff.is_active.is_(True),
            Staff.role.not_in(_NOT_EXPERTS),
        )
        .order_by(Ticket.resolved_at.desc().nulls_last(), Ticket.id.desc())
        .limit(RESOLVED_WINDOW)
    ).all()
    texts = first_customer_texts(db, [row.id for row in rows])
    documents = {row.id: f"{row.subject}\n{texts.get(row.id, '')}" for row in rows}
    assignee = {row.id: row.assignee_id for row in rows}
    similar = ranking.top_keys(
        ranking.tfidf_similarity(question, documents), limit=SIMILAR_KEEP, floor=SIMILAR_FLOOR
    )
    solved: dict[int, list[tuple[str, float]]] = {}
    for ticket_id, similarity in similar:
        solved.setdefault(assignee[ticket_id], []).append((format_reference(ticket_id), round(similarity, 3)))
    return solved


def find(
    db: Session, *, ticket: Ticket, question: str, article_tags: Iterable[str], limit: int = 5
) -> list[tuple[Staff, ExpertEvidence]]:
    """The staff most likely to know how to solve ``ticket``, with the evidence for each."""
    ranked = rank_experts(
        _skilled_staff(db, wanted_skills(ticket, article_tags)), _solvers(db, ticket, question), limit=limit
    )
    people = {s.id: s for s in db.scalars(select(Staff).where(Staff.id.in_([e.staff_id for e in ranked])))}
    return [(people[e.staff_id], e) for e in ranked if e.staff_id in people]
