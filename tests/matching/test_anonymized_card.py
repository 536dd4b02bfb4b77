"""The buyer's view of a shortlisted consultant (R-BUY-7, R-CON-9): pseudonyms and regions. The card
itself, its bands and its k-anonymity: tests/shortlists/test_k_anonymous_cards.py."""
from __future__ import annotations

import re

import pytest

from portal.services.shortlists.anonymize import pseudonym, pseudonyms
from portal.services.shortlists.k_anonymity import facts_of

CODE = re.compile(r"^Candidate K-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{4}$")


# --- pseudonyms -------------------------------------------------------------------------------

def test_pseudonym_is_stable_within_an_assignment(app, make_app):
    first = pseudonym(17, 3, locale="en")
    assert CODE.match(first)
    assert pseudonym(17, 3, locale="en") == first
    with make_app().app_context():  # another process with the same secret agrees
        assert pseudonym(17, 3, locale="en") == first


def test_pseudonyms_differ_across_assignments(app):
    for consultant_id in range(1, 201):
        labels = {pseudonym(consultant_id, assignment, locale="en") for assignment in (1, 2, 3)}
        assert len(labels) == 3, consultant_id


def test_pseudonyms_depend_on_the_secret(app, make_app):
    ours = [pseudonym(c, 1, locale="en") for c in range(1, 51)]
    with make_app(SECRET_KEY="another-secret-key-of-at-least-32-characters").app_context():
        theirs = [pseudonym(c, 1, locale="en") for c in range(1, 51)]
    assert sum(a == b for a, b in zip(ours, theirs)) == 0


def _colliding_pair(assignment_id: int) -> tuple[int, int]:
    seen: dict[str, int] = {}
    for consultant_id in range(1, 50_000):
        label = pseudonym(consultant_id, assignment_id, locale="en")
        if label in seen:
            return seen[label], consultant_id
        seen[label] = consultant_id
    raise AssertionError("no collision among 50,000 ids")


def test_pseudonyms_resolve_collisions_deterministically(app):
    low, high = _colliding_pair(4)
    others = [5, 6, 7]
    result = pseudonyms([high, *others, low], 4, locale="en")
    assert set(result) == {low, high, *others}
    assert len(set(result.values())) == len(result)
    assert result[low] == pseudonym(low, 4, locale="en")  # the lower id keeps its code
    assert result[high] != result[low] and CODE.match(result[high])
    assert pseudonyms([low, *reversed(others), high], 4, locale="en") == result  # order does not matter
    for other in others:
        assert result[other] == pseudonym(other, 4, locale="en")


def test_a_shortlist_of_many_has_no_duplicates(app):
    result = pseudonyms(range(1, 3001), 9, locale="en")
    assert len(set(result.values())) == 3000


def test_pseudonym_prefix_is_translated(app):
    english = pseudonym(8, 2, locale="en")
    swedish = pseudonym(8, 2, locale="sv")
    assert swedish == "Kandidat " + english.removeprefix("Candidate ")
    assert pseudonyms([8], 2, locale="sv") == {8: swedish}


# --- regions ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("city", "region", "expected"), [
    ("Solna", None, "Stockholms län"),
    ("Stockholm", "Stockholms län", "Stockholms län"),
    (None, "Skåne", "Skåne län"),
    ("Göteborg", None, "Västra Götalands län"),
    ("kiruna", None, "Norrbottens län"),
    ("Stockholm", "Södermalm", "Stockholms län"),  # a district is no county: the city's county
    ("Lunds kommun", None, "Skåne län"),
    ("Paris", None, None),  # unknown city: nothing rather than the city
    ("Paris", "Île-de-France", None),
    (None, None, None),
    ("", "  ", None),
    ("Småby", "Dalarna", "Dalarnas län"),
])
def test_a_card_knows_the_county_never_the_town(city, region, expected):
    assert facts_of({"consultant_id": 1, "city": city, "region": region}).region == expected
