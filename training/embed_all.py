"""Fills the embedding cache for every labelled set (``python -m training.embed_all``)."""

from __future__ import annotations

from training import datasets, features


def all_sets() -> list[datasets.LabelledSet]:
    """Every set the heads are trained, chosen or measured on."""
    return [
        datasets.complaints(),
        datasets.tweeteval("emotion", "val"),
        datasets.tweeteval("offensive", "val"),
        datasets.goemotions("dev"),
        datasets.tweeteval("emotion", "train"),
        datasets.tweeteval("offensive", "train"),
        datasets.goemotions("train"),
    ]


if __name__ == "__main__":
    for labelled in all_sets():
        features.lexical_features(labelled)
        features.embeddings(labelled)
