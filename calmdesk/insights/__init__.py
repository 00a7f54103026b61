"""Supervisor insights: what needs attention now, mood shifts per agent and team, root causes.

Read-only aggregation over tickets, SLA clocks and events, tone analyses and the audit
log; the dashboard page (``calmdesk.web.routes_dashboard``) shows them.
"""
