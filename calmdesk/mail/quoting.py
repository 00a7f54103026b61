"""Trimming quoted history from replies (pure): Gmail, Outlook, Apple Mail and plain ``>`` quoting.

A reply carries the whole thread below the new words. Only the new words go on the ticket;
forwarded mail is left whole, because there the quoted part is the point.
"""

from __future__ import annotations

import re

# "On Mon, 23 Nov 2026 at 10:02, Jane <jane@example.com> wrote:" (Gmail, Apple, Thunderbird),
# and the same in a few languages; it may be wrapped over two lines.
_WROTE = re.compile(
    r"^\s*(on\b.{0,300}\bwrote|le\b.{0,300}\ba écrit|am\b.{0,300}\bschrieb\b.{0,200}|el\b.{0,300}\bescribió)"
    r"\s*:\s*$",
    re.IGNORECASE | re.DOTALL,
)
_ORIGINAL = re.compile(
    r"^\s*-{2,}\s*(original message|ursprüngliche nachricht|message d'origine)\s*-{2,}", re.I
)
_OUTLOOK_RULE = re.compile(r"^\s*_{10,}\s*$")
_HEADER_LINE = re.compile(
    r"^\s*\*?(from|de|von|sent|date|envoyé|gesendet|to|à|an|subject|objet|betreff)\s*:\*?", re.I
)
_FORWARD_MARKERS = ("---------- forwarded message", "begin forwarded message", "-----forwarded message")

# HTML: the wrappers mail clients put around the quoted thread.
_HTML_QUOTE_STARTS = (
    re.compile(r"<div[^>]*\bclass=[\"']?[^\"'>]*\bgmail_quote\b", re.I),
    re.compile(r"<blockquote[^>]*\btype=[\"']?cite", re.I),
    re.compile(
        r"<div[^>]*\bid=[\"']?(divRplyFwdMsg|appendonsend|mail-editor-reference-message-container)", re.I
    ),
    re.compile(r"<hr[^>]*\bid=[\"']?stopSpelling", re.I),
    re.compile(r"<div[^>]*\bclass=[\"']?[^\"'>]*\b(moz-cite-prefix|yahoo_quoted)\b", re.I),
    re.compile(r"<div[^>]*\bstyle=[\"'][^\"']*border-top:\s*solid\s+#(E1E1E1|B5C4DF)", re.I),
)


def is_forwarded(text: str) -> bool:
    """True when the body carries a forwarded message."""
    lowered = text.lower()
    return any(marker in lowered for marker in _FORWARD_MARKERS)


def _is_header_block(lines: list[str], start: int) -> bool:
    """An Outlook-style quoted header: From: … then Sent:/Date: and To:/Subject: close below."""
    window = lines[start : start + 6]
    names = {m.group(1).lower() for line in window if (m := _HEADER_LINE.match(line))}
    return bool(names & {"from", "de", "von"}) and bool(names & {"sent", "date", "envoyé", "gesendet"})


def _cut_at(lines: list[str]) -> int | None:
    for index, line in enumerate(lines):
        joined = line if index + 1 >= len(lines) else f"{line} {lines[index + 1]}"
        if _WROTE.match(line) or (
            line.strip().lower().startswith(("on ", "am ", "le ")) and _WROTE.match(joined)
        ):
            return index
        if _ORIGINAL.match(line):
            return index
        if _OUTLOOK_RULE.match(line) and _is_header_block(lines, index + 1):
            return index
        if (
            _HEADER_LINE.match(line)
            and line.strip().lower().startswith(("from:", "*from:"))
            and _is_header_block(lines, index)
        ):
            return index
    return None


def trim_text(text: str) -> str:
    """The new part of a plain-text reply: quoted history and trailing ``>`` lines removed."""
    lines = text.replace("\r\n", "\n").split("\n")
    cut = _cut_at(lines)
    kept = lines if cut is None else lines[:cut]
    while kept and (kept[-1].lstrip().startswith(">") or not kept[-1].strip()):
        kept.pop()
    result = "\n".join(kept).strip()
    return result or text.strip()


def trim_html(html: str) -> str:
    """The new part of an HTML reply: everything from the client's quote wrapper on is dropped.

    Cutting leaves tags unclosed; the sanitiser (html5ever) closes them.
    """
    starts = [match.start() for pattern in _HTML_QUOTE_STARTS if (match := pattern.search(html))]
    if not starts:
        return html
    kept = html[: min(starts)]
    # Nothing but markup before the quote: keep the whole message rather than an empty one.
    return kept if re.sub(r"<[^>]*>|&nbsp;|\s", "", kept) else html
