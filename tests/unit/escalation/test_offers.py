"""The offer extractor: what agents offered, with amounts; refusals and mere mentions are not offers."""

from __future__ import annotations

import pytest

from calmdesk.escalation.offers import AgentEntry, extract_offers, offers_in_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I've refunded the £12 fee and added a £10 account credit.", [("refund", "£12"), ("credit", "£10")]),
        ("I've applied a 5% discount to the whole order.", [("discount", "5%")]),
        ("Offered a replacement machine, delivered and installed.", [("replacement", None)]),
        ("I'll call you back before 17:00 today.", [("callback", None)]),
        ("I've booked an engineer to visit tomorrow between 9 and 11.", [("engineer_visit", None)]),
        ("Promised the duty manager would call her back before five.", [("callback", None)]),
    ],
)
def test_offers_are_found_with_their_amounts(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert [(kind, amount) for kind, amount, _ in offers_in_text(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Refunds take up to 14 days. It's our policy.",  # a mention, not an offer
        "The bank added the fee, so we can't refund that part.",  # a refusal
        "I can't say why the engineer didn't come.",
        "We can spread the cost, subject to a credit check.",  # not an account credit
    ],
)
def test_mentions_and_refusals_are_not_offers(text: str) -> None:
    assert offers_in_text(text) == []


def test_a_refusal_in_one_clause_does_not_hide_an_offer_in_the_next() -> None:
    found = offers_in_text("We can't refund the card fee, but I've added a £15 account credit.")
    assert [(kind, amount) for kind, amount, _ in found] == [("credit", "£15")]


def test_each_offer_is_kept_once_with_who_made_it_first() -> None:
    entries = [
        AgentEntry(1, "Sofia", "I've added a £20 account credit."),
        AgentEntry(2, "Priya", "As I said, I've added a £20 account credit. I'll call you tomorrow."),
    ]
    offers = extract_offers(entries)
    assert [(o.kind, o.offered_by, o.message_id) for o in offers] == [
        ("credit", "Sofia", 1),
        ("callback", "Priya", 2),
    ]
    assert offers[0].label == "£20 account credit" and offers[1].label == "call back"
