"""Tone-driven priority rules."""

from __future__ import annotations

import pytest

from calmdesk.analysis import MessageReport, Signal, Span
from calmdesk.tone.triage import check_rules, priority_raise, triggers_of

RULES = {"harm_threat": "urgent", "is_abusive": "high", "legal_threat": "high", "high_risk": "high"}


def report(*kinds: str, abusive: bool = False, angry: bool = False, risk: float = 0.1) -> MessageReport:
    signals = tuple(Signal(kind=k, weight=0.5, spans=(Span(0, 1, "x"),)) for k in kinds)
    return MessageReport(
        anger=0.9 if angry else 0.1,
        abuse=0.9 if abusive else 0.0,
        complaint=0.5,
        escalation_risk=risk,
        mood=-0.5,
        is_angry=angry,
        is_abusive=abusive,
        is_complaint=True,
        signals=signals,
        model_version="test",
    )


def test_a_threat_makes_a_ticket_urgent() -> None:
    decision = priority_raise(report("harm_threat", abusive=True), current="normal", rules=RULES)
    assert decision is not None
    assert decision.priority == "urgent" and decision.because == ("harm_threat",)


def test_the_highest_rule_wins_and_every_trigger_at_that_level_is_named() -> None:
    decision = priority_raise(report("legal_threat", abusive=True), current="low", rules=RULES)
    assert decision is not None
    assert decision.priority == "high" and decision.because == ("is_abusive", "legal_threat")


def test_triage_never_lowers_or_repeats() -> None:
    assert priority_raise(report("legal_threat"), current="high", rules=RULES) is None
    assert priority_raise(report("legal_threat"), current="urgent", rules=RULES) is None


def test_calm_messages_and_unlisted_signals_change_nothing() -> None:
    assert priority_raise(report(), current="low", rules=RULES) is None
    assert priority_raise(report("deadline", angry=True), current="low", rules=RULES) is None


def test_high_risk_uses_the_threshold() -> None:
    assert triggers_of(report(risk=0.8), high_risk=0.75) == {"high_risk"}
    assert triggers_of(report(risk=0.7), high_risk=0.75) == set()
    decision = priority_raise(report(risk=0.9), current="normal", rules=RULES, high_risk=0.75)
    assert decision is not None and decision.because == ("high_risk",)


def test_rule_tables_are_checked() -> None:
    assert check_rules(RULES) == RULES
    with pytest.raises(ValueError, match="unknown tone triggers"):
        check_rules({"swearing_a_lot": "high"})
    with pytest.raises(ValueError, match="unknown priorities"):
        check_rules({"harm_threat": "critical"})
