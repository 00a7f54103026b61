"""Turning a ticket's words into the vector it is compared by, and storing that vector compactly.

With analysis mode ``full`` and the sentence model installed, a ticket is embedded
with MiniLM (384 unit-length dimensions, kept as float16); otherwise, or when the
model cannot load, with hashed TF-IDF terms (see ``textvec``). Vectors of different
models are never compared.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from calmdesk.incidents import textvec

log = logging.getLogger("calmdesk.incidents")
FloatMatrix = npt.NDArray[np.float32]
MAX_CHARS = 1500  # MiniLM reads 128 tokens; the rest of a long message only costs time


@dataclass(frozen=True)
class Vectoriser:
    """One way of turning texts into vectors."""

    model: str
    dim: int

    def encode(self, texts: Sequence[str]) -> FloatMatrix:
        """Vectors for ``texts``, one row each."""
        clipped = [text[:MAX_CHARS] for text in texts]
        if self.model == textvec.TFIDF_MODEL:
            if not clipped:
                return np.zeros((0, self.dim), dtype=np.float32)
            return np.stack([textvec.term_vector(text) for text in clipped])
        from calmdesk.analysis.encoder import get_encoder

        return get_encoder().encode(clipped)


TFIDF = Vectoriser(textvec.TFIDF_MODEL, textvec.HASH_DIM)


def for_mode(analysis_mode: str) -> Vectoriser:
    """The vectoriser the desk's analysis mode calls for; TF-IDF when the model is off or missing."""
    if analysis_mode != "full":
        return TFIDF
    try:
        from calmdesk.analysis.encoder import EMBEDDING_DIM, EncoderUnavailableError, get_encoder

        encoder = get_encoder()
    except EncoderUnavailableError:
        log.warning("the sentence model is not installed; incident detection uses TF-IDF")
        return TFIDF
    return Vectoriser(f"minilm:{encoder.model_id}"[:80], EMBEDDING_DIM)


def to_blob(model: str, vector: npt.NDArray[np.float32]) -> bytes:
    """Packs a vector for storage: dense float16, or sparse pairs for hashed terms."""
    if model == textvec.TFIDF_MODEL:
        slots = np.flatnonzero(vector).astype(np.uint16)
        return slots.tobytes() + vector[slots].astype(np.float16).tobytes()
    return np.asarray(vector, dtype=np.float16).tobytes()


def from_blob(model: str, blob: bytes, dim: int) -> npt.NDArray[np.float32]:
    """Unpacks a stored vector."""
    if model == textvec.TFIDF_MODEL:
        half = len(blob) // 2
        slots = np.frombuffer(blob[:half], dtype=np.uint16)
        vector = np.zeros(dim, dtype=np.float32)
        vector[slots] = np.frombuffer(blob[half:], dtype=np.float16)
        return vector
    return np.frombuffer(blob, dtype=np.float16).astype(np.float32)
