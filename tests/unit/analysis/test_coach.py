"""Every coach rule fires on the phrasing it targets and stays silent on the calm version."""

from __future__ import annotations

import pytest

from calmdesk.analysis.coach import coach_reply
from calmdesk.analysis.signals import find_signals
from calmdesk.analysis.types import DRAFT_RULE_IDS, MISSING_RULE_IDS, MessageReport, Turn

ANGRY_CUSTOMER = (
    "This is the THIRD time I've contacted you about my refund!!! "
    "I want a manager. I need it sorted by Friday."
)
ABUSIVE_CUSTOMER = "You useless idiots, I want my refund NOW."
CALM_CUSTOMER = "Hi, could you tell me when my order will arrive?"


def report_for(text: str, *, angry: bool, abusive: bool = False) -> MessageReport:
    """A customer report with chosen flags (the coach's logic, not the model, is under test)."""
    score = 0.9 if angry else 0.05
    return MessageReport(
        anger=score,
        abuse=0.9 if abusive else 0.02,
        complaint=score,
        escalation_risk=score,
        mood=-score,
        is_angry=angry,
        is_abusive=abusive,
        is_complaint=angry,
        signals=find_signals(text),
        model_version="test",
    )


def rule_ids(
    draft: str, customer: str = CALM_CUSTOMER, *, angry: bool = False, history: tuple[Turn, ...] = ()
) -> list[str]:
    report = coach_reply(
        draft,
        conversation=(*history, Turn("customer", customer)),
        customer_report=report_for(customer, angry=angry),
    )
    return [finding.rule_id for finding in report.findings]


DRAFT_CASES = [
    (
        "says_customer_wrong",
        "You are wrong about the date.",
        "You are wrong",
        "If I've got anything wrong here, please tell me.",
    ),
    (
        "says_customer_wrong",
        "That's not true, we emailed you.",
        "That's not true",
        "That's true, and I'm sorry it happened.",
    ),
    (
        "argues_or_point_scores",
        "As I already said, the parcel left on Monday.",
        "As I already said",
        "The parcel left on Monday; I'm tracking it now.",
    ),
    (
        "argues_or_point_scores",
        "Actually, the charge is correct.",
        "Actually",
        "I can actually do that for you today.",
    ),
    (
        "condescending_tone",
        "You need to understand how billing works.",
        "You need to understand",
        "I understand how billing can be confusing.",
    ),
    (
        "absolute_refusal",
        "We will never refund a used item.",
        "We will never refund",
        "We will never share your details with anyone.",
    ),
    (
        "absolute_refusal",
        "There's nothing I can do about it.",
        "There's nothing I can do",
        "Here is what I can do about it.",
    ),
    ("absolute_refusal", "That's impossible.", "That's impossible", "That's possible, let me arrange it."),
    (
        "tells_to_calm_down",
        "Please calm down so I can help.",
        "calm down",
        "I can hear how upsetting this is.",
    ),
    (
        "blames_someone",
        "You should have read the terms.",
        "You should have",
        "It's not your fault, and I'll sort it.",
    ),
    (
        "blames_someone",
        "The warehouse messed up your order.",
        "The warehouse messed up",
        "The warehouse has your order and I'm chasing it.",
    ),
    (
        "policy_as_weapon",
        "It's our policy, I can't change it.",
        "It's our policy",
        "The reason for the 30-day limit is safety; here is what I can offer.",
    ),
    (
        "unbacked_promise",
        "I guarantee it will be fixed.",
        "I guarantee",
        "I can't promise a date yet, but I'll update you by 4pm.",
    ),
    (
        "unbacked_promise",
        "It will definitely arrive tomorrow.",
        "will definitely arrive",
        "I've booked it on tomorrow's delivery, tracking ref AB12345, so it will definitely arrive tomorrow.",
    ),
    (
        "premature_fault",
        "This is entirely our fault.",
        "This is entirely our fault",
        "I'm sorry for the inconvenience this has caused; I'm looking into what happened.",
    ),
]


@pytest.mark.parametrize(("rule_id", "draft", "span", "calm"), DRAFT_CASES)
def test_draft_rule_fires_with_span_and_not_on_calm_wording(
    rule_id: str, draft: str, span: str, calm: str
) -> None:
    report = coach_reply(draft, customer_report=report_for(CALM_CUSTOMER, angry=False))
    matches = [f for f in report.findings if f.rule_id == rule_id]
    assert matches, f"{rule_id} did not fire"
    assert any(f.span is not None and f.span.text == span for f in matches)
    assert all(f.principle and f.suggestion for f in matches)
    assert rule_id not in rule_ids(calm)


@pytest.mark.parametrize(
    ("rule_id", "draft"),
    [
        ("blames_someone", "You should have received a confirmation email this morning."),
        ("absolute_refusal", "There was no way for you to know that from the website."),
        ("condescending_tone", "Anyone can call us free on 0800 123 456."),
        ("argues_or_point_scores", "I can actually do that for you today."),
        ("tells_to_calm_down", "I understand you're upset, and I'm on it."),
    ],
)
def test_informational_wording_is_not_flagged(rule_id: str, draft: str) -> None:
    assert rule_id not in rule_ids(draft)


