"""Article bodies: Markdown rendered by markdown-it-py, then cleaned by calmdesk.sanitize."""

from __future__ import annotations

from markdown_it import MarkdownIt

from calmdesk.sanitize import clean_html, html_to_text

# Raw HTML in the source is shown as text, not passed through; the sanitiser still has the
# last word on whatever the renderer produces (links with unsafe schemes, handlers, tags).
_RENDERER = MarkdownIt("commonmark", {"html": False, "typographer": False}).enable(["table", "strikethrough"])


def render(markdown: str) -> str:
    """Returns safe HTML for an article's Markdown body."""
    return clean_html(_RENDERER.render(markdown))


def plain_text(safe_html: str) -> str:
    """Returns the readable text of rendered article HTML (what search and embeddings read)."""
    return html_to_text(safe_html)
