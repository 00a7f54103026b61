"""Pure rules: quote trimming, loop detection and threading keys."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from calmdesk.mail import loops, quoting, threads


def _headers(**values: str) -> Callable[[str], str | None]:
    lowered = {name.lower().replace("_", "-"): value for name, value in values.items()}
    return lambda name: lowered.get(name.lower())


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"auto_submitted": "auto-replied"}, "Auto-Submitted: auto-replied"),
        ({"auto_submitted": "no"}, None),
        ({"precedence": "bulk"}, "Precedence: bulk"),
        ({"precedence": "junk"}, "Precedence: junk"),
        ({"precedence": "list"}, "Precedence: list"),
        ({"list_id": "<news.example.com>"}, "mailing list"),
        ({"x_autoreply": "yes"}, "X-Autoreply"),
        ({}, None),
    ],
)
def test_auto_reply_reasons(headers: dict[str, str], expected: str | None) -> None:
    reason = loops.auto_reply_reason(
        _headers(**headers),
        sender="a@example.com",
        envelope_sender="a@example.com",
        content_type="text/plain",
    )
    assert reason == expected


def test_bounces_by_sender_and_by_null_envelope() -> None:
    plain = _headers()
    bounce = loops.auto_reply_reason(
        plain, sender="MAILER-DAEMON@x.example", envelope_sender=None, content_type="text/plain"
    )
    assert bounce == "bounce from MAILER-DAEMON@x.example"
    postmaster = loops.auto_reply_reason(
        plain, sender="a@b.example", envelope_sender="postmaster@b.example", content_type="text/plain"
    )
    assert postmaster == "bounce from postmaster@b.example"
    assert loops.auto_reply_reason(plain, sender="a@b.example", envelope_sender="", content_type="text/plain")


def test_trim_text_variants() -> None:
    outlook = "Fine, thanks.\n\n-----Original Message-----\nFrom: Support\nSent: today\n\nold"
    assert quoting.trim_text(outlook) == "Fine, thanks."
    quoted = "New words\n\n> old line\n> older line\n"
    assert quoting.trim_text(quoted) == "New words"
    assert quoting.trim_text("> only a quote") == "> only a quote"  # never trimmed to nothing
    german = "Danke\n\nAm 23.11.2026 um 10:00 schrieb Support <s@example.com>:\n> alt"
    assert quoting.trim_text(german) == "Danke"


def test_trim_html_keeps_a_message_that_is_all_quote() -> None:
    html = '<div class="gmail_quote">everything quoted</div>'
    assert quoting.trim_html(html) == html


def test_own_message_ids_round_trip_and_refuse_forgeries() -> None:
    made = threads.make_message_id(
        ticket_id=42, dedupe_key="customer:reply:9", secret="s3cret", domain="desk.example"
    )
    assert (
        threads.make_message_id(
            ticket_id=42, dedupe_key="customer:reply:9", secret="s3cret", domain="desk.example"
        )
        == made
    )
    assert threads.ticket_of_message_id(made, secret="s3cret") == 42
    assert threads.ticket_of_message_id(made, secret="other") is None
    forged = made.replace("<cd.42.", "<cd.43.")
    assert threads.ticket_of_message_id(forged, secret="s3cret") is None


def test_reference_in_subject_and_subject_helpers() -> None:
    assert threads.reference_in_subject("Re: Lamp broken [CD-1042]", prefix="CD") == 1042
    assert threads.reference_in_subject("re: cd-7 again", prefix="CD") == 7
    assert threads.reference_in_subject("ABCD-7 is not ours", prefix="CD") is None
    assert threads.reference_in_subject("CD-12345678901234567890", prefix="CD") is None
    assert threads.outbound_subject("Re: Lamp", "CD-5") == "Re: Lamp [CD-5]"
    assert threads.outbound_subject("Re: Lamp [CD-5]", "CD-5") == "Re: Lamp [CD-5]"
    assert threads.strip_reply_prefix("RE: AW: Re[2]: Lamp") == "Lamp"
    assert threads.message_ids("<a@x> junk <b@y>") == ["<a@x>", "<b@y>"]
