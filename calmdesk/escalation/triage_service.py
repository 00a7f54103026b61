"""Triage of every new ticket by the admins' rules, assignment within the team, and the rules' upkeep.

``tickets.service.create`` calls :func:`triage_new_ticket` once the first message's tone
is read, so tickets from every channel (API, email, web form) are triaged alike. With
no active rule nothing happens and nothing is written.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from calmdesk.audit import service as audit_service
from calmdesk.auth.principal import SYSTEM, Actor
from calmdesk.clock import utcnow
from calmdesk.config import get_settings
from calmdesk.errors import Conflict, InvalidRequest, NotFound
from calmdesk.escalation import directory
from calmdesk.escalation.briefing import report_of
from calmdesk.escalation.models import RoundRobinCursor, TriageDecision, TriageRule
from calmdesk.escalation.rules import RuleSpec, TriageFacts, evaluate, least_loaded, round_robin
from calmdesk.escalation.schemas import TriageRuleCreate, TriageRuleUpdate
from calmdesk.escalation.vocabulary import Assignment
from calmdesk.notify.bulk import insert_skipping_duplicates
from calmdesk.staff.models import Team
from calmdesk.tickets.models import Message, Ticket, TicketTag
from calmdesk.tone.triage import triggers_of

RULE_AUDITED = (
    "name",
    "position",
    "is_active",
    "conditions",
    "priority",
    "severity",
    "category",
    "team_id",
    "skill",
    "assignment",
    "tags",
)
TICKET_AUDITED = ("priority", "severity", "category", "team_id", "assignee_id", "tag_names")


def active_rules(db: Session) -> list[TriageRule]:
    """The active rules in the order they apply."""
    query = select(TriageRule).where(TriageRule.is_active.is_(True))
    return list(db.scalars(query.order_by(TriageRule.position, TriageRule.id)))


def _spec(db: Session, rule: TriageRule) -> RuleSpec:
    team_id = rule.team_id
    if team_id is None and rule.skill:
        team = directory.team_for_skill(db, skill=rule.skill)
        team_id = team.id if team else None
    # A rule that routes to a team and names no strategy assigns by least open load.
    assignment = rule.assignment or (Assignment.LEAST_LOAD.value if team_id is not None else None)
    return RuleSpec(
        id=rule.id,
        name=rule.name,
        conditions=rule.conditions,
        priority=rule.priority,
        severity=rule.severity,
        category=rule.category,
        team_id=team_id,
        assignment=assignment,
        tags=tuple(rule.tags),
    )


def facts_of(ticket: Ticket, message: Message | None) -> TriageFacts:
    """What the rules test about a new ticket and its first message."""
    report_row = message.analysis if message is not None else None
    tone: set[str] = set()
    risk = None
    if report_row is not None:
        report = report_of(report_row)
        tone = triggers_of(report, high_risk=get_settings().tone_high_risk)
        if report.is_complaint:
            tone.add("is_complaint")
        risk = report.escalation_risk
    text = f"{ticket.subject}\n{message.body_text if message is not None else ''}"
    return TriageFacts(
        channel=ticket.channel,
        category=ticket.category,
        priority=ticket.priority,
        severity=ticket.severity,
        tier=ticket.customer.tier,
        text=text,
        tone=frozenset(tone),
        risk=risk,
    )


def _pick(db: Session, *, strategy: str, team_id: int) -> int | None:
    members = [s.id for s in directory.team_members(db, team_id=team_id)]
    if strategy == Assignment.ROUND_ROBIN:
        table = RoundRobinCursor.__table__
        assert isinstance(table, Table)
        # The cursor row is created once per team; then its lock queues concurrent picks.
        insert_skipping_duplicates(
            db,
            table,
            [{"team_id": team_id, "last_staff_id": None}],
            conflict=["team_id"],
            returning=["team_id"],
        )
        cursor = db.scalars(
            select(RoundRobinCursor)
            .where(RoundRobinCursor.team_id == team_id)
            .with_for_update()
            .execution_options(populate_existing=True)
        ).one()
        chosen = round_robin(members, cursor.last_staff_id)
        if chosen is not None:
            cursor.last_staff_id = chosen
        return chosen
    return least_loaded(members, directory.open_loads(db, staff_ids=members))


def triage_new_ticket(db: Session, *, ticket: Ticket, message: Message | None) -> TriageDecision | None:
    """Applies the triage rules to a just-created ticket and records what changed and why."""
    rules = active_rules(db)
    if not rules:
        return None
    outcome = evaluate(
        [_spec(db, rule) for rule in rules],
        facts_of(ticket, message),
        has_team=ticket.team_id is not None,
        has_assignee=ticket.assignee_id is not None,
    )
    before = audit_service.snapshot(ticket, TICKET_AUDITED)
    for change in outcome.decisions:
        setattr(ticket, change.field, change.value)
    names = set(ticket.tag_names)
    for tag in outcome.tags:
        if tag.value not in names:
            ticket.tags.append(TicketTag(name=tag.value))
            names.add(tag.value)
    explanation = outcome.explain()
    if outcome.assignment is not None and ticket.team_id is not None:
        chosen = _pick(db, strategy=outcome.assignment.value, team_id=ticket.team_id)
        if chosen is None:
            explanation += "\nnobody assigned: the team has no active agent"
        else:
            ticket.assignee_id = chosen
    db.flush()
    old, new = audit_service.changed(before, audit_service.snapshot(ticket, TICKET_AUDITED))
    if not new:
        return None
    record = TriageDecision(
        ticket_id=ticket.id,
        rule_ids=outcome.rule_ids,
        changes=new,
        explanation=explanation,
        decided_at=utcnow(),
    )
    db.add(record)
    audit_service.record(
        db,
        actor=SYSTEM,
        action="ticket.triaged",
        entity_type="ticket",
        entity_id=ticket.id,
        before=old,
        after={**new, "rule_ids": outcome.rule_ids, "because": explanation},
    )
    return record


def decisions_for(db: Session, *, ticket: Ticket) -> list[TriageDecision]:
    """The ticket's triage decisions, oldest first."""
    query = select(TriageDecision).where(TriageDecision.ticket_id == ticket.id).order_by(TriageDecision.id)
    return list(db.scalars(query))


