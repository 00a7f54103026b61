"""Keyset pagination with opaque cursors: stable under inserts, cheap at any depth."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Integer, Select, literal, tuple_
from sqlalchemy.orm import QueryableAttribute

from calmdesk.errors import InvalidRequest

MAX_LIMIT = 200

RowT = TypeVar("RowT")
SqlExpression = ColumnElement[Any] | QueryableAttribute[Any]


@dataclass(frozen=True)
class SortKey:
    """A column (or expression) to sort by, and its direction."""

    name: str
    expression: SqlExpression
    descending: bool
    is_datetime: bool = False


def encode_cursor(sort_name: str, values: Sequence[Any]) -> str:
    """Packs the last row's sort values into an opaque cursor."""
    plain = [v.isoformat() if isinstance(v, datetime) else v for v in values]
    raw = json.dumps([sort_name, plain], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, sort: SortKey) -> tuple[Any, int]:
    """Unpacks a cursor made for ``sort``; a forged or stale cursor is a clear 422."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        sort_name, (value, row_id) = json.loads(raw)
        if sort_name != sort.name or not isinstance(row_id, int):
            raise ValueError(sort_name)
        if sort.is_datetime:
            value = datetime.fromisoformat(value)
    except (ValueError, TypeError, json.JSONDecodeError) as error:
        raise InvalidRequest(
            "invalid_cursor", "the cursor is not valid for this list and sort order; start again"
        ) from error
    return value, row_id


def paginate(
    query: Select[tuple[RowT]],
    *,
    sort: SortKey,
    id_column: SqlExpression,
    cursor: str | None,
    limit: int,
) -> Select[tuple[RowT]]:
    """Orders ``query`` by the sort key then id, starting after the cursor, one extra row."""
    if cursor is not None:
        value, row_id = decode_cursor(cursor, sort)
        pair = tuple_(sort.expression, id_column)
        # Typed literals, so the value is bound exactly as the column stores it.
        after = tuple_(literal(value, sort.expression.type), literal(row_id, Integer()))
        query = query.where(pair < after if sort.descending else pair > after)
    if sort.descending:
        query = query.order_by(sort.expression.desc(), id_column.desc())
    else:
        query = query.order_by(sort.expression.asc(), id_column.asc())
    return query.limit(limit + 1)


def split_page(
    rows: Sequence[RowT], *, limit: int, sort: SortKey, key_of: Callable[[RowT], Sequence[Any]]
) -> tuple[list[RowT], str | None]:
    """Cuts the extra row off and builds the cursor to the next page."""
    items = list(rows[:limit])
    if len(rows) <= limit:
        return items, None
    last = items[-1]
    return items, encode_cursor(sort.name, key_of(last))
