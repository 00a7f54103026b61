"""Pure ranking for the knowledge base: query words, rank fusion, vector and TF-IDF similarity.

No I/O and no clock: the search backends and the suggestion service feed plain values in.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import numpy.typing as npt

# Reciprocal rank fusion's damping constant; 60 is the value from Cormack et al. (2009)
# and keeps one list's top hit from drowning out agreement between the lists.
RRF_K = 60
MAX_QUERY_WORDS = 32
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?", re.UNICODE)
# Words that carry no meaning in a support question; OR-ing them in would match everything.
_STOP_WORD_TEXT = """a about after again all also am an and any are as at be been before being but by can
    could did do does doing don't for from get got had has have having he her here him his how
    i i'm i've if in into is it it's its just me my myself no not now of off on once only or
    our out over please so some still such than that the their them then there these they
    this those to too up us very was we were what when where which while who why will with
    would you your yours hi hello thanks thank"""
STOP_WORDS = frozenset(_STOP_WORD_TEXT.split())


def query_words(text: str, *, limit: int = MAX_QUERY_WORDS) -> list[str]:
    """The distinct meaningful words of ``text``, lowercased, in order of first use."""
    seen: dict[str, None] = {}
    for match in _WORD.finditer(text.lower()):
        word = match.group().replace("'", "")
        if word in STOP_WORDS or (len(word) < 2 and not word.isdigit()):
            continue
        seen.setdefault(word, None)
        if len(seen) >= limit:
            break
    return list(seen)


def fts5_query(words: Sequence[str]) -> str:
    """An FTS5 MATCH expression that finds any of ``words`` (each quoted, so none is syntax)."""
    return " OR ".join('"' + word.replace('"', "") + '"' for word in words)


def tsquery(words: Sequence[str]) -> str:
    """A PostgreSQL ``to_tsquery`` text matching any of ``words`` (letters and digits only)."""
    safe = [re.sub(r"[^\w]", "", word) for word in words]
    return " | ".join(word for word in safe if word)


def fuse(rankings: Sequence[Sequence[int]], *, k: int = RRF_K) -> list[tuple[int, float]]:
    """Reciprocal rank fusion: ids by the sum of 1/(k + rank) over the lists they appear in."""
    scores: dict[int, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
    return sorted(scores.items(), key=lambda pair: (-pair[1], pair[0]))


def cosine_ranking(
    query: npt.NDArray[np.float32], ids: Sequence[int], vectors: npt.NDArray[np.float32], *, limit: int
) -> list[tuple[int, float]]:
    """The ``limit`` ids whose unit vectors lie closest to the unit ``query``, with cosines."""
    if not ids:
        return []
    scores = vectors @ query
    order = np.argsort(-scores, kind="stable")[:limit]
    return [(ids[i], float(scores[i])) for i in order]


def tfidf_similarity(query: str, documents: Mapping[int, str]) -> dict[int, float]:
    """Cosine similarity of ``query`` to each document under TF-IDF weights fitted on them."""
    bags = {key: Counter(query_words(text, limit=400)) for key, text in documents.items()}
    asked = Counter(query_words(query, limit=400))
    frequency: Counter[str] = Counter()
    for bag in bags.values():
        frequency.update(bag.keys())
    count = len(bags) + 1

    def weights(bag: Counter[str]) -> dict[str, float]:
        return {w: (1 + math.log(n)) * math.log((1 + count) / (1 + frequency[w])) for w, n in bag.items()}

    wanted = weights(asked)
    wanted_norm = math.sqrt(sum(v * v for v in wanted.values())) or 1.0
    result: dict[int, float] = {}
    for key, bag in bags.items():
        have = weights(bag)
        norm = math.sqrt(sum(v * v for v in have.values())) or 1.0
        dot = sum(value * have.get(word, 0.0) for word, value in wanted.items())
        if dot > 0:
            result[key] = dot / (norm * wanted_norm)
    return result


def top_keys(scores: Mapping[int, float], *, limit: int, floor: float = 0.0) -> list[tuple[int, float]]:
    """The ``limit`` best-scoring keys above ``floor``, best first (ties by key)."""
    ranked = sorted(((k, v) for k, v in scores.items() if v > floor), key=lambda kv: (-kv[1], kv[0]))
    return ranked[:limit]


def unique(items: Iterable[str]) -> list[str]:
    """``items`` without repeats, first occurrence kept."""
    return list(dict.fromkeys(items))
