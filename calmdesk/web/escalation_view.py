"""The ticket page's escalation panel: the history with briefs, the escalate form, the abusive path."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from calmdesk.escalation import abuse_watch, briefing, directory
from calmdesk.escalation import service as escalation_service
from calmdesk.escalation.abuse import AbuseStage
from calmdesk.escalation.authority import Person
from calmdesk.escalation.brief import BriefDraft, mood_label
from calmdesk.escalation.call_plan import CallPlan
from calmdesk.escalation.models import Escalation
from calmdesk.escalation.vocabulary import EscalationReason, EscalationState
from calmdesk.staff.models import Team
from calmdesk.staff.roles import Role
from calmdesk.tickets.models import Ticket
from calmdesk.web.forms import FormErrors

RECEIVER_ROLES = (Role.SUPERVISOR, Role.MANAGER, Role.HEAD_OF_OPERATIONS, Role.HR_MANAGER)


@dataclass
class EscalateForm:
    """The escalate form's values and errors, kept when a submission is refused."""

    values: dict[str, str] = field(default_factory=dict)
    errors: FormErrors = field(default_factory=FormErrors)


@dataclass
class EscalationEntry:
    """One escalation with who may acknowledge it and, for the latest, the receiver's call plan."""

    escalation: Escalation
    acknowledgers: frozenset[int]
    call_plan: CallPlan | None = None

    @property
    def mood_start(self) -> str:
        """The mood at the start, in words."""
        return mood_label(self.escalation.mood_at_start)

    @property
    def mood_end(self) -> str:
        """The mood at the latest message, in words."""
        return mood_label(self.escalation.mood_at_end)

    @property
    def awaiting(self) -> bool:
        """True while the receiver has not acknowledged it."""
        return self.escalation.state == EscalationState.AWAITING


@dataclass
class EscalationPanel:
    """Everything the escalation panel and the receiver's banner need."""

    entries: list[EscalationEntry]
    draft: BriefDraft
    receivers: list[Person]
    reasons: list[str]
    abuse_stage: str
    boundary_statement: str | None
    suggested_team: Team | None = None
    suggested_because: str = ""
    team_load: list[tuple[str, int]] = field(default_factory=list)  # (name, open tickets), least first
    form: EscalateForm = field(default_factory=EscalateForm)

    @property
    def values(self) -> dict[str, Any]:
        """The escalate form's values: what the agent typed, else the drafted brief."""
        start: dict[str, Any] = {
            "problem": self.draft.problem,
            "impact": self.draft.impact,
            "notify_customer": "on",
        }
        return {**start, **self.form.values}

    def awaiting_for(self, staff_id: int) -> list[EscalationEntry]:
        """The escalations waiting for this staff member to acknowledge them."""
        return [e for e in self.entries if e.awaiting and staff_id in e.acknowledgers]


def _acknowledgers(db: Session, escalation: Escalation) -> frozenset[int]:
    if escalation.to_staff_id is not None:
        return frozenset({escalation.to_staff_id})
    if escalation.to_team_id is None:
        return frozenset()
    roles = (Role.AGENT, Role.SUPERVISOR, Role.MANAGER)
    return frozenset(s.id for s in directory.team_members(db, team_id=escalation.to_team_id, roles=roles))


def escalation_panel(db: Session, *, ticket: Ticket, form: EscalateForm | None = None) -> EscalationPanel:
    """Gathers the panel's data for the ticket page."""
    history = escalation_service.get_for_ticket(db, ticket=ticket)
    entries = [EscalationEntry(e, _acknowledgers(db, e)) for e in history]
    if entries:
        latest = entries[-1]
        latest.call_plan = escalation_service.call_plan(db, escalation=latest.escalation, ticket=ticket)
    draft, contacts = briefing.draft(db, ticket=ticket)
    skill, because = briefing.suggest_skill(ticket, contacts)
    team = directory.team_for_skill(db, skill=skill) if skill else None
    members = directory.team_members(db, team_id=team.id) if team else []
    loads = directory.open_loads(db, staff_ids=[m.id for m in members])
    state = abuse_watch.state_of(db, ticket=ticket)
    receivers = sorted(
        (p for p in directory.people(db).values() if p.is_active and p.role in RECEIVER_ROLES),
        key=lambda p: (-p.rank, p.name),
    )
    statement = (
        abuse_watch.boundary_statement(state) if state.path.stage is AbuseStage.BOUNDARY_OFFERED else None
    )
    return EscalationPanel(
        entries=entries,
        draft=draft,
        receivers=receivers,
        reasons=[reason.value for reason in EscalationReason],
        abuse_stage=state.path.stage.value,
        boundary_statement=statement,
        suggested_team=team,
        suggested_because=because,
        team_load=sorted(((m.name, loads.get(m.id, 0)) for m in members), key=lambda row: (row[1], row[0])),
        form=form or EscalateForm(),
    )
