"""Signing in, sessions, API tokens."""

from __future__ import annotations

from datetime import timedelta

import time_machine
from sqlalchemy import func, select

from calmdesk.auth.models import AuthToken, SignInFailure
from calmdesk.clock import utcnow
from calmdesk.staff.roles import Role
from tests.integration.conftest import PASSWORD, Desk


def test_sign_in_gives_a_working_session_and_sign_out_ends_it(desk: Desk) -> None:
    agent = desk.account()
    response = desk.client.post(
        "/api/v1/auth/login", json={"email": agent.email.upper(), "password": PASSWORD}
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["staff"]["id"] == agent.id and "password" not in str(body["staff"])
    headers = {"Authorization": f"Bearer {body['token']}"}
    assert desk.client.get("/api/v1/auth/me", headers=headers).json()["email"] == agent.email
    with desk.database.session(read_only=True) as db:
        stored = db.scalars(select(AuthToken.token_hash)).all()
    assert body["token"] not in stored  # only hashes are kept
    assert desk.client.post("/api/v1/auth/logout", headers=headers).status_code == 204
    assert desk.client.get("/api/v1/auth/me", headers=headers).status_code == 401


def test_wrong_passwords_unknown_people_and_disabled_accounts_get_the_same_answer(desk: Desk) -> None:
    agent = desk.account()
    admin = desk.account(Role.ADMIN)
    disabled = desk.account()
    desk.client.patch(f"/api/v1/staff/{disabled.id}", json={"is_active": False}, headers=admin.headers)
    attempts = [
        {"email": agent.email, "password": "wrong password!"},
        {"email": "nobody@example.com", "password": PASSWORD},
        {"email": disabled.email, "password": PASSWORD},
    ]
    for attempt in attempts:
        response = desk.client.post("/api/v1/auth/login", json=attempt)
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "invalid_credentials"
    # A disabled account's existing tokens stop working too.
    assert desk.client.get("/api/v1/auth/me", headers=disabled.headers).status_code == 401


def test_sessions_expire(desk: Desk) -> None:
    agent = desk.account()
    token = desk.client.post("/api/v1/auth/login", json={"email": agent.email, "password": PASSWORD}).json()[
        "token"
    ]
    headers = {"Authorization": f"Bearer {token}"}
    with time_machine.travel(utcnow() + timedelta(hours=13)):
        response = desk.client.get("/api/v1/auth/me", headers=headers)
    assert response.status_code == 401 and response.json()["error"]["code"] == "invalid_token"


def test_missing_or_garbage_credentials_are_401(desk: Desk) -> None:
    for headers in (
        {},
        {"Authorization": "Bearer"},
        {"Authorization": "Basic abc"},
        {"Authorization": "Bearer nope"},
    ):
        response = desk.client.get("/api/v1/tickets", headers=headers)
        assert response.status_code == 401
        assert response.headers["www-authenticate"] == "Bearer"


def test_api_tokens_are_shown_once_listed_without_secret_and_revocable(desk: Desk) -> None:
    agent = desk.account()
    created = desk.client.post("/api/v1/auth/tokens", json={"name": "crm sync"}, headers=agent.headers)
    assert created.status_code == 201
    token = created.json()["token"]
    script = {"Authorization": f"Bearer {token}"}
    assert desk.client.get("/api/v1/tickets", headers=script).status_code == 200
    listed = desk.client.get("/api/v1/auth/tokens", headers=agent.headers).json()
    assert "crm sync" in [t["name"] for t in listed]
    assert all("token" not in t for t in listed)
    revoked = desk.client.delete(f"/api/v1/auth/tokens/{created.json()['id']}", headers=agent.headers)
    assert revoked.status_code == 200 and revoked.json()["revoked_at"] is not None
    assert desk.client.get("/api/v1/tickets", headers=script).status_code == 401


def test_people_cannot_touch_each_others_tokens_but_admins_can(desk: Desk) -> None:
    alice, bob, admin = desk.account(), desk.account(), desk.account(Role.ADMIN)
    bobs = desk.client.post("/api/v1/auth/tokens", json={"name": "bob's"}, headers=bob.headers).json()
    assert desk.client.delete(f"/api/v1/auth/tokens/{bobs['id']}", headers=alice.headers).status_code == 404
    assert (
        desk.client.get("/api/v1/auth/tokens", params={"staff_id": bob.id}, headers=alice.headers).status_code
        == 403
    )
    for_bob = desk.client.post(
        "/api/v1/auth/tokens", json={"name": "made by admin", "staff_id": bob.id}, headers=admin.headers
    )
    assert for_bob.status_code == 201 and for_bob.json()["staff_id"] == bob.id
    assert desk.client.delete(f"/api/v1/auth/tokens/{bobs['id']}", headers=admin.headers).status_code == 200


def test_repeated_wrong_passwords_lock_the_account_for_a_while_then_let_it_in(desk: Desk) -> None:
    agent = desk.account()
    wrong = {"email": agent.email, "password": "wrong password!"}
    for _ in range(5):
        assert desk.client.post("/api/v1/auth/login", json=wrong).status_code == 401
    right = {"email": agent.email.upper(), "password": PASSWORD}
    locked = desk.client.post("/api/v1/auth/login", json=right)
    assert locked.status_code == 429, locked.text
    assert locked.json()["error"]["code"] == "sign_in_locked"
    assert "try again in 15 minutes" in locked.json()["error"]["message"]
    assert 0 < int(locked.headers["Retry-After"]) <= 15 * 60
    other = desk.account()  # another account from the same address is not locked
    assert (
        desk.client.post("/api/v1/auth/login", json={"email": other.email, "password": PASSWORD}).status_code
        == 200
    )
    with time_machine.travel(utcnow() + timedelta(minutes=16)):
        assert desk.client.post("/api/v1/auth/login", json=right).status_code == 200
        # Success wipes the account's failures: one more mistake does not lock it again.
        assert desk.client.post("/api/v1/auth/login", json=wrong).status_code == 401
        assert desk.client.post("/api/v1/auth/login", json=right).status_code == 200


def test_one_address_guessing_many_accounts_is_locked_out(desk: Desk) -> None:
    for n in range(20):
        guess = {"email": f"guess{n}@example.com", "password": "hunter2hunter2"}
        assert desk.client.post("/api/v1/auth/login", json=guess).status_code == 401
    agent = desk.account()
    blocked = desk.client.post("/api/v1/auth/login", json={"email": agent.email, "password": PASSWORD})
    assert blocked.status_code == 429
    with desk.database.session(read_only=True) as db:
        assert db.scalar(select(func.count()).select_from(SignInFailure)) == 20
