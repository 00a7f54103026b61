"""Phone calls: logged with their details, read for tone, counted as responses; tickets opened from calls."""

from __future__ import annotations

from typing import Any

from tests.integration import sla_fixtures
from tests.integration.sla_fixtures import SlaDesk

sla_desk = sla_fixtures.sla_desk

FIRST_HOUR = {"kind": "first_response", "minutes": 60}
NEXT_HOUR = {"kind": "next_response", "minutes": 60}
CALL = {
    "subject": "No dial tone since Monday",
    "customer": {"name": "Tomás Ruiz", "phone": "+44 1632 960123"},
    "direction": "inbound",
    "started_at": "2024-11-11T08:52:00+00:00",
    "duration_seconds": 420,
    "outcome": "engineer booked",
    "notes": "Customer furious: third call this week, threatened to cancel and go to the ombudsman.",
}


def _open(sla_desk: SlaDesk, **overrides: Any) -> dict[str, Any]:
    response = sla_desk.desk.client.post(
        "/api/v1/calls", json={**CALL, **overrides}, headers=sla_desk.agent.headers
    )
    assert response.status_code == 201, response.text
    return dict(response.json())


def _messages(sla_desk: SlaDesk, reference: str) -> list[dict[str, Any]]:
    response = sla_desk.desk.client.get(
        f"/api/v1/tickets/{reference}/messages", headers=sla_desk.agent.headers
    )
    assert response.status_code == 200
    return list(response.json()["items"])


def test_a_call_opens_a_phone_ticket_whose_first_entry_is_the_call(sla_desk: SlaDesk) -> None:
    sla_desk.configure(targets=[FIRST_HOUR])
    ticket = _open(sla_desk)
    assert ticket["channel"] == "phone" and ticket["status"] == "open"
    assert ticket["customer"]["name"] == "Tomás Ruiz"
    [call] = _messages(sla_desk, ticket["reference"])
    assert call["kind"] == "call" and call["author_kind"] == "agent"
    assert call["author_staff"]["id"] == sla_desk.agent.id
    assert call["call_direction"] == "inbound"
    assert call["call_duration_seconds"] == 420
    assert call["call_outcome"] == "engineer booked"
    assert call["phone_number"] == "+44 1632 960123"
    assert call["call_started_at"].startswith("2024-11-11T08:52:00")
    # The notes are read for tone like the customer's own words.
    assert call["analysis"] is not None and call["analysis"]["anger"] > 0
    assert ticket["mood_at_start"] is not None
    # The call itself answered the customer: no first response is owed.
    kinds = {c["kind"] for c in sla_desk.sla(ticket["reference"])["clocks"]}
    assert "first_response" not in kinds


def test_a_second_call_from_the_same_number_finds_the_customer(sla_desk: SlaDesk) -> None:
    first = _open(sla_desk)
    again = _open(sla_desk, subject="Still no dial tone", notes="Engineer did not come.")
    assert again["customer"]["id"] == first["customer"]["id"]


def test_a_call_logged_on_a_ticket_meets_the_response_clock(sla_desk: SlaDesk) -> None:
    sla_desk.configure(targets=[FIRST_HOUR, NEXT_HOUR])
    reference = sla_desk.ticket()["reference"]
    sla_desk.at(20)
    sla_desk.reply(
        reference,
        kind="call",
        body="Talked it through; replacement sent.",
        call_direction="outbound",
        call_duration_seconds=300,
        phone_number="+44 1632 960000",
        call_started_at="2024-11-11T09:15:00Z",
        call_outcome="resolved on the call",
    )
    first = sla_desk.clock(reference, "first_response")
    assert first["status"] == "met" and first["used_seconds"] == 20 * 60
    call = _messages(sla_desk, reference)[-1]
    assert call["call_started_at"].startswith("2024-11-11T09:15:00")
    assert call["analysis"] is not None


def test_call_details_are_refused_on_other_entries_and_bad_calls_are_refused(sla_desk: SlaDesk) -> None:
    reference = sla_desk.ticket()["reference"]
    url = f"/api/v1/tickets/{reference}/messages"
    note = {"kind": "note", "body": "x", "call_started_at": "2024-11-11T09:15:00Z"}
    assert sla_desk.desk.client.post(url, json=note, headers=sla_desk.agent.headers).status_code == 422
    naive = {**CALL, "started_at": "2024-11-11T08:52:00"}
    response = sla_desk.desk.client.post("/api/v1/calls", json=naive, headers=sla_desk.agent.headers)
    assert response.status_code == 422
    both = {**CALL, "customer_id": 1}
    assert (
        sla_desk.desk.client.post("/api/v1/calls", json=both, headers=sla_desk.agent.headers).status_code
        == 422
    )
