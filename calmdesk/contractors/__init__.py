"""Self-employed contractors: appointment hours, upsell commission and pay statements."""
