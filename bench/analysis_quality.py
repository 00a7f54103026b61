"""Quality of the tone analyser on the dev/val splits, side by side with VADER.

    .venv/bin/python bench/analysis_quality.py        # needs ../shared/datasets (+ scikit-learn)

For each score: AUROC, average precision, and F1 / macro F1 at calmdesk's shipped threshold
(for abuse also of the ``is_abusive`` flag, which asks for more than the score), for the
full model, the lexicon-only fast path and VADER alone (negated compound as the score, the
usual compound <= -0.05 as its flag). anger: GoEmotions dev and TweetEval emotion val;
abuse: OLID val; complaint: the complaints set, cross-validated (5 folds, the shipped
regularisation and threshold), because the shipped complaint head is trained on it.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.metrics import average_precision_score, f1_score, roc_auc_score

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from calmdesk.analysis import analyze_messages, heads, lexical  # noqa: E402
from training import datasets, train_heads  # noqa: E402

FLAG = {"anger": "is_angry", "abuse": "is_abusive", "complaint": "is_complaint"}


def row(name: str, y: np.ndarray, score: np.ndarray, flag: np.ndarray) -> str:
    """One table row: AUROC, AP, F1 of the positive class and macro F1."""
    return (
        f"| {name} | {roc_auc_score(y, score):.3f} | {average_precision_score(y, score):.3f} | "
        f"{f1_score(y, flag):.3f} | {f1_score(y, flag, average='macro'):.3f} |"
    )


def vader_scores(texts: list[str]) -> np.ndarray:
    """VADER's compound, negated so that higher means more negative."""
    vader = lexical.lexica().vader
    return np.array([-vader.polarity_scores(t)["compound"] for t in texts])


def evaluate(title: str, labelled: datasets.LabelledSet, head: str) -> list[str]:
    """Rows for the full model, the fast path and VADER on one set."""
    y = labelled.labels
    lines = [
        f"\n**{title}** ({len(y)} texts, {int(y.sum())} positive)\n",
        "| model | AUROC | AP | F1 | macro F1 |",
        "| --- | --- | --- | --- | --- |",
    ]
    shipped = heads.get_heads()
    for variant, fast in (("calmdesk (MiniLM + lexical)", False), ("calmdesk --fast (lexical only)", True)):
        reports = analyze_messages(labelled.texts, fast=fast)
        score = np.array([getattr(r, head) for r in reports])
        threshold = (shipped.fast if fast else shipped.full).thresholds[head]
        lines.append(row(variant, y, score, score >= threshold))
        flag = np.array([getattr(r, FLAG[head]) for r in reports])
        if head == "abuse":  # the flag asks for more than the score (see calmdesk/analysis/analyzer.py)
            lines.append(row(f"{variant}, as the {FLAG[head]} flag", y, score, flag))
    v = vader_scores(labelled.texts)
    lines.append(row("VADER alone", y, v, v >= 0.05))
    return lines


def complaint_cross_validated() -> list[str]:
    """Out-of-fold complaint scores: each text scored by heads that never saw it."""
    labelled = datasets.complaints()
    y = labelled.labels
    shipped = heads.get_heads()
    document = json.loads(train_heads.HEADS_FILE.read_text())
    lines = [
        f"\n**complaint: complaints dev, 5-fold cross-validated** ({len(y)} texts, {int(y.sum())} "
        "complaints)\n",
        "| model | AUROC | AP | F1 | macro F1 |",
        "| --- | --- | --- | --- | --- |",
    ]
    for variant, label in (
        ("full", "calmdesk (MiniLM + lexical)"),
        ("fast", "calmdesk --fast (lexical only)"),
    ):
        c = document["heads"]["complaint"][variant]["regularisation_c"]
        p = train_heads.out_of_fold(train_heads.inputs(labelled, variant), y, c)
        threshold = getattr(shipped, variant).thresholds["complaint"]
        lines.append(row(label, y, p, p >= threshold))
    v = vader_scores(labelled.texts)
    lines.append(row("VADER alone", y, v, v >= 0.05))
    return lines


def main() -> None:
    """Prints the quality tables in Markdown."""
    argparse.ArgumentParser(description=__doc__.split("\n")[0]).parse_args()
    print(f"model: {heads.get_heads().version}")
    lines: list[str] = []
    lines += evaluate(
        "anger: GoEmotions dev (anger, annoyance or disgust)", datasets.goemotions("dev"), "anger"
    )
    lines += evaluate("anger: TweetEval emotion val (anger)", datasets.tweeteval("emotion", "val"), "anger")
    lines += evaluate("abuse: OLID val (offensive)", datasets.tweeteval("offensive", "val"), "abuse")
    lines += complaint_cross_validated()
    print("\n".join(lines))


if __name__ == "__main__":
    main()
