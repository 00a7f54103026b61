"""Rebuilds calmdesk's analysis heads from ``../shared/datasets`` (needs the ``train`` extra)."""
