"""In a real browser, on the Harbourline demo desk: the dashboard and the inbox with real-looking data."""

from __future__ import annotations

from playwright.sync_api import expect
from sqlalchemy import select

from calmdesk.demo import loader
from calmdesk.staff.models import Staff
from calmdesk.staff.roles import Role
from tests.e2e.browser import ConsoleDesk, Tab

DEMO_PASSWORD = "calmdesk-demo"


def _sign_in(desk: ConsoleDesk, role: Role) -> Tab:
    with desk.database.session(read_only=True) as db:
        email = db.scalars(select(Staff.email).where(Staff.role == role).order_by(Staff.id)).first()
    assert email is not None
    tab = desk.tab()
    tab.page.goto("/signin")
    tab.page.get_by_label("Email").fill(email)
    tab.page.get_by_label("Password").fill(DEMO_PASSWORD)
    tab.page.get_by_role("button", name="Sign in").click()
    tab.page.wait_for_url(lambda url: "/signin" not in url)
    return tab


def test_the_demo_desk_fills_the_dashboard_and_the_inbox(console_desk: ConsoleDesk) -> None:
    desk = console_desk
    with desk.database.unit_of_work() as db:
        loader.load(db)

    tab = _sign_in(desk, Role.SUPERVISOR)
    page = tab.page
    page.goto("/dashboard?days=90")
    for name in ("mood_agents", "cause-category", "cause-tag", "cause-hand-off"):
        expect(page.locator(f"#chart-{name}")).to_have_attribute(
            "data-rendered", "2" if "mood" in name else "3"
        )
    expect(page.locator("#causes-tag tbody tr").first).to_be_visible()
    desk.screenshot(tab, "dashboard-demo", full_page=True)
    page.goto("/inbox?scope=all")
    expect(page.locator("#ticket-list tbody tr").first).to_be_visible()
    desk.screenshot(tab, "inbox-demo")
    tab.assert_clean()
