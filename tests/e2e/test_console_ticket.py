"""In a real browser: replying, noting, logging a call, changing status, and the stale warning."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.browser import ConsoleDesk


def test_an_agent_replies_notes_logs_a_call_and_changes_the_status(console_desk: ConsoleDesk) -> None:
    desk = console_desk
    agent = desk.account(name="Priya Natarajan")
    ticket = desk.new_ticket(
        agent,
        subject="No dial tone since Monday",
        customer={"name": "Tomás Ruiz", "email": "tomas@example.net"},
        message={"body": "Third time I write. Fix my line or I cancel!"},
        priority="high",
    )
    reference = ticket["reference"]
    tab = desk.tab()
    desk.sign_in(tab, agent)
    page = tab.page
    page.goto(f"/tickets/{reference}")
    thread = page.locator(".thread > li")
    expect(thread).to_have_count(1)
    expect(thread.first).to_contain_text("Fix my line or I cancel!")

    page.get_by_label("Message", exact=True).fill(
        "I'm sorry for the trouble. An engineer can come on Thursday."
    )
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.get_by_role("status")).to_have_text("Reply sent.")
    expect(thread).to_have_count(2)
    expect(thread.nth(1)).to_contain_text("Priya Natarajan replied")

    page.get_by_label("Internal note (staff only)").check()
    # Ctrl+Enter sends the form from the keyboard.
    page.get_by_label("Message", exact=True).fill("Line test shows a fault at the cabinet.")
    page.get_by_label("Message", exact=True).press("Control+Enter")
    expect(page.get_by_role("status")).to_have_text("Internal note added.")
    note = thread.nth(2)
    expect(note).to_contain_text("Internal note · staff only")
    expect(note).to_have_class("entry entry--note entry--agent entry--internal")

    page.get_by_text("Log a phone call").click()
    page.get_by_label("Direction").select_option("outbound")
    page.get_by_label("Duration (minutes)").fill("9.5")
    page.get_by_label("Phone number").fill("+34 600 000 000")
    page.get_by_label("Outcome").fill("engineer booked")
    page.get_by_label("Call notes").fill("Booked Thursday 9-12; customer calmer.")
    page.locator("#call-status").select_option("pending_customer")
    page.get_by_role("button", name="Log call").click()
    expect(page.get_by_role("status")).to_have_text("Phone call logged.")
    call = thread.nth(3)
    expect(call).to_contain_text("Phone call")
    expect(call).to_contain_text("Outbound")
    expect(call).to_contain_text("9 min 30 s")
    expect(call).to_contain_text("+34 600 000 000")
    expect(page.locator(".ticket-meta .status")).to_have_text("Pending customer")

    page.get_by_label("Status", exact=True).select_option("resolved")
    page.get_by_label("Priority").select_option("urgent")
    page.get_by_label("Assignee").select_option(str(agent.id))
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_role("status")).to_have_text("Ticket updated.")
    expect(page.locator(".ticket-meta .status")).to_have_text("Resolved")
    desk.screenshot(tab, "ticket", full_page=True)

    stored = desk.ticket(agent, reference)
    assert (stored["status"], stored["priority"], stored["assignee"]["id"]) == (
        "resolved",
        "urgent",
        agent.id,
    )
    kinds = [(m["kind"], m["is_internal"]) for m in desk.messages(agent, reference)]
    assert kinds == [("reply", False), ("reply", False), ("note", True), ("call", False)]
    tab.assert_clean()


def test_a_stale_form_warns_instead_of_overwriting(console_desk: ConsoleDesk) -> None:
    desk = console_desk
    agent = desk.account()
    colleague = desk.account()
    reference = desk.new_ticket(agent, subject="Wrong item delivered")["reference"]
    tab = desk.tab()
    desk.sign_in(tab, agent)
    page = tab.page
    page.goto(f"/tickets/{reference}")
    expect(page.get_by_label("Status", exact=True)).to_have_value("new")

    # Meanwhile a colleague escalates the priority through the API.
    desk.patch_ticket(colleague, reference, priority="urgent")
    page.get_by_label("Status", exact=True).select_option("on_hold")
    page.get_by_role("button", name="Save changes").click()
    warning = page.locator("#stale-warning")
    expect(warning).to_contain_text("Someone changed this ticket while you had it open.")
    expect(warning.get_by_role("link", name="Reload the ticket")).to_be_visible()
    stored = desk.ticket(agent, reference)
    assert (stored["status"], stored["priority"]) == ("new", "urgent")

    # A draft written meanwhile is kept when the conversation moved on under it.
    desk.add_message(colleague, reference, kind="note", body="Customer phoned, wants a refund instead.")
    page.get_by_label("Message", exact=True).fill("We will send the right item today.")
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.locator("#stale-warning")).to_contain_text("Nothing was sent")
    expect(page.get_by_label("Message", exact=True)).to_have_value("We will send the right item today.")
    expect(page.locator(".thread")).to_contain_text("wants a refund instead")
    assert len(desk.messages(agent, reference)) == 2
    desk.screenshot(tab, "ticket-stale")

    warning.get_by_role("link", name="Reload the ticket").click()
    expect(page.locator("#stale-warning")).to_have_count(0)
    page.get_by_label("Status", exact=True).select_option("on_hold")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_role("status")).to_have_text("Ticket updated.")
    assert desk.ticket(agent, reference)["status"] == "on_hold"
    tab.assert_clean(allow=("status of 409",))
