"""Knowledge-base articles and their tags."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from calmdesk.db import Base
from calmdesk.model_mixins import Timestamped, Versioned
from calmdesk.staff.models import Staff


class Article(Versioned, Timestamped, Base):
    """One answer to a recurring problem, written in Markdown and found by search."""

    __tablename__ = "kb_articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    body_markdown: Mapped[str] = mapped_column(Text)
    # Derived at every write: the Markdown rendered and cleaned by calmdesk.sanitize, and the
    # plain text the search engines and the embedding read. Never edited directly.
    body_html: Mapped[str] = mapped_column(Text)
    body_text: Mapped[str] = mapped_column(Text)
    # The tags as one space-separated string, so the full-text indexes can weigh them.
    tags_text: Mapped[str] = mapped_column(String(1100), default="")
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"), index=True)
    reviewed_on: Mapped[date | None] = mapped_column(Date)
    is_published: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    # Unit-length float32 MiniLM vector of title + text, stored when the encoder ran at write time.
    embedding: Mapped[bytes | None] = mapped_column(LargeBinary)
    embedding_model: Mapped[str | None] = mapped_column(String(80))

    owner: Mapped[Staff | None] = relationship(lazy="joined")
    tags: Mapped[list[ArticleTag]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="ArticleTag.name"
    )

    @property
    def tag_names(self) -> list[str]:
        """The article's tags as plain slugs."""
        return [tag.name for tag in self.tags]

    @property
    def has_embedding(self) -> bool:
        """True when the article's semantic vector was stored at write time."""
        return self.embedding is not None


class ArticleTag(Base):
    """A label on an article (a product, a procedure or a skill slug)."""

    __tablename__ = "kb_article_tags"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("kb_articles.id", ondelete="CASCADE"), primary_key=True
    )
    name: Mapped[str] = mapped_column(String(50), primary_key=True, index=True)
