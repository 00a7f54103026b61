"""Each process's cached matrix of recent ticket vectors, topped up from the database.

The cache is keyed by the database's connection pool (one per ``Database``), so two
desks in one process (as in the tests) never share rows, and it is dropped with it.
"""

from __future__ import annotations

import threading
import weakref
from datetime import datetime, timedelta

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from calmdesk.incidents.index import VectorIndex
from calmdesk.incidents.models import TicketVector
from calmdesk.incidents.vectors import from_blob

_lock = threading.Lock()
_indexes: weakref.WeakKeyDictionary[object, dict[str, VectorIndex]] = weakref.WeakKeyDictionary()
LOAD_BATCH = 5000


def _index_for(db: Session, model: str, dim: int) -> VectorIndex:
    pool = db.get_bind().pool  # type: ignore[union-attr]
    with _lock:
        by_model = _indexes.setdefault(pool, {})
        index = by_model.get(model)
        if index is None or index.dim != dim:
            index = by_model[model] = VectorIndex(model=model, dim=dim)
        return index


def recent(db: Session, *, model: str, dim: int, now: datetime, window: timedelta) -> VectorIndex:
    """The index of vectors of ``model`` opened within ``window`` before ``now``, brought up to date."""
    index = _index_for(db, model, dim)
    since = now - window
    with _lock:
        while True:
            rows = db.execute(
                select(
                    TicketVector.id,
                    TicketVector.ticket_id,
                    TicketVector.customer_id,
                    TicketVector.opened_at,
                    TicketVector.vector,
                )
                .where(
                    TicketVector.model == model,
                    TicketVector.id > index.last_seq,
                    TicketVector.opened_at >= since,
                )
                .order_by(TicketVector.id)
                .limit(LOAD_BATCH)
            ).all()
            if not rows:
                break
            vectors = [from_blob(model, row.vector, dim) for row in rows]
            index.add(
                seq=rows[-1].id,
                ticket_ids=[row.ticket_id for row in rows],
                customer_ids=[row.customer_id for row in rows],
                opened_at=[row.opened_at.timestamp() for row in rows],
                vectors=np.stack(vectors),
            )
            if len(rows) < LOAD_BATCH:
                break
        index.evict_before(since)
    return index


def clear() -> None:
    """Forgets every cached index (tests that rewrite history use it)."""
    with _lock:
        _indexes.clear()
