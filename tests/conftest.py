"""Shared fixtures: every database test runs on SQLite and on PostgreSQL.

PostgreSQL comes from ``CALMDESK_TEST_POSTGRES_URL`` (default: the CI server on
127.0.0.1:5432, database ``test``). Each test run creates its own database there and
drops it afterwards. Under ``CI=true`` a missing server fails the run loudly; elsewhere
the PostgreSQL half of the tests is skipped with a message.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from calmdesk import (
    migrate,
    models,  # noqa: F401 - registers every table
)
from calmdesk.db import Base, Database

# The lexicon path reads tone in well under a millisecond; the model's full path costs
# ~10 ms a message. Tests that are about tone (tests/integration/test_tone.py, the
# analysis unit tests) use the model; the rest need tone only as a by-product.
os.environ.setdefault("CALMDESK_ANALYSIS_MODE", "fast")

POSTGRES_URL = os.environ.get(
    "CALMDESK_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
DIALECTS = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file, copied for each test (cheaper than migrating each time)."""
    path = tmp_path_factory.mktemp("sqlite") / "template.db"
    database = Database(f"sqlite:///{path}", pool_size=1)
    migrate.upgrade(database.engine)
    database.dispose()
    return path


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh, migrated PostgreSQL database for this test run (dropped at the end)."""
    admin_url = make_url(POSTGRES_URL)
    name = f"calmdesk_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as error:
        admin.dispose()
        message = f"PostgreSQL test server not reachable at {POSTGRES_URL}: {error.orig}"
        if IN_CI:
            pytest.fail(f"{message} (CI=true: the PostgreSQL tests must run)", pytrace=False)
        pytest.skip(message + " (set CALMDESK_TEST_POSTGRES_URL to run them)")
    url = admin_url.set(database=name).render_as_string(hide_password=False)
    database = Database(url, pool_size=2)
    migrate.upgrade(database.engine)
    database.dispose()
    try:
        yield url
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _truncate_all(database: Database) -> None:
    tables = ", ".join(f'"{table.name}"' for table in Base.metadata.sorted_tables)
    with database.engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


@pytest.fixture(params=DIALECTS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty, migrated database, once per dialect."""
    if request.param == "sqlite":
        path = tmp_path / "desk.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite:///{path}"
        return
    url: str = request.getfixturevalue("postgres_url")
    try:
        yield url
    finally:
        database = Database(url, pool_size=1)
        _truncate_all(database)
        database.dispose()


@pytest.fixture
def database(db_url: str) -> Iterator[Database]:
    """A Database on the test's empty schema."""
    database = Database(db_url, pool_size=5)
    yield database
    database.dispose()
