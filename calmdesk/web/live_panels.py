"""Data for the ticket page's tone badges, SLA clocks and reply coach, and the inbox's signals.

Reads only: the stored tone analysis of each customer message (``calmdesk.tone``), the
ticket's SLA clocks (``calmdesk.sla.ticket_sla``) and the reply coach
(``calmdesk.analysis.coach_reply``) on the agent's draft.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from calmdesk import analysis
from calmdesk.analysis.types import UPSET_RISK
from calmdesk.contractors.models import Appointment
from calmdesk.playbook import selection
from calmdesk.playbook.techniques import SETTING_TEXT, SETTINGS
from calmdesk.sla import ticket_sla
from calmdesk.sla.models import ClockRecord
from calmdesk.tickets.models import AuthorKind, Message, MessageKind, Ticket
from calmdesk.tone.models import MessageAnalysis
from calmdesk.web import tone_view
from calmdesk.web.tone_view import MOOD_TEXT, SIGNAL_TEXT, MoodLevel, Piece

COACH_THREAD = 200
CLOCK_TEXT = {
    "first_response": "First response",
    "next_response": "Next response",
    "periodic_update": "Update to the customer",
    "resolution": "Resolution",
}


@dataclass(frozen=True)
class ToneBadge:
    """One customer message's tone as the ticket page shows it."""

    level: MoodLevel
    text: str
    scores: dict[str, int]  # percent
    signals: list[tuple[str, list[str]]]  # (what it is, evidence phrases)
    pieces: list[Piece]  # the message text with evidence marked


def tone_badge(message: Message) -> ToneBadge | None:
    """The badge of a customer message, from its stored analysis (None if it was not read)."""
    read: MessageAnalysis | None = message.analysis
    if read is None:
        return None
    level = tone_view.mood_level(read.mood, abusive=read.is_abusive, angry=read.is_angry)
    assert level is not None  # a stored analysis always has a mood
    signals = [
        (SIGNAL_TEXT.get(s["kind"], s["kind"]), [span["text"] for span in s.get("spans", ())])
        for s in read.signals
    ]
    scores = {
        "anger": round(read.anger * 100),
        "abuse": round(read.abuse * 100),
        "complaint": round(read.complaint * 100),
        "escalation risk": round(read.escalation_risk * 100),
    }
    return ToneBadge(
        level, MOOD_TEXT[level], scores, signals, tone_view.highlight(message.body_text, read.signals)
    )


def tone_by_message(messages: Sequence[Message]) -> dict[int, ToneBadge]:
    """Badges for every customer message that was read."""
    badges = {}
    for message in messages:
        if message.author_kind == AuthorKind.CUSTOMER and (badge := tone_badge(message)) is not None:
            badges[message.id] = badge
    return badges


@dataclass(frozen=True)
class ClockView:
    """One SLA clock: what it measures, where it stands, and its deadline."""

    kind: str
    label: str
    state: str  # breached, at_risk, running, paused, met, stopped
    due_at: datetime | None
    left: str


@dataclass(frozen=True)
class SlaPanel:
    """The ticket's SLA policy and clocks."""

    policy: str
    clocks: list[ClockView]


def sla_panel(db: Session, *, ticket: Ticket, now: datetime) -> SlaPanel | None:
    """The ticket's clocks as the side panel shows them; None when no policy applies."""
    read = ticket_sla.read(db, ticket=ticket, now=now)
    if read.policy_name is None and not read.clocks:
        return None
    clocks = []
    for clock in read.clocks:
        state: str = clock.status
        if clock.status == "running":
            state = tone_view.sla_state(
                due_at=clock.due_at, warning_at=clock.warning_at, paused=False, now=now
            )
        left = tone_view.left_text(clock.due_at, now) if clock.due_at and state != "met" else ""
        clocks.append(
            ClockView(clock.kind, CLOCK_TEXT.get(clock.kind, clock.kind), state, clock.due_at, left)
        )
    return SlaPanel(read.policy_name or "", clocks)


@dataclass(frozen=True)
class CoachFinding:
    """A coach finding with the wording that could replace the flagged phrase."""

    rule: str
    severity: str
    phrase: str
    start: int
    end: int
    principle: str
    suggestion: str
    replacement: str | None


@dataclass(frozen=True)
class CoachBox:
    """The reply coach beside the draft, and the pause advice after an abusive message."""

    pause: bool
    customer_mood: MoodLevel | None
    draft: str = ""
    pieces: list[Piece] = field(default_factory=list)
    findings: list[CoachFinding] = field(default_factory=list)
    missing: list[CoachFinding] = field(default_factory=list)
    suggestions: list[tuple[str, str]] = field(default_factory=list)


def _last_customer(messages: Sequence[Message]) -> Message | None:
    customer = [m for m in messages if m.author_kind == AuthorKind.CUSTOMER and not m.is_internal]
    return customer[-1] if customer else None


