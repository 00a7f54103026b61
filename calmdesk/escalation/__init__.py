"""Escalations: handoff briefs, call plans, customer notices, policy exceptions, triage and the abusive path.

The pure core (no I/O) is ``offers``, ``brief``, ``call_plan``, ``customer_notice``,
``rules``, ``authority`` and ``abuse``; the services read the database, call the core and
write the escalation, the audit entries and the notifications in the caller's transaction.
"""
