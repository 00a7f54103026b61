"""The demo contractors load on both databases and their month reads right through the API."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from calmdesk.demo import content, loader
from calmdesk.demo import contractors as demo
from calmdesk.staff.models import Staff
from tests.integration.conftest import Desk


def _sign_in(desk: Desk, email: str) -> dict[str, str]:
    login = desk.client.post("/api/v1/auth/login", json={"email": email, "password": content.DEMO_PASSWORD})
    assert login.status_code == 200, login.text
    return {"Authorization": f"Bearer {login.json()['token']}"}


def test_the_demo_contractors_have_a_month_of_work_and_issued_statements(desk: Desk) -> None:
    with desk.database.unit_of_work() as db:
        summary = loader.load(db).contractors  # the demo desk loads its contractors too
        staff = {member.email: member for member in db.scalars(select(Staff))}
    assert summary.contractors == len(demo.CONTRACTORS) == 2
    assert summary.appointments > 100 and summary.upsells > 10 and summary.statements >= 4
    assert "contractor" in summary.describe()

    marek = next(p for p in content.STAFF if p.key == "marek")
    headers = _sign_in(desk, marek.email)
    (me,) = desk.client.get("/api/v1/contractors", headers=headers).json()["items"]
    assert [rate["hourly_rate"] for rate in me["rates"]] == ["13.75", "14.25"]
    since = (datetime.now(UTC) - timedelta(days=40)).isoformat()
    mine = desk.client.get(
        "/api/v1/appointments", params={"limit": 200, "starts_from": since}, headers=headers
    ).json()["items"]
    assert {a["contractor"]["id"] for a in mine} == {me["id"]}
    assert {"completed", "cancelled_by_customer", "no_show", "scheduled"} <= {a["status"] for a in mine}

    issued = desk.client.get(f"/api/v1/contractors/{me['id']}/statements", headers=headers).json()["items"]
    (last_month,) = issued
    statement = desk.client.get(
        f"/api/v1/contractors/{me['id']}/statements/{last_month['period']}", headers=headers
    ).json()
    assert statement["status"] == "issued" and statement["total"] == last_month["total"]
    assert {line["kind"] for line in statement["lines"]} >= {"appointment", "commission"}

    this_month = datetime.now(ZoneInfo("Europe/London")).strftime("%Y-%m")
    draft = desk.client.get(f"/api/v1/contractors/{me['id']}/statements/{this_month}", headers=headers).json()
    assert draft["status"] == "draft"
    adjustments = [line for line in draft["lines"] if line["kind"] == "adjustment"]
    assert any(line["description"] == demo.ADJUSTMENT[0] for line in adjustments)
    assert any(line["corrects"] for line in adjustments), "the visit logged late is corrected"
    pdf = desk.client.get(f"/api/v1/contractors/{me['id']}/statements/{this_month}/pdf", headers=headers)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")

    chloe = next(p for p in content.STAFF if p.key == "chloe")
    chloe_id = staff[chloe.email.lower()].id
    assert desk.client.get(f"/api/v1/contractors/{chloe_id}", headers=headers).status_code == 404
    lead = next(p for p in content.STAFF if p.key == marek.reports_to)
    weeks = desk.client.get(
        f"/api/v1/contractors/{chloe_id}/statements", headers=_sign_in(desk, lead.email)
    ).json()["items"]
    assert len(weeks) >= 3 and all("-W" in week["period"] for week in weeks)
