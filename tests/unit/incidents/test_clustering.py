"""The pure placement rules, title and update drafts."""

from __future__ import annotations

from calmdesk.incidents import clustering
from calmdesk.incidents.clustering import Action, Neighbour


def test_enough_different_customers_propose_an_incident() -> None:
    neighbours = [Neighbour(1, 10, 0.9), Neighbour(2, 11, 0.8)]
    placement = clustering.place(customer_id=12, neighbours=neighbours)
    assert placement.action is Action.PROPOSE
    assert placement.ticket_ids == (1, 2)
    assert placement.score == 0.9


def test_the_same_customers_again_do_not_count_twice() -> None:
    neighbours = [Neighbour(1, 10, 0.9), Neighbour(2, 10, 0.8), Neighbour(3, 12, 0.95)]
    assert clustering.place(customer_id=12, neighbours=neighbours).action is Action.NONE
    assert clustering.place(customer_id=12, neighbours=neighbours, min_customers=2).action is Action.PROPOSE


def test_a_ticket_follows_its_closest_neighbour_into_its_incident() -> None:
    neighbours = [
        Neighbour(1, 10, 0.75, incident_id=5, incident_status="open"),
        Neighbour(2, 11, 0.85, incident_id=6, incident_status="proposed"),
        Neighbour(3, 13, 0.99),
    ]
    placement = clustering.place(customer_id=12, neighbours=neighbours)
    assert (placement.action, placement.incident_id) == (Action.JOIN, 6)
    open_only = [neighbours[0], neighbours[2]]
    assert clustering.place(customer_id=12, neighbours=open_only).action is Action.SUGGEST
    dismissed = [Neighbour(1, 10, 0.8, incident_id=7, incident_status="dismissed")]
    assert clustering.place(customer_id=12, neighbours=dismissed).action is Action.ABSORB


def test_resolved_incidents_neither_attract_nor_seed_proposals() -> None:
    neighbours = [
        Neighbour(1, 10, 0.9, incident_id=4, incident_status="resolved"),
        Neighbour(2, 11, 0.9, incident_id=4, incident_status="resolved"),
    ]
    assert clustering.place(customer_id=12, neighbours=neighbours).action is Action.NONE


def test_the_title_is_the_subject_most_like_the_others() -> None:
    subjects = [
        "Checkout error 502",
        "Can't pay: checkout error 502 again",
        "Website broken",
        "Error 502 at checkout",
    ]
    assert clustering.draft_title(subjects) == "Checkout error 502"
    assert clustering.draft_title([]) == "Possible incident"


def test_the_update_draft_names_the_fault_and_asks_a_closed_question() -> None:
    draft = clustering.draft_update("Checkout 502s")
    assert "Checkout 502s" in draft and draft.rstrip().endswith("?")


def test_milestones_are_reported_once_each() -> None:
    assert clustering.reached_milestone(3, 4) is None
    assert clustering.reached_milestone(4, 5) == 5
    assert clustering.reached_milestone(5, 6) is None
    assert clustering.reached_milestone(9, 26) == 25


def test_a_request_that_comes_every_day_needs_a_real_burst() -> None:
    neighbours = [Neighbour(i, 10 + i, 0.9) for i in range(1, 4)]
    assert clustering.place(customer_id=99, neighbours=neighbours).action is Action.PROPOSE
    # Four similar tickets a window is normal for this request: four more are no burst.
    usual = clustering.expected_in_window(60, window_hours=6, background_hours=96)
    assert usual == 4.0
    assert clustering.place(customer_id=99, neighbours=neighbours, expected=usual).action is Action.NONE
    burst = [Neighbour(i, 10 + i, 0.9) for i in range(1, 15)]
    assert clustering.place(customer_id=99, neighbours=burst, expected=usual).action is Action.PROPOSE
