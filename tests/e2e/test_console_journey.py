"""One day's journey through the console, in a real browser against a real ``calmdesk serve``.

An agent works the inbox and opens the most urgent ticket; the coach flags "you're wrong" in
the draft and the suggested wording goes in with one click; the agent escalates up to a
supervisor with a brief; the supervisor acknowledges it, sees the dashboard's charts drawn and
resolves the ticket; the customer rates it through the survey link, and the rating reaches
the dashboard's satisfaction chart.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select

from calmdesk.db import Database
from calmdesk.followup.models import Survey
from calmdesk.notify.models import OutboxMessage
from calmdesk.staff.roles import Role
from tests.e2e.browser import ConsoleDesk
from tests.e2e.conftest import RunningDesk
from tests.e2e.test_console_accessibility import _check_page

CALM = "Hello, could you let me know when the replacement ships? Thanks."
ANGRY = (
    "This is the third time I have written and my router is STILL dead. "
    "I am furious, this is completely unacceptable!"
)
BAD_DRAFT = "You're wrong: the router was delivered on Monday. I will check the courier's photo today."
FIXED_DRAFT = (
    "Here is what I can see on the account: the router was delivered on Monday. "
    "I will check the courier's photo today."
)

# Count a canvas's painted pixels: Chart.js draws bars, axes and legends; a blank canvas has none.
PAINTED = """canvas => {
  const context = canvas.getContext("2d");
  const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
  let painted = 0;
  for (let i = 3; i < pixels.length; i += 4) { if (pixels[i] > 0) painted += 1; }
  return painted;
}"""


@pytest.fixture
def served(
    running_desk: RunningDesk, database: Database, chromium: Browser, tmp_path: Path
) -> Iterator[ConsoleDesk]:
    """The browser helpers pointed at the ``calmdesk serve`` process (same database)."""
    desk = ConsoleDesk(running_desk.url, database, chromium, tmp_path / "screenshots")
    try:
        yield desk
    finally:
        desk.close()


def _survey_token(database: Database, ticket_id: int) -> str:
    """The one-time link's token, from the invitation queued for the customer."""
    with database.session(read_only=True) as db:
        row = db.scalars(
            select(OutboxMessage).where(
                OutboxMessage.topic == "survey.invite", OutboxMessage.ticket_id == ticket_id
            )
        ).one()
    match = re.search(r"/survey/(cdv_[A-Za-z0-9_-]+)", row.payload["text"])
    assert match is not None, row.payload["text"]
    return match.group(1)


def _assert_charts_drawn(page: Page, names: tuple[str, ...]) -> None:
    for name in names:
        canvas = page.locator(f"#chart-{name}")
        expect(canvas).to_have_attribute("data-rendered", re.compile(r"^[1-9]"))
        assert canvas.evaluate(PAINTED) > 500, f"chart {name} is blank"


