"""The heads file is checked against the code that uses it, and applied as a logistic regression."""

from __future__ import annotations

import numpy as np
import pytest

from calmdesk.analysis import heads, lexical


def document(width: int, *, features: list[str] | None = None) -> dict[str, object]:
    fast_width = len(lexical.FEATURE_NAMES)
    head = {
        "full": {"weights": [0.0] * width, "intercept": 0.0, "threshold": 0.5},
        "fast": {"weights": [1.0] + [0.0] * (fast_width - 1), "intercept": -1.0, "threshold": 0.4},
    }
    return {
        "version": "test-1",
        "lexical_features": features if features is not None else list(lexical.FEATURE_NAMES),
        "heads": dict.fromkeys(heads.HEAD_NAMES, head),
    }


def test_parse_builds_a_logistic_regression() -> None:
    dim = 4
    parsed = heads.parse(document(dim + len(lexical.FEATURE_NAMES)), embedding_dim=dim)
    x = np.zeros((2, len(lexical.FEATURE_NAMES)), dtype=np.float32)
    x[1, 0] = 1.0
    p = parsed.fast.probabilities(x)
    assert p.shape == (2, len(heads.HEAD_NAMES))
    assert p[0, 0] == pytest.approx(1 / (1 + np.e))  # sigmoid(-1)
    assert p[1, 0] == pytest.approx(0.5)
    assert parsed.fast.thresholds["anger"] == 0.4
    assert parsed.version == "test-1"


def test_parse_refuses_heads_trained_on_other_features() -> None:
    with pytest.raises(heads.HeadsFileError):
        heads.parse(document(10, features=["valence"]), embedding_dim=10 - len(lexical.FEATURE_NAMES))


def test_parse_refuses_weights_of_the_wrong_width() -> None:
    with pytest.raises(heads.HeadsFileError):
        heads.parse(document(7 + len(lexical.FEATURE_NAMES)), embedding_dim=384)


def test_shipped_heads_load_with_thresholds_in_range() -> None:
    shipped = heads.get_heads()
    for variant in (shipped.full, shipped.fast):
        assert set(variant.thresholds) == set(heads.HEAD_NAMES)
        assert all(0.0 < t < 1.0 for t in variant.thresholds.values())
