"""In a real browser: an agent escalates with a brief, the supervisor sees it first and acknowledges it."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from calmdesk.staff.roles import Role
from tests.e2e.browser import ConsoleDesk


def test_an_agent_escalates_with_a_brief_and_the_supervisor_acknowledges_it(
    console_desk: ConsoleDesk,
) -> None:
    desk = console_desk
    supervisor = desk.account(Role.SUPERVISOR, name="Sam Okoro")
    agent = desk.account(name="Ada Lind")
    reference = desk.new_ticket(agent, subject="Lamp arrived broken", assignee_id=agent.id)["reference"]
    tab = desk.tab()
    desk.sign_in(tab, agent)
    page = tab.page
    page.goto(f"/tickets/{reference}")
    page.get_by_text("Escalate this ticket").click()
    expect(page.get_by_label("Problem", exact=True)).to_have_value(re.compile(r"^Lamp arrived broken\. "))
    page.get_by_label("Reason", exact=True).select_option("beyond_authority")
    page.get_by_label("Up to (hierarchical)").select_option(str(supervisor.id))
    page.get_by_role("button", name="Escalate with this brief").click()
    expect(page.locator("#escalate")).to_contain_text("at least one problem goal")
    expect(page.get_by_label("Reason", exact=True)).to_have_value("beyond_authority")
    page.get_by_label("Problem goals").fill("Replacement lamp delivered by Friday")
    page.get_by_label("People goals").fill("The customer trusts the Friday promise")
    page.get_by_role("button", name="Escalate with this brief").click()
    expect(page.get_by_role("status")).to_have_text("Escalated with the brief; the receiver has been told.")
    expect(page.locator(".thread")).to_contain_text("I'm passing your case")

    lead_tab = desk.tab()
    desk.sign_in(lead_tab, supervisor)
    lead = lead_tab.page
    lead.goto(f"/tickets/{reference}")
    banner = lead.locator(".escalation-banner")
    expect(banner).to_contain_text("Escalated to you by Ada Lind")
    expect(banner).to_contain_text("Replacement lamp delivered by Friday")
    expect(banner).to_contain_text("Introduce yourself")
    banner.get_by_role("button", name=re.compile("Acknowledge")).click()
    expect(lead.get_by_role("status")).to_have_text("Escalation acknowledged: the case is in your hands.")
    expect(lead.locator(".escalation-banner")).to_have_count(0)
    assert desk.ticket(agent, reference)["assignee"]["id"] == supervisor.id
    tab.assert_clean(allow=("status of 422",))
    lead_tab.assert_clean()
