"""Cookie consent in the web layer: the banner, the settings page and the per-request state."""
