"""Incident detection: precision and recall of the proposals, and the time to place a ticket.

    PYTHONPATH=. .venv/bin/python bench/incidents.py              # both vector models, 100k placement
    PYTHONPATH=. .venv/bin/python bench/incidents.py --model tfidf --open 20000

Quality: a generated week of ~300 tickets (``bench/incident_corpus.py``: eight real
incidents told in many customers' words, and one-off problems, several of which sound
like an incident) is fed, in arrival order, through the same index and placement rules
the worker uses. A proposal is correct when most of its tickets belong to one real
incident that no earlier proposal already found. Incident recall: real incidents found;
ticket precision/recall: tickets linked to the right proposal.

Speed: the time to place one new ticket against N open tickets held in the cached
matrix (synthetic unit vectors; the placement is a matrix product and a top-k), and, for
scale, the time to embed the ticket's text with MiniLM.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.incident_corpus import CorpusTicket, generate  # noqa: E402
from calmdesk.config import Settings  # noqa: E402
from calmdesk.incidents import clustering, textvec, vectors  # noqa: E402
from calmdesk.incidents.clustering import Action, IncidentStatus, Neighbour  # noqa: E402
from calmdesk.incidents.index import VectorIndex  # noqa: E402

WEEK_START = datetime(2026, 11, 16, tzinfo=UTC)


def _at(ticket: CorpusTicket) -> datetime:
    return WEEK_START + timedelta(hours=ticket.hours)


def simulate(
    corpus: list[CorpusTicket],
    matrix: np.ndarray,
    *,
    model: str,
    threshold: float,
    window_hours: float,
    background_hours: float,
) -> dict[int, list[int]]:
    """Runs detection over the corpus in arrival order; returns each proposal's tickets."""
    index = VectorIndex(model=model, dim=matrix.shape[1])
    incident_of: dict[int, int] = {}
    proposals: dict[int, list[int]] = {}
    window = timedelta(hours=window_hours)
    for ticket, vector in zip(corpus, matrix, strict=True):
        hits, older = index.search_with_background(
            vector,
            threshold=threshold,
            limit=50,
            since=_at(ticket) - window,
            background_since=_at(ticket) - timedelta(hours=background_hours),
            exclude_customer=ticket.customer,
        )
        expected = clustering.expected_in_window(
            older, window_hours=window_hours, background_hours=background_hours
        )
        neighbours = [
            Neighbour(
                hit.ticket_id,
                hit.customer_id,
                hit.score,
                incident_of.get(hit.ticket_id),
                IncidentStatus.PROPOSED if hit.ticket_id in incident_of else None,
            )
            for hit in hits
        ]
        placement = clustering.place(customer_id=ticket.customer, neighbours=neighbours, expected=expected)
        if placement.action is Action.PROPOSE:
            number = len(proposals) + 1
            proposals[number] = [ticket.id, *placement.ticket_ids]
            for member in proposals[number]:
                incident_of[member] = number
        elif placement.action is Action.JOIN and placement.incident_id is not None:
            proposals[placement.incident_id].append(ticket.id)
            incident_of[ticket.id] = placement.incident_id
        index.add(
            seq=ticket.id,
            ticket_ids=[ticket.id],
            customer_ids=[ticket.customer],
            opened_at=[_at(ticket).timestamp()],
            vectors=vector[None, :],
        )
    return proposals


def score(corpus: list[CorpusTicket], proposals: dict[int, list[int]]) -> dict[str, float]:
    """Incident- and ticket-level precision and recall of the proposals."""
    truth = {t.id: t.truth for t in corpus}
    real = Counter(t.truth for t in corpus if t.truth)
    found: set[str] = set()
    correct = linked_right = linked = 0
    recalled: Counter[str] = Counter()
    for members in proposals.values():
        label, votes = Counter(truth[m] for m in members).most_common(1)[0]
        linked += len(members)
        if label is not None and votes * 2 > len(members) and label not in found:
            found.add(label)
            correct += 1
            linked_right += votes
            recalled[label] += votes
    total = len(proposals)
    return {
        "proposals": total,
        "incident_precision": correct / total if total else 1.0,
        "incident_recall": len(found) / len(real),
        "ticket_precision": linked_right / linked if linked else 1.0,
        "ticket_recall": sum(recalled.values()) / sum(real.values()),
    }


