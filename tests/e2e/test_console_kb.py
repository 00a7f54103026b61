"""In a real browser: a suggested article's link goes into the reply at the cursor, under the CSP."""

from __future__ import annotations

from playwright.sync_api import expect

from calmdesk.staff.roles import Role
from tests.e2e.browser import ConsoleDesk


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
