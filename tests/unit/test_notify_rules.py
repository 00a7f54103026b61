"""Backoff, signatures and webhook bodies: the pure rules of notification delivery."""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta

import pytest

from calmdesk.notify.delivery import retry_delay
from calmdesk.notify.senders import Parcel, sign, webhook_body

PAYLOAD = {
    "title": "SLA breached: CD-7 first response",
    "body": "The first response promise on CD-7 was broken.",
    "url": "https://desk.example.com/tickets/CD-7",
    "data": {"ticket": "CD-7", "level": 0},
}
SENT = datetime(2024, 11, 11, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("attempts", "seconds"), [(1, 10), (2, 20), (3, 40), (4, 80), (10, 3600), (30, 3600)]
)
def test_backoff_doubles_up_to_its_cap(attempts: int, seconds: float) -> None:
    top = retry_delay(attempts, base=10, cap=3600, jitter=0.999999)
    assert top == pytest.approx(timedelta(seconds=seconds), abs=timedelta(milliseconds=5))


def test_jitter_spreads_a_retry_between_half_and_all_of_the_delay() -> None:
    low = retry_delay(3, base=10, cap=3600, jitter=0.0)
    middle = retry_delay(3, base=10, cap=3600, jitter=0.5)
    assert low == timedelta(seconds=20)
    assert middle == timedelta(seconds=30)


def test_signature_is_hmac_sha256_over_timestamp_dot_body() -> None:
    body = b'{"a":1}'
    expected = hmac.new(b"s3cret-s3cret-s3cret", b"1731319200." + body, hashlib.sha256).hexdigest()
    assert sign("s3cret-s3cret-s3cret", "1731319200", body) == f"sha256={expected}"
    assert sign("another-secret-value", "1731319200", body) != f"sha256={expected}"


def test_json_body_carries_the_delivery_key_topic_and_data() -> None:
    parcel = Parcel(1, "sla:7:first_response:1:breach:0:webhook:3", "webhook", "sla.breached", PAYLOAD, 1)
    body = webhook_body(parcel, sent_at=SENT)
    assert body["id"] == parcel.dedupe_key
    assert body["topic"] == "sla.breached"
    assert body["data"] == {"ticket": "CD-7", "level": 0}
    json.dumps(body)  # plain JSON


def test_slack_body_is_a_text_message_with_a_link() -> None:
    parcel = Parcel(1, "k", "webhook", "sla.breached", PAYLOAD, 1, webhook_format="slack")
    body = webhook_body(parcel, sent_at=SENT)
    assert body["text"].startswith("*SLA breached: CD-7 first response*")
    assert "<https://desk.example.com/tickets/CD-7|CD-7>" in body["text"]
    assert body["blocks"][0]["text"]["type"] == "mrkdwn"
