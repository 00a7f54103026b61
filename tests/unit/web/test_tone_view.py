"""The console's tone and urgency rules: badges, evidence marks, wording to insert, inbox points."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from calmdesk.web import tone_view
from calmdesk.web.tone_view import Piece

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def test_mood_levels_follow_the_flags_first_then_the_thresholds() -> None:
    assert tone_view.mood_level(0.9, abusive=True) == "abusive"
    assert tone_view.mood_level(0.9, angry=True) == "angry"
    assert tone_view.mood_level(None) is None
    assert tone_view.mood_level(-0.7) == "angry"
    assert tone_view.mood_level(-0.69) == "upset"
    assert tone_view.mood_level(0.2, risk=0.75) == "angry"
    assert tone_view.mood_level(-0.3) == "upset"
    assert tone_view.mood_level(0.2, risk=0.5) == "upset"
    assert tone_view.mood_level(0.0) == "uneasy"
    assert tone_view.mood_level(0.1) == "calm"


def test_evidence_spans_are_marked_and_overlaps_merged() -> None:
    text = "This is the THIRD time. You idiots!"
    signals = [
        {"kind": "repeated_contact", "spans": [{"start": 12, "end": 22, "text": "THIRD time"}]},
        {"kind": "shouting", "spans": [{"start": 12, "end": 17, "text": "THIRD"}]},
        {"kind": "insult", "spans": [{"start": 24, "end": 34, "text": "You idiots"}]},
        {"kind": "insult", "spans": [{"start": 2, "end": 99, "text": "stale"}]},  # does not fit: ignored
    ]
    pieces = tone_view.highlight(text, signals)
    assert pieces == [
        Piece("This is the "),
        Piece("THIRD time", marked=True, why="has had to contact us again, shouting"),
        Piece(". "),
        Piece("You idiots", marked=True, why="insult"),
        Piece("!"),
    ]
    assert "".join(p.text for p in pieces) == text
    assert tone_view.highlight("calm words", []) == [Piece("calm words")]


def test_the_quoted_wording_of_a_suggestion_replaces_a_flagged_phrase() -> None:
    advice = 'Acknowledge the feeling instead: "I can hear how frustrating this has been."'
    assert tone_view.quoted_wording(advice) == "I can hear how frustrating this has been."
    assert tone_view.quoted_wording('Describe it: "Here is what I can see on the account: …".') == (
        "Here is what I can see on the account"
    )
    assert tone_view.quoted_wording("Open with an empathy statement (see the suggested openers).") is None


def test_sla_state_at_an_instant() -> None:
    due, warn = NOW + timedelta(minutes=30), NOW - timedelta(minutes=1)
    assert tone_view.sla_state(due_at=due, warning_at=warn, paused=False, now=NOW) == "at_risk"
    assert tone_view.sla_state(due_at=due, warning_at=None, paused=False, now=NOW) == "running"
    assert tone_view.sla_state(due_at=NOW, warning_at=warn, paused=False, now=NOW) == "breached"
    assert tone_view.sla_state(due_at=None, warning_at=None, paused=True, now=NOW) == "paused"
    assert tone_view.sla_state(due_at=None, warning_at=None, paused=False, now=NOW) == "none"


def test_time_left_reads_like_speech() -> None:
    assert tone_view.left_text(NOW + timedelta(hours=2, minutes=5), NOW) == "in 2 h 5 min"
    assert tone_view.left_text(NOW - timedelta(minutes=5), NOW) == "5 min ago"
    assert tone_view.left_text(NOW + timedelta(seconds=20), NOW) == "in 1 min"
    assert tone_view.left_text(NOW + timedelta(days=3), NOW) == "in 3 d"


def test_urgency_adds_sla_mood_and_priority_and_explains_itself() -> None:
    due = NOW - timedelta(minutes=10)
    breached = tone_view.urgency(state="breached", due_at=due, mood="angry", priority="high", now=NOW)
    assert breached.points == 4 + 2 + 1
    assert breached.explanation.startswith("Urgency 7: SLA breached 10 min ago (+4); customer angry (+2);")
    assert "high priority (+1)" in breached.explanation
    calm = tone_view.urgency(state="none", due_at=None, mood=None, priority="normal", now=NOW)
    assert calm.points == 0 and "no SLA clock (+0)" in calm.explanation
    at_risk_calm = tone_view.urgency(
        state="at_risk", due_at=NOW + timedelta(minutes=9), mood="calm", priority="normal", now=NOW
    )
    running_angry = tone_view.urgency(
        state="running", due_at=NOW + timedelta(hours=3), mood="angry", priority="normal", now=NOW
    )
    assert at_risk_calm.points == running_angry.points == 3
