"""The feedback loop: progress-update cadences, the callback queue, and surveys after resolution."""
