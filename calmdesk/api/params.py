"""Query parameters shared by list endpoints."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from calmdesk.pagination import MAX_LIMIT

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="items per page")]
Cursor = Annotated[str | None, Query(max_length=500, description="next_cursor from the previous page")]
Text = Annotated[str | None, Query(min_length=1, max_length=200, description="text to search for")]
