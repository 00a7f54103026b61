"""In a real browser: the supervisor dashboard's charts render under the CSP, wide and narrow."""

from __future__ import annotations

from datetime import timedelta

from playwright.sync_api import expect

from calmdesk.clock import utcnow
from calmdesk.sla.models import ClockRecord, SlaEvent
from calmdesk.staff.roles import Role
from tests.e2e.browser import NARROW, ConsoleDesk

ANGRY = "This is the third time I have written and it is STILL not fixed. I am furious, this is unacceptable!"
THANKS = "Thank you so much, that is perfect, really happy with the help."


def _customer_says(desk: ConsoleDesk, token: str, text: str) -> None:
    answer = desk.api.post(f"/api/v1/portal/{token}/messages", json={"body": text})
    assert answer.status_code == 201, answer.text


def test_a_supervisor_sees_attention_now_and_the_charts(console_desk: ConsoleDesk) -> None:
    desk = console_desk
    billing = desk.team("Billing", ("billing",))
    field = desk.team("Field service", ("field-service",))
    lead = desk.account(Role.SUPERVISOR, name="Sam Lead")
    ana = desk.account(name="Ana Okafor", team_ids=(billing,))
    ben = desk.account(name="Ben Achebe", team_ids=(field,))
    made = []
    for n, (agent, team, category, tags, first, last) in enumerate(
        (
            (ana, billing, "billing", ["refund-policy"], ANGRY, THANKS),
            (ana, billing, "billing", ["refund-policy"], ANGRY, THANKS),
            (ben, field, "repair", ["engineer-visit"], "The engineer did not come.", ANGRY),
            (ben, field, "repair", [], "Could you book a visit next week?", THANKS),
        )
    ):
        ticket = desk.new_ticket(
            agent,
            subject=f"Case {n}",
            message={"body": first},
            category=category,
            tags=tags,
            team_id=team,
            assignee_id=agent.id,
        )
        token = desk.portal_link(agent, ticket["reference"]).rsplit("/", 1)[1]
        _customer_says(desk, token, last)
        made.append(ticket)
    desk.patch_ticket(lead, made[2]["reference"], team_id=billing, assignee_id=ana.id)  # a hand-off
    now = utcnow()
    with desk.database.unit_of_work() as db:
        for ticket, due, warn in (
            (made[2], now - timedelta(minutes=20), None),
            (made[3], now + timedelta(minutes=30), now),
        ):
            db.add(
                ClockRecord(
                    ticket_id=ticket["id"],
                    kind="resolution",
                    cycle=1,
                    state="running",
                    target_seconds=3600,
                    started_at=now - timedelta(hours=1),
                    running_since=now - timedelta(hours=1),
                    due_at=due,
                    warning_at=warn,
                )
            )
        db.add(
            SlaEvent(
                ticket_id=made[2]["id"],
                clock_kind="resolution",
                cycle=1,
                event="escalation",
                level=1,
                occurred_at=now,
            )
        )

    tab = desk.tab()
    desk.sign_in(tab, lead)
    page = tab.page
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Dashboard").click()
    expect(page.get_by_role("heading", name="Supervisor dashboard")).to_be_visible()
    rows = page.locator("#attention tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("Breached")
    expect(rows.nth(1)).to_contain_text("At risk")
    for name in (
        "mood_agents",
        "mood_teams",
        "cause-category",
        "cause-channel",
        "cause-tag",
        "cause-hand-off",
    ):
        expect(page.locator(f"#chart-{name}")).to_have_attribute(
            "data-rendered", "2" if "mood" in name else "3"
        )
    expect(page.locator("#causes-tag tbody tr").first).to_contain_text("engineer-visit")
    desk.screenshot(tab, "dashboard", full_page=True)
    tab.assert_clean()

    narrow = desk.tab(NARROW)
    desk.sign_in(narrow, lead)
    narrow.page.goto("/dashboard")
    expect(narrow.page.locator("#chart-cause-category")).to_have_attribute("data-rendered", "3")
    width = narrow.page.evaluate("document.documentElement.scrollWidth")
    assert width <= NARROW["width"], f"the dashboard scrolls sideways at {NARROW['width']} px ({width} px)"
    desk.screenshot(narrow, "dashboard-narrow", full_page=True)
    narrow.assert_clean()
