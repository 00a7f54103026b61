"""Command groups that live beside their domains; ``calmdesk.cli`` registers them."""
