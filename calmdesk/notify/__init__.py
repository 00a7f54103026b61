"""Notifications: a transactional outbox delivered in-app, by email over SMTP and to signed webhooks."""
