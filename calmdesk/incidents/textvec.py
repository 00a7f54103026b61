"""TF-IDF over hashed terms, the fallback when the sentence model is off (pure: no I/O).

A ticket's stored vector holds its hashed, sublinear term frequencies only; the IDF
weights come from the tickets it is compared with, at comparison time, so a vector
stored once stays valid while the desk's vocabulary shifts.
"""

from __future__ import annotations

import re
import zlib

import numpy as np
import numpy.typing as npt

TFIDF_MODEL = "tfidf-hash-4096"
HASH_DIM = 4096
FloatArray = npt.NDArray[np.float32]

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
# Words that say nothing about which fault a customer has.
STOPWORDS = frozenset(
    " ".join(
        (
            "a about after again all also am an and any are as at be been before being but by can",
            "cannot could did do does doing don't done for from get got had has have having he her here",
            "hi hello him his how i i'm i've if in into is it it's its just me my myself no not now of",
            "off on once only or our out over please so some still than thank thanks that the their",
            "them then there these they this those through to too up us very was we were what when",
            "where which while who why will with would you your yours regards dear team",
        )
    ).split()
)


def _stem(word: str) -> str:
    """A deliberately light stemmer: plural and verb endings, enough to join paraphrases."""
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: len(word) - len(suffix)] + keep
    return word


def terms(text: str) -> list[str]:
    """The meaningful, stemmed words of ``text``, in order."""
    words = (w.split("'")[0] for w in _WORD.findall(text.lower()))
    return [_stem(w) for w in words if w not in STOPWORDS and len(w) > 1]


def _slot(term: str) -> int:
    return zlib.crc32(term.encode()) % HASH_DIM


def term_vector(text: str) -> FloatArray:
    """Hashed sublinear term frequencies of ``text``; no IDF yet."""
    # Words only: word pairs dilute short paraphrases (tried on bench/incidents.py).
    counts = np.zeros(HASH_DIM, dtype=np.float32)
    for word in terms(text):
        counts[_slot(word)] += 1.0
    present = counts > 0
    counts[present] = 1.0 + np.log(counts[present])
    return counts


def idf(document_frequency: FloatArray, documents: int) -> FloatArray:
    """Smoothed inverse document frequency, as scikit-learn computes it."""
    return np.asarray(np.log((1.0 + documents) / (1.0 + document_frequency)) + 1.0, dtype=np.float32)


def cosine_scores(query: FloatArray, matrix: FloatArray, weights: FloatArray) -> FloatArray:
    """Cosine similarity of ``query`` with each row of ``matrix`` after weighting both by ``weights``."""
    if matrix.shape[0] == 0:
        return np.zeros(0, dtype=np.float32)
    weighted_query = query * weights
    query_norm = float(np.linalg.norm(weighted_query))
    if query_norm == 0.0:
        return np.zeros(matrix.shape[0], dtype=np.float32)
    # (M·w)·(q·w) / (|M·w| |q·w|) without materialising M·w.
    dots = matrix @ (weighted_query * weights)
    row_norms = np.sqrt(np.maximum((matrix * matrix) @ (weights * weights), 1e-12))
    return np.asarray(dots / (row_norms * query_norm), dtype=np.float32)
