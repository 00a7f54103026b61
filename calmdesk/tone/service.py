"""Reads each new customer message, stores what was read, and applies tone-driven triage."""

from __future__ import annotations

from sqlalchemy.orm import Session

from calmdesk import analysis
from calmdesk.analysis import MessageReport
from calmdesk.audit import service as audit_service
from calmdesk.auth.principal import SYSTEM
from calmdesk.config import get_settings
from calmdesk.tickets.models import Message, Ticket
from calmdesk.tone.models import MessageAnalysis
from calmdesk.tone.triage import priority_raise


def read(text: str) -> MessageReport | None:
    """Analyses a customer message as the desk is configured to (None when analysis is off)."""
    mode = get_settings().analysis_mode
    if mode == "off":
        return None
    return analysis.analyze_message(text, fast=mode == "fast")


def record(db: Session, *, ticket: Ticket, message: Message, report: MessageReport) -> MessageAnalysis:
    """Stores a message's analysis, updates the ticket's moods, and raises priority if the rules say so."""
    stored = MessageAnalysis(
        model_version=report.model_version,
        anger=report.anger,
        abuse=report.abuse,
        complaint=report.complaint,
        escalation_risk=report.escalation_risk,
        mood=report.mood,
        is_angry=report.is_angry,
        is_abusive=report.is_abusive,
        is_complaint=report.is_complaint,
        signals=[signal.to_dict() for signal in report.signals],
    )
    message.analysis = stored
    if ticket.mood_at_start is None:
        ticket.mood_at_start = report.mood
    ticket.mood_current = report.mood
    ticket.risk_current = report.escalation_risk
    ticket.anger_peak = max(ticket.anger_peak or 0.0, report.anger)
    settings = get_settings()
    decision = priority_raise(
        report, current=ticket.priority, rules=settings.tone_priority_rules, high_risk=settings.tone_high_risk
    )
    if decision is not None:
        before = ticket.priority
        ticket.priority = decision.priority
        db.flush()
        audit_service.record(
            db,
            actor=SYSTEM,
            action="ticket.priority_raised_by_tone",
            entity_type="ticket",
            entity_id=ticket.id,
            before={"priority": before},
            after={"priority": decision.priority, "because": list(decision.because)},
        )
    return stored


def read_and_record(db: Session, *, ticket: Ticket, message: Message) -> MessageAnalysis | None:
    """Analyses a just-stored customer message and records the result."""
    report = read(message.body_text)
    if report is None:
        return None
    return record(db, ticket=ticket, message=message, report=report)
