"""The ticket status lifecycle."""

from __future__ import annotations

import pytest

from calmdesk.tickets.lifecycle import (
    TRANSITIONS,
    IllegalTransition,
    TicketStatus,
    check_transition,
    status_after_agent_reply,
    status_after_customer_message,
)

S = TicketStatus
LEGAL = [
    (S.NEW, S.OPEN),
    (S.OPEN, S.PENDING_CUSTOMER),
    (S.OPEN, S.ON_HOLD),
    (S.PENDING_CUSTOMER, S.OPEN),
    (S.ON_HOLD, S.OPEN),
    (S.OPEN, S.RESOLVED),
    (S.RESOLVED, S.CLOSED),
    (S.RESOLVED, S.OPEN),
    (S.PENDING_CUSTOMER, S.RESOLVED),
    (S.ON_HOLD, S.PENDING_CUSTOMER),
]
ILLEGAL = [
    (S.NEW, S.CLOSED),
    (S.OPEN, S.CLOSED),
    (S.OPEN, S.NEW),
    (S.CLOSED, S.OPEN),
    (S.CLOSED, S.RESOLVED),
    (S.RESOLVED, S.PENDING_CUSTOMER),
    (S.RESOLVED, S.ON_HOLD),
    (S.PENDING_CUSTOMER, S.NEW),
]


@pytest.mark.parametrize(("current", "requested"), LEGAL)
def test_legal_transitions_are_allowed(current: S, requested: S) -> None:
    assert check_transition(current, requested) is requested


@pytest.mark.parametrize(("current", "requested"), ILLEGAL)
def test_illegal_transitions_are_refused_with_the_way_forward(current: S, requested: S) -> None:
    with pytest.raises(IllegalTransition) as raised:
        check_transition(current, requested)
    message = str(raised.value)
    assert f"a {current.value} ticket cannot become {requested.value}" in message
    for allowed in TRANSITIONS[current]:
        assert allowed.value in message


def test_closed_is_final_and_says_so() -> None:
    with pytest.raises(IllegalTransition, match="nothing"):
        check_transition("closed", "open")


def test_staying_put_is_not_a_transition() -> None:
    for status in S:
        assert check_transition(status, status) is status


def test_nothing_returns_to_new() -> None:
    assert all(S.NEW not in targets for targets in TRANSITIONS.values())


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (S.PENDING_CUSTOMER, S.OPEN),
        (S.RESOLVED, S.OPEN),
        (S.NEW, S.NEW),
        (S.ON_HOLD, S.ON_HOLD),
        (S.OPEN, S.OPEN),
    ],
)
def test_a_customer_message_wakes_waiting_and_resolved_tickets(before: S, after: S) -> None:
    assert status_after_customer_message(before) is after


def test_an_agent_reply_opens_a_new_ticket_only() -> None:
    assert status_after_agent_reply(S.NEW) is S.OPEN
    assert status_after_agent_reply(S.PENDING_CUSTOMER) is S.PENDING_CUSTOMER
