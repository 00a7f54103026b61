"""The trained logistic-regression heads (``data/heads.json``), applied with numpy.

``training/train_heads.py`` writes the file: per head, weights over the inputs with the
feature scaling folded in, an intercept and the threshold calmdesk flags at. Each head has
a ``full`` variant (sentence embedding + lexical features) and a ``fast`` one (lexical only).
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from importlib import resources

import numpy as np
import numpy.typing as npt

from calmdesk.analysis import lexical

HEAD_NAMES: tuple[str, ...] = ("anger", "abuse", "complaint", "mood_positive", "mood_negative")
VARIANTS: tuple[str, ...] = ("full", "fast")


class HeadsFileError(RuntimeError):
    """``heads.json`` does not match this code (retrain with ``python -m training.train_heads``)."""


@dataclass(frozen=True)
class HeadSet:
    """All heads of one variant as one matrix: ``sigmoid(inputs @ weights + intercepts)``."""

    weights: npt.NDArray[np.float32]  # (inputs, heads)
    intercepts: npt.NDArray[np.float32]  # (heads,)
    thresholds: dict[str, float]

    def probabilities(self, inputs: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
        """Returns one probability per text and head, columns in :data:`HEAD_NAMES` order."""
        logits = np.clip(inputs @ self.weights + self.intercepts, -40.0, 40.0)
        return np.asarray(1.0 / (1.0 + np.exp(-logits)), dtype=np.float32)


@dataclass(frozen=True)
class Heads:
    """Both variants plus the version string reports carry."""

    version: str
    full: HeadSet
    fast: HeadSet


def parse(document: dict[str, object], *, embedding_dim: int) -> Heads:
    """Builds :class:`Heads` from the JSON document, checking it fits the current features."""
    if document.get("lexical_features") != list(lexical.FEATURE_NAMES):
        raise HeadsFileError("heads.json was trained on other lexical features")
    heads = document["heads"]
    if not isinstance(heads, dict) or set(heads) != set(HEAD_NAMES):
        raise HeadsFileError(f"heads.json must hold exactly {HEAD_NAMES}")
    sets = {}
    for variant, width in (
        ("full", embedding_dim + len(lexical.FEATURE_NAMES)),
        ("fast", len(lexical.FEATURE_NAMES)),
    ):
        columns = [heads[name][variant] for name in HEAD_NAMES]
        weights = np.array([c["weights"] for c in columns], dtype=np.float32).T
        if weights.shape != (width, len(HEAD_NAMES)):
            raise HeadsFileError(f"{variant} heads have shape {weights.shape}, expected {width} inputs")
        sets[variant] = HeadSet(
            weights=weights,
            intercepts=np.array([c["intercept"] for c in columns], dtype=np.float32),
            thresholds={name: float(c["threshold"]) for name, c in zip(HEAD_NAMES, columns, strict=True)},
        )
    return Heads(version=str(document["version"]), full=sets["full"], fast=sets["fast"])


_lock = threading.Lock()
_heads: Heads | None = None


def get_heads() -> Heads:
    """Returns the shipped heads, loaded once per process (thread-safe)."""
    global _heads
    if _heads is None:
        with _lock:
            if _heads is None:
                from calmdesk.analysis.encoder import EMBEDDING_DIM

                text = resources.files("calmdesk.analysis").joinpath("data/heads.json").read_text()
                _heads = parse(json.loads(text), embedding_dim=EMBEDDING_DIM)
    return _heads
