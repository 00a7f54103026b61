"""The console's sign-in, session cookie, CSRF checks, security headers and HTML errors.

The small helpers at the top are shared by the other ``test_web_*`` modules.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from calmdesk.app import create_app
from calmdesk.config import Settings
from calmdesk.staff.roles import Role
from calmdesk.web.security import CONTENT_SECURITY_POLICY
from calmdesk.web.session import SESSION_COOKIE, SIGNIN_COOKIE
from tests.integration.conftest import PASSWORD, Account, Desk

_CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')
_VERSION = re.compile(r'name="version" value="(\d+)"')


def browser(desk: Desk) -> TestClient:
    """A fresh cookie jar on the desk's app, like a second browser."""
    return TestClient(desk.client.app, raise_server_exceptions=False)


def csrf_of(html: str) -> str:
    """The CSRF token a page's forms carry."""
    match = _CSRF_FIELD.search(html)
    assert match is not None, "the page has no form token"
    return match.group(1)


def version_of(html: str) -> str:
    """The record version a page's edit form carries."""
    match = _VERSION.search(html)
    assert match is not None, "the page has no version field"
    return match.group(1)


def sign_in(client: TestClient, account: Account) -> Any:
    """Signs in through the form, as a browser would, and returns the redirect."""
    form = client.get("/signin")
    assert form.status_code == 200
    return client.post(
        "/signin",
        data={"email": account.email, "password": PASSWORD, "csrf_token": csrf_of(form.text)},
        follow_redirects=False,
    )


def signed_in(desk: Desk, role: Role = Role.AGENT) -> tuple[TestClient, Account]:
    """A browser signed in as a new staff member of ``role``."""
    account = desk.account(role)
    client = browser(desk)
    assert sign_in(client, account).status_code == 303
    return client, account


