"""The cached vector index, hashed TF-IDF and vector storage."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np

from calmdesk.incidents import textvec, vectors
from calmdesk.incidents.index import VectorIndex

NOW = datetime(2026, 11, 24, 12, tzinfo=UTC)


def _unit(rng: np.random.Generator, n: int, dim: int = 8) -> np.ndarray:
    data = rng.standard_normal((n, dim)).astype(np.float32)
    unit: np.ndarray = data / np.linalg.norm(data, axis=1, keepdims=True)
    return unit


def test_search_finds_close_rows_in_the_window_from_other_customers() -> None:
    rng = np.random.default_rng(3)
    data = _unit(rng, 5)
    index = VectorIndex(model="minilm:x", dim=8)
    opened = [(NOW - timedelta(hours=h)).timestamp() for h in (1, 2, 3, 30, 1)]
    index.add(
        seq=5, ticket_ids=[1, 2, 3, 4, 5], customer_ids=[10, 11, 12, 13, 99], opened_at=opened, vectors=data
    )
    query = data[0]
    hits = index.search(query, threshold=0.99, limit=10, since=NOW - timedelta(hours=6), exclude_customer=99)
    assert [hit.ticket_id for hit in hits] == [1]
    # Ticket 4 is as close but older than the window; ticket 5 is the same customer.
    index.add(seq=6, ticket_ids=[6], customer_ids=[14], opened_at=[NOW.timestamp()], vectors=data[:1])
    hits = index.search(query, threshold=0.99, limit=10, since=NOW - timedelta(hours=6), exclude_customer=99)
    assert sorted(hit.ticket_id for hit in hits) == [1, 6]
    assert index.last_seq == 6


def test_search_keeps_the_best_when_more_match_than_the_limit() -> None:
    rng = np.random.default_rng(4)
    base = _unit(rng, 1)[0]
    noise = rng.standard_normal((20, 8)).astype(np.float32) * np.linspace(0.01, 0.2, 20)[:, None]
    data = base + noise
    data /= np.linalg.norm(data, axis=1, keepdims=True)
    index = VectorIndex(model="minilm:x", dim=8)
    index.add(
        seq=20,
        ticket_ids=range(1, 21),
        customer_ids=range(1, 21),
        opened_at=[NOW.timestamp()] * 20,
        vectors=data,
    )
    hits = index.search(base, threshold=0.0, limit=3, since=NOW - timedelta(hours=1))
    expected = [int(i) + 1 for i in np.argsort(-(data @ base))[:3]]
    assert [hit.ticket_id for hit in hits] == expected
    assert hits[0].score >= hits[1].score >= hits[2].score


def test_eviction_drops_old_rows() -> None:
    rng = np.random.default_rng(5)
    index = VectorIndex(model="minilm:x", dim=8)
    opened = [(NOW - timedelta(hours=h)).timestamp() for h in (10, 1)]
    index.add(seq=2, ticket_ids=[1, 2], customer_ids=[1, 2], opened_at=opened, vectors=_unit(rng, 2))
    assert index.evict_before(NOW - timedelta(hours=5)) == 1
    assert len(index) == 1


def test_tfidf_ranks_the_shared_rare_words_above_the_common_ones() -> None:
    texts = [
        "checkout error 502 when paying by card",
        "my order arrived damaged",
        "my order arrived late",
        "my order is missing a part",
    ]
    matrix = np.stack([textvec.term_vector(t) for t in texts])
    index = VectorIndex(model=textvec.TFIDF_MODEL, dim=textvec.HASH_DIM)
    index.add(
        seq=4,
        ticket_ids=[1, 2, 3, 4],
        customer_ids=[1, 2, 3, 4],
        opened_at=[NOW.timestamp()] * 4,
        vectors=matrix,
    )
    scores = index.scores(textvec.term_vector("card payment fails at checkout with error 502 for my order"))
    assert int(np.argmax(scores)) == 0
    assert textvec.terms("The boxes were crushed, I'm paying") == ["box", "crush", "pay"]


def test_vectors_survive_storage() -> None:
    vector = textvec.term_vector("checkout error 502 when paying by card")
    restored = vectors.from_blob(
        textvec.TFIDF_MODEL, vectors.to_blob(textvec.TFIDF_MODEL, vector), textvec.HASH_DIM
    )
    assert np.allclose(restored, vector, atol=1e-3)
    dense = _unit(np.random.default_rng(6), 1, 384)[0]
    back = vectors.from_blob("minilm:x", vectors.to_blob("minilm:x", dense), 384)
    assert float(back @ dense) > 0.999
    assert vectors.for_mode("fast") is vectors.TFIDF and vectors.for_mode("off") is vectors.TFIDF


def test_the_background_counts_close_rows_before_the_window_only() -> None:
    rng = np.random.default_rng(7)
    base = _unit(rng, 1)[0]
    far = -base
    rows = np.stack([base, base, base, far, base])
    hours = (1, 20, 50, 20, 200)
    index = VectorIndex(model="minilm:x", dim=8)
    opened = [(NOW - timedelta(hours=h)).timestamp() for h in hours]
    index.add(seq=5, ticket_ids=[1, 2, 3, 4, 5], customer_ids=[1, 2, 3, 4, 5], opened_at=opened, vectors=rows)
    hits, background = index.search_with_background(
        base,
        threshold=0.9,
        limit=10,
        since=NOW - timedelta(hours=6),
        background_since=NOW - timedelta(hours=96),
    )
    assert [hit.ticket_id for hit in hits] == [1]
    assert background == 2  # tickets 2 and 3; 4 is unlike it, 5 is older than the background
