"""Turns the demo desk's content into rows, with times set relative to now."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from calmdesk.audit import service as audit_service
from calmdesk.auth import secrets
from calmdesk.auth.principal import SYSTEM
from calmdesk.clock import utcnow
from calmdesk.customers.models import Customer
from calmdesk.demo import content
from calmdesk.demo.contractor_loader import ContractorDemoSummary, load_contractors
from calmdesk.demo.escalations import load_escalations
from calmdesk.demo.followups import load_followups
from calmdesk.demo.incidents import load_incidents
from calmdesk.demo.kb_articles import load_articles
from calmdesk.demo.sla import load_sla
from calmdesk.staff.models import Staff, Team, TeamSkill
from calmdesk.tickets import conversation
from calmdesk.tickets.models import AuthorKind, MessageKind, Ticket, TicketTag

_KIND = {
    "customer": MessageKind.REPLY,
    "agent": MessageKind.REPLY,
    "note": MessageKind.NOTE,
    "call": MessageKind.CALL,
}


@dataclass(frozen=True)
class DemoSummary:
    """What was loaded, and how to sign in."""

    teams: int
    staff: int
    customers: int
    tickets: int
    messages: int
    sign_ins: tuple[tuple[str, str, str], ...]  # (role, name, email)
    contractors: ContractorDemoSummary
    more: tuple[str, ...] = ()  # what other domains loaded, one line each

    def describe(self) -> str:
        """A short report for the terminal."""
        lines = [
            f"demo desk loaded: {self.teams} teams, {self.staff} staff, {self.customers} customers, "
            f"{self.tickets} tickets, {self.messages} messages",
            f"every demo account's password: {content.DEMO_PASSWORD}",
        ]
        lines += [f"  {role:<20} {name:<24} {email}" for role, name, email in self.sign_ins]
        lines += [self.contractors.describe(), *self.more]
        return "\n".join(lines)


def has_tickets(db: Session) -> bool:
    """True when the desk already holds tickets."""
    return bool(db.scalar(select(exists().where(Ticket.id.is_not(None)))))


def _staff(db: Session, teams: dict[str, Team]) -> dict[str, Staff]:
    password_hash = secrets.hash_password(content.DEMO_PASSWORD)
    staff: dict[str, Staff] = {}
    for person in content.STAFF:
        member = Staff(
            name=person.name,
            email=person.email.lower(),
            role=person.role,
            is_active=True,
            password_hash=password_hash,
            teams=[teams[key] for key in person.teams],
        )
        db.add(member)
        staff[person.key] = member
    db.flush()
    for person in content.STAFF:
        if person.reports_to is not None:
            staff[person.key].reports_to_id = staff[person.reports_to].id
    return staff


def _ticket(
    db: Session,
    demo: content.DemoTicket,
    *,
    now: datetime,
    customers: dict[str, Customer],
    teams: dict[str, Team],
    staff: dict[str, Staff],
) -> int:
    opened = now - timedelta(days=demo.opened_days_ago)
    ticket = Ticket(
        subject=demo.subject,
        status=demo.status,
        priority=demo.priority,
        severity=demo.severity,
        category=demo.category,
        channel=demo.channel,
        customer=customers[demo.customer_key],
        team=teams[demo.team_key] if demo.team_key else None,
        assignee=staff[demo.assignee_key] if demo.assignee_key else None,
        tags=[TicketTag(name=tag) for tag in sorted(set(demo.tags))],
        created_at=opened,
        updated_at=opened,
    )
    db.add(ticket)
    db.flush()
    last = opened
    for turn in demo.turns:
        at = opened + timedelta(hours=turn.hours_after_open)
        author = staff[turn.staff_key] if turn.staff_key else None
        message = conversation.append(
            db,
            ticket=ticket,
            author_kind=AuthorKind.CUSTOMER if turn.author == "customer" else AuthorKind.AGENT,
            author_customer_id=ticket.customer_id if turn.author == "customer" else None,
            author_staff_id=author.id if author else None,
            channel="phone" if turn.author == "call" else demo.channel,
            kind=_KIND[turn.author],
            body=None if turn.is_html else turn.text,
            body_html=turn.text if turn.is_html else None,
            call_direction=turn.call_direction if turn.author == "call" else None,
            call_duration_seconds=turn.call_duration_seconds if turn.author == "call" else None,
        )
        message.created_at = at
        last = max(last, at)
    ticket.updated_at = last
    if demo.status in ("resolved", "closed"):
        ticket.resolved_at = last
    if demo.status == "closed":
        ticket.closed_at = last
    return len(demo.turns)


def load(db: Session) -> DemoSummary:
    """Adds the demo desk to the database (in the caller's transaction)."""
    now = utcnow()
    teams: dict[str, Team] = {}
    for team in content.TEAMS:
        teams[team.key] = Team(
            name=team.name,
            description=team.description,
            skills=[TeamSkill(skill=skill) for skill in sorted(set(team.skills))],
        )
        db.add(teams[team.key])
    db.flush()
    staff = _staff(db, teams)
    customers: dict[str, Customer] = {}
    for person in content.CUSTOMERS:
        customers[person.key] = Customer(
            name=person.name,
            email=person.email.lower() if person.email else None,
            phone=person.phone,
            company=person.company,
            tier=person.tier,
            timezone=person.timezone,
            notes=person.notes,
        )
        db.add(customers[person.key])
    db.flush()
    contractors = load_contractors(
        db, {member.email: member for member in staff.values()}, customers, now=now
    )
    messages = sum(
        _ticket(db, demo, now=now, customers=customers, teams=teams, staff=staff) for demo in content.TICKETS
    )
    db.flush()
    load_sla(db, now=now)
    load_followups(db, now=now)
    load_articles(db, now=now)  # the knowledge base (calmdesk.demo.kb_articles)
    load_incidents(db, now=now)
    escalations = load_escalations(db, now=now)
    audit_service.record(
        db,
        actor=SYSTEM,
        action="demo.loaded",
        entity_type="desk",
        entity_id=0,
        after={"tickets": len(content.TICKETS), "customers": len(content.CUSTOMERS)},
    )
    shown_roles = {"admin", "supervisor", "manager", "head_of_operations", "hr_manager"}
    first_agent = next(p.key for p in content.STAFF if p.role == "agent")
    sign_ins = tuple(
        (person.role, person.name, person.email.lower())
        for person in content.STAFF
        if person.role in shown_roles or person.key == first_agent
    )
    return DemoSummary(
        teams=len(teams),
        staff=len(staff),
        customers=len(customers),
        tickets=len(content.TICKETS),
        messages=messages,
        sign_ins=sign_ins,
        contractors=contractors,
        more=(escalations.describe(),),
    )
