"""Every customer message is read as it is stored; tickets keep their moods; tone can raise priority."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select

from calmdesk.audit.models import AuditEvent
from calmdesk.config import get_settings
from calmdesk.tone.models import MessageAnalysis
from tests.integration.conftest import Desk

CALM = "Hello, could you tell me when my replacement kettle will be dispatched? Thanks so much."
FURIOUS = (
    "This is ridiculous and I am furious. Third time I have asked and STILL no refund!!! "
    "I want a manager or I am going to my lawyer."
)
THREAT = "If your engineer turns up late again I will punch him. You've been warned."


@pytest.fixture(autouse=True)
def analysis_mode(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Reads tone with the model here (other tests use the fast path); tests may switch it."""
    monkeypatch.setenv("CALMDESK_ANALYSIS_MODE", "full")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_customer_messages_are_analysed_and_the_ticket_keeps_its_moods(desk: Desk) -> None:
    agent = desk.account()
    ticket = desk.new_ticket(agent, message={"body": CALM})
    assert ticket["mood_at_start"] is not None and ticket["mood_at_start"] > -0.2
    assert ticket["priority"] == "normal"
    url = f"/api/v1/tickets/{ticket['reference']}"
    token = desk.client.post(f"{url}/portal-links", headers=agent.headers).json()["token"]
    desk.client.post(f"/api/v1/portal/{token}/messages", json={"body": FURIOUS})
    after = desk.client.get(url, headers=agent.headers).json()
    assert after["mood_at_start"] == ticket["mood_at_start"]
    assert after["mood_current"] < after["mood_at_start"]
    assert after["anger_peak"] >= 0.5 and after["risk_current"] >= 0.5
    thread = desk.client.get(f"{url}/messages", headers=agent.headers).json()["items"]
    angry = thread[-1]["analysis"]
    assert angry["is_angry"] is True
    kinds = {signal["kind"] for signal in angry["signals"]}
    assert {"repeated_contact", "manager_demand", "legal_threat", "shouting"} <= kinds
    legal = next(s for s in angry["signals"] if s["kind"] == "legal_threat")
    assert "lawyer" in legal["spans"][0]["text"].lower()
    # A legal threat raises the ticket to high, and the audit log says why.
    assert after["priority"] == "high"
    with desk.database.session(read_only=True) as db:
        raised = db.scalars(
            select(AuditEvent).where(AuditEvent.action == "ticket.priority_raised_by_tone")
        ).one()
    assert raised.actor_kind == "system" and raised.after is not None
    assert "legal_threat" in raised.after["because"]


def test_a_threat_to_staff_makes_the_ticket_urgent(desk: Desk) -> None:
    agent = desk.account()
    ticket = desk.new_ticket(agent, message={"body": THREAT}, priority="low")
    assert ticket["priority"] == "urgent"
    thread = desk.client.get(f"/api/v1/tickets/{ticket['reference']}/messages", headers=agent.headers).json()
    assert thread["items"][0]["analysis"]["is_abusive"] is True


def test_agent_replies_and_notes_are_not_scored_as_customer_tone(desk: Desk) -> None:
    agent = desk.account()
    ticket = desk.new_ticket(agent, message={"body": CALM})
    desk.client.post(
        f"/api/v1/tickets/{ticket['reference']}/messages",
        json={"body": "I WILL SUE NOBODY!!!"},
        headers=agent.headers,
    )
    with desk.database.session(read_only=True) as db:
        assert len(db.scalars(select(MessageAnalysis)).all()) == 1


def test_analysis_can_be_switched_off(
    desk: Desk, analysis_mode: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CALMDESK_ANALYSIS_MODE", "off")
    get_settings.cache_clear()
    agent = desk.account()
    ticket = desk.new_ticket(agent, message={"body": THREAT}, priority="low")
    assert ticket["priority"] == "low" and ticket["mood_at_start"] is None


def test_the_analysis_endpoints_read_messages_and_coach_drafts(desk: Desk) -> None:
    agent = desk.account()
    read = desk.client.post("/api/v1/analysis/message", json={"text": FURIOUS}, headers=agent.headers)
    assert read.status_code == 200
    assert read.json()["is_angry"] is True and 0 <= read.json()["escalation_risk"] <= 1
    ticket = desk.new_ticket(agent, message={"body": FURIOUS})
    coached = desk.client.post(
        "/api/v1/analysis/reply",
        json={"draft": "Calm down. As I already said, it's our policy.", "ticket": ticket["reference"]},
        headers=agent.headers,
    )
    assert coached.status_code == 200
    rules = {finding["rule_id"] for finding in coached.json()["findings"]}
    assert {"tells_to_calm_down", "policy_as_weapon"} <= rules
    both = desk.client.post(
        "/api/v1/analysis/reply",
        json={
            "draft": "x",
            "ticket": ticket["reference"],
            "conversation": [{"author": "customer", "text": "y"}],
        },
        headers=agent.headers,
    )
    assert both.status_code == 422
    too_long = desk.client.post(
        "/api/v1/analysis/message", json={"text": "x" * 20_001}, headers=agent.headers
    )
    assert too_long.status_code == 422
