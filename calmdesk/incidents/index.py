"""An in-memory matrix of recent tickets' vectors, searched with one matrix product (pure: no I/O).

The service keeps one index per database and model and tops it up with the vectors
stored since it last looked, so placing a new ticket costs a product over the cached
matrix, not a read of every open ticket.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import numpy as np
import numpy.typing as npt

from calmdesk.incidents import textvec

FloatArray = npt.NDArray[np.float32]
_GROWTH = 1.5


@dataclass(frozen=True)
class Hit:
    """A stored ticket whose vector is close to the one searched for."""

    ticket_id: int
    customer_id: int
    score: float


class VectorIndex:
    """Recent tickets' vectors for one model, in arrival order."""

    def __init__(self, *, model: str, dim: int) -> None:
        self.model = model
        self.dim = dim
        # Hashed-term vectors need IDF weights from the whole index; embeddings are unit length.
        self.weighted = model == textvec.TFIDF_MODEL
        self.last_seq = 0
        self._size = 0
        self._matrix = np.zeros((0, dim), dtype=np.float32)
        self._ticket_ids = np.zeros(0, dtype=np.int64)
        self._customer_ids = np.zeros(0, dtype=np.int64)
        self._opened = np.zeros(0, dtype=np.float64)
        self._document_frequency = np.zeros(dim, dtype=np.float32)
        # IDF weights and weighted row norms, recomputed only when rows come or go.
        self._weighting: tuple[FloatArray, FloatArray] | None = None

    def __len__(self) -> int:
        return self._size

    def _reserve(self, extra: int) -> None:
        needed = self._size + extra
        if needed <= self._matrix.shape[0]:
            return
        capacity = max(needed, int(self._matrix.shape[0] * _GROWTH), 64)
        matrix = np.zeros((capacity, self.dim), dtype=np.float32)
        matrix[: self._size] = self._matrix[: self._size]
        self._matrix = matrix
        self._ticket_ids = np.resize(self._ticket_ids, capacity)
        self._customer_ids = np.resize(self._customer_ids, capacity)
        self._opened = np.resize(self._opened, capacity)

    def add(
        self,
        *,
        seq: int,
        ticket_ids: npt.ArrayLike,
        customer_ids: npt.ArrayLike,
        opened_at: npt.ArrayLike,
        vectors: FloatArray,
    ) -> None:
        """Appends rows (``opened_at`` as POSIX seconds); ``seq`` is the newest stored row's sequence."""
        count = int(vectors.shape[0])
        self._reserve(count)
        end = self._size + count
        self._matrix[self._size : end] = vectors
        self._ticket_ids[self._size : end] = np.asarray(ticket_ids, dtype=np.int64)
        self._customer_ids[self._size : end] = np.asarray(customer_ids, dtype=np.int64)
        self._opened[self._size : end] = np.asarray(opened_at, dtype=np.float64)
        if self.weighted:
            self._document_frequency += (vectors > 0).sum(axis=0, dtype=np.float32)
        self._size = end
        self._weighting = None
        self.last_seq = max(self.last_seq, seq)

    def evict_before(self, cutoff: datetime) -> int:
        """Drops the rows opened before ``cutoff``; returns how many went."""
        keep = self._opened[: self._size] >= cutoff.timestamp()
        dropped = int(self._size - keep.sum())
        if dropped:
            self._matrix = np.ascontiguousarray(self._matrix[: self._size][keep])
            self._ticket_ids = self._ticket_ids[: self._size][keep]
            self._customer_ids = self._customer_ids[: self._size][keep]
            self._opened = self._opened[: self._size][keep]
            self._size = int(keep.sum())
            self._weighting = None
            if self.weighted:
                self._document_frequency = (self._matrix > 0).sum(axis=0, dtype=np.float32)
        return dropped

    def _weights(self) -> tuple[FloatArray, FloatArray]:
        if self._weighting is None:
            weights = textvec.idf(self._document_frequency, self._size)
            matrix = self._matrix[: self._size]
            norms = np.sqrt(np.maximum((matrix * matrix) @ (weights * weights), 1e-12))
            self._weighting = (weights, norms.astype(np.float32))
        return self._weighting

    def scores(self, vector: FloatArray) -> FloatArray:
        """Cosine similarity of ``vector`` with every row."""
        matrix = self._matrix[: self._size]
        if not self.weighted:
            return np.asarray(matrix @ vector, dtype=np.float32)
        weights, norms = self._weights()
        weighted = vector * weights
        length = float(np.linalg.norm(weighted))
        if length == 0.0 or self._size == 0:
            return np.zeros(self._size, dtype=np.float32)
        return np.asarray((matrix @ (weighted * weights)) / (norms * length), dtype=np.float32)

    def scores_against(self, vector: FloatArray, matrix: FloatArray) -> FloatArray:
        """Cosine similarity of ``vector`` with the rows of ``matrix``, weighted as this index weighs."""
        if not self.weighted:
            return np.asarray(matrix @ vector, dtype=np.float32)
        frequency = self._document_frequency + (vector > 0)
        weights = textvec.idf(frequency, self._size + 1)
        return textvec.cosine_scores(vector, matrix, weights)

    def search(
        self,
        vector: FloatArray,
        *,
        threshold: float,
        limit: int,
        since: datetime,
        exclude_customer: int | None = None,
    ) -> list[Hit]:
        """The closest rows at or above ``threshold`` opened since ``since``, best first."""
        hits, _ = self.search_with_background(
            vector,
            threshold=threshold,
            limit=limit,
            since=since,
            background_since=since,
            exclude_customer=exclude_customer,
        )
        return hits

    def search_with_background(
        self,
        vector: FloatArray,
        *,
        threshold: float,
        limit: int,
        since: datetime,
        background_since: datetime,
        exclude_customer: int | None = None,
    ) -> tuple[list[Hit], int]:
        """Close rows opened since ``since`` (best first), and how many opened in the time before it.

        The second number is the background: how often tickets like this one arrive anyway.
        """
        if self._size == 0:
            return [], 0
        scores = self.scores(vector)
        opened = self._opened[: self._size]
        close = scores >= threshold
        if exclude_customer is not None:
            close &= self._customer_ids[: self._size] != exclude_customer
        recent = opened >= since.timestamp()
        background = int((close & ~recent & (opened >= background_since.timestamp())).sum())
        rows = np.flatnonzero(close & recent)
        if rows.size > limit:
            rows = rows[np.argpartition(-scores[rows], limit - 1)[:limit]]
        rows = rows[np.argsort(-scores[rows], kind="stable")]
        hits = [
            Hit(int(self._ticket_ids[row]), int(self._customer_ids[row]), float(scores[row])) for row in rows
        ]
        return hits, background
