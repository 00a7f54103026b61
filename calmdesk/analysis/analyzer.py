"""The tone analyser: scores, mood, escalation signals and flags for customer messages.

``anger``, ``abuse``, ``complaint`` and ``mood`` come from logistic-regression heads over a
MiniLM sentence embedding plus lexical features (see ``docs/model-card.md``). ``abuse`` is
raised to the weight of a threat-of-harm signal, because threats count as abuse however
politely they are worded. ``is_abusive`` changes how the agent is coached to answer, so it
asks for more than the score: a threat, or a score over the threshold together with an
insult or swearing in the text (the abuse head learned OLID's broad "offensive", which
includes sharp criticism such as "your engineer was rude"), or a very high score.

``escalation_risk`` is a fixed noisy-OR of the scores and the signals' weights: no public
data labels escalations, so it is a documented rule, not a model.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from calmdesk.analysis import heads, lexical, signals
from calmdesk.analysis.types import MessageReport, Signal

# How much each score alone can push the risk; signals add their own weight on top.
RISK_FROM_SCORE = {"anger": 0.5, "abuse": 0.6, "complaint": 0.25}
# Above this the abuse score alone flags the message, without an insult or swearing found.
ABUSE_ALONE = 0.9
FAST_SUFFIX = "+lexicon-only"


def mood(score: dict[str, float], risk: float) -> float:
    """Positive feeling minus the strongest negative reading, in -1..1.

    Positive wording in a message that carries escalation signals ("!!! get me a manager or
    I'll see you in court") is politeness over a demand, or sarcasm, not a good mood, so the
    positive side is discounted by the escalation risk; a complaint, even a polite one,
    counts as half a negative reading.
    """
    negative = max(score["mood_negative"], score["anger"], score["abuse"], score["complaint"] / 2)
    return min(1.0, max(-1.0, score["mood_positive"] * (1 - risk) - negative))


def escalation_risk(anger: float, abuse: float, complaint: float, found: Sequence[Signal]) -> float:
    """Combines scores and signals as independent chances that the contact escalates."""
    calm = (
        (1 - RISK_FROM_SCORE["anger"] * anger)
        * (1 - RISK_FROM_SCORE["abuse"] * abuse)
        * (1 - RISK_FROM_SCORE["complaint"] * complaint)
    )
    for signal in found:
        calm *= 1 - signal.weight
    return float(min(1.0, max(0.0, 1 - calm)))


def analyze_messages(texts: Sequence[str], *, fast: bool = False) -> list[MessageReport]:
    """Analyses many customer messages at once (batched); ``fast`` skips the embedding model."""
    texts = list(texts)
    if not texts:
        return []
    model = heads.get_heads()
    scans = [lexical.scan(text) for text in texts]
    lexical_inputs = lexical.feature_matrix(scans)
    if fast:
        head_set, version = model.fast, model.version + FAST_SUFFIX
        inputs = lexical_inputs
    else:
        from calmdesk.analysis.encoder import get_encoder

        head_set, version = model.full, model.version
        inputs = np.hstack([get_encoder().encode(texts), lexical_inputs])
    probabilities = head_set.probabilities(inputs)
    reports = []
    for scanned, row in zip(scans, probabilities, strict=True):
        reports.append(_report(scanned, row.tolist(), head_set.thresholds, version))
    return reports


def analyze_message(text: str, *, fast: bool = False) -> MessageReport:
    """Analyses one customer message."""
    return analyze_messages([text], fast=fast)[0]


def _report(
    scanned: lexical.Scan, row: list[float], thresholds: dict[str, float], version: str
) -> MessageReport:
    score = dict(zip(heads.HEAD_NAMES, row, strict=True))
    found = signals.find_signals(scanned.text, scanned)
    threat = next((s.weight for s in found if s.kind == "harm_threat"), 0.0)
    anger, complaint = score["anger"], score["complaint"]
    abuse = max(score["abuse"], threat)
    aimed = any(s.kind in ("insult", "profanity") for s in found)
    risk = escalation_risk(anger, abuse, complaint, found)
    return MessageReport(
        anger=anger,
        abuse=abuse,
        complaint=complaint,
        escalation_risk=risk,
        mood=mood({**score, "abuse": abuse}, risk),
        is_angry=anger >= thresholds["anger"],
        is_abusive=threat > 0 or (abuse >= thresholds["abuse"] and (aimed or abuse >= ABUSE_ALONE)),
        is_complaint=complaint >= thresholds["complaint"],
        signals=found,
        model_version=version,
    )