def test_the_front_door_sends_visitors_to_sign_in_and_staff_to_their_inbox(desk: Desk) -> None:
    client = browser(desk)
    assert client.get("/", follow_redirects=False).headers["location"] == "/signin"
    answer = client.get("/inbox?status=all", follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/signin?next=%2Finbox%3Fstatus%3Dall"
    account = desk.account(Role.AGENT)
    signed = sign_in(client, account)
    assert signed.headers["location"] == "/inbox"
    assert client.get("/", follow_redirects=False).headers["location"] == "/inbox"
    admin_client, _admin = signed_in(desk, Role.ADMIN)
    assert admin_client.get("/", follow_redirects=False).headers["location"] == "/inbox"
    contractor_client, _contractor = signed_in(desk, Role.CONTRACTOR)
    assert contractor_client.get("/", follow_redirects=False).headers["location"] == "/contractors"
    assert contractor_client.get("/inbox").status_code == 403


def test_the_session_cookie_is_the_existing_session_token_and_httponly_lax(desk: Desk) -> None:
    client = browser(desk)
    answer = sign_in(client, desk.account())
    cookie = answer.headers["set-cookie"]
    token = client.cookies[SESSION_COOKIE]
    assert token.startswith("cds_")
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/" in cookie
    assert "Secure" not in cookie  # the test desk is on plain http
    # The very token works on the API: one credential store, not a second one.
    me = desk.client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200


def test_cookies_are_secure_when_calmdesk_is_served_over_https(desk: Desk) -> None:
    settings = Settings(
        environment="test", database_url=desk.database.url, base_url="https://desk.example.com"
    )
    client = TestClient(create_app(settings, database=desk.database), base_url="https://testserver")
    form = client.get("/signin")
    assert "Secure" in form.headers["set-cookie"] and SIGNIN_COOKIE in form.headers["set-cookie"]
    answer = sign_in(client, desk.account())
    assert answer.status_code == 303
    assert "Secure" in answer.headers["set-cookie"] and "HttpOnly" in answer.headers["set-cookie"]


def test_wrong_passwords_and_missing_form_tokens_open_no_session(desk: Desk) -> None:
    account = desk.account()
    client = browser(desk)
    form = client.get("/signin")
    wrong = client.post(
        "/signin",
        data={"email": account.email, "password": "not the password", "csrf_token": csrf_of(form.text)},
    )
    assert wrong.status_code == 401
    assert "Wrong email or password" in wrong.text
    assert f'value="{account.email}"' in wrong.text
    assert SESSION_COOKIE not in client.cookies
    forged = client.post(
        "/signin", data={"email": account.email, "password": PASSWORD, "csrf_token": "forged"}
    )
    assert forged.status_code == 403 and SESSION_COOKIE not in client.cookies
    assert "The sign-in form expired" in forged.text and f'value="{account.email}"' in forged.text
    retried = client.post(
        "/signin",
        data={"email": account.email, "password": PASSWORD, "csrf_token": csrf_of(forged.text)},
        follow_redirects=False,
    )
    assert retried.status_code == 303 and SESSION_COOKIE in client.cookies
    client.cookies.clear()
    stranger = browser(desk)  # never saw the form, so has no pre-session cookie
    cold = stranger.post(
        "/signin", data={"email": account.email, "password": PASSWORD}, follow_redirects=False
    )
    assert cold.status_code == 403 and SESSION_COOKIE not in stranger.cookies


def test_sign_in_only_returns_to_pages_on_this_site(desk: Desk) -> None:
    account = desk.account()
    for target, expected in (
        ("/tickets/CD-1", "/tickets/CD-1"),
        ("//evil.example/x", "/inbox"),
        ("https://evil.example", "/inbox"),
        ("/\\evil.example", "/inbox"),
    ):
        client = browser(desk)
        form = client.get("/signin", params={"next": target})
        answer = client.post(
            "/signin",
            data={
                "email": account.email,
                "password": PASSWORD,
                "csrf_token": csrf_of(form.text),
                "next": target,
            },
            follow_redirects=False,
        )
        assert answer.headers["location"] == expected, target


def test_signing_out_revokes_the_session_token(desk: Desk) -> None:
    client, _account = signed_in(desk)
    token = client.cookies[SESSION_COOKIE]
    page = client.get("/inbox")
    refused = client.post("/signout", data={"csrf_token": "wrong"}, follow_redirects=False)
    assert refused.status_code == 403
    assert client.get("/inbox", follow_redirects=False).status_code == 200
    answer = client.post("/signout", data={"csrf_token": csrf_of(page.text)}, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/signin"
    assert 'calmdesk_session=""' in answer.headers["set-cookie"]
    replay = browser(desk)
    replay.cookies.set(SESSION_COOKIE, token)
    assert replay.get("/inbox", follow_redirects=False).headers["location"].startswith("/signin")
    api = desk.client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
    assert api.status_code == 401


def test_api_tokens_are_not_accepted_as_session_cookies(desk: Desk) -> None:
    account = desk.account()
    client = browser(desk)
    client.cookies.set(SESSION_COOKIE, account.token)
    assert client.get("/inbox", follow_redirects=False).headers["location"].startswith("/signin")


def test_htmx_requests_without_a_session_are_sent_to_sign_in_as_a_whole_page(desk: Desk) -> None:
    answer = browser(desk).get(
        "/inbox", headers={"HX-Request": "true", "HX-Target": "ticket-list"}, follow_redirects=False
    )
    assert answer.status_code == 204 and answer.headers["HX-Redirect"] == "/signin?next=%2Finbox"


def test_console_pages_carry_the_csp_and_the_api_keeps_its_answers(desk: Desk) -> None:
    client, account = signed_in(desk)
    for path in ("/signin", "/inbox", "/static/console.css", "/no-such-page"):
        answer = client.get(path)
        policy = answer.headers["content-security-policy"]
        assert policy == CONTENT_SECURITY_POLICY
        assert "script-src 'self'" in policy and "style-src 'self'" in policy
        assert "unsafe-inline" not in policy
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["x-frame-options"] == "DENY"
    page = client.get("/inbox")
    assert page.headers["cache-control"] == "no-store"
    api = desk.client.get("/api/v1/tickets", headers=account.headers)
    assert api.status_code == 200 and "content-security-policy" not in api.headers
    assert desk.client.get("/docs").status_code == 200
    assert "content-security-policy" not in desk.client.get("/docs").headers


def test_console_errors_are_pages_and_api_errors_stay_json(desk: Desk) -> None:
    client, account = signed_in(desk)
    missing = client.get("/no-such-page")
    assert missing.status_code == 404 and missing.headers["content-type"].startswith("text/html")
    assert "Page not found" in missing.text
    no_ticket = client.get("/tickets/CD-999999")
    assert no_ticket.status_code == 404 and "no ticket CD-999999" in no_ticket.text
    forbidden = client.get("/admin/staff")
    assert forbidden.status_code == 403 and "access" in forbidden.text
    assert forbidden.headers["content-type"].startswith("text/html")
    api_missing = desk.client.get("/api/v1/tickets/CD-999999", headers=account.headers)
    assert api_missing.status_code == 404
    assert api_missing.json()["error"]["code"] == "ticket_not_found"
    assert desk.client.get("/api/v1/nothing-here").json()["error"]["code"] == "not_found"
    api_forbidden = desk.client.get("/api/v1/audit", headers=account.headers)
    assert api_forbidden.status_code == 403 and api_forbidden.json()["error"]["code"] == "forbidden"
    unauthenticated = desk.client.get("/api/v1/tickets")
    assert unauthenticated.status_code == 401 and unauthenticated.json()["error"]["code"]


def test_an_unexpected_failure_is_a_plain_500_page_without_details(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    from calmdesk.web import inbox

    def broken_inbox(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("database on fire: secret-internal-detail")

    monkeypatch.setattr(inbox, "load", broken_inbox)
    client, _account = signed_in(desk)
    answer = client.get("/inbox")
    assert answer.status_code == 500 and answer.headers["content-type"].startswith("text/html")
    assert "Something went wrong on our side" in answer.text and "nothing was saved" in answer.text
    assert "secret-internal-detail" not in answer.text and "Traceback" not in answer.text


def test_the_sign_in_page_says_when_an_account_is_locked_out(desk: Desk) -> None:
    account = desk.account()
    client = browser(desk)
    page = client.get("/signin")
    for _ in range(5):
        page = client.post(
            "/signin", data={"email": account.email, "password": "not it", "csrf_token": csrf_of(page.text)}
        )
        assert page.status_code == 401
    locked = client.post(
        "/signin",
        data={"email": account.email, "password": PASSWORD, "csrf_token": csrf_of(page.text)},
        follow_redirects=False,
    )
    assert locked.status_code == 429 and SESSION_COOKIE not in client.cookies
    assert "Too many failed sign-ins; try again in 15 minutes" in locked.text
    assert int(locked.headers["Retry-After"]) > 0
