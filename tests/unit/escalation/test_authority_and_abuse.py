"""Who receives and who grants, and the abusive-contact path's stages."""

from __future__ import annotations

from calmdesk.escalation.abuse import AbuseStage, Turn, abuse_path
from calmdesk.escalation.authority import Person, approval_refusal, next_rung, receiver_refusal

HEAD = Person(1, "Hana", "head_of_operations", None)
MANAGER = Person(2, "Mina", "manager", 1)
SUPERVISOR = Person(3, "Sam", "supervisor", 2)
AGENT = Person(4, "Ada", "agent", 3)
AWAY = Person(5, "Otto", "supervisor", 2, is_active=False)
HR = Person(6, "Rita", "hr_manager", 1)
PEOPLE = {p.id: p for p in (HEAD, MANAGER, SUPERVISOR, AGENT, AWAY, HR)}


def test_the_next_rung_is_the_nearest_active_person_who_outranks() -> None:
    assert next_rung(PEOPLE, AGENT.id) == SUPERVISOR
    assert next_rung(PEOPLE, SUPERVISOR.id) == MANAGER
    assert next_rung(PEOPLE, HEAD.id) is None
    below_away = {**PEOPLE, 7: Person(7, "Al", "agent", 5)}
    assert next_rung(below_away, 7) == MANAGER  # the inactive supervisor is skipped


def test_receivers_must_be_active_and_senior() -> None:
    assert receiver_refusal(AGENT, SUPERVISOR) is None
    assert receiver_refusal(AGENT, HR) is None
    assert receiver_refusal(MANAGER, HR) is None  # HR sits beside the chain, not above it
    refusal = receiver_refusal(SUPERVISOR, Person(8, "Sue", "supervisor", 2))
    assert refusal is not None and refusal.code == "receiver_not_senior"
    assert receiver_refusal(AGENT, AWAY) is not None


def test_exceptions_are_granted_by_a_higher_rank_never_by_the_requester() -> None:
    assert approval_refusal(SUPERVISOR, AGENT) is None
    own = approval_refusal(MANAGER, MANAGER)
    assert own is not None and (own.code, own.status) == ("own_exception", 403)
    same = approval_refusal(Person(9, "Sid", "supervisor", 2), SUPERVISOR)
    assert same is not None and same.code == "approver_not_senior"
    hr = approval_refusal(HR, AGENT)
    assert hr is not None and hr.code == "not_an_approver"


def test_the_abusive_path_walks_boundary_then_takeover() -> None:
    calm = [Turn(1, "customer"), Turn(2, "agent")]
    assert abuse_path(calm).stage is AbuseStage.NONE
    offered = [*calm, Turn(3, "customer", is_abusive=True), Turn(4, "agent")]
    assert abuse_path(offered).stage is AbuseStage.BOUNDARY_OFFERED
    again = [*offered, Turn(5, "customer", is_abusive=True)]
    assert abuse_path(again).stage is AbuseStage.BOUNDARY_OFFERED  # no boundary was set yet
    boundary = [*again, Turn(6, "agent", sets_boundary=True)]
    assert abuse_path(boundary).stage is AbuseStage.BOUNDARY_SET
    takeover = [*boundary, Turn(7, "customer"), Turn(8, "customer", is_abusive=True)]
    path = abuse_path(takeover)
    assert (path.stage, path.first_abuse_id, path.boundary_message_id, path.takeover_message_id) == (
        AbuseStage.TAKEOVER_OFFERED,
        3,
        6,
        8,
    )
    assert abuse_path(takeover, taken_over=True).stage is AbuseStage.TAKEN_OVER
    early_boundary = [Turn(1, "agent", sets_boundary=True), Turn(2, "customer", is_abusive=True)]
    assert (
        abuse_path(early_boundary).stage is AbuseStage.BOUNDARY_OFFERED
    )  # a boundary counts after abuse only
