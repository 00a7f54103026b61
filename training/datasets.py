"""Loads the labelled sets in ``../shared/datasets`` (see its README) as (texts, labels) pairs."""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATASETS = REPO.parent / "shared" / "datasets"

# GoEmotions label ids (labels.txt): anger, annoyance, disgust make "angry / hostile".
GOEMOTIONS_ANGRY = {2, 3, 11}
# Positive feelings; "desire" (8) is left out: "I want a manager" is a demand, not a good mood.
GOEMOTIONS_POSITIVE = {0, 1, 4, 5, 13, 15, 17, 18, 20, 21, 23}
GOEMOTIONS_NEGATIVE = {2, 3, 9, 10, 11, 12, 14, 16, 19, 24, 25}


@dataclass(frozen=True)
class LabelledSet:
    """Texts with one binary label each (plus GoEmotions' label sets when they are known)."""

    name: str
    texts: list[str]
    labels: npt.NDArray[np.int64]
    goemotions: list[set[int]] | None = None
    groups: list[str] | None = None


def datasets_dir() -> Path:
    """Where the shared datasets are: ``$CALMDESK_DATASETS`` or ``../shared/datasets``."""
    return Path(os.environ.get("CALMDESK_DATASETS", DEFAULT_DATASETS))


def goemotions(split: str) -> LabelledSet:
    """GoEmotions ``train`` or ``dev``; label 1 = anger, annoyance or disgust."""
    texts: list[str] = []
    label_sets: list[set[int]] = []
    with open(datasets_dir() / "goemotions" / f"{split}.tsv", encoding="utf-8") as handle:
        for line in handle:
            text, ids, _ = line.rstrip("\n").split("\t")
            texts.append(text)
            label_sets.append({int(i) for i in ids.split(",")})
    labels = np.array([int(bool(s & GOEMOTIONS_ANGRY)) for s in label_sets], dtype=np.int64)
    return LabelledSet(f"goemotions-{split}", texts, labels, goemotions=label_sets)


def tweeteval(task: str, split: str) -> LabelledSet:
    """TweetEval ``emotion`` (1 = anger) or ``offensive`` (1 = offensive), ``train`` or ``val``."""
    folder = datasets_dir() / "tweeteval" / task
    texts = (folder / f"{split}_text.txt").read_text(encoding="utf-8").rstrip("\n").split("\n")
    raw = [int(x) for x in (folder / f"{split}_labels.txt").read_text().split()]
    labels = [int(x == 0) for x in raw] if task == "emotion" else raw
    if len(texts) != len(labels):
        raise ValueError(f"{folder}: {len(texts)} texts but {len(labels)} labels")
    return LabelledSet(f"tweeteval-{task}-{split}", texts, np.array(labels, dtype=np.int64))


def complaints() -> LabelledSet:
    """The complaints set's dev part (research use only; texts never go into the package)."""
    texts: list[str] = []
    labels: list[int] = []
    domains: list[str] = []
    with open(datasets_dir() / "complaints" / "complaints-dev.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            texts.append(row["text"])
            labels.append(int(row["label"]))
            domains.append(row["domain"])
    return LabelledSet("complaints-dev", texts, np.array(labels, dtype=np.int64), groups=domains)
