"""In a real browser: a contractor reads their own appointments and pay, and downloads the PDF."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from playwright.sync_api import expect

from calmdesk.staff.roles import Role
from tests.e2e.browser import NARROW, Account, ConsoleDesk


def _contractor(desk: ConsoleDesk, admin: Account, name: str, reports_to: int | None = None) -> Account:
    account = desk.account(Role.CONTRACTOR, name=name)
    if reports_to is not None:
        current = desk.api.get(f"/api/v1/staff/{account.id}", headers=admin.headers)
        answer = desk.api.patch(
            f"/api/v1/staff/{account.id}",
            json={"reports_to_id": reports_to},
            headers={**admin.headers, "If-Match": current.headers["etag"]},
        )
        assert answer.status_code == 200, answer.text
    body = {"staff_id": account.id, "hourly_rate": "13.75", "rate_effective_from": "2026-01-01"}
    answer = desk.api.post("/api/v1/contractors", json=body, headers=admin.headers)
    assert answer.status_code == 201, answer.text
    return account


def _book(
    desk: ConsoleDesk, admin: Account, contractor: Account, customer: str, start: datetime, hours: int
) -> Any:
    made = desk.api.post(
        "/api/v1/customers",
        json={"name": customer, "email": f"{customer.split()[0].lower()}@example.com"},
        headers=admin.headers,
    )
    assert made.status_code == 201, made.text
    end = start + timedelta(hours=hours)
    body = {
        "contractor_id": contractor.id,
        "customer_id": made.json()["id"],
        "scheduled_start": start.isoformat(),
        "scheduled_end": end.isoformat(),
        "status": "completed",
        "actual_start": start.isoformat(),
        "actual_end": end.isoformat(),
        "job_notes": "Replaced the drum bearing; tested a full cycle.",
    }
    answer = desk.api.post("/api/v1/appointments", json=body, headers=admin.headers)
    assert answer.status_code == 201, answer.text
    return answer.json()


def test_a_contractor_sees_their_own_pay_and_a_supervisor_their_line(console_desk: ConsoleDesk) -> None:
    desk = console_desk
    admin = desk.account(Role.ADMIN, name="Ada Admin")
    lead = desk.account(Role.SUPERVISOR, name="Sam Lead")
    marek = _contractor(desk, admin, "Marek Nowak", reports_to=lead.id)
    chloe = _contractor(desk, admin, "Chloe Evans")
    day = datetime(2026, 10, 7, 8, tzinfo=UTC)
    _book(desk, admin, marek, "Rosa Mills", day, 5)
    _book(desk, admin, marek, "Ben Carter", day + timedelta(hours=5), 4)  # nine hours that day
    _book(desk, admin, chloe, "Hidden Household", day, 3)

    tab = desk.tab()
    page = tab.page
    desk.sign_in(tab, marek)
    expect(page).to_have_url(f"{desk.url}/contractors/{marek.id}")
    expect(page.get_by_role("heading", name="Your appointments and pay")).to_be_visible()
    page.get_by_label("Period", exact=True).fill("2026-10")
    page.get_by_role("button", name="Show").click()
    expect(page).to_have_url(f"{desk.url}/contractors/{marek.id}?period=2026-10")
    expect(page.locator("#statement-total")).to_have_text("£123.75")
    expect(page.locator("#appointments tbody tr")).to_have_count(2)
    expect(page.locator("main")).not_to_contain_text("Hidden Household")
    expect(page.get_by_role("navigation", name="Main").get_by_role("link")).to_have_text(["Contractors"])
    desk.screenshot(tab, "contractor-pay", full_page=True)

    with page.expect_download() as downloaded:
        page.get_by_role("link", name="Download PDF").click()
    pdf = downloaded.value
    assert pdf.suggested_filename == f"pay-statement-{marek.id}-2026-10.pdf"
    assert pdf.path().read_bytes().startswith(b"%PDF")
    with page.expect_download() as downloaded:
        page.get_by_role("link", name="Download CSV").click()
    assert "123.75" in downloaded.value.path().read_text()

    # Someone else's page is simply not there.
    answer = page.goto(f"/contractors/{chloe.id}")
    assert answer is not None and answer.status == 404
    tab.assert_clean(allow=("404",))

    narrow = desk.tab(NARROW)
    desk.sign_in(narrow, marek)
    narrow.page.goto(f"/contractors/{marek.id}?period=2026-10")
    expect(narrow.page.locator("#statement-total")).to_have_text("£123.75")
    width = narrow.page.evaluate("document.documentElement.scrollWidth")
    assert width <= NARROW["width"], f"the page scrolls sideways at {NARROW['width']} px ({width} px wide)"
    desk.screenshot(narrow, "contractor-pay-narrow", full_page=True)
    narrow.assert_clean()

    boss = desk.tab()
    desk.sign_in(boss, lead)
    boss.page.goto("/contractors")
    rows = boss.page.locator("#contractor-list tbody tr")
    expect(rows).to_have_count(1)
    rows.first.get_by_role("link", name="Marek Nowak").click()
    expect(boss.page.get_by_role("heading", name="Marek Nowak")).to_be_visible()
    boss.assert_clean()
