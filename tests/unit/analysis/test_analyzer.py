"""The analyser with the shipped model: ranges, flags, batching, determinism, fast path."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor

import pytest

from calmdesk.analysis import MessageReport, Signal, Span, analyze_message, analyze_messages
from calmdesk.analysis.analyzer import FAST_SUFFIX, escalation_risk

FURIOUS = "This is absolutely RIDICULOUS. I'm furious, your service is a disgrace!!!"
ABUSIVE = "You are a useless fucking idiot."
THREAT = "I know where you work and I'm going to come down there and hurt you."
COMPLAINT = "My parcel was due last Tuesday, it still hasn't arrived and nobody answers my emails."
HAPPY = "Thank you so much, the engineer was lovely and everything works perfectly now."
NEUTRAL = "Could you tell me which plan I'm on?"


@pytest.fixture(scope="module")
def reports() -> dict[str, MessageReport]:
    texts = {
        "furious": FURIOUS,
        "abusive": ABUSIVE,
        "threat": THREAT,
        "complaint": COMPLAINT,
        "happy": HAPPY,
        "neutral": NEUTRAL,
    }
    return dict(zip(texts, analyze_messages(list(texts.values())), strict=True))


def test_scores_are_in_range(reports: dict[str, MessageReport]) -> None:
    for report in reports.values():
        for score in (report.anger, report.abuse, report.complaint, report.escalation_risk):
            assert 0.0 <= score <= 1.0
        assert -1.0 <= report.mood <= 1.0
        assert report.model_version.startswith("calmdesk-tone-")


def test_angry_message_is_angry_and_happy_one_is_not(reports: dict[str, MessageReport]) -> None:
    assert reports["furious"].is_angry
    assert not reports["happy"].is_angry
    assert not reports["neutral"].is_angry
    assert reports["furious"].mood < 0 < reports["happy"].mood


def test_abuse_and_threats_are_abusive(reports: dict[str, MessageReport]) -> None:
    assert reports["abusive"].is_abusive
    assert reports["threat"].is_abusive  # a threat is abuse, however it is worded
    assert reports["threat"].signal("harm_threat") is not None
    assert not reports["complaint"].is_abusive
    assert not reports["happy"].is_abusive


def test_polite_complaint_is_a_complaint(reports: dict[str, MessageReport]) -> None:
    assert reports["complaint"].is_complaint
    assert not reports["happy"].is_complaint


def test_escalation_risk_orders_messages(reports: dict[str, MessageReport]) -> None:
    assert reports["threat"].escalation_risk > reports["complaint"].escalation_risk
    assert reports["complaint"].escalation_risk > reports["happy"].escalation_risk


def test_a_legal_threat_raises_the_risk_of_the_same_complaint() -> None:
    plain, legal = analyze_messages([COMPLAINT, COMPLAINT + " I will take you to court."])
    assert legal.escalation_risk > plain.escalation_risk
    assert legal.signal("legal_threat") is not None


def test_escalation_risk_combines_scores_and_signals() -> None:
    assert escalation_risk(0.0, 0.0, 0.0, ()) == 0.0
    threat = Signal("harm_threat", 0.9, (Span(0, 4, "text"),))
    assert escalation_risk(0.0, 0.0, 0.0, (threat,)) == pytest.approx(0.9)
    assert escalation_risk(0.5, 0.0, 0.0, ()) < escalation_risk(0.9, 0.0, 0.0, ())
    assert escalation_risk(1.0, 1.0, 1.0, (threat,)) <= 1.0


def test_batch_and_single_agree_and_repeat_exactly() -> None:
    texts = [FURIOUS, NEUTRAL, COMPLAINT * 3]
    batched = analyze_messages(texts)
    for text, report in zip(texts, batched, strict=True):
        single = analyze_message(text)
        assert single.signals == report.signals
        assert single.anger == pytest.approx(report.anger, abs=1e-4)
        assert single.complaint == pytest.approx(report.complaint, abs=1e-4)
    assert analyze_messages(texts) == batched


def test_fast_path_reports_the_same_shape_and_says_so() -> None:
    fast = analyze_messages([FURIOUS, HAPPY], fast=True)
    assert fast[0].model_version.endswith(FAST_SUFFIX)
    assert fast[0].anger > fast[1].anger
    assert fast[0].signals == analyze_message(FURIOUS).signals


def test_empty_inputs() -> None:
    assert analyze_messages([]) == []
    report = analyze_message("")
    assert report.signals == ()
    assert 0.0 <= report.anger <= 1.0


def test_threads_share_one_model() -> None:
    texts = [FURIOUS, HAPPY, COMPLAINT, NEUTRAL] * 4
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(analyze_message, texts))
    expected = analyze_messages(texts[:4])
    for i, report in enumerate(results):
        assert report.anger == pytest.approx(expected[i % 4].anger, abs=1e-4)


def test_report_is_json_ready(reports: dict[str, MessageReport]) -> None:
    data = json.loads(json.dumps(reports["threat"].to_dict()))
    assert set(data) >= {
        "anger",
        "abuse",
        "complaint",
        "escalation_risk",
        "mood",
        "is_angry",
        "is_abusive",
        "is_complaint",
        "signals",
        "model_version",
    }
    assert data["signals"][0]["spans"][0]["text"] in THREAT


def test_model_loads_with_the_network_switched_off() -> None:
    script = textwrap.dedent("""
        import socket
        def refuse(*args, **kwargs):
            raise OSError("network is off in this test")
        socket.socket.connect = refuse
        socket.create_connection = refuse
        socket.getaddrinfo = refuse
        from calmdesk.analysis import analyze_message
        print(analyze_message("Where is my refund?").model_version)
    """)
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().startswith("calmdesk-tone-")


def test_a_demand_with_a_legal_threat_is_not_a_good_mood() -> None:
    report = analyze_message("The THIRD time I've asked!!! Get me a manager or I'll see you in court.")
    assert report.mood < 0
    assert report.escalation_risk > 0.8
    kinds = {s.kind for s in report.signals}
    assert {"manager_demand", "legal_threat", "repeated_contact", "shouting"} <= kinds
