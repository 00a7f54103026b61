"""SLA clocks follow the ticket: start, meet, pause and resume, retarget, stop and reopen."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.integration import sla_fixtures
from tests.integration.sla_fixtures import LONDON_OFFICE, START, SlaDesk

sla_desk = sla_fixtures.sla_desk

FIRST_HOUR = {"kind": "first_response", "minutes": 60, "warn_percent": 75}
NEXT_HOUR = {"kind": "next_response", "minutes": 60}
RESOLVE_8H = {"kind": "resolution", "minutes": 480, "warn_minutes_before": 30}
UPDATE_4H = {"kind": "periodic_update", "minutes": 240}


def due(sla_desk: SlaDesk, reference: str, kind: str) -> datetime:
    value = sla_desk.clock(reference, kind)["due_at"]
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def test_a_new_ticket_starts_its_clocks_with_deadlines_from_the_policy(sla_desk: SlaDesk) -> None:
    policy = sla_desk.configure(targets=[FIRST_HOUR, RESOLVE_8H, UPDATE_4H])
    ticket = sla_desk.ticket()
    sla = sla_desk.sla(ticket["reference"])
    assert sla["policy_id"] == policy["id"] and sla["policy_name"] == "Standard"
    clocks = {c["kind"]: c for c in sla["clocks"]}
    assert set(clocks) == {"first_response", "resolution", "periodic_update"}
    first = clocks["first_response"]
    assert first["status"] == "running" and not first["paused"] and not first["breached"]
    assert due(sla_desk, ticket["reference"], "first_response") == START.replace(hour=10)
    assert first["warning_at"].startswith("2024-11-11T09:45:00")
    assert clocks["resolution"]["warning_at"].startswith("2024-11-11T16:30:00")  # 30 minutes before
    sla_desk.at(20)
    assert sla_desk.clock(ticket["reference"], "first_response")["remaining_seconds"] == 40 * 60
    assert sla["next_check_at"].startswith("2024-11-11T09:45:00")


def test_no_policy_means_no_clocks(sla_desk: SlaDesk) -> None:
    sla_desk.configure(targets=[FIRST_HOUR], is_default=False, conditions={"tiers": ["vip"]})
    ticket = sla_desk.ticket()
    sla = sla_desk.sla(ticket["reference"])
    assert sla["policy_id"] is None and sla["clocks"] == [] and sla["next_check_at"] is None


def test_a_reply_meets_the_first_response_and_a_customer_message_starts_the_next(sla_desk: SlaDesk) -> None:
    sla_desk.configure(targets=[FIRST_HOUR, NEXT_HOUR, RESOLVE_8H])
    reference = sla_desk.ticket()["reference"]
    sla_desk.reply(reference, kind="note", body="checking the courier")  # a note is not a response
    assert sla_desk.clock(reference, "first_response")["status"] == "running"
    sla_desk.at(50)
    sla_desk.reply(reference)
    first = sla_desk.clock(reference, "first_response")
    assert first["status"] == "met" and first["met_at"].startswith("2024-11-11T09:50")
    assert first["used_seconds"] == 50 * 60
    link = sla_desk.post(f"/api/v1/tickets/{reference}/portal-links", {}, sla_desk.agent)
    sla_desk.at(120)
    portal = f"/api/v1/portal/{link['token']}/messages"
    response = sla_desk.desk.client.post(portal, json={"body": "Any news?"})
    assert response.status_code == 201, response.text
    following = sla_desk.clock(reference, "next_response")
    assert following["cycle"] == 1 and following["status"] == "running"
    assert due(sla_desk, reference, "next_response") == START.replace(hour=12)
    sla_desk.at(150)
    sla_desk.reply(reference, kind="call", call_direction="outbound", call_duration_seconds=300)
    assert sla_desk.clock(reference, "next_response")["status"] == "met"
    sla_desk.at(160)
    sla_desk.desk.client.post(portal, json={"body": "And now?"})
    assert sla_desk.clock(reference, "next_response")["cycle"] == 2


def test_waiting_on_the_customer_pauses_the_clocks_and_loses_no_time(sla_desk: SlaDesk) -> None:
    sla_desk.configure(targets=[FIRST_HOUR, RESOLVE_8H])
    reference = sla_desk.ticket()["reference"]
    sla_desk.at(60)
    sla_desk.reply(reference, status="pending_customer")  # met the first response, now waiting
    resolution = sla_desk.clock(reference, "resolution")
    assert resolution["status"] == "paused" and resolution["paused"] and resolution["due_at"] is None
    assert resolution["used_seconds"] == 60 * 60
    sla_desk.at(60 + 3 * 60)  # three hours on the customer's side
    assert sla_desk.clock(reference, "resolution")["used_seconds"] == 60 * 60
    sla_desk.patch_ticket(reference, {"status": "open"})
    assert due(sla_desk, reference, "resolution") == START.replace(hour=9 + 3 + 8)
    sla_desk.at(5 * 60)
    sla_desk.patch_ticket(reference, {"status": "on_hold"})
    sla_desk.at(7 * 60)
    sla_desk.patch_ticket(reference, {"status": "open"})
    assert due(sla_desk, reference, "resolution") == START.replace(hour=9 + 3 + 2 + 8)


def test_a_priority_change_moves_to_a_tighter_policy_keeping_the_time_used(sla_desk: SlaDesk) -> None:
    sla_desk.configure(targets=[FIRST_HOUR, RESOLVE_8H])
    urgent = sla_desk.configure(
        name="Urgent",
        targets=[{"kind": "first_response", "minutes": 30}, {"kind": "resolution", "minutes": 120}],
        conditions={"priorities": ["urgent"]},
        position=10,
        is_default=False,
    )
    reference = sla_desk.ticket()["reference"]
    sla_desk.at(20)
    sla_desk.patch_ticket(reference, {"priority": "urgent"})
    sla = sla_desk.sla(reference)
    assert sla["policy_id"] == urgent["id"]
    clocks = {c["kind"]: c for c in sla["clocks"]}
    assert clocks["resolution"]["target_minutes"] == 120
    assert clocks["resolution"]["used_seconds"] == 20 * 60
    assert due(sla_desk, reference, "resolution") == START.replace(hour=11)
    assert due(sla_desk, reference, "first_response") == START.replace(minute=30)
    sla_desk.at(40)  # already over the new 30-minute first response: shown as breached by 10 minutes
    first = sla_desk.clock(reference, "first_response")
    assert first["status"] == "breached" and first["breached_by_seconds"] == 10 * 60
    sla_desk.patch_ticket(reference, {"priority": "normal"})
    assert due(sla_desk, reference, "resolution") == START.replace(hour=9 + 8)


def test_resolving_meets_resolution_and_reopening_continues_it(sla_desk: SlaDesk) -> None:
    sla_desk.configure(targets=[FIRST_HOUR, RESOLVE_8H, UPDATE_4H])
    reference = sla_desk.ticket()["reference"]
    sla_desk.at(30)
    sla_desk.reply(reference)
    sla_desk.at(90)
    sla_desk.patch_ticket(reference, {"status": "resolved"})
    clocks = {c["kind"]: c for c in sla_desk.sla(reference)["clocks"]}
    assert clocks["resolution"]["status"] == "met" and clocks["resolution"]["used_seconds"] == 90 * 60
    assert clocks["periodic_update"]["status"] == "stopped"
    assert sla_desk.sla(reference)["next_check_at"] is None
    sla_desk.at(24 * 60)  # a day later the customer is back
    sla_desk.patch_ticket(reference, {"status": "open"})
    clocks = {c["kind"]: c for c in sla_desk.sla(reference)["clocks"]}
    assert clocks["resolution"]["cycle"] == 1 and clocks["resolution"]["status"] == "running"
    assert clocks["resolution"]["used_seconds"] == 90 * 60
    assert clocks["periodic_update"]["cycle"] == 3  # the reply began cycle 2; reopening, cycle 3


def test_a_public_reply_restarts_the_periodic_update_clock(sla_desk: SlaDesk) -> None:
    sla_desk.configure(targets=[UPDATE_4H])
    reference = sla_desk.ticket()["reference"]
    sla_desk.at(200)
    sla_desk.reply(reference)
    update = sla_desk.clock(reference, "periodic_update")
    assert update["cycle"] == 2 and update["status"] == "running"
    assert due(sla_desk, reference, "periodic_update") == START.replace(hour=9 + 200 // 60 + 4, minute=20)


def test_deadlines_count_business_hours_in_the_calendars_zone(sla_desk: SlaDesk) -> None:
    sla_desk.configure(targets=[{"kind": "first_response", "minutes": 120}], calendar=LONDON_OFFICE)
    # Friday 15 November 2024, 16:30 in London (GMT): one business hour left that day.
    sla_desk.traveller.move_to(datetime(2024, 11, 15, 16, 30, tzinfo=UTC))
    reference = sla_desk.ticket()["reference"]
    assert due(sla_desk, reference, "first_response") == datetime(2024, 11, 18, 10, 0, tzinfo=UTC)
    # Over the weekend the clock does not move.
    sla_desk.traveller.move_to(datetime(2024, 11, 17, 12, 0, tzinfo=UTC))
    assert sla_desk.clock(reference, "first_response")["remaining_seconds"] == 60 * 60


def test_the_summer_calendar_and_a_bank_holiday(sla_desk: SlaDesk) -> None:
    sla_desk.configure(targets=[{"kind": "resolution", "minutes": 60}], calendar=LONDON_OFFICE)
    # Friday 23 August 2024 17:00 BST (16:00 UTC); Monday the 26th is the summer bank holiday.
    sla_desk.traveller.move_to(datetime(2024, 8, 23, 16, 0, tzinfo=UTC))
    reference = sla_desk.ticket()["reference"]
    # 30 minutes on Friday, 30 on Tuesday from 09:00 BST (08:00 UTC).
    assert due(sla_desk, reference, "resolution") == datetime(2024, 8, 27, 8, 30, tzinfo=UTC)
