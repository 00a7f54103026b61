"""The one place customer-supplied HTML is made safe, and plain text is derived from it."""

from __future__ import annotations

import html
import re

import nh3

# Formatting people actually use in support mail; nothing that runs, loads or styles.
ALLOWED_TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "code",
        "div",
        "em",
        "h1",
        "h2",
        "h3",
        "h4",
        "hr",
        "i",
        "li",
        "ol",
        "p",
        "pre",
        "s",
        "span",
        "strong",
        "sub",
        "sup",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "u",
        "ul",
    }
)
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "td": {"colspan"}, "th": {"colspan"}}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})

_BLOCK_END = re.compile(r"(?i)<\s*(br\s*/?|/p|/div|/li|/tr|/h[1-4]|/blockquote|hr\s*/?)\s*>")
_SPACES = re.compile(r"[ \t\r\f\v]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def clean_html(raw: str) -> str:
    """Returns ``raw`` with every script, handler, style and unsafe URL removed."""
    return nh3.clean(
        raw,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def html_to_text(raw: str) -> str:
    """Returns readable plain text from HTML: tags dropped, line breaks kept."""
    with_breaks = _BLOCK_END.sub("\n", raw)
    stripped = nh3.clean(with_breaks, tags=set(), strip_comments=True)
    lines = (_SPACES.sub(" ", line).strip() for line in html.unescape(stripped).split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def clean_text(raw: str) -> str:
    """Normalises plain text: no NUL or control characters except newline and tab."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(ch for ch in text if ch in "\n\t" or ch.isprintable()).strip()
