"""Matching: the search index, profile documents, ranking, explanations, the skill vocabulary. Only here is whoosh imported."""
