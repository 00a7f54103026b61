"""Every escalation signal fires on what it means and stays silent on look-alikes."""

from __future__ import annotations

import pytest

from calmdesk.analysis.signal_rules import RULES, triggered_kinds
from calmdesk.analysis.signals import find_signals
from calmdesk.analysis.types import SIGNAL_KINDS


def kinds(text: str) -> set[str]:
    return {signal.kind for signal in find_signals(text)}


def evidence(text: str, kind: str) -> list[str]:
    signal = next(s for s in find_signals(text) if s.kind == kind)
    return [span.text for span in signal.spans]


FIRES = [
    ("manager_demand", "I demand to speak to a manager.", "speak to a manager"),
    ("manager_demand", "Put me through to your supervisor please", "Put me through to your supervisor"),
    ("manager_demand", "I want your supervisor on the phone.", "I want your supervisor"),
    ("legal_threat", "I'll take you to court over this.", "take you to court"),
    ("legal_threat", "My solicitor will be in touch.", "solicitor"),
    ("legal_threat", "I'm going to sue you for every penny.", "going to sue"),
    ("legal_threat", "See you in small claims court.", "small claims court"),
    ("regulator", "I'm reporting this to the ombudsman.", "ombudsman"),
    ("regulator", "Trading Standards will hear about this.", "Trading Standards"),
    ("public_exposure", "I'll be posting this on Twitter for everyone to see.", "posting this on Twitter"),
    ("public_exposure", "Expect a one-star review.", "one-star"),
    ("public_exposure", "I'm going to the newspapers with this.", "going to the newspapers"),
    ("cancel_or_switch", "I'm cancelling my broadband contract.", "cancelling my broadband contract"),
    ("cancel_or_switch", "I'm switching to a competitor.", "switching to a competitor"),
    ("cancel_or_switch", "I'll take my business elsewhere.", "take my business elsewhere"),
    ("repeated_contact", "This is the third time I've called.", "third time"),
    ("repeated_contact", "It is still not working.", "still not"),
    ("repeated_contact", "My internet is down again.", "again"),
    ("repeated_contact", "I've already explained this twice.", "already explained"),
    ("deadline", "I need it fixed by Friday.", "by Friday"),
    ("deadline", "This is urgent.", "urgent"),
    ("deadline", "Refund me within 24 hours.", "within 24 hours"),
    ("shouting", "WHERE IS MY PARCEL", "WHERE IS MY PARCEL"),
    ("shouting", "Answer me!!!", "!!!"),
    ("shouting", "This is RIDICULOUS", "RIDICULOUS"),
    ("harm_threat", "I'm going to come down there and hurt you.", "come down there and"),
    ("harm_threat", "I know where you work.", "I know where you work"),
    ("harm_threat", "I will kill the engineer if he comes back.", "I will kill the engineer"),
    ("insult", "You are a useless idiot.", "You are a useless idiot"),
    ("insult", "Screw you.", "Screw you"),
    ("profanity", "This shit service is a joke.", "shit"),
]


@pytest.mark.parametrize(("kind", "text", "span"), FIRES)
def test_signal_fires_with_its_evidence(kind: str, text: str, span: str) -> None:
    assert span in evidence(text, kind)


SILENT = [
    ("cancel_or_switch", "I'd never cancel, I love you guys"),
    ("cancel_or_switch", "I don't want to cancel my subscription, just fix the bill."),
    ("cancel_or_switch", "I'll leave you a great review!"),
    ("manager_demand", "My manager asked me to renew our plan."),
    ("manager_demand", "I don't need a supervisor, you've been great."),
    ("legal_threat", "Sue from billing was lovely, thanks!"),
    ("legal_threat", "I don't want to sue anyone, just fix it."),
    ("regulator", "I'm not going to the ombudsman, I'd rather sort it with you."),
    ("public_exposure", "I'll leave you a great review on Trustpilot, thanks so much!"),
    ("public_exposure", "I saw your post on Facebook."),
    ("repeated_contact", "Thanks again for your help!"),
    ("repeated_contact", "I'd happily order again."),
    ("repeated_contact", "It still works perfectly."),
    ("deadline", "It's not urgent, whenever you get a chance."),
    ("deadline", "No rush, fix it by Friday if you can."),
    ("shouting", "THANK YOU SO MUCH!!"),
    ("shouting", "My PIN and SIM are fine and the API is OK."),
    ("shouting", "I love the new app!!"),
    ("harm_threat", "This bug is killing me."),
    ("harm_threat", "I would never hurt anyone."),
    ("harm_threat", "I could kill for a coffee right now."),
    ("insult", "I felt like an idiot for ordering the wrong size."),
    ("insult", "You're not useless at all, you fixed it!"),
    ("profanity", "I'm gay and my husband ordered the router."),
]


@pytest.mark.parametrize(("kind", "text"), SILENT)
def test_signal_stays_silent_on_look_alikes(kind: str, text: str) -> None:
    assert kind not in kinds(text)


def test_polite_message_has_no_signals() -> None:
    assert find_signals("Hi, could you tell me when my order will arrive? Thanks!") == ()


def test_spans_point_into_the_text() -> None:
    text = "This is the THIRD time!!! I want a manager or I'm calling my lawyer."
    for signal in find_signals(text):
        for span in signal.spans:
            assert text[span.start : span.end] == span.text


def test_signals_come_in_the_listed_order_with_weights_in_range() -> None:
    found = find_signals("I WANT A MANAGER NOW!!! Third time calling. My lawyer is ready, I'll sue you.")
    order = [SIGNAL_KINDS.index(s.kind) for s in found]
    assert order == sorted(order)
    assert {"manager_demand", "legal_threat", "repeated_contact", "shouting"} <= {s.kind for s in found}
    assert all(0 < s.weight <= 1 for s in found)


def test_more_evidence_weighs_more() -> None:
    one = next(s for s in find_signals("My lawyer will call.") if s.kind == "legal_threat")
    two = next(s for s in find_signals("My lawyer will call. I'll sue you.") if s.kind == "legal_threat")
    assert two.weight > one.weight


TRICKY = [
    "Get me your teamlead.",
    "I want to speak  to a\nmanager.",
    "see you in\nsmall   claims court",
    "Leaving a 1-star review.",
    "I'm CANCELLING my contract!!!",
    "It is STILL NOT fixed, yet again.",
    "I need this sorted as soon  as possible.",
]


@pytest.mark.parametrize("text", [case[1] for case in FIRES] + TRICKY)
def test_trigger_words_never_hide_a_match(text: str) -> None:
    plain = text.replace("\u2019", "'")
    lowered = " ".join(plain.lower().split())
    triggered = triggered_kinds(lowered)
    for rule in RULES:
        if rule.pattern.search(plain):
            assert rule.kind in triggered, f"{rule.kind} matches {text!r} without a trigger"


def test_tricky_spacing_still_fires() -> None:
    assert "manager_demand" in kinds("Get me your teamlead.")
    assert "legal_threat" in kinds("see you in\nsmall   claims court")
    assert "deadline" in kinds("I need this sorted as soon  as possible.")
