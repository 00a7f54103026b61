"""In a real browser: customer-supplied markup never runs on the ticket page, the portal or the inbox.

Every payload below would set ``window.__xss`` or open a dialog if it ran. They arrive the
ways customer text does: the ticket's first message (API), the customer's messages as
HTML and as plain text (portal API) and typed into the portal form. Three layers are
checked: nothing ran; nothing dangerous is left in the DOM (the sanitiser removed it, so
the CSP never had to block anything: the console stays silent); and the CSP on its own
refuses an inline script.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import Page, expect

from tests.e2e.browser import ConsoleDesk, Tab

FLAG = "window.__xss=1"
PAYLOADS = [
    f"<script>{FLAG}</script>hello",
    f'<img src=x onerror="{FLAG}">',
    f'<svg onload="{FLAG}"><circle r="4"/></svg>',
    f"<svg><script>{FLAG}</script></svg>",
    f'<a href="javascript:{FLAG}">click me</a>',
    '<a href=" JaVaScRiPt:alert(1)">click me too</a>',
    '<a href="&#106;avascript:alert(1)">encoded</a>',
    f'<iframe srcdoc="<script>parent.__xss=1</script>"></iframe><iframe src="javascript:{FLAG}"></iframe>',
    f'<body onload="{FLAG}">body</body>',
    '<div style="background:url(javascript:alert(1))">styled</div>',
    f'<p onclick="{FLAG}" onmouseover="{FLAG}">hover me</p>',
    f'<details open ontoggle="{FLAG}"><summary>toggle</summary></details>',
    f'<input autofocus onfocus="{FLAG}"><textarea autofocus onfocus="{FLAG}"></textarea>',
    f'<form action="javascript:{FLAG}"><button>go</button></form>',
    f'<object data="javascript:{FLAG}"></object><embed src="javascript:{FLAG}">',
    f'<math><mtext><table><mglyph><style><img src=x onerror="{FLAG}">',
    f"<scr<script>ipt>{FLAG}</script>",
    f"<<img src=x onerror={FLAG}//",
    f'<noscript><p title="</noscript><img src=x onerror={FLAG}>">',
    f'<meta http-equiv="refresh" content="0;url=javascript:{FLAG}"><base href="javascript:/">',
    "<link rel=stylesheet href=\"javascript:alert(1)\"><style>@import 'javascript:alert(1)';</style>",
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data link</a>',
    f'<video><source onerror="{FLAG}"></video><audio src=x onerror="{FLAG}"></audio>',
    f'"><script>{FLAG}</script>',
    f"'><img src=x onerror={FLAG}>",
    f"</textarea><script>{FLAG}</script>",
    f"</title><script>{FLAG}</script>",
    f'<template><script>{FLAG}</script></template><div hidden onbeforematch="{FLAG}">x</div>',
    f'<select><template shadowrootmode="open"><img src=x onerror="{FLAG}"></template></select>',
    '<div hx-post="/signout" hx-trigger="load">htmx attributes</div>',
    '<a href="/admin/staff" data-hx-get="/signout" data-hx-trigger="mouseover">boost me</a>',
    '<div hx-on:htmx:load="alert(1)">hx-on</div>',
    f'<img src="https://tracker.example/pixel.gif" onload="{FLAG}">',
    "{{ 7*7 }} {% if true %}jinja{% endif %} ${7*7}",
]
# Typed into the portal's form by hand: the portal takes plain text, shown escaped.
TYPED = [PAYLOADS[0], PAYLOADS[1], PAYLOADS[4], PAYLOADS[24], PAYLOADS[25], PAYLOADS[-1]]

INSPECT_DOM = """() => {
  const found = [];
  for (const el of document.querySelectorAll('script')) {
    if (!el.src || !el.src.startsWith(location.origin + '/static/')) found.push('script: ' + el.outerHTML);
  }
  const dangerous = ['iframe', 'object', 'embed', 'svg', 'math', 'img', 'video', 'audio', 'style',
                     'link[rel=stylesheet]', 'base', 'meta[http-equiv]', 'template'];
  for (const tag of dangerous) {
    for (const el of document.body.querySelectorAll(tag)) found.push(tag + ': ' + el.outerHTML);
  }
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      if (attr.name.startsWith('on') || attr.name === 'style' || attr.name === 'srcdoc') {
        found.push('attribute ' + attr.name + ' on ' + el.tagName);
      }
      if (/^(data-)?hx-/.test(attr.name) && el.closest('.entry-body')) found.push('htmx ' + attr.name);
    }
  }
  for (const el of document.querySelectorAll('[href], [src], [action], [formaction]')) {
    for (const name of ['href', 'src', 'action', 'formaction']) {
      const value = el.getAttribute(name);
      if (value === null) continue;
      const url = new URL(value, location.href);
      if (!['http:', 'https:', 'mailto:', 'tel:'].includes(url.protocol)) found.push(name + '=' + value);
      if (el.closest('.entry-body') && name !== 'href') found.push(name + ' in a message: ' + value);
    }
  }
  return found;
}"""

POKE_EVERYTHING = """() => {
  // Fire what a person would: hover, focus, click-free events on every element of every message.
  for (const el of document.querySelectorAll('.entry-body *, h1, .entry-author, td')) {
    for (const type of ['mouseover', 'mouseenter', 'focus', 'toggle', 'animationstart', 'load', 'error']) {
      el.dispatchEvent(new Event(type, { bubbles: true }));
    }
  }
}"""

CSP_BLOCKS_INLINE_SCRIPT = """() => new Promise((resolve) => {
  document.addEventListener('securitypolicyviolation', (event) => {
    resolve([window.__csp === undefined, event.violatedDirective]);
  });
  const script = document.createElement('script');
  script.textContent = 'window.__csp = 1';
  document.body.appendChild(script);
  setTimeout(() => resolve([window.__csp === undefined, 'no violation reported']), 2000);
})"""


def _watch_requests(page: Page) -> list[str]:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    return requested


def _assert_nothing_ran(tab: Tab, requested: list[str], origin: str, where: str) -> None:
    page = tab.page
    page.evaluate(POKE_EVERYTHING)
    page.wait_for_timeout(300)  # give anything that was scheduled a chance to run
    assert page.evaluate("window.__xss") is None, where
    assert page.evaluate(INSPECT_DOM) == [], where
    strays = [url for url in requested if not url.startswith(origin)]
    assert strays == [], (where, strays)
    allowed = ("/static/", "/tickets/", "/portal/", "/inbox", "/signin", "/")
    unexpected = [url for url in requested if not urlsplit(url).path.startswith(allowed)]
    assert unexpected == [], (where, unexpected)
    assert not any(urlsplit(url).path == "/signout" for url in requested), where
    tab.assert_clean()


def test_customer_markup_never_runs_in_the_console_or_the_portal(console_desk: ConsoleDesk) -> None:
    desk = console_desk
    agent = desk.account(name="Priya Natarajan")
    ticket = desk.new_ticket(
        agent,
        subject=f"<script>{FLAG}</script> Broken <b>lamp</b> {{{{7*7}}}}",
        customer={"name": f"<img src=x onerror={FLAG}> Mallory", "email": "mallory@example.com"},
        message={"body_html": PAYLOADS[0]},
    )
    reference = ticket["reference"]
    link = desk.portal_link(agent, reference)
    token = link.rsplit("/", 1)[1]
    for payload in PAYLOADS:
        for body in ({"body_html": payload}, {"body": payload}):
            answer = desk.api.post(f"/api/v1/portal/{token}/messages", json=body)
            assert answer.status_code == 201, answer.text

    customer = desk.tab()
    requested = _watch_requests(customer.page)
    customer.page.goto(link)
    for payload in TYPED:
        customer.page.get_by_label("Your message").fill(payload)
        customer.page.get_by_role("button", name="Send message").click()
        expect(customer.page.get_by_role("status")).to_contain_text("we have your message")
    expect(customer.page.locator(".thread > li")).to_have_count(1 + 2 * len(PAYLOADS) + len(TYPED))
    # Plain text stays text: what the customer typed is shown exactly, not interpreted.
    last = customer.page.locator(".thread > li").last.locator(".entry-body")
    expect(last).to_have_text(TYPED[-1])
    _assert_nothing_ran(customer, requested, desk.url, "portal")

    staff = desk.tab()
    requested = _watch_requests(staff.page)
    desk.sign_in(staff, agent)
    staff.page.goto(f"/tickets/{reference}")
    expect(staff.page.get_by_role("heading", level=1)).to_have_text(
        f"<script>{FLAG}</script> Broken <b>lamp</b> {{{{7*7}}}}"
    )
    expect(staff.page.locator(".thread > li")).to_have_count(1 + 2 * len(PAYLOADS) + len(TYPED))
    expect(staff.page.locator(".entry-body--html").first).to_contain_text("hello")
    _assert_nothing_ran(staff, requested, desk.url, "ticket page")

    staff.page.goto("/inbox")
    expect(staff.page.locator("#ticket-list")).to_contain_text(f"<img src=x onerror={FLAG}> Mallory")
    staff.page.wait_for_timeout(1_500)  # let the inbox refresh itself once
    _assert_nothing_ran(staff, requested, desk.url, "inbox")


def test_the_csp_alone_refuses_inline_scripts(console_desk: ConsoleDesk) -> None:
    desk = console_desk
    agent = desk.account()
    reference = desk.new_ticket(agent)["reference"]
    link = desk.portal_link(agent, reference)
    staff = desk.tab()
    desk.sign_in(staff, agent)
    customer = desk.tab()
    customer.page.goto(link)
    for tab, path in ((staff, f"/tickets/{reference}"), (staff, "/inbox"), (customer, link)):
        tab.page.goto(path)
        outcome: Any = tab.page.evaluate(CSP_BLOCKS_INLINE_SCRIPT)
        assert outcome == [True, "script-src-elem"], (path, outcome)
