"""The real server, set up with the real CLI, worked over real HTTP."""

from __future__ import annotations

import httpx

from tests.e2e.conftest import RunningDesk


def test_a_desk_set_up_from_the_cli_handles_a_ticket_end_to_end(running_desk: RunningDesk) -> None:
    created = running_desk.cli(
        "user",
        "create",
        "--email",
        "lead@example.com",
        "--name",
        "Lena Park",
        "--role",
        "supervisor",
        "--password",
        "a sturdy password",
    )
    assert created.returncode == 0, created.stderr
    token_run = running_desk.cli("token", "create", "--email", "lead@example.com", "--name", "e2e")
    assert token_run.returncode == 0, token_run.stderr
    api_token = token_run.stdout.strip().splitlines()[-1]
    assert api_token.startswith("cdk_")

    with httpx.Client(base_url=running_desk.url, timeout=10) as http:
        session = http.post(
            "/api/v1/auth/login", json={"email": "lead@example.com", "password": "a sturdy password"}
        )
        assert session.status_code == 200
        staff = {"Authorization": f"Bearer {session.json()['token']}"}
        script = {"Authorization": f"Bearer {api_token}"}
        ticket = http.post(
            "/api/v1/tickets",
            json={
                "subject": "No dial tone since Monday",
                "channel": "phone",
                "customer": {"name": "Tomás Ruiz", "email": "tomas@example.net"},
                "message": {"body": "THIRD time calling. Fix my line or I cancel!!"},
            },
            headers={**script, "Idempotency-Key": "e2e-1"},
        )
        assert ticket.status_code == 201
        reference = ticket.json()["reference"]
        reply = http.post(
            f"/api/v1/tickets/{reference}/messages",
            json={
                "kind": "call",
                "body": "Booked an engineer visit for Thursday 9-12.",
                "call_direction": "outbound",
                "call_duration_seconds": 540,
                "status": "pending_customer",
            },
            headers=staff,
        )
        assert reply.status_code == 201
        link = http.post(f"/api/v1/tickets/{reference}/portal-links", headers=staff).json()
        assert link["url"].startswith(running_desk.url)
        customer_view = http.get(f"/api/v1/portal/{link['token']}").json()
        assert [m["author_kind"] for m in customer_view["messages"]] == ["customer", "agent"]
        answered = http.post(
            f"/api/v1/portal/{link['token']}/messages", json={"body": "Thursday works, thanks."}
        )
        assert answered.status_code == 201
        final = http.get(f"/api/v1/tickets/{reference}", headers=staff).json()
        assert final["status"] == "open"
        assert http.get("/docs").status_code == 200
        assert http.get("/api/v1/openapi.json").json()["info"]["title"] == "calmdesk"


def test_the_cli_reports_bad_input_clearly(running_desk: RunningDesk) -> None:
    result = running_desk.cli(
        "user", "create", "--email", "not-an-email", "--name", "X", "--password", "long enough password"
    )
    assert result.returncode == 1
    assert "email" in result.stderr.lower()
    missing = running_desk.cli("token", "create", "--email", "ghost@example.com", "--name", "x")
    assert missing.returncode == 1 and "no staff member" in missing.stderr
    current = running_desk.cli("db", "current")
    assert current.returncode == 0 and "newest" in current.stdout
