"""Inserting many rows at once, skipping those whose unique key is taken, on both databases.

The outbox and the SLA events are written a thousand rows at a time by the sweep, and
both rely on ``ON CONFLICT DO NOTHING`` against their unique keys. On PostgreSQL the
rows travel as one array per column through ``unnest`` (one short statement, prepared
once); a multi-row VALUES list of thousands of placeholders costs more to build and
parse than to execute. On SQLite a batched executemany is already cheap.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import JSON, Table, bindparam, func, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Row
from sqlalchemy.orm import Session


def insert_skipping_duplicates(
    db: Session,
    table: Table,
    rows: Sequence[dict[str, Any]],
    *,
    conflict: Sequence[str],
    returning: Sequence[str],
) -> list[Row[Any]]:
    """Inserts ``rows`` into ``table``; rows clashing on ``conflict`` are skipped.

    Returns the ``returning`` columns of the rows actually inserted.
    """
    if not rows:
        return []
    columns = list(rows[0])
    if db.get_bind().dialect.name != "postgresql":
        insert = sqlite.insert(table).on_conflict_do_nothing(index_elements=list(conflict))
        statement = insert.returning(*(table.c[name] for name in returning))
        return list(db.execute(statement, list(rows)).all())
    return _unnest_insert(db, table, rows, columns=columns, conflict=conflict, returning=returning)


def _unnest_insert(
    db: Session,
    table: Table,
    rows: Sequence[dict[str, Any]],
    *,
    columns: list[str],
    conflict: Sequence[str],
    returning: Sequence[str],
) -> list[Row[Any]]:
    # Column arrays go over in binary (%b): text arrays of JSON in the text
    # format would be escaped character by character, which costs more than the insert.
    dialect = postgresql.dialect()  # type: ignore[no-untyped-call]
    arrays: dict[str, list[Any]] = {}
    casts, selected = [], []
    for name in columns:
        column = table.c[name]
        values = [row[name] for row in rows]
        if isinstance(column.type, JSON):
            arrays[name] = _dumped(values)
            casts.append(f"CAST(%({name})b AS TEXT[])")
            selected.append(f"CAST(u.{name} AS JSON)")
        else:
            arrays[name] = values
            casts.append(f"CAST(%({name})b AS {column.type.compile(dialect=dialect)}[])")
            selected.append(f"u.{name}")
    query = (
        f"INSERT INTO {table.name} ({', '.join(columns)}) "  # noqa: S608 - names come from the table's metadata
        f"SELECT {', '.join(selected)} FROM unnest({', '.join(casts)}) AS u({', '.join(columns)}) "
        f"ON CONFLICT ({', '.join(conflict)}) DO NOTHING RETURNING {', '.join(returning)}"
    )
    driver = db.connection().connection.driver_connection
    with driver.cursor() as cursor:  # type: ignore[union-attr]
        cursor.execute(query, arrays)
        return list(cursor.fetchall())


def _dumped(values: list[Any]) -> list[str | None]:
    """JSON texts of ``values``; one notification's channels share a payload, dumped once."""
    texts: dict[int, str] = {}
    dumped: list[str | None] = []
    for value in values:
        if value is None:
            dumped.append(None)
            continue
        text = texts.get(id(value))
        if text is None:
            text = texts[id(value)] = json.dumps(value)
        dumped.append(text)
    return dumped


def update_by_keys(
    db: Session,
    table: Table,
    rows: Sequence[dict[str, Any]],
    *,
    keys: Sequence[str],
    keep_existing: Sequence[str] = (),
) -> None:
    """Updates many rows of ``table``, each found by its ``keys`` values, in one statement.

    Columns named in ``keep_existing`` are only filled where they are still NULL.
    """
    if not rows:
        return
    columns = list(rows[0])
    targets = [name for name in columns if name not in keys]
    if db.get_bind().dialect.name != "postgresql":
        assignments = {
            name: func.coalesce(table.c[name], bindparam(f"new_{name}", type_=table.c[name].type))
            if name in keep_existing
            else bindparam(f"new_{name}", type_=table.c[name].type)
            for name in targets
        }
        statement = (
            update(table)
            .where(*(table.c[key] == bindparam(f"key_{key}", type_=table.c[key].type) for key in keys))
            .values(assignments)
        )
        params = [
            {**{f"key_{k}": row[k] for k in keys}, **{f"new_{n}": row[n] for n in targets}} for row in rows
        ]
        db.connection().execute(statement, params)
        return
    dialect = postgresql.dialect()  # type: ignore[no-untyped-call]
    casts = [f"CAST(%({name})b AS {table.c[name].type.compile(dialect=dialect)}[])" for name in columns]
    sets = ", ".join(
        f"{name} = COALESCE(t.{name}, u.{name})" if name in keep_existing else f"{name} = u.{name}"
        for name in targets
    )
    matches = " AND ".join(f"t.{key} = u.{key}" for key in keys)
    query = (
        f"UPDATE {table.name} AS t SET {sets} "  # noqa: S608 - names come from the table's metadata
        f"FROM unnest({', '.join(casts)}) AS u({', '.join(columns)}) WHERE {matches}"
    )
    driver = db.connection().connection.driver_connection
    with driver.cursor() as cursor:  # type: ignore[union-attr]
        cursor.execute(query, {name: [row[name] for row in rows] for name in columns})
