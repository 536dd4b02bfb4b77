"""The buyer's view of a shortlisted consultant (R-BUY-7, R-CON-9): pseudonyms, the card, regions."""
from __future__ import annotations

import json
import re
from datetime import date

import pytest

from portal.services.shortlists.anonymize import anonymized_card, generalise_location, pseudonym, pseudonyms
from portal.demo.archetypes import SCHOOLS
from portal.demo.generator import generate
from tests.matching.test_redaction import swedish_catalogue

CODE = re.compile(r"^Candidate K-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{4}$")
CARD_KEYS = {"pseudonym", "title", "summary", "region", "skills", "languages", "certificates", "employment",
             "education", "available_from", "extent", "hourly_rate", "remote"}


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


def test_pseudonym_prefix_is_translated(app, tmp_path):
    swedish_catalogue(tmp_path).as_default()
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
def test_generalise_location(city, region, expected):
    assert generalise_location(city, region) == expected


# --- the card ---------------------------------------------------------------------------------

PROFILE = {
    "consultant_id": 41, "name": "Anna-Karin Lindqvist", "email": "ak.lindqvist@example.invalid",
    "phone": "+46 70 174 06 12", "city": "Uppsala", "region": None,
    "title": "Senior utvecklare (Anna-Karin)",
    "summary": "Anna-Karin har byggt betalsystem i Uppsala. Nås på ak.lindqvist@example.invalid eller "
               "070-174 06 12. Profil: linkedin.com/in/aklindqvist. Tidigare på Nordkod AB.",
    "skills": [{"name": "Python", "level": 5, "years": 9}, {"name": "k8s", "level": 3, "years": 2}],
    "languages": [{"name": "Svenska", "level": "C2"}, {"name": "Engelska", "level": "C1"}],
    "certificates": [{"name": "Azure Solutions Architect", "issuer": "Microsoft", "year": 2024}],
    "employment": [
        {"employer": "Nordkod AB", "title": "Tech lead", "start": date(2019, 3, 1), "end": None,
         "description": "Ledde Nordkods plattformsteam; ring Lindqvist på 070-174 06 12."},
        {"employer": "Skogdata & Co AB", "title": "Utvecklare", "start": "2014-08-01", "end": "2019-02-01",
         "description": "Byggde API:er åt kunder till Skogdata & Co AB."},
    ],
    "education": [{"school": "Uppsala universitet", "degree": "Civilingenjör, IT", "start": "2009-08-01",
                   "end": "2014-06-01"}],
    "available_from": date(2027, 1, 15), "extent": 80, "hourly_rate": 1150, "remote": "hybrid",
    "date_of_birth": "1988-04-02", "gender": "female", "citizenship": "SE", "photo": "anna.jpg",
    "personal_number": "19880402-1234",
}


def test_the_card_keeps_only_what_the_buyer_may_see(app):
    card = anonymized_card(PROFILE, 7, locale="en")
    assert set(card) == CARD_KEYS
    assert card["pseudonym"] == pseudonym(41, 7, locale="en")
    assert card["title"] == "Senior utvecklare ([name])"
    assert card["summary"] == ("[name] har byggt betalsystem i Uppsala län. Nås på [e-mail] eller [phone]. "
                               "Profil: [link]. Tidigare på [employer].")
    assert card["region"] == "Uppsala län"
    assert card["skills"] == PROFILE["skills"]
    assert card["languages"] == PROFILE["languages"]
    assert card["certificates"] == [{"name": "Azure Solutions Architect", "issuer": "Microsoft", "year": 2024}]
    assert card["employment"] == [
        {"employer": "[employer]", "title": "Tech lead", "start_year": 2019, "end_year": None,
         "description": "Ledde [employer] plattformsteam; ring [name] på [phone]."},
        {"employer": "[employer]", "title": "Utvecklare", "start_year": 2014, "end_year": 2019,
         "description": "Byggde API:er åt kunder till [employer]."},
    ]
    assert card["education"] == [{"school": "[school]", "degree": "Civilingenjör, IT", "start_year": 2009,
                                  "end_year": 2014}]
    assert (card["available_from"], card["extent"], card["hourly_rate"], card["remote"]) == (
        "2027-01-15", 80, 1150, "hybrid")
    text = json.dumps(card, ensure_ascii=False)
    for secret in ("Anna", "Karin", "Lindqvist", "lindqvist", "174 06", "Nordkod", "Skogdata", "1988",
                   "female", "anna.jpg", "19880402", "Uppsala universitet", "-03-", "\"Uppsala\""):
        assert secret not in text


def test_the_card_in_swedish(app, tmp_path):
    swedish_catalogue(tmp_path).as_default()
    card = anonymized_card(PROFILE, 7, locale="sv")
    assert card["pseudonym"].startswith("Kandidat K-")
    assert card["employment"][0]["employer"] == "[arbetsgivare]"
    assert card["education"][0]["school"] == "[lärosäte]"
    assert card["summary"].startswith("[namn] har byggt betalsystem i Uppsala län. Nås på [e-post] eller [telefon].")


def test_an_unknown_city_gives_no_region_and_leaves_the_text(app):
    profile = {**PROFILE, "city": "Tromsø", "region": None, "summary": "Bor i Tromsø, jobbar på distans."}
    card = anonymized_card(profile, 7, locale="en")
    assert card["region"] is None
    assert card["summary"] == "Bor i [location], jobbar på distans."


def test_a_sparse_profile_gives_a_sparse_card(app):
    card = anonymized_card({"consultant_id": 3, "name": "Bo Ek"}, 1, locale="en")
    assert set(card) == CARD_KEYS
    assert card["summary"] is None and card["skills"] == [] and card["region"] is None


# --- property: nothing that identifies survives, over 500 generated profiles --------------------

def _digit_runs(text: str) -> list[str]:
    return [re.sub(r"\D", "", run) for run in re.findall(r"\+?\d[\d \-()]*\d", text)]


def test_no_generated_profile_leaks_into_its_card(app):
    for number, profile in enumerate(generate(500, seed=5), start=1):
        profile["consultant_id"] = number
        first, last = profile["name"].split(" ", 1)
        employer = profile["employment"][0]["employer"]
        # Put the identifiers where a careless consultant would: into the free text.
        profile["summary"] += (f" Kontakta {profile['name']} ({profile['email']}, {profile['phone']}). "
                               f"{first}s tidigare arbetsgivare: {employer}. {last.upper()} svarar snabbt.")
        profile["employment"][-1]["description"] += f" Chef: {last}. Tel {profile['phone']}."
        card = anonymized_card(profile, 11, locale="en")
        assert set(card) == CARD_KEYS
        text = json.dumps(card, ensure_ascii=False)
        for part in profile["name"].split():
            assert not re.search(rf"(?<!\w){re.escape(part)}(?!\w)", text, re.IGNORECASE), (part, text)
        email = profile["email"]
        assert email not in text and email.split("@")[0] not in text and "@" not in text
        phone_tail = re.sub(r"\D", "", profile["phone"])[-7:]
        assert not any(phone_tail in run for run in _digit_runs(text)), text
        for job in profile["employment"]:
            assert job["employer"] not in text
            assert job["employer"].split()[0] not in text
        for school in SCHOOLS:
            assert school not in text
        if profile["city"] not in profile["region"]:
            assert not re.search(rf"(?<!\w){re.escape(profile['city'])}(?!\w)", text), (profile["city"], text)
        assert card["region"] == profile["region"]
