"""The one place customer HTML is made safe."""

from __future__ import annotations

import pytest

from calmdesk.sanitize import clean_html, clean_text, html_to_text

XSS = [
    "<script>alert(1)</script>hello",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">click</a>',
    '<a href=" JaVaScRiPt:alert(1)">click</a>',
    "<svg><script>alert(1)</script></svg>",
    '<svg onload="alert(1)"><circle r="4"/></svg>',
    '<iframe src="https://evil.example"></iframe>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<p onclick="steal()">text</p>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    "<scr<script>ipt>alert(1)</script>",
    '<form action="https://evil.example"><input name="pw"></form>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<<img src=x onerror=alert(1)//",
]


@pytest.mark.parametrize("payload", XSS)
def test_nothing_executable_survives(payload: str) -> None:
    cleaned = clean_html(payload).lower()
    for danger in (
        "<script",
        "onerror",
        "onload",
        "onclick",
        "javascript:",
        "<iframe",
        "<svg",
        "style=",
        "data:text",
        "<form",
        "<input",
        "<img",
    ):
        assert danger not in cleaned, (payload, cleaned)


def test_ordinary_formatting_is_kept() -> None:
    cleaned = clean_html('<p>Hi <b>team</b>, see <a href="https://example.com/x">the order</a></p>')
    assert "<b>team</b>" in cleaned
    assert 'href="https://example.com/x"' in cleaned
    assert 'rel="noopener noreferrer nofollow"' in cleaned


def test_plain_text_keeps_line_breaks_and_drops_scripts() -> None:
    text = html_to_text("<p>First &amp; foremost</p><p>line two<br>line three</p><script>alert(1)</script>")
    assert text == "First & foremost\nline two\nline three"


def test_control_characters_are_removed_from_plain_text() -> None:
    assert clean_text("a\x00b\x07c\r\nd\te  ") == "abc\nd\te"
