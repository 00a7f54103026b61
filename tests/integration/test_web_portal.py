"""The customer's portal page, reached by the link staff hand out."""

from __future__ import annotations

from datetime import timedelta

import time_machine

from calmdesk.clock import utcnow
from tests.integration.conftest import Account, Desk
from tests.integration.test_web_auth import browser, csrf_of, signed_in


def _thread_with_a_note(desk: Desk, agent: Account) -> tuple[str, str]:
    reference = desk.new_ticket(agent, subject="Router keeps rebooting")["reference"]
    url = f"/api/v1/tickets/{reference}/messages"
    for body in (
        {"kind": "note", "body": "SECRET: customer is on the goodwill watch list"},
        {"body": "Please try the spare power adapter.", "status": "pending_customer"},
        {
            "kind": "call",
            "body": "Talked it through.",
            "call_direction": "outbound",
            "call_duration_seconds": 300,
            "phone_number": "+44 20 7946 0999",
        },
    ):
        assert desk.client.post(url, json=body, headers=agent.headers).status_code == 201
    link = desk.client.post(f"/api/v1/tickets/{reference}/portal-links", headers=agent.headers)
    return reference, str(link.json()["url"]).split("/portal/")[1]


def test_the_customer_reads_the_public_thread_and_replies(desk: Desk) -> None:
    agent = desk.account(name="Priya Natarajan")
    reference, token = _thread_with_a_note(desk, agent)
    customer = browser(desk)
    page = customer.get(f"/portal/{token}")
    assert page.status_code == 200
    assert "Router keeps rebooting" in page.text and "Please try the spare power adapter." in page.text
    assert "Priya (support team)" in page.text and "Natarajan" not in page.text
    assert "SECRET" not in page.text and "goodwill" not in page.text
    assert "+44 20 7946 0999" not in page.text  # a call's details stay inside
    assert "<script" not in page.text  # the customer's page needs no JavaScript
    assert page.headers["content-security-policy"].startswith("default-src 'self'")
    assert 'name="robots" content="noindex, nofollow"' in page.text
    sent = customer.post(
        f"/portal/{token}",
        data={"csrf_token": csrf_of(page.text), "body": "The spare adapter works, thanks!"},
        follow_redirects=False,
    )
    assert sent.status_code == 303 and sent.headers["location"] == f"/portal/{token}?sent=1"
    assert "we have your message" in customer.get(sent.headers["location"]).text
    ticket = desk.client.get(f"/api/v1/tickets/{reference}", headers=agent.headers).json()
    assert ticket["status"] == "open"  # the customer answered, so it no longer waits on them
    items = desk.client.get(f"/api/v1/tickets/{reference}/messages", headers=agent.headers).json()["items"]
    assert items[-1]["author_kind"] == "customer" and items[-1]["channel"] == "web"


def test_portal_forms_need_the_links_token_and_a_body(desk: Desk) -> None:
    agent = desk.account()
    reference, token = _thread_with_a_note(desk, agent)
    _other_reference, other_token = _thread_with_a_note(desk, agent)
    customer = browser(desk)
    other_page = customer.get(f"/portal/{other_token}")
    for forged in ("", "f" * 64, csrf_of(other_page.text)):
        answer = customer.post(f"/portal/{token}", data={"csrf_token": forged, "body": "hello"})
        assert answer.status_code == 403
    page = customer.get(f"/portal/{token}")
    empty = customer.post(f"/portal/{token}", data={"csrf_token": csrf_of(page.text), "body": "  "})
    assert empty.status_code == 422 and 'id="body-error">Write your message' in empty.text
    items = desk.client.get(f"/api/v1/tickets/{reference}/messages", headers=agent.headers).json()["items"]
    assert len(items) == 4


def test_a_closed_ticket_shows_a_friendly_message_instead_of_the_form(desk: Desk) -> None:
    agent = desk.account()
    reference, token = _thread_with_a_note(desk, agent)
    customer = browser(desk)
    form_token = csrf_of(customer.get(f"/portal/{token}").text)
    for status in ("resolved", "closed"):
        current = desk.client.get(f"/api/v1/tickets/{reference}", headers=agent.headers)
        desk.client.patch(
            f"/api/v1/tickets/{reference}",
            json={"status": status},
            headers={**agent.headers, "If-Match": current.headers["etag"]},
        )
    page = customer.get(f"/portal/{token}")
    assert "This request is closed" in page.text and "<textarea" not in page.text
    late = customer.post(f"/portal/{token}", data={"csrf_token": form_token, "body": "One more thing"})
    assert late.status_code == 409 and "<textarea" not in late.text
    assert "could not be added" in late.text and "One more thing</blockquote>" in late.text


def test_unknown_revoked_and_expired_links_are_a_plain_not_found_page(desk: Desk) -> None:
    agent = desk.account()
    reference, token = _thread_with_a_note(desk, agent)
    customer = browser(desk)
    for path in ("/portal/cdp_guess", f"/portal/{token[:-2]}xx"):
        answer = customer.get(path)
        assert answer.status_code == 404 and answer.headers["content-type"].startswith("text/html")
        assert "Router keeps rebooting" not in answer.text
    with time_machine.travel(utcnow() + timedelta(days=91)):
        assert customer.get(f"/portal/{token}").status_code == 404
    links = desk.client.get(f"/api/v1/tickets/{reference}/portal-links", headers=agent.headers).json()
    revoked = desk.client.delete(
        f"/api/v1/tickets/{reference}/portal-links/{links[0]['id']}", headers=agent.headers
    )
    assert revoked.status_code == 200
    assert customer.get(f"/portal/{token}").status_code == 404
    assert customer.post(f"/portal/{token}", data={"body": "hi"}).status_code == 404


def test_staff_create_the_customer_link_from_the_ticket_page(desk: Desk) -> None:
    client, agent = signed_in(desk)
    reference = desk.new_ticket(agent)["reference"]
    page = client.get(f"/tickets/{reference}")
    created = client.post(f"/tickets/{reference}/portal-link", data={"csrf_token": csrf_of(page.text)})
    assert created.status_code == 200
    url = created.text.split('id="portal-url" type="text" readonly value="')[1].split('"')[0]
    assert url.startswith("http://127.0.0.1:8000/portal/cdp_")
    assert browser(desk).get(url.removeprefix("http://127.0.0.1:8000")).status_code == 200
    again = client.get(f"/tickets/{reference}")
    assert url not in again.text  # shown once, never stored in the clear
