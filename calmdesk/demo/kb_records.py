"""The shape of a demo knowledge-base article (plain data, fixed at import)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoArticle:
    """One article: a stable key (used by the search benchmark), title, tags, owner key, Markdown."""

    key: str
    title: str
    tags: tuple[str, ...]
    owner_key: str
    body: str
