"""Who sees which contractor: themself; their reporting line; everyone for the Head of Operations."""

from __future__ import annotations

from datetime import date, timedelta

from calmdesk.staff.roles import Role
from tests.integration.conftest import Account, Desk
from tests.integration.contractor_desk import ContractorDesk, at

DAY = date(2026, 10, 7)


def _status(cd: ContractorDesk, account: Account, url: str) -> int:
    return cd.client.get(url, headers=account.headers).status_code


def test_a_contractor_sees_only_their_own_statements_and_appointments(desk: Desk) -> None:
    cd = ContractorDesk(desk)
    marek, chloe = cd.contractor(), cd.contractor()
    mine = cd.book(marek, at(DAY, 9), timedelta(hours=2))
    theirs = cd.book(chloe, at(DAY, 9), timedelta(hours=3))

    assert cd.statement(marek, "2026-10", as_=marek)["total"] == "27.50"
    refused = cd.client.get(f"/api/v1/contractors/{chloe.id}/statements/2026-10", headers=marek.headers)
    assert refused.status_code == 404  # not "forbidden": it does not confirm the statement exists
    assert refused.json()["error"]["code"] == "contractor_not_found"
    for url in (
        f"/api/v1/contractors/{chloe.id}",
        f"/api/v1/contractors/{chloe.id}/statements/2026-10/pdf",
        f"/api/v1/contractors/{chloe.id}/statements/2026-10/csv",
        f"/api/v1/contractors/{chloe.id}/statements",
        f"/api/v1/appointments/{theirs['id']}",
        f"/api/v1/appointments/{theirs['id']}/upsells",
    ):
        assert _status(cd, marek, url) == 404, url
    listed = cd.client.get("/api/v1/appointments", headers=marek.headers).json()["items"]
    assert [a["id"] for a in listed] == [mine["id"]]
    asked_for_chloe = cd.client.get(
        "/api/v1/appointments", params={"contractor_id": chloe.id}, headers=marek.headers
    )
    assert asked_for_chloe.json()["items"] == []
    contractors = cd.client.get("/api/v1/contractors", headers=marek.headers).json()["items"]
    assert [c["id"] for c in contractors] == [marek.id]


def test_a_contractor_records_the_outcome_and_sales_but_not_the_schedule_or_confirmation(desk: Desk) -> None:
    cd = ContractorDesk(desk)
    marek = cd.contractor()
    job = cd.book(marek, at(DAY, 9), timedelta(hours=2), status="scheduled")
    url = f"/api/v1/appointments/{job['id']}"
    outcome = {
        "status": "completed",
        "actual_start": at(DAY, 9, 10).isoformat(),
        "actual_end": at(DAY, 11, 25).isoformat(),
        "job_notes": "Replaced the drain pump; tested two cycles.",
    }
    done = cd.client.patch(url, json=outcome, headers=marek.headers)
    assert done.status_code == 200, done.text
    assert done.json()["status"] == "completed" and done.json()["version"] == 2
    moved = cd.client.patch(url, json={"scheduled_start": at(DAY, 8).isoformat()}, headers=marek.headers)
    assert moved.status_code == 403
    sale = cd.client.post(
        f"{url}/upsells",
        json={"product": "Pump guard", "category": "parts", "value": "35.00"},
        headers=marek.headers,
    )
    assert sale.status_code == 201 and sale.json()["status"] == "pending" and sale.json()["value"] == "35.00"
    upsell_url = f"{url}/upsells/{sale.json()['id']}"
    self_confirm = cd.client.patch(upsell_url, json={"status": "confirmed"}, headers=marek.headers)
    assert self_confirm.status_code == 403
    assert cd.client.patch(upsell_url, json={"value": "30.00"}, headers=marek.headers).status_code == 200
    assert cd.settle(sale.json(), "confirmed")["confirmed_at"] is not None
    settled = cd.client.patch(upsell_url, json={"value": "10.00"}, headers=cd.admin.headers)
    assert settled.status_code == 409 and settled.json()["error"]["code"] == "upsell_settled"
    backwards = cd.client.patch(upsell_url, json={"status": "pending"}, headers=cd.admin.headers)
    assert backwards.status_code == 409
    future = cd.client.patch(url, json={"actual_end": "2999-01-01T10:00:00Z"}, headers=marek.headers)
    assert future.status_code == 422 and future.json()["error"]["code"] == "actual_times_in_future"


def test_leaders_see_the_contractors_in_their_reporting_line(desk: Desk) -> None:
    cd = ContractorDesk(desk)
    head = desk.account(Role.HEAD_OF_OPERATIONS)
    manager = desk.account(Role.MANAGER, reports_to=head.id)
    field_lead = desk.account(Role.SUPERVISOR, reports_to=manager.id)
    other_lead = desk.account(Role.SUPERVISOR, reports_to=manager.id)
    elsewhere = desk.account(Role.MANAGER)
    agent = desk.account(Role.AGENT, reports_to=field_lead.id)
    marek = cd.contractor(reports_to=field_lead.id)
    loner = cd.contractor()  # reports to nobody: only the Head of Operations and admins see them
    url = f"/api/v1/contractors/{marek.id}/statements/2026-10"

    for leader in (field_lead, manager, head):
        assert _status(cd, leader, url) == 200, leader.role
    for outsider in (other_lead, elsewhere):
        assert _status(cd, outsider, url) == 404, outsider.role
    assert _status(cd, agent, url) == 403  # agents have no pay permission at all
    assert _status(cd, head, f"/api/v1/contractors/{loner.id}") == 200
    assert _status(cd, manager, f"/api/v1/contractors/{loner.id}") == 404

    booking = {
        "contractor_id": marek.id,
        "customer_id": cd.customer(),
        "scheduled_start": at(DAY, 9).isoformat(),
        "scheduled_end": at(DAY, 10).isoformat(),
    }
    assert cd.client.post("/api/v1/appointments", json=booking, headers=field_lead.headers).status_code == 201
    booking["scheduled_start"], booking["scheduled_end"] = at(DAY, 10).isoformat(), at(DAY, 11).isoformat()
    assert cd.client.post("/api/v1/appointments", json=booking, headers=other_lead.headers).status_code == 404
    seen = cd.client.get("/api/v1/contractors", headers=manager.headers).json()["items"]
    assert [c["id"] for c in seen] == [marek.id]