def get_rule_or_raise(db: Session, *, rule_id: int) -> TriageRule:
    """Returns the rule or raises NotFound."""
    rule = db.get(TriageRule, rule_id)
    if rule is None:
        raise NotFound("triage_rule", rule_id)
    return rule


def get_rules(db: Session) -> list[TriageRule]:
    """Every rule, in the order they apply."""
    return list(db.scalars(select(TriageRule).order_by(TriageRule.position, TriageRule.id)))


def _check(db: Session, values: dict[str, Any], *, exclude_id: int | None = None) -> None:
    if values.get("team_id") is not None and db.get(Team, values["team_id"]) is None:
        raise InvalidRequest("team_not_found", f"no team {values['team_id']}")
    if "name" in values:
        holder = db.scalars(select(TriageRule).where(TriageRule.name == values["name"])).one_or_none()
        if holder is not None and holder.id != exclude_id:
            raise Conflict("rule_name_taken", f"triage rule {holder.id} is already called {values['name']!r}")


def create_rule(db: Session, *, rule_in: TriageRuleCreate, actor: Actor) -> TriageRule:
    """Adds a triage rule."""
    values = rule_in.model_dump(mode="json")
    _check(db, values)
    rule = TriageRule(**values)
    db.add(rule)
    db.flush()
    audit_service.record(
        db,
        actor=actor,
        action="triage_rule.created",
        entity_type="triage_rule",
        entity_id=rule.id,
        after=audit_service.snapshot(rule, RULE_AUDITED),
    )
    return rule


def update_rule(db: Session, *, rule: TriageRule, rule_in: TriageRuleUpdate, actor: Actor) -> TriageRule:
    """Changes the given fields of a triage rule."""
    values = rule_in.model_dump(mode="json", exclude_unset=True)
    for name in ("name", "position", "is_active", "conditions", "tags"):
        if name in values and values[name] is None:
            raise InvalidRequest("field_required", f"{name} cannot be null")
    _check(db, values, exclude_id=rule.id)
    before = audit_service.snapshot(rule, RULE_AUDITED)
    for name, value in values.items():
        setattr(rule, name, value)
    old, new = audit_service.changed(before, audit_service.snapshot(rule, RULE_AUDITED))
    if new:
        db.flush()
        audit_service.record(
            db,
            actor=actor,
            action="triage_rule.updated",
            entity_type="triage_rule",
            entity_id=rule.id,
            before=old,
            after=new,
        )
    return rule


def delete_rule(db: Session, *, rule: TriageRule, actor: Actor) -> None:
    """Removes a triage rule (its past decisions keep their explanation)."""
    snapshot = audit_service.snapshot(rule, RULE_AUDITED)
    db.delete(rule)
    audit_service.record(
        db,
        actor=actor,
        action="triage_rule.deleted",
        entity_type="triage_rule",
        entity_id=rule.id,
        before=snapshot,
    )
