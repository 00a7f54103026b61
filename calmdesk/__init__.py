"""calmdesk: an open-source escalation desk for customer-support teams."""

__version__ = "0.1.0"
