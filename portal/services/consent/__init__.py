"""Cookie consent: the cookie registry, the banner's text and versions, consent records."""