def test_fault_may_be_owned_once_the_facts_are_checked() -> None:
    assert "premature_fault" not in rule_ids("I've checked your account and this was our mistake.")
    history = (Turn("agent", "Our records show the payment was taken twice."),)
    assert "premature_fault" not in rule_ids("We made a mistake and I'll refund it today.", history=history)


def test_apologising_for_the_inconvenience_is_welcome_and_counts_as_empathy() -> None:
    report = coach_reply(
        "I'm sorry for the inconvenience this has caused.",
        customer_report=report_for(ANGRY_CUSTOMER, angry=True),
    )
    assert "premature_fault" not in [f.rule_id for f in report.findings]
    assert "missing_empathy" not in [f.rule_id for f in report.missing]


def test_parroting_is_flagged_and_paraphrase_is_not() -> None:
    customer = "My broadband has been dropping out every evening since the engineer visited last week."
    parrot = "So your broadband has been dropping out every evening since the engineer visited."
    paraphrase = "So since the engineer's visit, your connection keeps cutting out at night."
    assert "parrots_customer" in rule_ids(parrot, customer)
    assert "parrots_customer" not in rule_ids(paraphrase, customer)


GOOD_REPLY = (
    "I'm sorry you've had to contact us again, and I can see why that's frustrating. "
    "So that I'm sure I have this right: your refund still hasn't reached you. "
    "I'll escalate this to my supervisor now and call you by 4pm today. Does that work for you?"
)


def test_upset_customer_gets_a_reply_with_every_element() -> None:
    report = coach_reply(
        GOOD_REPLY,
        conversation=(Turn("customer", ANGRY_CUSTOMER),),
        customer_report=report_for(ANGRY_CUSTOMER, angry=True),
    )
    assert report.findings == ()
    assert report.missing == ()


@pytest.mark.parametrize(
    ("rule_id", "without"),
    [
        (
            "missing_empathy",
            GOOD_REPLY.replace(
                "I'm sorry you've had to contact us again, and I can see why that's frustrating. ", ""
            ),
        ),
        ("missing_restatement", GOOD_REPLY.replace("So that I'm sure I have this right: ", "")),
        ("missing_next_steps", GOOD_REPLY.replace(" and call you by 4pm today", "")),
        ("missing_closing_question", GOOD_REPLY.replace(" Does that work for you?", " What else can I do?")),
    ],
)
def test_missing_element_is_reported_for_an_upset_customer(rule_id: str, without: str) -> None:
    upset = coach_reply(without, customer_report=report_for(ANGRY_CUSTOMER, angry=True))
    calm = coach_reply(without, customer_report=report_for(CALM_CUSTOMER, angry=False))
    assert [f.rule_id for f in upset.missing] == [rule_id]
    assert upset.missing[0].span is None
    assert calm.missing == ()


def test_abusive_customer_gets_a_boundary_not_an_argument() -> None:
    report = coach_reply(
        "Please calm down.", customer_report=report_for(ABUSIVE_CUSTOMER, angry=True, abusive=True)
    )
    assert "tells_to_calm_down" in [f.rule_id for f in report.findings]
    assert "missing_boundary" in [f.rule_id for f in report.missing]
    boundary = next(s for s in report.suggestions if s.kind == "boundary")
    assert "respectful" in boundary.text
    with_boundary = coach_reply(
        "I want to help, and I need us to keep this conversation respectful. Shall we carry on?",
        customer_report=report_for(ABUSIVE_CUSTOMER, angry=True, abusive=True),
    )
    assert "missing_boundary" not in [f.rule_id for f in with_boundary.missing]


def test_suggestions_fit_the_signals() -> None:
    report = coach_reply(
        "Let me look.",
        conversation=(Turn("customer", ANGRY_CUSTOMER),),
        customer_report=report_for(ANGRY_CUSTOMER, angry=True),
    )
    by_kind = {s.kind: s.text for s in report.suggestions}
    assert {"empathy_opener", "restatement", "escalation_notice", "closing_question"} <= set(by_kind)
    assert "boundary" not in by_kind  # a boundary is for abuse, not for anger
    assert "your refund" in by_kind["restatement"]
    assert "more than once" in by_kind["restatement"]
    assert "by friday" in by_kind["restatement"]
    assert "my supervisor" in by_kind["escalation_notice"]
    openers = [s.text for s in report.suggestions if s.kind == "empathy_opener"]
    assert any("again" in text for text in openers)
    # the scaffold is a paraphrase: inserting it must not trip the parroting rule
    assert "parrots_customer" not in rule_ids(by_kind["restatement"], ANGRY_CUSTOMER, angry=True)


def test_rule_ids_are_listed() -> None:
    fired = {case[0] for case in DRAFT_CASES} | {"parrots_customer"}
    assert fired == set(DRAFT_RULE_IDS)
    assert "missing_boundary" in MISSING_RULE_IDS


def test_findings_serialise_to_json_ready_dicts() -> None:
    report = coach_reply("Calm down.", customer_report=report_for(ANGRY_CUSTOMER, angry=True))
    data = report.to_dict()
    assert data["findings"][0]["span"] == {"start": 0, "end": 9, "text": "Calm down"}
    assert data["missing"][0]["span"] is None
