"""Tone on the desk: each customer message's stored analysis, ticket moods, and tone-driven triage."""
