"""Who hears about a step, and the notices (one per channel and recipient) it becomes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from calmdesk.sla.alerts import LevelSpec, StaffDirectory, StaffEntry, TicketBrief, notices, route
from calmdesk.sla.escalation import SlaEventKind, Step

T0 = datetime(2024, 11, 11, 10, 0, tzinfo=UTC)
TICKET = TicketBrief(42, "CD-42", "Refund not received", "high", assignee_id=10, team_id=1)
SUPERVISOR = LevelSpec(1, "supervisor", None, timedelta(0), ("in_app", "email"))
MANAGER = LevelSpec(2, "manager", None, timedelta(minutes=30), ("in_app", "webhook"))
HEAD = LevelSpec(3, None, 99, timedelta(hours=2), ("email",))


def directory() -> StaffDirectory:
    staff = {
        10: StaffEntry(10, "agent", reports_to_id=20, has_email=True),
        11: StaffEntry(11, "agent", reports_to_id=None, has_email=True),
        20: StaffEntry(20, "supervisor", reports_to_id=30, has_email=True),
        21: StaffEntry(21, "supervisor", reports_to_id=30, has_email=True),
        22: StaffEntry(22, "supervisor", reports_to_id=None, has_email=False),
        30: StaffEntry(30, "manager", reports_to_id=99, has_email=True),
        99: StaffEntry(99, "head_of_operations", reports_to_id=None, has_email=True),
    }
    return StaffDirectory(staff=staff, team_members={1: {11, 21, 22}})


def step(event: SlaEventKind, level: int = 0) -> Step:
    return Step("first_response", 1, event, level, T0)


def test_a_role_level_goes_to_the_nearest_holder_up_the_assignees_reporting_line() -> None:
    people = directory()
    assert people.level_recipients(SUPERVISOR, TICKET) == [20]
    assert people.level_recipients(MANAGER, TICKET) == [30]


def test_without_a_line_the_role_holders_in_the_team_are_asked_then_everyone_with_the_role() -> None:
    people = directory()
    unassigned = TicketBrief(43, "CD-43", "s", "normal", assignee_id=None, team_id=1)
    assert people.level_recipients(SUPERVISOR, unassigned) == [21, 22]
    no_team = TicketBrief(44, "CD-44", "s", "normal", assignee_id=11, team_id=None)
    assert people.level_recipients(SUPERVISOR, no_team) == [20, 21, 22]


def test_a_named_person_level_goes_to_that_person_if_active() -> None:
    people = directory()
    assert people.level_recipients(HEAD, TICKET) == [99]
    del people.staff[99]  # left the company: nobody rather than somebody random
    assert people.level_recipients(HEAD, TICKET) == []


def test_warnings_and_breaches_go_to_the_assignee_escalations_to_the_level() -> None:
    people = directory()
    levels = [SUPERVISOR, MANAGER]
    warning = route(step(SlaEventKind.WARNING), ticket=TICKET, due_at=T0, levels=levels, directory=people)
    assert warning.recipients == (10,)
    level_two = route(
        step(SlaEventKind.ESCALATION, 2), ticket=TICKET, due_at=T0, levels=levels, directory=people
    )
    assert level_two.recipients == (30,)
    assert level_two.channels == ("in_app", "webhook")


def test_an_unowned_ticket_warns_the_first_level() -> None:
    unassigned = TicketBrief(43, "CD-43", "s", "normal", assignee_id=None, team_id=1)
    alert = route(
        step(SlaEventKind.WARNING), ticket=unassigned, due_at=T0, levels=[SUPERVISOR], directory=directory()
    )
    assert alert.recipients == (21, 22)


def test_notices_have_one_unique_key_per_channel_and_recipient() -> None:
    people = directory()
    alert = route(
        step(SlaEventKind.ESCALATION, 2), ticket=TICKET, due_at=T0, levels=[MANAGER], directory=people
    )
    queued = notices(
        alert,
        base_url="https://desk.example.com",
        webhooks={"sla.escalated": [5, 6], "sla.breached": [7]},
        email_enabled=True,
        has_email={30: True},
    )
    assert sorted(n.dedupe_key for n in queued) == [
        "sla:42:first_response:1:escalation:2:in_app:30",
        "sla:42:first_response:1:escalation:2:webhook:5",
        "sla:42:first_response:1:escalation:2:webhook:6",
    ]
    assert {n.topic for n in queued} == {"sla.escalated"}
    assert queued[0].payload["url"] == "https://desk.example.com/tickets/CD-42"
    assert queued[0].payload["data"]["level"] == 2


def test_email_is_skipped_without_smtp_or_without_an_address() -> None:
    people = directory()
    unassigned = TicketBrief(43, "CD-43", "s", "normal", assignee_id=None, team_id=1)
    alert = route(
        step(SlaEventKind.ESCALATION, 1), ticket=unassigned, due_at=T0, levels=[SUPERVISOR], directory=people
    )
    with_smtp = notices(alert, base_url="x", webhooks={}, email_enabled=True, has_email={21: True, 22: False})
    assert sorted((n.channel, n.staff_id) for n in with_smtp) == [
        ("email", 21),
        ("in_app", 21),
        ("in_app", 22),
    ]
    without = notices(alert, base_url="x", webhooks={}, email_enabled=False, has_email={21: True})
    assert {n.channel for n in without} == {"in_app"}
