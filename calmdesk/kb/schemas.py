"""Knowledge-base requests and responses."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import Field

from calmdesk.schemas import InputModel, OutputModel
from calmdesk.staff.schemas import StaffRef
from calmdesk.validators import Slug

Title = str
BODY_MAX = 100_000


class ArticleCreate(InputModel):
    """A new article; its owner defaults to the author."""

    title: Title = Field(min_length=3, max_length=200)
    body: str = Field(min_length=1, max_length=BODY_MAX, description="Markdown")
    tags: list[Slug] = Field(default_factory=list, max_length=20)
    owner_id: int | None = None
    reviewed_on: date | None = None
    is_published: bool = False


class ArticleUpdate(InputModel):
    """Fields to change on an article; omitted fields stay, ``tags`` replaces the list."""

    title: Title | None = Field(default=None, min_length=3, max_length=200)
    body: str | None = Field(default=None, min_length=1, max_length=BODY_MAX)
    tags: list[Slug] | None = Field(default=None, max_length=20)
    owner_id: int | None = None
    reviewed_on: date | None = None
    is_published: bool | None = None


class ArticleSummary(OutputModel):
    """An article in a list: enough to choose it."""

    id: int
    title: str
    tags: list[str] = Field(validation_alias="tag_names")
    is_published: bool
    reviewed_on: date | None
    updated_at: datetime
    version: int


class ArticleRead(ArticleSummary):
    """An article in full: the Markdown source and its safe HTML rendering."""

    body: str = Field(validation_alias="body_markdown")
    body_html: str
    owner: StaffRef | None
    created_at: datetime
    has_embedding: bool = False


class ArticleHit(OutputModel):
    """A search result: the article, its score, and where each ranking placed it."""

    article: ArticleSummary
    score: float
    keyword_rank: int | None
    semantic_rank: int | None
    url: str


class SearchResult(OutputModel):
    """Ranked articles and the method that ranked them (``auto`` resolved)."""

    method: str
    items: list[ArticleHit]


class Expert(OutputModel):
    """A staff member likely to know the answer, and why calmdesk thinks so."""

    staff: StaffRef
    score: float
    skills: list[str]
    solved: list[str] = Field(description="references of similar tickets they resolved")


class TicketSuggestions(OutputModel):
    """What may solve a ticket: articles and subject-matter experts."""

    ticket: str
    method: str
    articles: list[ArticleHit]
    experts: list[Expert]
