"""Shortlists: human picks, k-anonymous cards, consent questions, disclosures to clients, final selections."""
