"""Static guarantees about the console's templates and the one place that trusts HTML."""

from __future__ import annotations

import re
from pathlib import Path

import calmdesk.web

WEB = Path(calmdesk.web.__file__).parent
TEMPLATES = sorted((WEB / "templates").rglob("*.html"))


def test_no_template_switches_escaping_off() -> None:
    assert len(TEMPLATES) > 10
    for template in TEMPLATES:
        source = template.read_text()
        assert not re.search(r"\|\s*safe\b", source), template
        assert "autoescape false" not in source, template
        assert "<script>" not in source and "style=" not in source, template  # the CSP allows neither


def test_only_the_stored_sanitised_html_is_marked_safe() -> None:
    marked = [
        (path.name, line.strip())
        for path in WEB.rglob("*.py")
        for line in path.read_text().splitlines()
        if "Markup(" in line
    ]
    # Two stored, pre-sanitised sources: message HTML (conversation.append) and knowledge-base
    # article HTML (kb_service renders Markdown through clean_html before storing it).
    assert len(marked) == 2, marked
    trusted = dict(marked)
    assert trusted["rendering.py"].startswith("return Markup(message.body_html)")
    assert trusted["routes_kb.py"].startswith("return Markup(article.body_html)")


def test_every_script_is_served_from_this_site() -> None:
    for template in TEMPLATES:
        for src in re.findall(r"<script[^>]*src=\"([^\"]+)\"", template.read_text()):
            assert src.startswith("/static/"), (template, src)
    assert (WEB / "static" / "vendor" / "htmx.min.js").stat().st_size > 10_000
    assert (WEB / "static" / "vendor" / "htmx.LICENSE").exists()
