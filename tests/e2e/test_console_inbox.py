"""In a real browser: signing in and working the inbox (filters, search, live refresh)."""

from __future__ import annotations

from playwright.sync_api import expect

from calmdesk.staff.roles import Role
from tests.e2e.browser import NARROW, ConsoleDesk


def test_an_agent_signs_in_filters_the_inbox_and_opens_a_ticket(console_desk: ConsoleDesk) -> None:
    desk = console_desk
    billing = desk.team("Billing", ("billing",))
    legal = desk.team("Legal", ("legal",))
    agent = desk.account(name="Ana Okafor", team_ids=(billing,))
    other = desk.account(name="Omar Haddad", team_ids=(legal,))
    normal = desk.new_ticket(agent, subject="Invoice shows the wrong address", team_id=billing)
    high = desk.new_ticket(agent, subject="Refund still missing", priority="high", assignee_id=agent.id)
    urgent = desk.new_ticket(agent, subject="Charged three times", priority="urgent", team_id=billing)
    hidden = desk.new_ticket(agent, subject="Contract question", team_id=legal, assignee_id=other.id)

    tab = desk.tab()
    page = tab.page
    page.goto("/")
    expect(page).to_have_url(f"{desk.url}/signin")
    desk.screenshot(tab, "signin")
    page.get_by_label("Email").fill(agent.email)
    page.get_by_label("Password").fill("not my password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("Wrong email or password")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{desk.url}/inbox")
    expect(page.get_by_role("heading", name="Inbox")).to_be_visible()

    links = page.locator("#ticket-list tbody a")
    expect(links).to_have_count(3)
    assert [text.split(" ", 1)[0] for text in links.all_inner_texts()] == [
        urgent["reference"],
        high["reference"],
        normal["reference"],
    ]
    expect(page.locator("#ticket-list")).not_to_contain_text(hidden["subject"])
    desk.screenshot(tab, "inbox")

    # Filters swap only the list: the page (and this marker) survive.
    page.evaluate("window.__same_page = true")
    page.get_by_label("Priority").select_option("urgent")
    expect(links).to_have_count(1)
    expect(links.first).to_contain_text("Charged three times")
    expect(page).to_have_url(f"{desk.url}/inbox?q=&scope=mine&status=active&priority=urgent&team=&assigned=")
    page.get_by_label("Priority").select_option("")
    page.get_by_label("Assigned").select_option("me")
    expect(links).to_have_count(1)
    expect(links.first).to_contain_text("Refund still missing")
    page.get_by_label("Assigned").select_option("")
    page.get_by_label("Search").fill("wrong address")
    expect(links).to_have_count(1)
    expect(links.first).to_contain_text("Invoice shows the wrong address")
    page.get_by_label("Search").fill("")
    page.get_by_label("Show").select_option("all")
    expect(links).to_have_count(4)
    assert page.evaluate("window.__same_page") is True

    # The list refreshes itself (every second in this test, every 15 s for real).
    fresh = desk.new_ticket(other, subject="Card declined at checkout", priority="urgent")
    expect(page.locator("#ticket-list")).to_contain_text("Card declined at checkout", timeout=8_000)
    assert page.evaluate("window.__same_page") is True

    page.get_by_role("link", name=f"{fresh['reference']} Card declined at checkout").click()
    expect(page).to_have_url(f"{desk.url}/tickets/{fresh['reference']}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Card declined at checkout")
    expect(page).to_have_title(f"{fresh['reference']} Card declined at checkout · calmdesk")
    tab.assert_clean(allow=("status of 401",))  # the wrong password's answer


def test_the_inbox_fits_a_narrow_screen(console_desk: ConsoleDesk) -> None:
    desk = console_desk
    agent = desk.account(Role.SUPERVISOR)
    for n in range(3):
        desk.new_ticket(agent, subject=f"Parcel {n} lost somewhere between depot and door", priority="high")
    tab = desk.tab(NARROW)
    desk.sign_in(tab, agent)
    page = tab.page
    expect(page.locator("#ticket-list tbody tr")).to_have_count(3)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the inbox scrolls sideways by {overflow}px at 400px"
    for label in ("Search", "Status", "Priority", "Team", "Assigned"):
        box = page.get_by_label(label).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= NARROW["width"], label
    desk.screenshot(tab, "inbox-narrow")
    page.locator("#ticket-list tbody a").first.click()
    expect(page.get_by_label("Message")).to_be_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the ticket page scrolls sideways by {overflow}px at 400px"
    tab.assert_clean()
