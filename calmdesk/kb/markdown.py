"""Article bodies: Markdown rendered by markdown-it-py, then cleaned by calmdesk.sanitize."""

from __future__ import annotations

from markdown_it import MarkdownIt

from calmdesk.sanitize import clean_html, html_to_text

# Raw HTML in the source is shown as text, not passed through; the sanitiser still has the
# last word on whatever the renderer produces (links with unsafe schemes, handlers, tags).
_RENDERER = MarkdownIt("commonmark", {"html": False, "typographer": False}).enable(["table", "strikethrough"])


# The page around an article owns the one <h1>: the article's own headings start at <h2>.
_DEEPEST_HEADING = 4


def render(markdown: str) -> str:
    """Returns safe HTML for an article's Markdown body, its headings one level down."""
    tokens = _RENDERER.parse(markdown)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1]) + 1, _DEEPEST_HEADING)}"
    return clean_html(_RENDERER.renderer.render(tokens, _RENDERER.options, {}))


def plain_text(safe_html: str) -> str:
    """Returns the readable text of rendered article HTML (what search and embeddings read)."""
    return html_to_text(safe_html)
