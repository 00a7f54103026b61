"""The inbox and the ticket page through HTTP: same services, same rules, same audit log."""

from __future__ import annotations

import re
from datetime import timedelta

import time_machine
from sqlalchemy import select

from calmdesk.audit.models import AuditEvent
from calmdesk.clock import utcnow
from calmdesk.staff.roles import Role
from calmdesk.tickets.models import Message
from tests.integration.conftest import Account, Desk
from tests.integration.test_web_auth import csrf_of, signed_in, version_of

_INBOX_REFS = re.compile(r'href="/tickets/(CD-\d+)"')


def _team(desk: Desk, admin_headers: dict[str, str], name: str) -> int:
    answer = desk.client.post("/api/v1/teams", json={"name": name}, headers=admin_headers)
    assert answer.status_code == 201, answer.text
    return int(answer.json()["id"])


def _join(desk: Desk, admin_headers: dict[str, str], staff_id: int, team_id: int) -> None:
    current = desk.client.get(f"/api/v1/staff/{staff_id}", headers=admin_headers)
    answer = desk.client.patch(
        f"/api/v1/staff/{staff_id}",
        json={"team_ids": [team_id]},
        headers={**admin_headers, "If-Match": current.headers["etag"]},
    )
    assert answer.status_code == 200, answer.text


def _ticket(desk: Desk, agent: Account, priority: str = "normal", **fields: object) -> str:
    """Opens a ticket and pins its priority (intake triage may have raised it from the text)."""
    reference = str(desk.new_ticket(agent, priority=priority, **fields)["reference"])
    current = desk.client.get(f"/api/v1/tickets/{reference}", headers=agent.headers)
    if current.json()["priority"] != priority:
        pinned = desk.client.patch(
            f"/api/v1/tickets/{reference}",
            json={"priority": priority},
            headers={**agent.headers, "If-Match": current.headers["etag"]},
        )
        assert pinned.status_code == 200, pinned.text
    return reference


def _messages(desk: Desk, reference: str, headers: dict[str, str]) -> list[dict[str, object]]:
    answer = desk.client.get(f"/api/v1/tickets/{reference}/messages", headers=headers)
    return list(answer.json()["items"])


def test_the_inbox_shows_mine_my_teams_and_unrouted_tickets_most_urgent_first(desk: Desk) -> None:
    admin = desk.account(Role.ADMIN)
    client, agent = signed_in(desk)
    other = desk.account()
    billing = _team(desk, admin.headers, "Billing")
    legal = _team(desk, admin.headers, "Legal")
    _join(desk, admin.headers, agent.id, billing)
    start = utcnow()
    with time_machine.travel(start - timedelta(hours=3), tick=False):
        old_normal = _ticket(desk, agent, team_id=billing)
    with time_machine.travel(start - timedelta(hours=2), tick=False):
        old_high = _ticket(desk, agent, "high", assignee_id=agent.id)
    with time_machine.travel(start - timedelta(hours=1), tick=False):
        new_high = _ticket(desk, agent, "high")  # nobody routed it yet
        urgent = _ticket(desk, agent, "urgent", team_id=billing)
    elsewhere = _ticket(desk, agent, "urgent", team_id=legal, assignee_id=other.id)
    resolved = _ticket(desk, agent, team_id=billing)
    patched = desk.client.patch(
        f"/api/v1/tickets/{resolved}", json={"status": "resolved"}, headers=agent.headers
    )
    assert patched.status_code == 200

    page = client.get("/inbox")
    assert page.status_code == 200
    assert _INBOX_REFS.findall(page.text) == [urgent, old_high, new_high, old_normal]
    everything = client.get("/inbox", params={"scope": "all", "status": "all"})
    assert set(_INBOX_REFS.findall(everything.text)) == {
        urgent,
        old_high,
        new_high,
        old_normal,
        elsewhere,
        resolved,
    }
    filters = {
        (("priority", "high"),): [old_high, new_high],
        (("assigned", "me"),): [old_high],
        (("assigned", "none"),): [urgent, new_high, old_normal],
        (("team", str(billing)),): [urgent, old_normal],
        (("status", "resolved"),): [resolved],
        (("q", urgent),): [urgent],
        (("q", "lamp inside is broken"), ("priority", "urgent")): [urgent],
        (("scope", "all"), ("team", str(legal))): [elsewhere],
    }
    for params, expected in filters.items():
        listed = client.get("/inbox", params=dict(params))
        assert _INBOX_REFS.findall(listed.text) == expected, params
    odd = client.get("/inbox", params={"status": "nonsense", "priority": "'; drop", "team": "x"})
    assert odd.status_code == 200
    assert _INBOX_REFS.findall(odd.text) == [urgent, old_high, new_high, old_normal]


