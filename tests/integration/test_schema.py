"""The migrations match the models, and the audit log cannot be rewritten."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from calmdesk import migrate
from calmdesk.audit.models import AuditEvent
from calmdesk.db import Base, Database
from calmdesk.kb.search import is_search_index


def _modelled(name: str | None, _type: str, _parents: object) -> bool:
    # The knowledge base's full-text indexes (SQLite's FTS5 table with its shadow tables,
    # PostgreSQL's GIN expression index) are raw DDL in migration 0008, with no model.
    return not is_search_index(name)


def test_migrations_reach_head_and_match_the_models(database: Database) -> None:
    assert migrate.current_revision(database.engine) == migrate.head_revision()
    with database.engine.connect() as connection:
        opts = {"compare_type": True, "include_name": _modelled}
        context = MigrationContext.configure(connection, opts=opts)
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_the_audit_log_is_append_only_in_the_database(database: Database) -> None:
    with database.unit_of_work() as db:
        db.add(AuditEvent(actor_kind="system", action="test", entity_type="x", entity_id=1))
    for statement in ("UPDATE audit_events SET action = 'forged'", "DELETE FROM audit_events"):
        with pytest.raises(DatabaseError, match="append-only"), database.engine.begin() as connection:
            connection.execute(text(statement))
    with database.engine.connect() as connection:
        assert connection.execute(text("SELECT action FROM audit_events")).scalar_one() == "test"
