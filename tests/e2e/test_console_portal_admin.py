"""In a real browser: the customer's portal page, and an admin adding a team."""

from __future__ import annotations

from playwright.sync_api import expect

from calmdesk.staff.roles import Role
from tests.e2e.browser import NARROW, ConsoleDesk


def test_the_customer_reads_and_answers_through_their_link(console_desk: ConsoleDesk) -> None:
    desk = console_desk
    agent = desk.account(name="Priya Natarajan")
    ticket = desk.new_ticket(
        agent,
        subject="Router keeps rebooting",
        customer={"name": "Mei Chen", "email": "mei@example.org"},
        message={"body": "It restarts every ten minutes."},
    )
    reference = ticket["reference"]
    desk.add_message(agent, reference, kind="note", body="SECRET: firmware bug suspected")
    desk.add_message(agent, reference, body="Please try the spare adapter.", status="pending_customer")
    link = desk.portal_link(agent, reference)

    customer = desk.tab()  # a different browser profile: no staff cookies at all
    page = customer.page
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Router keeps rebooting")
    thread = page.locator(".thread > li")
    expect(thread).to_have_count(2)
    expect(thread.nth(1)).to_contain_text("Priya (support team)")
    expect(page.locator("body")).not_to_contain_text("SECRET")
    expect(page.locator("body")).not_to_contain_text("Natarajan")
    assert page.evaluate("typeof window.htmx") == "undefined"  # the customer's page runs no script
    page.get_by_label("Your message").fill("The spare adapter fixed it, thank you!")
    page.get_by_role("button", name="Send message").click()
    expect(page.get_by_role("status")).to_contain_text("we have your message")
    expect(thread).to_have_count(3)
    desk.screenshot(customer, "portal")
    narrow = desk.tab(NARROW)
    narrow.page.goto(link)
    assert narrow.page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    desk.screenshot(narrow, "portal-narrow", full_page=True)

    staff = desk.tab()
    desk.sign_in(staff, agent)
    staff.page.goto(f"/tickets/{reference}")
    expect(staff.page.locator(".thread > li").last).to_contain_text("The spare adapter fixed it")
    expect(staff.page.locator(".ticket-meta .status")).to_have_text("Open")

    desk.patch_ticket(agent, reference, status="resolved")
    desk.patch_ticket(agent, reference, status="closed")
    page.reload()
    expect(page.locator(".closed-note")).to_contain_text("This request is closed")
    expect(page.get_by_label("Your message")).to_have_count(0)
    for tab in (customer, narrow, staff):
        tab.assert_clean()


def test_an_admin_adds_a_team_after_a_validation_error(console_desk: ConsoleDesk) -> None:
    desk = console_desk
    admin = desk.account(Role.ADMIN, name="Adaeze Admin")
    agent = desk.account(name="Ana Okafor")
    tab = desk.tab()
    desk.sign_in(tab, admin)
    page = tab.page
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Teams").click()
    expect(page.get_by_role("heading", name="Teams and skills")).to_be_visible()
    page.get_by_label("Name").fill("Billing")
    page.get_by_label("Skills").fill("billing Refunds & credits")
    page.get_by_label("Description").fill("Invoices, refunds and goodwill credits")
    page.get_by_role("button", name="Add team").click()

    skills = page.get_by_label("Skills")
    error = page.locator("#skills-error")
    expect(error).to_contain_text("Use 1-50 lowercase letters")
    expect(skills).to_have_attribute("aria-invalid", "true")
    expect(skills).to_have_attribute("aria-describedby", "skills-hint skills-error")
    expect(skills).to_have_value("billing Refunds & credits")  # nothing typed is lost
    expect(page.get_by_role("table")).to_have_count(0)  # no team was created
    desk.screenshot(tab, "admin-team-error")

    skills.fill("billing, refunds credits")
    page.get_by_role("button", name="Add team").click()
    expect(page.get_by_role("status")).to_have_text("Team saved.")
    row = page.get_by_role("row", name="Billing")
    expect(row).to_contain_text("refunds")
    expect(row).to_contain_text("credits")

    page.get_by_role("link", name="Staff").first.click()
    expect(page.get_by_role("heading", name="Staff", exact=True)).to_be_visible()
    desk.screenshot(tab, "admin-staff", full_page=True)
    tab.assert_clean(allow=("status of 422",))

    outsider = desk.tab()
    desk.sign_in(outsider, agent)
    nav = outsider.page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link")).to_have_text(["Inbox", "Callbacks", "Knowledge base", "Incidents"])
    answer = outsider.page.goto("/admin/teams")
    assert answer is not None and answer.status == 403
    expect(outsider.page.get_by_role("heading", level=1)).to_have_text("You don't have access to this")
    outsider.assert_clean(allow=("status of 403",))