def test_htmx_gets_only_the_list_and_polls_it_with_the_same_filters(desk: Desk) -> None:
    client, agent = signed_in(desk)
    reference = _ticket(desk, agent, "urgent")
    partial = client.get(
        "/inbox", params={"priority": "urgent"}, headers={"HX-Request": "true", "HX-Target": "ticket-list"}
    )
    assert partial.text.lstrip().startswith('<section id="ticket-list"')
    assert "<html" not in partial.text and reference in partial.text
    assert 'hx-get="/inbox?priority=urgent"' in partial.text and 'hx-trigger="every 15s"' in partial.text
    restore = client.get(
        "/inbox",
        headers={"HX-Request": "true", "HX-Target": "ticket-list", "HX-History-Restore-Request": "true"},
    )
    assert "<html" in restore.text


def test_a_reply_a_note_and_a_call_go_through_the_conversation_service(desk: Desk) -> None:
    client, agent = signed_in(desk)
    reference = desk.new_ticket(agent)["reference"]
    page = client.get(f"/tickets/{reference}")
    token, version = csrf_of(page.text), version_of(page.text)
    reply = client.post(
        f"/tickets/{reference}/reply",
        data={"csrf_token": token, "version": version, "kind": "reply", "body": "A new lamp ships today."},
        follow_redirects=False,
    )
    assert reply.status_code == 303 and reply.headers["location"] == f"/tickets/{reference}?saved=reply"
    page = client.get(reply.headers["location"])
    assert "Reply sent." in page.text and "A new lamp ships today." in page.text
    note = client.post(
        f"/tickets/{reference}/reply",
        data={
            "csrf_token": token,
            "version": version_of(page.text),
            "kind": "note",
            "body": "Courier claim filed.",
            "status": "on_hold",
        },
        follow_redirects=False,
    )
    assert note.status_code == 303
    page = client.get(f"/tickets/{reference}")
    call = client.post(
        f"/tickets/{reference}/call",
        data={
            "csrf_token": token,
            "version": version_of(page.text),
            "direction": "outbound",
            "minutes": "9.5",
            "phone_number": "+44 20 7946 0000",
            "outcome": "delivery booked",
            "body": "Customer happy with Thursday.",
            "status": "pending_customer",
        },
        follow_redirects=False,
    )
    assert call.status_code == 303, call.text
    entries = _messages(desk, reference, agent.headers)
    assert [(m["kind"], m["is_internal"]) for m in entries] == [
        ("reply", False),
        ("reply", False),
        ("note", True),
        ("call", False),
    ]
    assert entries[3]["call_duration_seconds"] == 570 and entries[3]["call_direction"] == "outbound"
    assert entries[3]["phone_number"] == "+44 20 7946 0000" and entries[3]["channel"] == "phone"
    ticket = desk.client.get(f"/api/v1/tickets/{reference}", headers=agent.headers).json()
    assert ticket["status"] == "pending_customer"
    page = client.get(f"/tickets/{reference}")
    assert "Internal note · staff only" in page.text and "9 min 30 s" in page.text
    with desk.database.session() as db:
        actions = list(db.scalars(select(AuditEvent.action).where(AuditEvent.actor_id == agent.id)))
    assert {"message.reply_added", "message.note_added", "message.call_added"} <= set(actions)


def test_forms_without_the_session_token_change_nothing(desk: Desk) -> None:
    client, agent = signed_in(desk)
    reference = desk.new_ticket(agent)["reference"]
    version = version_of(client.get(f"/tickets/{reference}").text)
    for path, data in (
        ("reply", {"kind": "reply", "body": "forged"}),
        ("call", {"direction": "inbound", "minutes": "1", "body": "forged"}),
        ("fields", {"status": "resolved"}),
        ("portal-link", {}),
    ):
        for token in (None, "0" * 64):
            form = {"version": version, **data, **({"csrf_token": token} if token else {})}
            answer = client.post(f"/tickets/{reference}/{path}", data=form, follow_redirects=False)
            assert answer.status_code == 403, (path, token)
            assert "expired" in answer.text
    assert len(_messages(desk, reference, agent.headers)) == 1
    after = desk.client.get(f"/api/v1/tickets/{reference}", headers=agent.headers).json()
    assert after["status"] == "new" and after["version"] == int(version)
    # Another staff member's token is no good either: it is bound to their own session.
    other, _ = signed_in(desk)
    foreign = csrf_of(other.get(f"/tickets/{reference}").text)
    answer = client.post(
        f"/tickets/{reference}/reply",
        data={"csrf_token": foreign, "version": version, "body": "x"},
        follow_redirects=False,
    )
    assert answer.status_code == 403
    # HTMX sends the token as a header instead.
    header = client.post(
        f"/tickets/{reference}/reply",
        data={"version": version, "body": "Sent by HTMX."},
        headers={"X-CSRF-Token": csrf_of(client.get("/inbox").text)},
        follow_redirects=False,
    )
    assert header.status_code == 303