def test_an_agent_escalates_a_coached_reply_and_the_customer_rates_it(served: ConsoleDesk) -> None:
    desk = served
    team = desk.team("Broadband", ("broadband",))
    lead = desk.account(Role.SUPERVISOR, name="Sam Okoro", team_ids=(team,))
    agent = desk.account(name="Ada Lind", team_ids=(team,))
    desk.account(name="Bea Fixer", team_ids=(team,))  # knows broadband: an expert on the ticket
    desk.new_ticket(agent, subject="Change of billing date", message={"body": CALM}, assignee_id=agent.id)
    urgent = desk.new_ticket(
        agent,
        subject="Router dead for a week",
        customer={"name": "Dana Cole", "email": "dana@example.net"},
        message={"body": ANGRY},
        priority="urgent",
        category="broadband",
        assignee_id=agent.id,
    )
    desk.new_ticket(
        agent,
        subject="Question about my contract",
        message={"body": CALM},
        priority="high",
        assignee_id=agent.id,
    )
    reference = urgent["reference"]

    # The agent signs in to the inbox; the most urgent ticket is on top, and they open it.
    tab = desk.tab()
    desk.sign_in(tab, agent)
    page = tab.page
    expect(page).to_have_url(f"{desk.url}/inbox")
    rows = page.locator("#ticket-list tbody a")
    expect(rows).to_have_count(3)
    expect(rows.first).to_contain_text(reference)
    desk.screenshot(tab, "journey-inbox")
    rows.first.click()
    expect(page).to_have_url(f"{desk.url}/tickets/{reference}")

    # The coach flags "You're wrong" as it is typed; one click puts the suggested wording in.
    box = page.get_by_label("Message", exact=True)
    box.fill(BAD_DRAFT)
    expect(page.locator("#coach-panel .coach-draft mark")).to_have_text("You're wrong")
    expect(page.locator("#coach-panel")).to_contain_text("Telling customers they are wrong")
    desk.screenshot(tab, "journey-coach", full_page=True)
    page.get_by_role("button", name="Use “Here is what I can see on the account”").click()
    expect(box).to_have_value(FIXED_DRAFT)
    expect(page.locator("#coach-panel .coach-draft mark")).to_have_count(0)
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.get_by_role("status")).to_have_text("Reply sent.")
    expect(page.locator(".thread")).to_contain_text(FIXED_DRAFT)

    # Up to the supervisor, with problem goals and people goals in the brief.
    page.get_by_text("Escalate this ticket").click()
    page.get_by_label("Reason", exact=True).select_option("beyond_authority")
    page.get_by_label("Up to (hierarchical)").select_option(str(lead.id))
    page.get_by_label("Problem goals").fill("A working router at Dana's by Friday\nA goodwill credit decided")
    page.get_by_label("People goals").fill("Dana trusts the Friday promise")
    desk.screenshot(tab, "journey-escalate", full_page=True)
    page.get_by_role("button", name="Escalate with this brief").click()
    expect(page.get_by_role("status")).to_have_text("Escalated with the brief; the receiver has been told.")
    tab.assert_clean()

    # The supervisor sees it waiting on the dashboard, then acknowledges it on the ticket.
    lead_tab = desk.tab()
    desk.sign_in(lead_tab, lead)
    lead_page = lead_tab.page
    lead_page.goto("/dashboard")
    expect(lead_page.locator("#awaiting-ack")).to_contain_text(reference)
    _check_page(lead_page, "dashboard with an escalation waiting")
    lead_page.goto(f"/tickets/{reference}")
    banner = lead_page.locator(".escalation-banner")
    expect(banner).to_contain_text("Escalated to you by Ada Lind")
    expect(banner).to_contain_text("A working router at Dana's by Friday")
    expect(banner).to_contain_text("Dana trusts the Friday promise")
    expect(lead_page.locator("#followup-panel")).to_contain_text("No callback promised.")
    expect(lead_page.locator(".experts")).to_contain_text("Bea Fixer")
    _check_page(lead_page, "ticket page with the brief, follow-ups and experts")
    desk.screenshot(lead_tab, "journey-acknowledge", full_page=True)
    banner.get_by_role("button", name=re.compile("Acknowledge")).click()
    expect(lead_page.get_by_role("status")).to_have_text(
        "Escalation acknowledged: the case is in your hands."
    )
    assert desk.ticket(agent, reference)["assignee"]["id"] == lead.id

    # The dashboard: nothing waiting now, and the charts are drawn (painted canvases).
    lead_page.goto("/dashboard")
    expect(lead_page.locator("#awaiting-ack")).to_contain_text("None waiting.")
    expect(lead_page.locator("#escalation-counts")).to_contain_text("Beyond authority")
    _assert_charts_drawn(lead_page, ("escalations", "cause-category", "cause-channel", "cause-hand-off"))
    desk.screenshot(lead_tab, "journey-dashboard", full_page=True)

    # The supervisor resolves the ticket with a reply; that sends the customer a survey.
    lead_page.goto(f"/tickets/{reference}")
    lead_page.get_by_label("Message", exact=True).fill(
        "A new router is booked for Friday morning and a goodwill credit is on your account. "
        "Does Friday morning suit you?"
    )
    lead_page.locator("#reply-status").select_option("resolved")
    lead_page.get_by_role("button", name="Send", exact=True).click()
    expect(lead_page.get_by_role("status")).to_have_text("Reply sent.")
    token = _survey_token(desk.database, urgent["id"])

    # The customer rates it through the one-time link; no staff is signed in there.
    customer_tab = desk.tab()
    customer = customer_tab.page
    customer.goto(f"/survey/{token}")
    expect(customer.get_by_role("heading", name=re.compile("Router dead for a week"))).to_be_visible()
    expect(customer.locator(".thread")).to_contain_text("A new router is booked for Friday morning")
    customer.get_by_label("5 - Excellent").check()
    customer.get_by_label("Anything you would like to tell us? (optional)").fill(
        "Sam sorted it out, thank you."
    )
    desk.screenshot(customer_tab, "journey-survey", full_page=True)
    customer.get_by_role("button", name="Send my answer").click()
    expect(customer).to_have_url(re.compile(r"/survey/thanks"))
    with desk.database.session(read_only=True) as db:
        survey = db.scalars(select(Survey).where(Survey.ticket_id == urgent["id"])).one()
    assert (survey.rating, survey.comment, survey.reopened) == (5, "Sam sorted it out, thank you.", False)

    # The rating reaches the dashboard's satisfaction chart.
    lead_page.goto("/dashboard")
    expect(lead_page.locator("#satisfaction")).to_contain_text("5 of 5")
    _assert_charts_drawn(lead_page, ("ratings",))
    tab.assert_clean()
    lead_tab.assert_clean()
    customer_tab.assert_clean()
