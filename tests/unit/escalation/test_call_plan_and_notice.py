"""The receiver's call plan and the customer's escalation notice."""

from __future__ import annotations

from datetime import UTC, datetime

from calmdesk.analysis import Suggestion
from calmdesk.escalation.call_plan import CallBrief, plan_call
from calmdesk.escalation.customer_notice import default_next_update, draft_notice, in_customer_time
from calmdesk.escalation.vocabulary import EscalationKind, EscalationReason

BRIEF = CallBrief(
    customer_name="Zofia Kowalska",
    receiver_name="Tomasz Wójcik",
    receiver_role="manager",
    issue_title="Third repair visit, still broken.",
    problem_goals=("A replacement machine on a date Zofia picks",),
    people_goals=("Zofia feels a manager took charge today",),
    offers=("call back",),
    mood_at_start="angry",
    mood_at_end="frustrated",
)


def test_the_plan_follows_the_escalated_call_method_and_uses_the_coachs_wording() -> None:
    wording = [
        Suggestion("empathy_opener", "I'm sorry you've had to contact us again."),
        Suggestion("closing_question", "Does that plan work for you?"),
    ]
    plan = plan_call(BRIEF, wording)
    assert [s.title for s in plan.steps] == [
        "Before you call",
        "Introduce yourself",
        "Let the customer tell the story",
        "Repeat it back",
        "Give your solution positively",
        "Close with a closed question",
    ]
    introduce = plan.steps[1].say or ""
    assert introduce.startswith("Hello Zofia, this is Tomasz Wójcik, manager.")
    assert "your Third repair visit, still broken personally" in introduce
    assert plan.steps[2].say == "I'm sorry you've had to contact us again."
    assert "Problem goal: A replacement machine on a date Zofia picks" in plan.steps[0].notes
    assert any("Already offered: call back" in note for note in plan.steps[0].notes)
    assert any("calm down" in item for item in plan.avoid)


def test_an_abusive_contact_gets_a_boundary_step_before_the_restatement() -> None:
    plan = plan_call(CallBrief(**{**BRIEF.__dict__, "abusive": True}))
    titles = [s.title for s in plan.steps]
    assert titles.index("If the language returns, set the boundary") == titles.index("Repeat it back") - 1


def test_the_notice_says_to_whom_why_and_when_in_the_customers_time() -> None:
    due = datetime(2025, 7, 4, 13, 0, tzinfo=UTC)
    text = draft_notice(
        kind=EscalationKind.FUNCTIONAL,
        reason=EscalationReason.NEEDS_EXPERTISE,
        customer_name="Daniel Price",
        reference="CD-12",
        receiver="our Legal team",
        next_update_at=due,
        customer_time_zone="Europe/London",
        signed="Priya Raman",
    )
    assert text.startswith("Dear Daniel,")
    assert "passing your case (CD-12) to our Legal team, because they have the specialist knowledge" in text
    assert "by Friday 4 July at 14:00 (BST) at the latest" in text
    assert text.endswith("Is that all right with you?\n\nPriya Raman")
    assert in_customer_time(due, "Not/AZone") == "Friday 4 July at 13:00 (UTC)"
    assert default_next_update("urgent", due) == datetime(2025, 7, 4, 17, 0, tzinfo=UTC)
