"""Shortlists: human picks, anonymized cards, redaction, consent questions, disclosures to clients."""
