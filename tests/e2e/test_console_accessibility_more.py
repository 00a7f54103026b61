"""In a real browser: the newer pages (ticket panels, playbook, dashboard, contractors, configuration)
label their fields, keep contrast, have one h1, and fit a narrow screen."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from calmdesk.staff.roles import Role
from tests.e2e.browser import NARROW, ConsoleDesk
from tests.e2e.test_console_accessibility import _check_page

ABUSIVE = "You useless idiots, you are a bunch of clowns and I am sick of you. Where is my refund?"


def _fits(page: Page, where: str) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= NARROW["width"], f"{where} scrolls sideways at {NARROW['width']} px ({width} px wide)"


def test_the_newer_pages_are_labelled_readable_and_fit_a_phone(console_desk: ConsoleDesk) -> None:
    desk = console_desk
    admin = desk.account(Role.ADMIN, name="Ada Admin")
    agent = desk.account(name="Priya Natarajan")
    contractor = desk.account(Role.CONTRACTOR, name="Marek Nowak")
    made = desk.api.post(
        "/api/v1/contractors",
        json={"staff_id": contractor.id, "hourly_rate": "13.75", "rate_effective_from": "2026-01-01"},
        headers=admin.headers,
    )
    assert made.status_code == 201, made.text
    reference = desk.new_ticket(agent, subject="Refund still missing", message={"body": ABUSIVE})["reference"]

    staff = desk.tab()
    desk.sign_in(staff, admin)
    page = staff.page
    page.goto(f"/tickets/{reference}")
    page.get_by_text("Why abusive?").click()
    page.get_by_label("Message", exact=True).fill("Calm down, you are wrong.")
    expect(page.locator("#coach-panel .coach-draft mark").first).to_be_visible()
    _check_page(page, "ticket with coach and playbook")
    expect(page.locator("#playbook")).to_contain_text("Pause before you answer")
    desk.screenshot(staff, "ticket-playbook")

    pages = (
        "/dashboard",
        "/contractors",
        f"/contractors/{contractor.id}",
        "/admin/calendars",
        "/admin/policies",
    )
    for path in (*pages, "/admin/chains", "/admin/webhooks"):
        page.goto(path)
        _check_page(page, path)

    # A refused policy: each message next to its field, and the page still passes.
    page.goto("/admin/policies")
    page.get_by_label("First response (minutes)").fill("0")
    page.get_by_role("button", name="Add policy").click()
    expect(page.locator("#minutes_first_response-error")).to_contain_text("greater than 0")
    expect(page.locator("#name-error")).to_have_text("Required.")
    expect(page.get_by_label("Name", exact=True)).to_have_attribute("aria-invalid", "true")
    _check_page(page, "refused policy")
    desk.screenshot(staff, "admin-policy-error", full_page=True)
    staff.assert_clean(allow=("status of 422",))  # the refused form

    narrow = desk.tab(NARROW)
    desk.sign_in(narrow, admin)
    for path in (f"/tickets/{reference}", *pages):
        narrow.page.goto(path)
        _fits(narrow.page, path)
    narrow.page.goto(f"/tickets/{reference}")
    desk.screenshot(narrow, "ticket-narrow", full_page=True)
    narrow.assert_clean()
