"""How the console shows tone and urgency: pure functions over plain values (no I/O, no clock).

Kept apart from the pages so the thresholds people see (what counts as "angry", what puts
a ticket at the top of the inbox) are written once and tested without a browser.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

MoodLevel = Literal["calm", "uneasy", "upset", "angry", "abusive"]
SlaState = Literal["breached", "at_risk", "running", "paused", "none"]

MOOD_TEXT: dict[MoodLevel, str] = {
    "calm": "Calm",
    "uneasy": "Uneasy",
    "upset": "Upset",
    "angry": "Angry",
    "abusive": "Abusive",
}
SIGNAL_TEXT = {
    "manager_demand": "asks for a manager",
    "legal_threat": "legal threat",
    "regulator": "mentions a regulator",
    "public_exposure": "threatens publicity",
    "cancel_or_switch": "may cancel or switch",
    "repeated_contact": "has had to contact us again",
    "deadline": "has a deadline",
    "shouting": "shouting",
    "harm_threat": "threat to staff",
    "insult": "insult",
    "profanity": "swearing",
}
# Urgency points: SLA state and the customer's mood add up, so an angry customer whose clock
# is at risk comes before a calm one whose clock is merely running.
SLA_POINTS: dict[SlaState, int] = {"breached": 4, "at_risk": 3, "running": 1, "paused": 0, "none": 0}
MOOD_POINTS: dict[MoodLevel, int] = {"abusive": 3, "angry": 2, "upset": 1, "uneasy": 0, "calm": 0}
PRIORITY_POINTS = {"urgent": 2, "high": 1}
# Where a mood (-1..1) or escalation risk (0..1) turns "upset" or "angry"; the inbox's SQL uses
# the same numbers (calmdesk.web.inbox.urgency_points).
ANGRY_MOOD, UPSET_MOOD = -0.7, -0.3
ANGRY_RISK, UPSET_RISK = 0.75, 0.5


def mood_level(
    mood: float | None, *, abusive: bool = False, angry: bool = False, risk: float | None = None
) -> MoodLevel | None:
    """Names a customer's mood (-1..1) for a badge; None when nothing was read."""
    if abusive:
        return "abusive"
    if angry:
        return "angry"
    if mood is None:
        return None
    if mood <= ANGRY_MOOD or (risk is not None and risk >= ANGRY_RISK):
        return "angry"
    if mood <= UPSET_MOOD or (risk is not None and risk >= UPSET_RISK):
        return "upset"
    if mood < 0.1:
        return "uneasy"
    return "calm"


@dataclass(frozen=True)
class Piece:
    """A run of a message's text, marked when it is evidence for a tone signal."""

    text: str
    marked: bool = False
    why: str = ""


def highlight(text: str, signals: Sequence[dict[str, Any]]) -> list[Piece]:
    """Splits ``text`` into pieces with every signal's evidence span marked (overlaps merged)."""
    ranges: list[tuple[int, int, str]] = []
    for signal in signals:
        why = SIGNAL_TEXT.get(str(signal.get("kind")), str(signal.get("kind", "")))
        for span in signal.get("spans", ()):
            start, end = int(span.get("start", 0)), int(span.get("end", 0))
            # Spans index the text the analyser read; ignore any that no longer fit it.
            if 0 <= start < end <= len(text) and text[start:end] == span.get("text", text[start:end]):
                ranges.append((start, end, why))
    ranges.sort(key=lambda r: r[0])  # stable: equal starts keep the signals' order
    merged: list[tuple[int, int, list[str]]] = []
    for start, end, why in ranges:
        if merged and start <= merged[-1][1]:
            last = merged[-1]
            merged[-1] = (last[0], max(last[1], end), last[2] + ([why] if why not in last[2] else []))
        else:
            merged.append((start, end, [why]))
    pieces: list[Piece] = []
    cursor = 0
    for start, end, whys in merged:
        if start > cursor:
            pieces.append(Piece(text[cursor:start]))
        pieces.append(Piece(text[start:end], marked=True, why=", ".join(whys)))
        cursor = end
    if cursor < len(text):
        pieces.append(Piece(text[cursor:]))
    return pieces


def mark_findings(draft: str, spans: Iterable[tuple[int, int, str]]) -> list[Piece]:
    """Splits a draft into pieces with the coach's findings marked (``why`` is the rule)."""
    signals = [{"kind": rule, "spans": [{"start": s, "end": e}]} for s, e, rule in spans]
    return highlight(draft, signals)


_QUOTED = re.compile(r"[\"“]([^\"”]{3,}?)[\"”]")


def quoted_wording(suggestion: str) -> str | None:
    """The wording a coach suggestion quotes (to put in place of a flagged phrase), if any."""
    match = _QUOTED.search(suggestion)
    if match is None:
        return None
    wording = match.group(1).strip().rstrip("…").rstrip()
    return wording.removesuffix(":").rstrip() or None


@dataclass(frozen=True)
class Urgency:
    """Why an inbox row sits where it does: its SLA state, the customer's mood, the points."""

    sla_state: SlaState
    due_at: datetime | None
    mood: MoodLevel | None
    points: int
    explanation: str


def sla_state(
    *, due_at: datetime | None, warning_at: datetime | None, paused: bool, now: datetime
) -> SlaState:
    """Where a ticket's most pressing clock stands at ``now``."""
    if due_at is None:
        return "paused" if paused else "none"
    if due_at <= now:
        return "breached"
    if warning_at is not None and warning_at <= now:
        return "at_risk"
    return "running"


def left_text(due_at: datetime, now: datetime) -> str:
    """Time to a deadline as people say it: ``in 2 h 5 min``, ``5 min ago``."""
    seconds = int((due_at - now).total_seconds())
    span = timedelta(seconds=abs(seconds))
    hours, rest = divmod(int(span.total_seconds()), 3600)
    minutes = rest // 60
    amount = f"{hours} h {minutes} min" if hours else f"{max(minutes, 1) if seconds else 0} min"
    if hours >= 48:
        amount = f"{hours // 24} d"
    return f"in {amount}" if seconds >= 0 else f"{amount} ago"


def urgency(
    *, state: SlaState, due_at: datetime | None, mood: MoodLevel | None, priority: str, now: datetime
) -> Urgency:
    """Scores a ticket for the inbox and says why, in words a tooltip can show."""
    extra = PRIORITY_POINTS.get(priority, 0)
    points = SLA_POINTS[state] + (MOOD_POINTS[mood] if mood else 0) + extra
    parts = []
    if state == "breached" and due_at is not None:
        parts.append(f"SLA breached {left_text(due_at, now)} (+{SLA_POINTS[state]})")
    elif state == "at_risk" and due_at is not None:
        parts.append(f"SLA at risk, due {left_text(due_at, now)} (+{SLA_POINTS[state]})")
    elif state == "running" and due_at is not None:
        parts.append(f"SLA due {left_text(due_at, now)} (+{SLA_POINTS[state]})")
    elif state == "paused":
        parts.append("SLA paused (+0)")
    else:
        parts.append("no SLA clock (+0)")
    if mood:
        parts.append(f"customer {MOOD_TEXT[mood].lower()} (+{MOOD_POINTS[mood]})")
    else:
        parts.append("mood not read (+0)")
    parts.append(f"{priority} priority (+{extra})")
    explanation = f"Urgency {points}: " + "; ".join(parts) + ". Higher first; then the soonest deadline."
    return Urgency(state, due_at, mood, points, explanation)
