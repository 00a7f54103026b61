"""The receiver's plan for the escalated call, from the brief (pure: no I/O).

It follows seed 001's escalated-call method: read the brief and set the goals;
introduce yourself by your full name with a positive message and give the issue a
title only; let the customer tell the story; repeat it back; only then give the
solution, positively; close with a closed question so no gap is left. The wording
comes from the reply coach's suggestions for the customer's latest message
(:func:`calmdesk.analysis.coach_reply`), so the call and the written replies speak alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from calmdesk.analysis import Suggestion

AVOID: tuple[str, ...] = (
    'Telling the customer to "calm down".',
    "Saying they are wrong, or arguing the history of the case.",
    '"There\'s nothing I can do" or "we never do that": say what you can do.',
    "Promising what you cannot deliver, or a time you cannot keep.",
    "Blaming the colleague who handled the first contact.",
)
_GENERAL_EMPATHY = "I can see why this has been frustrating, and I'm sorry for the trouble it has caused."
_GENERAL_RESTATEMENT = (
    "So that I'm sure I have this right: [the problem, in your own words]. Is that correct?"
)
_GENERAL_CLOSING = "Does that plan work for you?"


@dataclass(frozen=True)
class CallBrief:
    """What the plan needs from the escalation and its brief."""

    customer_name: str
    receiver_name: str
    receiver_role: str
    issue_title: str
    problem_goals: tuple[str, ...]
    people_goals: tuple[str, ...]
    offers: tuple[str, ...]
    mood_at_start: str
    mood_at_end: str
    abusive: bool = False
    next_update: str | None = None


@dataclass(frozen=True)
class CallStep:
    """One step of the call: what to do, words to say (``[brackets]`` are the receiver's to fill)."""

    title: str
    say: str | None
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Returns the step as a JSON-ready dict."""
        return {"title": self.title, "say": self.say, "notes": list(self.notes)}


@dataclass(frozen=True)
class CallPlan:
    """The steps of the call in order, and what to avoid throughout."""

    steps: tuple[CallStep, ...]
    avoid: tuple[str, ...] = AVOID

    def to_dict(self) -> dict[str, Any]:
        """Returns the plan as a JSON-ready dict."""
        return {"steps": [step.to_dict() for step in self.steps], "avoid": list(self.avoid)}


def _first_name(name: str) -> str:
    parts = name.split()
    return parts[0] if parts else name


def _suggested(suggestions: Sequence[Suggestion], kind: str) -> str | None:
    return next((s.text for s in suggestions if s.kind == kind), None)


def plan_call(brief: CallBrief, suggestions: Sequence[Suggestion] = ()) -> CallPlan:
    """The receiver's call plan for an escalated case."""
    offered = ", ".join(brief.offers) if brief.offers else "nothing yet"
    prepare = CallStep(
        "Before you call",
        None,
        (
            *(f"Problem goal: {goal}" for goal in brief.problem_goals),
            *(f"People goal: {goal}" for goal in brief.people_goals),
            f"Already offered: {offered}. Don't offer less, and don't repeat a promise as if it were new.",
            f"Mood: {brief.mood_at_start} at the start, {brief.mood_at_end} at the latest message.",
            "Assume a reasonable person with a real problem, whatever the first contact was like.",
        ),
    )
    introduce = CallStep(
        "Introduce yourself",
        f"Hello {_first_name(brief.customer_name)}, this is {brief.receiver_name}, {brief.receiver_role}. "
        f"I've been asked to look after your {brief.issue_title.strip().rstrip('.')} personally, "
        "and I'm sure we can sort this out together.",
        ("Use your full name. Give the issue a title only: don't tell the customer what their problem is.",),
    )
    listen = CallStep(
        "Let the customer tell the story",
        _suggested(suggestions, "empathy_opener") or _GENERAL_EMPATHY,
        (
            "Don't interrupt, and don't assume they are still as upset as before: they may have calmed down.",
            "Show empathy with the feelings, not agreement with every claim.",
        ),
    )
    restate = CallStep(
        "Repeat it back",
        _suggested(suggestions, "restatement") or _GENERAL_RESTATEMENT,
        ("Summarise in your own words until the customer agrees you have it right.",),
    )
    solve = CallStep(
        "Give your solution positively",
        "Here's what I can do for you: [the settlement that meets the problem goals].",
        (
            "Only now: the customer listens once they know you understand.",
            *(f"Aim: {goal}" for goal in brief.problem_goals),
        ),
    )
    closing_notes: tuple[str, ...] = ("Don't leave a gap: ask for agreement with a yes/no question.",)
    if brief.next_update:
        closing_notes += (f"Confirm the next update: the customer was promised one by {brief.next_update}.",)
    close = CallStep(
        "Close with a closed question",
        _suggested(suggestions, "closing_question") or _GENERAL_CLOSING,
        closing_notes,
    )
    steps = [prepare, introduce, listen, restate, solve, close]
    if brief.abusive:
        boundary = CallStep(
            "If the language returns, set the boundary",
            _suggested(suggestions, "boundary")
            or "I want to help you sort this out, and I can do that best if we keep this conversation "
            "respectful. Shall we carry on?",
            ("Offer a clear choice and its consequence; end the call if threats continue.",),
        )
        steps.insert(3, boundary)
    return CallPlan(tuple(steps))
