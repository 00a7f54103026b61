"""Settings validation."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from calmdesk.config import Settings


def test_postgres_urls_are_pointed_at_psycopg3() -> None:
    assert Settings(database_url="postgresql://u@h/db").database_url == "postgresql+psycopg://u@h/db"
    assert Settings(database_url="postgres://u@h/db").database_url == "postgresql+psycopg://u@h/db"


def test_the_default_secret_is_refused_in_production() -> None:
    with pytest.raises(ValidationError, match="CALMDESK_SECRET_KEY"):
        Settings(environment="production")
    assert Settings(environment="production", secret_key="x" * 40).environment == "production"


def test_database_url_is_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://team@db/calmdesk")
    assert Settings().database_url == "postgresql+psycopg://team@db/calmdesk"
    monkeypatch.setenv("CALMDESK_DATABASE_URL", "sqlite:///x.db")
    assert Settings().database_url == "sqlite:///x.db"
