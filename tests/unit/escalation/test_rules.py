"""Triage rules: every condition must hold, the first setter wins, priority and severity only rise."""

from __future__ import annotations

from calmdesk.escalation.rules import RuleSpec, TriageFacts, evaluate, least_loaded, round_robin

FACTS = TriageFacts(
    channel="email",
    category=None,
    priority="normal",
    severity=3,
    tier="vip",
    text="my refund never arrived, i will go to the ombudsman",
    tone=frozenset({"regulator", "is_angry"}),
    risk=0.8,
)


def test_all_conditions_must_hold_and_the_reasons_are_given() -> None:
    rule = RuleSpec(
        1, "VIP regulator", {"tiers": ["vip"], "tone": ["regulator"], "min_risk": 0.7}, priority="high"
    )
    outcome = evaluate([rule], FACTS, has_team=False, has_assignee=False)
    (decision,) = outcome.decisions
    assert (decision.field, decision.value) == ("priority", "high")
    assert decision.because == ("tier is vip", "the tone shows regulator", "escalation risk 0.80 ≥ 0.70")
    missed = RuleSpec(2, "Chat only", {"channels": ["chat"], "tiers": ["vip"]}, priority="urgent")
    assert evaluate([missed], FACTS, has_team=False, has_assignee=False).decisions == ()


def test_the_first_setter_wins_priority_only_rises_and_keywords_match_whole_words() -> None:
    rules = [
        RuleSpec(1, "Refunds", {"keywords": ["refund"]}, priority="high", category="billing", team_id=10),
        RuleSpec(
            2,
            "Angry",
            {"tone": ["is_angry"]},
            priority="urgent",
            severity=2,
            category="complaint",
            team_id=20,
        ),
        RuleSpec(3, "Low", {}, priority="low", severity=4),
        RuleSpec(4, "Fund", {"keywords": ["fund"]}, tags=("funds",)),
    ]
    outcome = evaluate(rules, FACTS, has_team=False, has_assignee=False)
    assert {d.field: (d.value, d.rule_id) for d in outcome.decisions} == {
        "priority": ("urgent", 2),
        "severity": (2, 2),
        "category": ("billing", 1),
        "team_id": (10, 1),
    }
    assert outcome.tags == ()  # "fund" is not a word of "refund"
    assert outcome.assignment is None  # no rule named a strategy (the service defaults one per team)
    assert "rule 'Angry' because the tone shows is_angry" in outcome.explain()


def test_the_creators_team_and_assignee_are_kept() -> None:
    rule = RuleSpec(1, "Billing", {}, team_id=10, assignment="least_load")
    assert evaluate([rule], FACTS, has_team=True, has_assignee=False).decisions == ()
    kept = evaluate([rule], FACTS, has_team=False, has_assignee=True)
    assert [d.field for d in kept.decisions] == ["team_id"] and kept.assignment is None


def test_least_load_and_round_robin() -> None:
    assert least_loaded([5, 3, 9], {5: 2, 3: 1, 9: 1}) == 3  # a tie goes to the first listed
    assert least_loaded([], {}) is None
    assert [round_robin([7, 3, 5], last) for last in (None, 3, 5, 7, 4)] == [3, 5, 7, 3, 5]
