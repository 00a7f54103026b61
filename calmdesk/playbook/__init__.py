"""The de-escalation playbook: techniques as data, and a pure choice of those that fit a situation."""
