"""Service-level agreements: business calendars, clocks and automatic escalation.

The pure core: :mod:`calmdesk.sla.calendar` (opening hours as a value, to and from
JSON), :mod:`calmdesk.sla.business_time` (add, between, next opening, is open) and
:mod:`calmdesk.sla.clock` (SLA clock state and its transitions).
"""