def _finding(item: analysis.Finding) -> CoachFinding:
    span = item.span
    return CoachFinding(
        rule=item.rule_id.replace("_", " "),
        severity=item.severity,
        phrase=span.text if span else "",
        start=span.start if span else -1,
        end=span.end if span else -1,
        principle=item.principle,
        suggestion=item.suggestion,
        replacement=tone_view.quoted_wording(item.suggestion) if span else None,
    )


def coach_box(*, messages: Sequence[Message], draft: str = "") -> CoachBox:
    """Coaches ``draft`` against the conversation; with no draft, only the pause advice."""
    last = _last_customer(messages)
    read = last.analysis if last is not None else None
    level = None
    if read is not None:
        level = tone_view.mood_level(read.mood, abusive=read.is_abusive, angry=read.is_angry)
    pause = bool(read and read.is_abusive)
    if not draft.strip():
        return CoachBox(pause=pause, customer_mood=level)
    turns = [
        analysis.Turn(
            author="customer" if m.author_kind == AuthorKind.CUSTOMER else "agent", text=m.body_text
        )
        for m in messages[-COACH_THREAD:]
        if m.author_kind != AuthorKind.SYSTEM and not m.is_internal and m.kind != MessageKind.CALL
    ]
    report = analysis.analyze_message(last.body_text, fast=True) if last is not None else None
    coached = analysis.coach_reply(draft, conversation=turns, customer_report=report)
    findings = [_finding(f) for f in coached.findings]
    pieces = tone_view.mark_findings(draft, [(f.start, f.end, f.rule) for f in findings if f.start >= 0])
    return CoachBox(
        pause=pause,
        customer_mood=level,
        draft=draft,
        pieces=pieces,
        findings=findings,
        missing=[_finding(f) for f in coached.missing],
        suggestions=[(s.kind.replace("_", " "), s.text) for s in coached.suggestions],
    )


@dataclass(frozen=True)
class InboxSignal:
    """An inbox row's urgency: SLA state and time left, the customer's mood, and why."""

    urgency: tone_view.Urgency
    left: str


def inbox_signals(db: Session, *, tickets: Sequence[Ticket], now: datetime) -> dict[int, InboxSignal]:
    """Each row's SLA state, mood badge and urgency explanation (one query for the clocks)."""
    ids = [t.id for t in tickets]
    clocks: dict[int, tuple[datetime | None, datetime | None]] = {}
    paused: set[int] = set()
    if ids:
        running = (
            select(ClockRecord.ticket_id, func.min(ClockRecord.due_at), func.min(ClockRecord.warning_at))
            .where(ClockRecord.ticket_id.in_(ids), ClockRecord.state == "running")
            .group_by(ClockRecord.ticket_id)
        )
        clocks = {row[0]: (row[1], row[2]) for row in db.execute(running)}
        held = select(ClockRecord.ticket_id).where(
            ClockRecord.ticket_id.in_(ids), ClockRecord.state == "paused"
        )
        paused = set(db.scalars(held))
    signals = {}
    for ticket in tickets:
        due, warning = clocks.get(ticket.id, (None, None))
        state = tone_view.sla_state(due_at=due, warning_at=warning, paused=ticket.id in paused, now=now)
        mood = tone_view.mood_level(ticket.mood_current, risk=ticket.risk_current)
        score = tone_view.urgency(state=state, due_at=due, mood=mood, priority=ticket.priority, now=now)
        signals[ticket.id] = InboxSignal(score, tone_view.left_text(due, now) if due else "")
    return signals


@dataclass(frozen=True)
class PlaybookPanel:
    """The playbook for this contact's setting, and for the other settings one click away."""

    situation: selection.Situation
    chosen: list[selection.Chosen]
    others: list[tuple[str, list[selection.Chosen]]]
    setting_text: str


def _field_visit(db: Session, ticket: Ticket) -> bool:
    return db.scalar(select(Appointment.id).where(Appointment.ticket_id == ticket.id).limit(1)) is not None


def playbook_panel(db: Session, *, ticket: Ticket, messages: Sequence[Message]) -> PlaybookPanel:
    """The techniques for the situation at hand, from the customer's last message and the channel."""
    last = _last_customer(messages)
    read = last.analysis if last is not None else None
    upset = bool(read and (read.is_angry or read.escalation_risk >= UPSET_RISK or read.mood <= -0.3))
    signals = frozenset(str(s.get("kind")) for s in read.signals) if read else frozenset()
    setting = selection.setting_for(channel=ticket.channel, field_visit=_field_visit(db, ticket))
    situation = selection.Situation(
        setting, upset=upset, abusive=bool(read and read.is_abusive), signals=signals
    )
    others = [
        (SETTING_TEXT[other], selection.choose(replace(situation, setting=other)))
        for other in SETTINGS
        if other != setting
    ]
    return PlaybookPanel(situation, selection.choose(situation), others, SETTING_TEXT[setting])
