"""Email in and out: parsing, loop protection, attachments, the SMTP listener and customer mail."""
