"""In a real browser: a suggested article's link goes into the reply at the cursor, under the CSP."""

from __future__ import annotations

from playwright.sync_api import expect

from calmdesk.staff.roles import Role
from tests.e2e.browser import ConsoleDesk
from tests.e2e.test_console_accessibility import _check_page


def test_an_agent_inserts_a_suggested_article_link_into_a_reply(console_desk: ConsoleDesk) -> None:
    desk = console_desk
    supervisor = desk.account(Role.SUPERVISOR)
    article = desk.api.post(
        "/api/v1/articles",
        json={
            "title": "Washing machine error E21",
            "body": "Clean the pump filter behind the flap.",
            "tags": ["washing-machine"],
            "is_published": True,
        },
        headers=supervisor.headers,
    ).json()
    agent = desk.account(name="Kwame Mensah")
    ticket = desk.new_ticket(
        agent, subject="Washer shows E21", message={"body": "The drum is full of water and it says E21."}
    )
    tab = desk.tab()
    desk.sign_in(tab, agent)
    page = tab.page
    page.goto("/inbox")
    # Boosted navigation: kb.js must work on pages that arrive without a full load.
    page.get_by_role("link", name="Washer shows E21").click()
    panel = page.locator('[data-panel="articles"]')
    expect(panel).to_contain_text("Washing machine error E21")
    box = page.get_by_label("Message", exact=True)
    box.fill("Hello, this should help:")
    panel.get_by_role("button", name="Insert a link to “Washing machine error E21” into the reply").click()
    link = f"{desk.url}/help/articles/{article['id']}"
    expect(box).to_have_value(f"Hello, this should help:\nWashing machine error E21: {link}")
    expect(box).to_be_focused()
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.get_by_role("status")).to_have_text("Reply sent.")
    sent = desk.messages(agent, ticket["reference"])[-1]
    assert link in sent["body_text"]
    # The customer can open the link without signing in.
    public = desk.api.get(f"/help/articles/{article['id']}")
    assert public.status_code == 200 and "Clean the pump filter" in public.text
    tab.assert_clean()


def test_the_knowledge_base_pages_label_their_fields_and_keep_contrast(console_desk: ConsoleDesk) -> None:
    desk = console_desk
    supervisor = desk.account(Role.SUPERVISOR)
    article = desk.api.post(
        "/api/v1/articles",
        json={
            "title": "Rebooking a missed delivery",
            "body": "# Steps\n\n1. Open tracking",
            "is_published": True,
        },
        headers=supervisor.headers,
    ).json()
    reference = desk.new_ticket(supervisor, subject="Missed delivery", message={"body": "Rebook please"})[
        "reference"
    ]
    visitor = desk.tab()
    visitor.page.goto(f"/help/articles/{article['id']}")
    _check_page(visitor.page, "public article")
    staff = desk.tab()
    desk.sign_in(staff, supervisor)
    for path in (
        "/kb",
        "/kb?q=rebook+delivery",
        f"/kb/{article['id']}",
        f"/kb/{article['id']}/edit",
        "/kb/new",
        f"/tickets/{reference}",
    ):
        staff.page.goto(path)
        _check_page(staff.page, path)
    expect(staff.page.locator('[data-panel="articles"]')).to_contain_text("Rebooking a missed delivery")
    for tab in (visitor, staff):
        tab.assert_clean()
