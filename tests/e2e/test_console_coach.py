"""In a real browser: tone evidence on demand, a counting SLA clock, and the coach as the agent types."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from calmdesk.sla.calendar import WEEKDAY_KEYS
from calmdesk.staff.roles import Role
from tests.e2e.browser import ConsoleDesk

ABUSIVE = "You useless idiots, you are a bunch of clowns and I am sick of you. Where is my refund?"
ALWAYS_OPEN = {"time_zone": "UTC", "weekly": {key: ["00:00-24:00"] for key in WEEKDAY_KEYS}}


def _five_minute_policy(desk: ConsoleDesk) -> None:
    admin = desk.account(Role.ADMIN)
    calendar = desk.api.post(
        "/api/v1/sla/calendars", json={"name": "Always", "definition": ALWAYS_OPEN}, headers=admin.headers
    )
    assert calendar.status_code == 201, calendar.text
    body = {
        "name": "Fast first answer",
        "is_default": True,
        "calendar_id": calendar.json()["id"],
        "targets": [{"kind": "first_response", "minutes": 5, "warn_percent": 50}],
    }
    policy = desk.api.post("/api/v1/sla/policies", json=body, headers=admin.headers)
    assert policy.status_code == 201, policy.text


def test_the_coach_flags_a_bad_phrase_and_the_fix_is_one_click(console_desk: ConsoleDesk) -> None:
    desk = console_desk
    _five_minute_policy(desk)
    agent = desk.account(name="Priya Natarajan")
    ticket = desk.new_ticket(
        agent,
        subject="Refund still missing",
        customer={"name": "Dana Cole", "email": "dana@example.net"},
        message={"body": ABUSIVE},
        priority="high",
    )
    tab = desk.tab()
    desk.sign_in(tab, agent)
    page = tab.page
    page.goto(f"/tickets/{ticket['reference']}")

    # Tone: the badge, and the evidence highlighted only when asked for.
    first = page.locator(".thread > li").first
    expect(first.locator(".tone-badge")).to_have_text("Abusive")
    evidence = first.locator(".evidence-text mark").first
    expect(evidence).to_be_hidden()
    first.get_by_text("Why abusive?").click()
    expect(evidence).to_be_visible()
    expect(evidence).to_contain_text("idiots")

    # The SLA clock counts down in the page, seconds at a time.
    countdown = page.locator(".clock time[data-countdown]")
    expect(countdown).to_have_text(re.compile(r"^in \d+ min \d+ s$"))
    before = countdown.inner_text()
    expect(countdown).not_to_have_text(before)

    # After abuse, the reply box suggests a pause first.
    expect(page.locator("#pause-advice")).to_contain_text("Take a short pause before you answer")
    page.get_by_role("button", name="Take a 60-second pause").click()
    expect(page.locator("#pause-timer")).to_contain_text(re.compile(r"\d+ s"))

    box = page.get_by_label("Message", exact=True)
    box.fill("Calm down. We will look at the refund.")
    flagged = page.locator("#coach-panel .coach-draft mark")
    expect(flagged).to_have_text("Calm down")
    desk.screenshot(tab, "ticket-coach", full_page=True)
    page.get_by_role("button", name=re.compile("^Use “I can hear how frustrating")).click()
    expect(box).to_have_value("I can hear how frustrating this has been. We will look at the refund.")
    expect(page.locator("#coach-panel")).not_to_contain_text("Telling someone to calm down")
    boundary = page.locator(".coach-suggestions li").filter(has_text="respectful").get_by_role("button")
    boundary.click()
    expect(box).to_have_value(re.compile("keep this conversation respectful"))

    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.get_by_role("status")).to_have_text("Reply sent.")
    expect(page.locator(".thread > li").nth(1)).to_contain_text("I can hear how frustrating this has been")
    tab.assert_clean()
