"""Lexical features: word lists, typography, profanity with its allow-list."""

from __future__ import annotations

import math

import pytest

from calmdesk.analysis import lexical


def feature(text: str, name: str) -> float:
    return lexical.features(text)[lexical.FEATURE_NAMES.index(name)]


def test_feature_vector_has_every_named_feature() -> None:
    assert len(lexical.features("Where is my parcel?")) == len(lexical.FEATURE_NAMES)
    matrix = lexical.feature_matrix(["one", "two words"])
    assert matrix.shape == (2, len(lexical.FEATURE_NAMES))


@pytest.mark.parametrize(
    ("name", "text", "count"),
    [
        ("anger_words", "I'm furious, this is ridiculous", 2),
        ("insult_words", "what a bunch of clowns", 1),
        ("insult_at_person", "you are an idiot", 1),
        ("insult_at_person", "I felt like an idiot", 0),
        ("complaint_words", "my refund is late and still missing", 4),
        ("gratitude_words", "thanks, I appreciate it", 2),
        ("negations", "it doesn't work and I can't log in", 2),
        ("exclamations", "now!!!", 3),
        ("questions", "why?", 1),
        ("profanity", "this shit service", 1),
        ("profanity", "I'm gay and my husband is fat", 0),
    ],
)
def test_counts_are_log_scaled(name: str, text: str, count: int) -> None:
    assert feature(text, name) == pytest.approx(math.log1p(count))


def test_shouting_share_ignores_acronyms() -> None:
    assert feature("WHERE IS MY PARCEL", "shouted_words") == pytest.approx(1.0)
    assert feature("my PIN and SIM card", "shouted_words") == 0.0


def test_valence_follows_the_sentiment_and_negation() -> None:
    assert feature("I love this, thank you!", "valence") > 0.5
    assert feature("This is awful and I hate it.", "valence") < -0.5
    assert feature("This is not good at all.", "valence") < 0 < feature("This is good.", "valence")
    assert feature("Could you tell me my plan?", "valence") == 0.0


def test_tokens_carry_offsets_and_normalised_words() -> None:
    text = "Can\u2019t log IN"
    tokens = lexical.tokenize(text)
    assert [t.norm for t in tokens] == ["cant", "log", "in"]
    assert all(text[t.start : t.end] == t.raw for t in tokens)
    assert [lexical.is_shouted(t) for t in tokens] == [False, False, True]
