"""Pure-core analysis of customer messages and agents' draft replies (no database, no network).

Public API (stable; the DB, API and CLI layers use only these names):

* :func:`analyze_message` / :func:`analyze_messages` -> :class:`MessageReport`: ``anger``,
  ``abuse``, ``complaint`` and ``escalation_risk`` in 0..1, ``mood`` in -1..1, the
  ``is_angry`` / ``is_abusive`` / ``is_complaint`` flags at calmdesk's thresholds, and
  :class:`Signal` s (kind, weight, evidence :class:`Span` s). ``analyze_messages`` batches;
  pass ``fast=True`` for the lexicon-only path (bulk imports; ``model_version`` then ends in
  ``+lexicon-only``).
* :func:`coach_reply` -> :class:`CoachReport`: :class:`Finding` s in the draft, what is
  ``missing`` for an upset customer (also findings, with ``span=None``), and
  :class:`Suggestion` s to insert. ``conversation`` is a sequence of :class:`Turn`.
* Constants to list in the API: :data:`SIGNAL_KINDS`, :data:`RULE_IDS` (draft rules, then
  missing-element rules), :data:`SEVERITIES`, :data:`SUGGESTION_KINDS`.

Every value is a frozen dataclass with ``to_dict()`` (JSON-ready). The model (int8 MiniLM
on onnxruntime plus small logistic-regression heads shipped in ``data/``) loads lazily,
once per process, thread-safely, from installed packages only; :func:`warm_up` loads it
ahead of the first request. Results are deterministic for a given text.
"""

from __future__ import annotations

from calmdesk.analysis.analyzer import analyze_message, analyze_messages
from calmdesk.analysis.coach import coach_reply
from calmdesk.analysis.types import (
    DRAFT_RULE_IDS,
    MISSING_RULE_IDS,
    RULE_IDS,
    SEVERITIES,
    SIGNAL_KINDS,
    SUGGESTION_KINDS,
    CoachReport,
    Finding,
    MessageReport,
    Signal,
    Span,
    Suggestion,
    Turn,
)


def warm_up(*, fast: bool = False) -> None:
    """Loads the model now (e.g. at server start) so the first request is not slow."""
    analyze_messages(["warm-up"], fast=fast)


__all__ = [
    "DRAFT_RULE_IDS",
    "MISSING_RULE_IDS",
    "RULE_IDS",
    "SEVERITIES",
    "SIGNAL_KINDS",
    "SUGGESTION_KINDS",
    "CoachReport",
    "Finding",
    "MessageReport",
    "Signal",
    "Span",
    "Suggestion",
    "Turn",
    "analyze_message",
    "analyze_messages",
    "coach_reply",
    "warm_up",
]
