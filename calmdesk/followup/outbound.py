"""The one place the follow-up code emails a customer: the mail domain's outbound queue.

``enqueue_customer_email`` writes an outbox row (channel ``customer``) in the caller's
transaction; the worker sends it over SMTP with the ticket's threading headers.
"""

from __future__ import annotations

from calmdesk.mail.outbound import enqueue_customer_email

__all__ = ["enqueue_customer_email"]
