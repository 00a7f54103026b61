"""In a real browser: labels on every field, a logical and visible keyboard path, readable contrast."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Page, expect
from sqlalchemy import select

from calmdesk.notify.models import OutboxMessage
from calmdesk.staff.roles import Role
from tests.e2e.browser import ConsoleDesk

UNLABELLED_FIELDS = """() => Array.from(document.querySelectorAll('input, select, textarea'))
  .filter((el) => el.type !== 'hidden')
  .filter((el) => el.labels.length === 0)
  .filter((el) => !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
  .map((el) => el.outerHTML.slice(0, 120))"""

POSITIVE_TABINDEX = """() => Array.from(document.querySelectorAll('[tabindex]'))
  .filter((el) => el.tabIndex > 0).map((el) => el.outerHTML.slice(0, 120))"""

# WCAG 2 contrast of every visible text against the background it is painted on.
LOW_CONTRAST = """() => {
  const parse = (value) => (value.match(/[\\d.]+/g) || []).map(Number);
  const luminance = ([r, g, b]) => {
    const channel = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const background = (el) => {
    for (let node = el; node; node = node.parentElement) {
      const [r, g, b, a = 1] = parse(getComputedStyle(node).backgroundColor);
      if (a > 0.5) return [r, g, b];
    }
    return [255, 255, 255];
  };
  const problems = [];
  for (const el of document.querySelectorAll('body *')) {
    if (['OPTION', 'SCRIPT', 'STYLE'].includes(el.tagName) || el.closest('[disabled], .skip-link')) continue;
    const own = Array.from(el.childNodes).filter((n) => n.nodeType === 3);
    const text = own.map((n) => n.textContent).join('').trim();
    if (!text || !el.getClientRects().length) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none') continue;
    const [fg, bg] = [luminance(parse(style.color)), luminance(background(el))];
    const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) problems.push(`${ratio.toFixed(2)}: ${text.slice(0, 40)}`);
  }
  return problems;
}"""

FOCUSED = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const visible = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  return { id: el.id, tag: el.tagName, text: (el.innerText || el.value || '').slice(0, 30), visible,
           name: el.getAttribute('name') };
}"""
FOLLOWS_PREVIOUS = """() => {
  const el = document.activeElement;
  const previous = window.__previous_focus;
  window.__previous_focus = el;
  return !previous || Boolean(previous.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
}"""


def _check_page(page: Page, where: str) -> None:
    assert page.evaluate(UNLABELLED_FIELDS) == [], where
    assert page.evaluate(POSITIVE_TABINDEX) == [], where
    assert page.evaluate(LOW_CONTRAST) == [], where
    expect(page.locator("h1")).to_have_count(1)
    assert page.evaluate("document.documentElement.lang") == "en"


def _survey_link(desk: ConsoleDesk, ticket_id: int) -> str:
    with desk.database.session(read_only=True) as db:
        invite = db.scalars(
            select(OutboxMessage).where(
                OutboxMessage.topic == "survey.invite", OutboxMessage.ticket_id == ticket_id
            )
        ).one()
    match = re.search(r"/survey/\S+", invite.payload["text"])
    assert match is not None
    return match.group(0)


def test_every_page_labels_its_fields_and_keeps_contrast(console_desk: ConsoleDesk) -> None:
    desk = console_desk
    admin = desk.account(Role.ADMIN)
    agent = desk.account()
    team = desk.team("Technical", ("network",))
    reference = desk.new_ticket(agent, priority="urgent", team_id=team)["reference"]
    desk.add_message(agent, reference, kind="note", body="Checked the line.")
    desk.add_message(
        agent, reference, kind="call", body="Called.", call_direction="inbound", call_duration_seconds=65
    )
    link = desk.portal_link(agent, reference)

    visitor = desk.tab()
    visitor.page.goto("/signin")
    _check_page(visitor.page, "sign-in")
    visitor.page.goto(link)
    _check_page(visitor.page, "portal")
    resolved = desk.new_ticket(agent)
    desk.add_message(agent, resolved["reference"], body="Fixed now.", status="resolved")
    visitor.page.goto(_survey_link(desk, resolved["id"]))
    _check_page(visitor.page, "survey")
    visitor.page.goto("/no-such-page")
    _check_page(visitor.page, "404 page")

    staff = desk.tab()
    desk.sign_in(staff, admin)
    for path in (
        "/inbox",
        f"/tickets/{reference}",
        "/admin/staff",
        f"/admin/staff/{agent.id}",
        "/admin/teams",
        f"/admin/teams/{team}",
        "/admin/roles",
        "/callbacks",
        "/surveys",
    ):
        staff.page.goto(path)
        if path.startswith("/tickets/"):
            staff.page.get_by_text("Log a phone call").click()  # open the call form too
        _check_page(staff.page, path)
    for tab in (visitor, staff):
        tab.assert_clean(allow=("status of 404",))


def test_the_keyboard_reaches_the_reply_box_in_a_logical_visible_order(console_desk: ConsoleDesk) -> None:
    desk = console_desk
    agent = desk.account()
    reference = desk.new_ticket(agent, subject="Keyboard only, please")["reference"]
    desk.add_message(agent, reference, body="We are on it: see https://status.example.com")
    tab = desk.tab()
    desk.sign_in(tab, agent)
    page = tab.page
    page.goto(f"/tickets/{reference}")
    page.keyboard.press("Tab")
    first: dict[str, Any] = page.evaluate(FOCUSED)
    assert first["text"] == "Skip to content" and first["visible"]
    page.evaluate(FOLLOWS_PREVIOUS)
    stops = [first]
    for _ in range(60):
        page.keyboard.press("Tab")
        stop: dict[str, Any] = page.evaluate(FOCUSED)
        assert page.evaluate(FOLLOWS_PREVIOUS), f"focus jumped backwards to {stop}"
        assert stop["visible"], f"no visible focus on {stop}"
        stops.append(stop)
        if stop["id"] == "reply-body":
            break
    else:
        raise AssertionError(f"Tab never reached the reply box: {stops}")
    names = [s["name"] for s in stops]
    # The reply box comes after choosing reply or note, as on screen.
    assert names.index("kind") < names.index("body")
    page.keyboard.type("Typed without a mouse.")
    page.keyboard.press("Control+Enter")
    expect(page.get_by_role("status")).to_have_text("Reply sent.")

    # The skip link jumps over the navigation straight to the page's content.
    page.goto(f"/tickets/{reference}")
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED)["text"] == "Skip to content"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    landed: dict[str, Any] = page.evaluate(FOCUSED)
    assert landed["text"] == "Inbox" and landed["tag"] == "A"  # the breadcrumb, first link in <main>
    assert page.evaluate("document.activeElement.closest('main') !== null")
    tab.assert_clean()
