"""Admin forms for calendars, SLA policies, escalation chains and webhooks: saved, or refused by field."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from calmdesk.staff.roles import Role
from tests.integration.conftest import Desk
from tests.integration.test_web_auth import browser, csrf_of, sign_in

WEEK = {
    "day_mon": "09:00-17:30",
    "day_tue": "09:00-17:30",
    "day_wed": "",
    "day_thu": "",
    "day_fri": "09:00-12:00",
}


def _admin(desk: Desk) -> tuple[TestClient, str]:
    client = browser(desk)
    sign_in(client, desk.account(Role.ADMIN))
    return client, csrf_of(client.get("/admin/calendars").text)


def _error_next_to(page: str, field: str) -> str:
    match = re.search(rf'<p class="field-error" id="{re.escape(field)}-error">([^<]*)</p>', page)
    assert match is not None, f"no error next to {field}"
    return match.group(1)


def test_a_calendar_is_saved_or_refused_next_to_the_wrong_field(desk: Desk) -> None:
    client, token = _admin(desk)
    refused = client.post(
        "/admin/calendars",
        data={
            "csrf_token": token,
            "name": "Office",
            "time_zone": "Mars/Olympus",
            **WEEK,
            "day_tue": "17:00-09:00",
        },
    )
    assert refused.status_code == 422
    assert "time zone" in _error_next_to(refused.text, "time_zone").lower()
    assert _error_next_to(refused.text, "day_tue")
    assert 'value="Office"' in refused.text  # the form keeps what was typed
    saved = client.post(
        "/admin/calendars",
        data={
            "csrf_token": token,
            "name": "Office",
            "time_zone": "Europe/London",
            **WEEK,
            "holiday_country": "GB",
        },
        follow_redirects=False,
    )
    assert saved.status_code == 303, saved.text
    listing = client.get(saved.headers["location"]).text
    assert "Calendar saved." in listing and "Europe/London" in listing and "mon 09:00-17:30" in listing
    again = client.post(
        "/admin/calendars", data={"csrf_token": token, "name": "Office", "time_zone": "UTC", **WEEK}
    )
    assert again.status_code == 409 and "already the name" in _error_next_to(again.text, "name")
    agent = browser(desk)
    sign_in(agent, desk.account(Role.SUPERVISOR))
    assert agent.get("/admin/calendars").status_code == 403


def test_a_policy_form_places_target_errors_by_target_and_saves(desk: Desk) -> None:
    client, token = _admin(desk)
    client.post("/admin/calendars", data={"csrf_token": token, "name": "Always", "time_zone": "UTC", **WEEK})
    calendar_id = re.search(r'<option value="(\d+)" >Always</option>', client.get("/admin/policies").text)
    assert calendar_id is not None
    refused = client.post(
        "/admin/policies",
        data={
            "csrf_token": token,
            "name": "",
            "minutes_first_response": "0",
            "warn_resolution": "120",
            "minutes_resolution": "480",
            "priorities": ["urgent", "high"],
        },
    )
    assert refused.status_code == 422
    assert _error_next_to(refused.text, "name") == "Required."
    assert _error_next_to(refused.text, "calendar_id").startswith("Choose the calendar")
    assert "greater than 0" in _error_next_to(refused.text, "minutes_first_response")
    assert "less than or equal to 99" in _error_next_to(refused.text, "warn_resolution")
    assert 'name="priorities" value="urgent" checked' in refused.text  # ticks are kept
    saved = client.post(
        "/admin/policies",
        data={
            "csrf_token": token,
            "name": "Urgent",
            "calendar_id": calendar_id.group(1),
            "position": "10",
            "minutes_first_response": "30",
            "minutes_resolution": "240",
            "warn_resolution": "80",
            "priorities": ["urgent"],
            "channels": ["phone", "email"],
        },
        follow_redirects=False,
    )
    assert saved.status_code == 303, saved.text
    api = desk.client.get("/api/v1/sla/policies", headers=desk.account(Role.ADMIN).headers).json()
    assert [
        (p["name"], p["position"], p["conditions"]["priorities"], p["conditions"]["channels"]) for p in api
    ] == [("Urgent", 10, ["urgent"], ["phone", "email"])]
    assert {(t["kind"], t["minutes"], t["warn_percent"]) for t in api[0]["targets"]} == {
        ("first_response", 30, 75),
        ("resolution", 240, 80),
    }


def test_a_chain_and_a_webhook_from_their_forms(desk: Desk) -> None:
    client, token = _admin(desk)
    refused = client.post(
        "/admin/chains",
        data={
            "csrf_token": token,
            "name": "Desk",
            "level_1_who": "role:supervisor",
            "level_1_delay": "60",
            "level_2_who": "role:manager",
            "level_2_delay": "30",
        },
    )
    assert refused.status_code == 422
    assert "delay" in _error_next_to(refused.text, "levels").lower()
    saved = client.post(
        "/admin/chains",
        data={
            "csrf_token": token,
            "name": "Desk",
            "level_1_who": "role:supervisor",
            "level_1_delay": "0",
            "level_1_channels": ["in_app", "email"],
            "level_2_who": "role:manager",
            "level_2_delay": "30",
        },
        follow_redirects=False,
    )
    assert saved.status_code == 303, saved.text
    chains = client.get("/admin/chains").text
    assert "Supervisor after 0 min · email, in_app" in chains and "Manager after 30 min · in_app" in chains
    chain_id = re.search(r'href="/admin/chains/(\d+)"', chains)
    assert chain_id is not None
    edit = client.get(f"/admin/chains/{chain_id.group(1)}").text
    assert '<option value="role:manager" selected>' in edit and 'name="level_2_delay" value="30"' in edit
    moved = client.post(
        f"/admin/chains/{chain_id.group(1)}",
        data={
            "csrf_token": token,
            "version": "1",
            "name": "Desk",
            "level_1_who": "role:manager",
            "level_1_delay": "0",
        },
        follow_redirects=False,
    )
    assert moved.status_code == 303, moved.text
    assert "Manager after 0 min · in_app</li></ol>" in client.get("/admin/chains").text

    bad = client.post("/admin/webhooks", data={"csrf_token": token, "name": "Chat", "url": "not a url"})
    assert bad.status_code == 422 and _error_next_to(bad.text, "url")
    made = client.post(
        "/admin/webhooks",
        data={
            "csrf_token": token,
            "name": "Chat",
            "url": "https://chat.example.com/hook",
            "body_format": "slack",
            "topics": ["sla.breached"],
            "is_active": "on",
        },
    )
    assert made.status_code == 201
    secret = re.search(r'readonly value="([^"]+)" aria-label="Signing secret"', made.text)
    assert secret is not None and len(secret.group(1)) >= 16
    listing = client.get("/admin/webhooks").text
    assert "https://chat.example.com/hook" in listing and secret.group(1) not in listing


def test_each_kind_is_changed_through_its_edit_form_and_stale_forms_are_refused(desk: Desk) -> None:
    admin = desk.account(Role.ADMIN)
    calendar = desk.client.post(
        "/api/v1/sla/calendars",
        json={
            "name": "Office",
            "definition": {
                "time_zone": "Europe/London",
                "weekly": {"mon": ["09:00-17:00"]},
                "open_dates": {"2026-12-27": ["10:00-14:00"]},
            },
        },
        headers=admin.headers,
    ).json()
    body = {"name": "Std", "calendar_id": calendar["id"], "targets": [{"kind": "resolution", "minutes": 480}]}
    policy = desk.client.post("/api/v1/sla/policies", json=body, headers=admin.headers).json()
    client, token = _admin(desk)

    form = client.get(f"/admin/policies/{policy['id']}").text
    assert 'value="480"' in form and 'name="version" value="1"' in form
    fields = {"csrf_token": token, "name": "Standard", "calendar_id": str(calendar["id"]), "position": "50"}
    saved = client.post(
        f"/admin/policies/{policy['id']}",
        data={**fields, "version": "1", "minutes_resolution": "240", "minutes_first_response": "60"},
        follow_redirects=False,
    )
    assert saved.status_code == 303, saved.text
    stale = client.post(
        f"/admin/policies/{policy['id']}", data={**fields, "version": "1", "minutes_resolution": "30"}
    )
    assert stale.status_code == 409 and 'id="stale-warning"' in stale.text
    wrong = client.post(
        f"/admin/policies/{policy['id']}", data={**fields, "version": "2", "minutes_resolution": "-5"}
    )
    assert wrong.status_code == 422 and _error_next_to(wrong.text, "minutes_resolution")
    read = desk.client.get(f"/api/v1/sla/policies/{policy['id']}", headers=admin.headers).json()
    assert (read["name"], read["position"]) == ("Standard", 50)
    assert {(t["kind"], t["minutes"]) for t in read["targets"]} == {
        ("resolution", 240),
        ("first_response", 60),
    }

    edited = client.post(
        f"/admin/calendars/{calendar['id']}",
        data={
            "csrf_token": token,
            "version": "1",
            "name": "Office",
            "time_zone": "Europe/Paris",
            "day_tue": "08:00-12:00",
        },
        follow_redirects=False,
    )
    assert edited.status_code == 303, edited.text
    definition = desk.client.get(f"/api/v1/sla/calendars/{calendar['id']}", headers=admin.headers).json()[
        "definition"
    ]
    assert definition["time_zone"] == "Europe/Paris" and definition["weekly"] == {"tue": ["08:00-12:00"]}
    assert definition["open_dates"] == {"2026-12-27": ["10:00-14:00"]}  # kept: the form has no field for it

    hook = client.post(
        "/admin/webhooks",
        data={"csrf_token": token, "name": "Chat", "url": "https://chat.example.com/h", "is_active": "on"},
    )
    assert hook.status_code == 201
    hook_id = re.search(r'href="/admin/webhooks/(\d+)"', hook.text)
    assert hook_id is not None
    off = client.post(
        f"/admin/webhooks/{hook_id.group(1)}",
        data={
            "csrf_token": token,
            "version": "1",
            "name": "Chat",
            "url": "https://chat.example.com/h2",
            "topics": ["sla.breached"],
        },
        follow_redirects=False,
    )
    assert off.status_code == 303, off.text
    listed = desk.client.get("/api/v1/webhooks", headers=admin.headers).json()
    assert [(w["url"], w["is_active"], w["topics"]) for w in listed] == [
        ("https://chat.example.com/h2", False, ["sla.breached"])
    ]
    assert client.get("/admin/nothing/1").status_code == 404