def quality(model_name: str, window_hours: float, background_hours: float, seed: int) -> None:
    """Prints a threshold sweep for one vector model; the shipped threshold is marked."""
    corpus = generate(seed)
    vectoriser = vectors.TFIDF if model_name == "tfidf" else vectors.for_mode("full")
    if model_name != "tfidf" and vectoriser.model == textvec.TFIDF_MODEL:
        print("MiniLM is not installed here; skipping its quality run")
        return
    started = time.perf_counter()
    matrix = vectoriser.encode([f"{t.subject}\n{t.body}" for t in corpus])
    encode_ms = (time.perf_counter() - started) * 1000 / len(corpus)
    shipped = clustering.threshold_for(vectoriser.model)
    incidents = len({t.truth for t in corpus if t.truth})
    print(
        f"\n{vectoriser.model}: {len(corpus)} tickets, {incidents} real incidents "
        f"({sum(1 for t in corpus if t.truth)} tickets), window {window_hours:g} h, "
        f"background {background_hours:g} h, "
        f"{encode_ms:.1f} ms/ticket to vectorise"
    )
    print(
        "| threshold | proposals | incident precision | incident recall | ticket precision | ticket recall |"
    )
    print("| --- | --- | --- | --- | --- | --- |")
    for threshold in sorted({round(shipped + step, 2) for step in (-0.1, -0.05, 0.0, 0.05, 0.1)}):
        proposals = simulate(
            corpus,
            matrix,
            model=vectoriser.model,
            threshold=threshold,
            window_hours=window_hours,
            background_hours=background_hours,
        )
        s = score(corpus, proposals)
        mark = " (shipped)" if abs(threshold - shipped) < 1e-9 else ""
        print(
            f"| {threshold:.2f}{mark} | {s['proposals']:.0f} | {s['incident_precision']:.2f} | "
            f"{s['incident_recall']:.2f} | {s['ticket_precision']:.2f} | {s['ticket_recall']:.2f} |"
        )


def placement_speed(open_tickets: int, dim: int, model: str, repeats: int = 200) -> None:
    """Prints the median and p95 time to place one ticket against ``open_tickets`` cached vectors."""
    rng = np.random.default_rng(1)
    if model == textvec.TFIDF_MODEL:
        # Sparse hashed counts: ~40 of 4096 slots per ticket.
        data = np.zeros((open_tickets, dim), dtype=np.float32)
        for row in range(open_tickets):
            data[row, rng.integers(0, dim, 40)] = 1.0
        queries = data[rng.integers(0, open_tickets, repeats)].copy()
    else:
        data = rng.standard_normal((open_tickets, dim), dtype=np.float32)
        data /= np.linalg.norm(data, axis=1, keepdims=True)
        queries = data[rng.integers(0, open_tickets, repeats)] + 0.3 * rng.standard_normal((repeats, dim))
        queries = (queries / np.linalg.norm(queries, axis=1, keepdims=True)).astype(np.float32)
    now = datetime(2026, 11, 24, tzinfo=UTC)
    opened = now.timestamp() - rng.random(open_tickets) * 96 * 3600
    index = VectorIndex(model=model, dim=dim)
    index.add(
        seq=open_tickets,
        ticket_ids=np.arange(1, open_tickets + 1),
        customer_ids=np.arange(1, open_tickets + 1),
        opened_at=opened,
        vectors=data,
    )
    threshold = clustering.threshold_for(model)
    timings = []
    for query in queries:
        started = time.perf_counter()
        hits, older = index.search_with_background(
            query,
            threshold=threshold,
            limit=50,
            since=now - timedelta(hours=6),
            background_since=now - timedelta(hours=96),
            exclude_customer=0,
        )
        neighbours = [Neighbour(h.ticket_id, h.customer_id, h.score) for h in hits]
        expected = clustering.expected_in_window(older, window_hours=6, background_hours=96)
        clustering.place(customer_id=0, neighbours=neighbours, expected=expected)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(
        f"place one ticket against {open_tickets:,} open tickets ({model}, {dim} dims): "
        f"median {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms ({repeats} placements)"
    )


def embed_speed(repeats: int = 50) -> None:
    """Prints the time to embed one ticket's subject and first message with MiniLM."""
    vectoriser = vectors.for_mode("full")
    if vectoriser.model == textvec.TFIDF_MODEL:
        return
    corpus = generate(3)[:repeats]
    vectoriser.encode(["warm-up"])
    timings = []
    for ticket in corpus:
        started = time.perf_counter()
        vectoriser.encode([f"{ticket.subject}\n{ticket.body}"])
        timings.append((time.perf_counter() - started) * 1000)
    print(f"embed one new ticket with MiniLM: median {statistics.median(timings):.1f} ms")


def main() -> None:
    """Runs the quality sweep and the placement timings."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", choices=("tfidf", "minilm", "both"), default="both")
    parser.add_argument("--window-hours", type=float, default=Settings().incident_window_hours)
    parser.add_argument("--background-hours", type=float, default=Settings().incident_background_hours)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--open", type=int, default=100_000, help="open tickets to place against")
    args = parser.parse_args()
    models = ("tfidf", "minilm") if args.model == "both" else (args.model,)
    for name in models:
        quality(name, args.window_hours, args.background_hours, args.seed)
    print()
    if "minilm" in models:
        placement_speed(args.open, 384, "minilm")
        embed_speed()
    if "tfidf" in models:
        placement_speed(min(args.open, 10_000), textvec.HASH_DIM, textvec.TFIDF_MODEL)


if __name__ == "__main__":
    main()
