"""knowledge base: articles, tags, and their full-text indexes

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-24 00:10:00

SQLite gets an FTS5 table over the articles (external content, kept in sync by
triggers, so every write path updates it); PostgreSQL a GIN index over the weighted
tsvector expression the search query repeats word for word. Neither is in the models:
tests/integration/test_schema.py leaves them out of its comparison.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import calmdesk.db

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQLITE_UP = (
    "CREATE VIRTUAL TABLE kb_articles_fts USING fts5(title, tags_text, body_text, content='kb_articles', "
    "content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')",
    """CREATE TRIGGER kb_articles_fts_insert AFTER INSERT ON kb_articles BEGIN
        INSERT INTO kb_articles_fts(rowid, title, tags_text, body_text)
        VALUES (new.id, new.title, new.tags_text, new.body_text);
    END""",
    """CREATE TRIGGER kb_articles_fts_delete AFTER DELETE ON kb_articles BEGIN
        INSERT INTO kb_articles_fts(kb_articles_fts, rowid, title, tags_text, body_text)
        VALUES ('delete', old.id, old.title, old.tags_text, old.body_text);
    END""",
    """CREATE TRIGGER kb_articles_fts_update AFTER UPDATE OF title, tags_text, body_text ON kb_articles
    BEGIN
        INSERT INTO kb_articles_fts(kb_articles_fts, rowid, title, tags_text, body_text)
        VALUES ('delete', old.id, old.title, old.tags_text, old.body_text);
        INSERT INTO kb_articles_fts(rowid, title, tags_text, body_text)
        VALUES (new.id, new.title, new.tags_text, new.body_text);
    END""",
)
SQLITE_DOWN = (
    "DROP TRIGGER IF EXISTS kb_articles_fts_update",
    "DROP TRIGGER IF EXISTS kb_articles_fts_delete",
    "DROP TRIGGER IF EXISTS kb_articles_fts_insert",
    "DROP TABLE IF EXISTS kb_articles_fts",
)
# Must match calmdesk.kb.search_postgres.DOCUMENT exactly, or PostgreSQL will not use the index.
POSTGRES_UP = (
    "CREATE INDEX ix_kb_articles_search ON kb_articles USING gin (("
    "setweight(to_tsvector('english'::regconfig, title), 'A') || "
    "setweight(to_tsvector('english'::regconfig, tags_text), 'B') || "
    "setweight(to_tsvector('english'::regconfig, body_text), 'C')))",
)
POSTGRES_DOWN = ("DROP INDEX IF EXISTS ix_kb_articles_search",)


def upgrade() -> None:
    op.create_table(
        "kb_articles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("body_markdown", sa.Text(), nullable=False),
        sa.Column("body_html", sa.Text(), nullable=False),
        sa.Column("body_text", sa.Text(), nullable=False),
        sa.Column("tags_text", sa.String(length=1100), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("reviewed_on", sa.Date(), nullable=True),
        sa.Column("is_published", sa.Boolean(), nullable=False),
        sa.Column("embedding", sa.LargeBinary(), nullable=True),
        sa.Column("embedding_model", sa.String(length=80), nullable=True),
        sa.Column("created_at", calmdesk.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", calmdesk.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["staff.id"], name=op.f("fk_kb_articles_owner_id_staff"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kb_articles")),
    )
    with op.batch_alter_table("kb_articles", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_kb_articles_is_published"), ["is_published"], unique=False)
        batch_op.create_index(batch_op.f("ix_kb_articles_owner_id"), ["owner_id"], unique=False)
    op.create_table(
        "kb_article_tags",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["kb_articles.id"],
            name=op.f("fk_kb_article_tags_article_id_kb_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_id", "name", name=op.f("pk_kb_article_tags")),
    )
    with op.batch_alter_table("kb_article_tags", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_kb_article_tags_name"), ["name"], unique=False)
    dialect = op.get_bind().dialect.name
    for statement in SQLITE_UP if dialect == "sqlite" else POSTGRES_UP:
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for statement in SQLITE_DOWN if dialect == "sqlite" else POSTGRES_DOWN:
        op.execute(statement)
    with op.batch_alter_table("kb_article_tags", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_kb_article_tags_name"))
    op.drop_table("kb_article_tags")
    with op.batch_alter_table("kb_articles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_kb_articles_owner_id"))
        batch_op.drop_index(batch_op.f("ix_kb_articles_is_published"))
    op.drop_table("kb_articles")