def test_a_stale_form_is_refused_and_shows_the_warning(desk: Desk) -> None:
    client, agent = signed_in(desk)
    reference = desk.new_ticket(agent)["reference"]
    page = client.get(f"/tickets/{reference}")
    token, version = csrf_of(page.text), version_of(page.text)
    current = desk.client.get(f"/api/v1/tickets/{reference}", headers=agent.headers)
    changed = desk.client.patch(
        f"/api/v1/tickets/{reference}",
        json={"priority": "urgent"},
        headers={**agent.headers, "If-Match": current.headers["etag"]},
    )
    assert changed.status_code == 200
    stale = client.post(
        f"/tickets/{reference}/fields",
        data={"csrf_token": token, "version": version, "status": "open", "priority": "low"},
        follow_redirects=False,
    )
    assert stale.status_code == 409
    assert "Someone changed this ticket" in stale.text and 'id="stale-warning"' in stale.text
    after = desk.client.get(f"/api/v1/tickets/{reference}", headers=agent.headers).json()
    assert after["priority"] == "urgent" and after["status"] == "new"
    draft = client.post(
        f"/tickets/{reference}/reply",
        data={"csrf_token": token, "version": version, "kind": "reply", "body": "My careful draft"},
        follow_redirects=False,
    )
    assert draft.status_code == 409 and "My careful draft</textarea>" in draft.text
    assert len(_messages(desk, reference, agent.headers)) == 1
    # The refused page carries the current version, so sending again works.
    resent = client.post(
        f"/tickets/{reference}/reply",
        data={"csrf_token": token, "version": version_of(draft.text), "body": "My careful draft"},
        follow_redirects=False,
    )
    assert resent.status_code == 303


def test_refusals_are_shown_next_to_the_field(desk: Desk) -> None:
    client, agent = signed_in(desk)
    admin = desk.account(Role.ADMIN)
    reference = desk.new_ticket(agent)["reference"]
    page = client.get(f"/tickets/{reference}")
    token = csrf_of(page.text)
    empty = client.post(
        f"/tickets/{reference}/reply", data={"csrf_token": token, "version": version_of(page.text)}
    )
    assert empty.status_code == 422
    assert re.search(r'id="body-error">Write something before sending', empty.text)
    bad_call = client.post(
        f"/tickets/{reference}/call",
        data={"csrf_token": token, "version": version_of(page.text), "minutes": "ten", "body": "x"},
    )
    assert bad_call.status_code == 422
    assert 'id="minutes-error">Give the duration in minutes' in bad_call.text
    assert 'id="direction-error">' in bad_call.text and "<details" in bad_call.text
    unassignable = client.post(
        f"/tickets/{reference}/fields",
        data={"csrf_token": token, "version": version_of(page.text), "assignee_id": str(admin.id)},
    )
    assert unassignable.status_code == 422 and 'id="assignee_id-error">' in unassignable.text
    resolved = client.post(
        f"/tickets/{reference}/fields",
        data={"csrf_token": token, "version": version_of(page.text), "status": "resolved"},
        follow_redirects=False,
    )
    assert resolved.status_code == 303
    page = client.get(f"/tickets/{reference}")
    illegal = client.post(
        f"/tickets/{reference}/fields",
        data={"csrf_token": token, "version": version_of(page.text), "status": "on_hold"},
    )
    assert illegal.status_code == 409
    assert re.search(r'id="status-error">A resolved ticket cannot become on_hold', illegal.text)
    assert len(_messages(desk, reference, agent.headers)) == 1


def test_a_closed_ticket_takes_only_internal_notes(desk: Desk) -> None:
    client, agent = signed_in(desk)
    reference = desk.new_ticket(agent)["reference"]
    for status in ("resolved", "closed"):
        current = desk.client.get(f"/api/v1/tickets/{reference}", headers=agent.headers)
        desk.client.patch(
            f"/api/v1/tickets/{reference}",
            json={"status": status},
            headers={**agent.headers, "If-Match": current.headers["etag"]},
        )
    page = client.get(f"/tickets/{reference}")
    assert "only internal notes can be added" in page.text and "Log a phone call" not in page.text
    refused = client.post(
        f"/tickets/{reference}/reply",
        data={"csrf_token": csrf_of(page.text), "version": version_of(page.text), "body": "Hello again"},
    )
    assert refused.status_code == 409 and "is closed" in refused.text
    note = client.post(
        f"/tickets/{reference}/reply",
        data={
            "csrf_token": csrf_of(page.text),
            "version": version_of(page.text),
            "kind": "note",
            "body": "Customer rang after closure; told them to write in.",
        },
        follow_redirects=False,
    )
    assert note.status_code == 303
    with desk.database.session() as db:
        bodies = list(db.scalars(select(Message.body_text).order_by(Message.id)))
    assert bodies[-1].startswith("Customer rang after closure")
