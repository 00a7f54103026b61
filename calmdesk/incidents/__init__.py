"""Incidents: one fault reported by many customers at once, detected, confirmed and resolved together."""
