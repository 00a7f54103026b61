"""Which policy a ticket falls under: order, conditions, the default."""

from __future__ import annotations

import pytest

from calmdesk.sla.policies import PolicyRule, TicketFacts, choose_policy, matches

NORMAL_EMAIL = TicketFacts(priority="normal", tier="standard", channel="email", category="billing", team_id=3)


def facts(**changes: object) -> TicketFacts:
    values = {**vars(NORMAL_EMAIL), **changes}
    return TicketFacts(**values)


def test_empty_conditions_accept_any_ticket() -> None:
    assert matches({}, NORMAL_EMAIL)
    assert matches({"priorities": [], "tiers": []}, NORMAL_EMAIL)


@pytest.mark.parametrize(
    ("conditions", "expected"),
    [
        ({"priorities": ["urgent", "high"]}, False),
        ({"priorities": ["normal"]}, True),
        ({"tiers": ["vip"]}, False),
        ({"channels": ["email", "phone"]}, True),
        ({"categories": ["technical"]}, False),
        ({"team_ids": [3]}, True),
        ({"team_ids": [4]}, False),
        ({"priorities": ["normal"], "tiers": ["vip"]}, False),  # every stated condition must hold
    ],
)
def test_each_condition_tests_one_fact(conditions: dict[str, list[object]], expected: bool) -> None:
    assert matches(conditions, NORMAL_EMAIL) is expected


def test_a_ticket_without_category_or_team_fails_conditions_on_them() -> None:
    assert not matches({"categories": ["billing"]}, facts(category=None))
    assert not matches({"team_ids": [3]}, facts(team_id=None))


def test_unknown_condition_is_refused_not_ignored() -> None:
    with pytest.raises(ValueError, match="unknown policy condition 'severity'"):
        matches({"severity": [1]}, NORMAL_EMAIL)


def test_first_match_by_position_wins_whatever_the_listing_order() -> None:
    rules = [
        PolicyRule(1, position=50, conditions={"channels": ["email"]}),
        PolicyRule(2, position=10, conditions={"priorities": ["normal"]}),
        PolicyRule(3, position=10, conditions={}),
    ]
    assert choose_policy(rules, NORMAL_EMAIL) == 2
    assert choose_policy(reversed(rules), NORMAL_EMAIL) == 2
    # equal positions: the older (lower id) policy first
    assert choose_policy(rules, facts(priority="high")) == 3


def test_vip_or_urgent_policy_is_chosen_before_the_default() -> None:
    rules = [
        PolicyRule(7, position=100, conditions={}, is_default=True),
        PolicyRule(8, position=10, conditions={"tiers": ["vip"]}),
        PolicyRule(9, position=20, conditions={"priorities": ["urgent"]}),
    ]
    assert choose_policy(rules, facts(tier="vip", priority="urgent")) == 8
    assert choose_policy(rules, facts(priority="urgent")) == 9
    assert choose_policy(rules, NORMAL_EMAIL) == 7


def test_the_default_applies_only_when_nothing_matches_even_if_listed_first() -> None:
    rules = [
        PolicyRule(1, position=0, conditions={"priorities": ["low"]}, is_default=True),
        PolicyRule(2, position=5, conditions={"channels": ["email"]}),
    ]
    assert choose_policy(rules, NORMAL_EMAIL) == 2
    assert choose_policy(rules, facts(channel="phone")) == 1


def test_no_match_and_no_default_means_no_policy() -> None:
    rules = [PolicyRule(1, position=0, conditions={"tiers": ["vip"]})]
    assert choose_policy(rules, NORMAL_EMAIL) is None
    assert choose_policy([], NORMAL_EMAIL) is None
