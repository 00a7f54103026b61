"""Drafting the handoff brief: the problem, impact, moods, interactions and the required parts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from calmdesk.analysis import MessageReport, Signal, Span
from calmdesk.escalation.brief import (
    Contact,
    EarlierTicket,
    TicketFacts,
    draft_brief,
    missing_parts,
    mood_label,
)

T0 = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
FACTS = TicketFacts("CD-7", "Flood from your installation", "complaint", "urgent", "Daniel Price")
FIRST = (
    "Dear Harbourline, your contractor installed my washer ten days ago. Last night the hose came off and "
    "flooded my kitchen. I will take you to the small claims court for £2,300.\n\nDaniel"
)


def _report(text: str, mood: float, *, kinds: tuple[str, ...] = (), abusive: bool = False) -> MessageReport:
    signals = []
    for kind in kinds:
        start = text.index("small claims court") if kind == "legal_threat" else 0
        signals.append(Signal(kind, 0.8, (Span(start, start + 18, text[start : start + 18]),)))
    return MessageReport(
        0.5, 0.9 if abusive else 0.1, 0.7, 0.8, mood, True, abusive, True, tuple(signals), "t"
    )


def _contacts() -> list[Contact]:
    second = "Photos attached. Tomorrow 9-11 is fine."
    return [
        Contact(
            1, "customer", FIRST, T0, report=_report(FIRST, -0.6, kinds=("legal_threat",)), channel="email"
        ),
        Contact(2, "note", "Passed to legal; do not admit liability.", T0 + timedelta(hours=1), "Priya"),
        Contact(
            3,
            "agent",
            "I've booked our technician to inspect it tomorrow.",
            T0 + timedelta(hours=3),
            "Eleanor",
            channel="email",
        ),
        Contact(4, "customer", second, T0 + timedelta(hours=6), report=_report(second, 0.1), channel="email"),
    ]


def test_the_problem_is_the_subject_and_the_customers_own_words_without_greeting_or_threat() -> None:
    draft = draft_brief(FACTS, _contacts(), [])
    assert draft.problem == (
        "Flood from your installation. your contractor installed my washer ten days ago. "
        "Last night the hose came off and flooded my kitchen."
    )


def test_impact_offers_and_moods_come_from_the_conversation() -> None:
    earlier = [EarlierTicket("CD-3", "Washer delivery", "closed", T0 - timedelta(days=12), "web")]
    draft = draft_brief(FACTS, _contacts(), earlier)
    assert 'threatens legal action ("small claims court")' in draft.impact
    assert "£2,300" in draft.impact and "CD-3 (closed)" in draft.impact
    assert "angry at the start, calm at the latest message" in draft.impact
    assert [o.kind for o in draft.offers] == ["engineer_visit"]
    assert (draft.mood_at_start, draft.mood_at_end) == (-0.6, 0.1)
    assert [(i.reference, i.channel, i.what) for i in draft.interactions] == [
        ("CD-3", "web", "earlier ticket: Washer delivery (closed)"),
        ("CD-7", "email", "customer wrote"),
        ("CD-7", "email", "reply (Eleanor)"),
        ("CD-7", "email", "customer wrote"),
    ]  # the internal note is not a contact with the customer
    assert any("engineer visit" in goal for goal in draft.suggested_problem_goals)


def test_a_brief_needs_the_problem_its_impact_and_both_sets_of_goals() -> None:
    assert missing_parts(problem="p", impact="i", problem_goals=["settle"], people_goals=["calm"]) == {}
    missing = missing_parts(problem="p", impact=" ", problem_goals=["  "], people_goals=[])
    assert set(missing) == {"impact", "problem_goals", "people_goals"}


def test_moods_read_in_the_desks_words() -> None:
    assert [mood_label(m) for m in (-0.9, -0.3, 0.0, 0.6, None)] == [
        "angry",
        "frustrated",
        "calm",
        "pleased",
        "not read",
    ]
    assert mood_label(0.5, abusive=True) == "abusive"
