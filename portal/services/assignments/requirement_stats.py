"""How many consultants match a requirement: numbers only, never who (R-BUY-1 "evaluate and improve").

The count comes from the search index of consultant profiles, read as the ranking reads a must
requirement: the requirement as buyers write it ("C/C++" is met by either, "minst fem års erfarenhet
av Java" asks for the years), through the skill synonyms, a language requirement by the language. Like
the ranking, it leaves out restricted profiles (R-RIGHTS-5) and consultants who excluded this client.
Availability is not asked: the count says how many could meet the requirement at all.
"""
from __future__ import annotations

from portal.services.matching import requirements, search, skill_tokens, skills

FEW = 3  # a must requirement matched by fewer consultants than this gets a hint


def count_matching(text: str, client_id: int | None = None, *, table: skills.SynonymTable | None = None,
                   vocabulary: skill_tokens.Vocabulary | None = None) -> int:
    """Consultant profiles in the index that meet the requirement `text` and may be ranked for `client_id`."""
    if not skills.key(text):
        return 0
    table = table or skills.load_table()
    if search.is_language(text):
        query = search.CandidateQuery(must_languages=[(search.language_key(text), None)], client_id=client_id,
                                      limit=0)
    else:
        read = requirements.parse(text, vocabulary or skill_tokens.load(table))
        query = search.CandidateQuery(
            must_skills=[[(table.variants(name), 1, read.min_years) for name in group] for group in read.groups],
            client_id=client_id, limit=0)
    return search.candidates(search.current_index(), query).passed


def for_assignment(assignment) -> list[dict]:
    """Per requirement: its count and whether to hint that a must requirement narrows too much."""
    table = skills.load_table()
    vocabulary = skill_tokens.load(table)
    rows = []
    for requirement in assignment.requirements:
        count = count_matching(requirement.text, assignment.organisation_id, table=table, vocabulary=vocabulary)
        rows.append({"requirement": requirement, "count": count,
                     "hint": requirement.kind == "must" and count < FEW})
    return rows
