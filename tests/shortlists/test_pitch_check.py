"""The anonymous pitch check (R-CON-9, R-BUY-7): what identifies the consultant is refused, with the right
kind and the words as written; ordinary pitches pass; it works on people it has never seen."""
from __future__ import annotations

import re

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask_babel import Domain, force_locale
from hypothesis import given, settings, strategies as st
from markupsafe import Markup

from portal.services.shortlists.pitch_check import Finding, Identifiers, findings, reasons
from portal.services.shortlists.regions import county_of
from tests.data.swedish_people import EMPLOYERS, FIRST_NAMES, SCHOOLS, SURNAMES, TOWNS

KLARA = Identifiers(
    names=("Klara Åström",), employers=("Klarna Bank AB",),
    schools=("Kungliga Tekniska högskolan", "Linköpings universitet"), towns=("Solna", "Stockholms län"),
    referees=("Göran Lindqvist", "Nordkod AB"), emails=("klara.astrom@example.se",), phones=("070-123 45 67",))
CHALMERS = Identifiers(names=("Klara Åström",), schools=("Chalmers tekniska högskola",))
STOCKHOLM = Identifiers(names=("Klara Åström",), schools=("Stockholms universitet",))

REFUSED = [  # (pitch, identifiers, kind, the words as written)
    ("Studied computer science at KTH, then ten years of backend work.", KLARA, "school", "KTH"),
    ("KTHs civilingenjörsprogram i datateknik, sedan backend.", KLARA, "school", "KTHs"),
    ("Alumn från KTH:s datateknik.", KLARA, "school", "KTH:s"),
    ("Chalmers-utbildad systemarkitekt med tio års erfarenhet.", CHALMERS, "school", "Chalmers"),
    ("Civilingenjör från Linköpings universitet, inbyggda system.", KLARA, "school", "Linköpings universitet"),
    ("LiU-alumn med fokus på inbyggda system.", KLARA, "school", "LiU"),
    ("Studied maths at SU before moving into data.", STOCKHOLM, "school", "SU"),
    ("Based in Solna and happy to travel.", KLARA, "town", "Solna"),
    ("Built the checkout flows at Klarna.", KLARA, "employer", "Klarna"),
    ("Har byggt om klarnas betalflöden.", KLARA, "employer", "klarnas"),
    ("Worked for Klarna Bank AB on fraud models.", KLARA, "employer", "Klarna Bank AB"),
    ("References from Göran Lindqvist on request.", KLARA, "referee", "Göran Lindqvist"),
    ("Referens finns hos Nordkod.", KLARA, "referee", "Nordkod"),
    ("Follow my conference talks at @klarakonsult.", KLARA, "handle", "@klarakonsult"),
    ("Portfolio: https://klarakonsult.se/cases.", KLARA, "url", "https://klarakonsult.se/cases"),
    ("Cases on www.klarakonsult.se", KLARA, "url", "www.klarakonsult.se"),
    ("See klarakonsult.se for cases.", KLARA, "url", "klarakonsult.se"),
    ("Code samples at github.com/klara, ask me.", KLARA, "url", "github.com/klara"),
    ("Write to hello@konsultfirman.se for a CV.", KLARA, "email", "hello@konsultfirman.se"),
    ("Mejla klara.astrom@example.se.", KLARA, "email", "klara.astrom@example.se"),
    ("Call me on 070-123 45 67 after five.", KLARA, "phone", "070-123 45 67"),
    ("Ring +46 70 987 65 43.", KLARA, "phone", "+46 70 987 65 43"),
    ("Växel 08-123 456 78.", KLARA, "phone", "08-123 456 78"),
    ("Nås på 0701234567.", KLARA, "phone", "0701234567"),
    ("Personnummer 19811218-9876 om ni behöver.", KLARA, "phone", "19811218-9876"),
    ("Spotify 2019–2021: payments backend.", KLARA, "dates", "2019–2021"),
    ("Backend 2019-2021, then platform work.", KLARA, "dates", "2019-2021"),
    ("Backend 2019 - 2021, then platform work.", KLARA, "dates", "2019 - 2021"),
    ("Testledare sedan 2019.", KLARA, "dates", "sedan 2019"),
    ("Tech lead since 2019.", KLARA, "dates", "since 2019"),
    ("Började som utvecklare i mars 2020.", KLARA, "dates", "mars 2020"),
    ("Kl\u200bara leads test teams calmly.", KLARA, "name", "Kl\u200bara"),
    ("Klaras team levererar alltid.", KLARA, "name", "Klaras"),
    ("Astrom has led three platform migrations.", KLARA, "name", "Astrom"),
    ("KLARA ÅSTRÖM, senior tester.", KLARA, "name", "KLARA ÅSTRÖM"),
    ("Ask for Ｋｌａｒａ, senior tester.", KLARA, "name", "Ｋｌａｒａ"),
    ("Grew up in Malmo and still loves it.", KLARA, "place", "Malmo"),
    ("Pendlar gärna till Göteborg.", KLARA, "place", "Göteborg"),
    ("Skidlärare i Åre på vintrarna.", KLARA, "place", "Åre"),
    ("Föreläser ofta i Lund.", KLARA, "place", "Lund"),
]

BENIGN = [
    "Senior backend developer with ten years of Java and Kotlin in payments; calm under pressure, likes pairing "
    "and mentoring.",
    "Erfaren testledare inom bank och försäkring, van vid stora releaser och agila team.",
    "C# and .NET developer who also writes React front ends; runs Kubernetes on AWS and Azure DevOps pipelines.",
    "Go and Rust for low-latency services; 15 years in telecom.",
    "Tio års erfarenhet av systemutveckling i Java, Spring Boot och PostgreSQL.",
    "Klarar att leda team på distans, vill klara av stora migreringar och mentorerar gärna juniora utvecklare.",
    "Data engineer: Python, Spark, dbt and Airflow; builds pipelines that analysts trust.",
    "UX designer who tests early with real users and keeps design systems tidy.",
    "Scrum master and agile coach for teams of 5 to 50; certified PSM II.",
    "Säkerhetsarkitekt med fokus på IAM, zero trust och molnmiljöer i Azure och GCP.",
    "Fullstack developer: TypeScript, Node.js, Vue.js and ASP.NET Core; enjoys clean APIs.",
    "Are you looking for a calm tester? Eight years of test automation with Selenium and Playwright.",
    "Per timme eller fast pris, på distans eller på plats.",
    "Led the migration of a core banking system to the cloud: 2 million customers, zero downtime.",
    "Mobile developer (Swift, Kotlin), 12 years, several apps with over a million users.",
    "Erfarenhet från offentlig sektor och stora industriföretag; trivs i komplexa miljöer.",
    "Kan ta uppdrag i hela landet; arbetar gärna hybrid, 80 procent.",
]


@pytest.mark.parametrize(("pitch", "ids", "kind", "words"), REFUSED, ids=[case[0][:40] for case in REFUSED])
def test_an_identifying_pitch_is_refused_with_its_kind(pitch, ids, kind, words):
    assert Finding(kind, words) in findings(pitch, ids)


@pytest.mark.parametrize("pitch", BENIGN, ids=[pitch[:40] for pitch in BENIGN])
def test_an_ordinary_pitch_passes(pitch):
    assert findings(pitch, KLARA) == []


def test_a_word_inside_another_word_or_in_lower_case_is_not_a_short_acronym():
    ids = Identifiers(schools=("Stockholms universitet", "Kungliga Tekniska högskolan"))
    assert findings("Arbetar su-vis, med suveränt tålamod och en KTHX-parser.", ids) == []


def test_each_finding_is_reported_once_in_the_order_written():
    found = findings("Klara, KTH, Klara again, 070-123 45 67.", KLARA)
    assert found == [Finding("name", "Klara"), Finding("school", "KTH"), Finding("phone", "070-123 45 67")]


def test_reasons_are_one_plain_sentence_per_kind(app):
    found = findings("Klara Åström från KTH och Klarna, Solna; ring 070-123 45 67.", KLARA)
    with force_locale("en"):
        sentences = reasons(found)
    assert sentences == [
        "It names you or part of your name (Klara Åström).",
        "It names an employer of yours (Klarna).",
        "It names a school you attended (KTH).",
        "It names your town or region (Solna).",
        "It contains a phone number or an ID number (070-123 45 67).",
    ]
    assert all(type(sentence) is str and not isinstance(sentence, Markup) for sentence in sentences)


def test_reasons_show_the_words_without_invisible_characters_and_never_as_markup(app):
    with force_locale("en"):
        sentences = reasons([Finding("name", "Kl\u200bara"), Finding("name", "<b>Åström</b>")])
    assert sentences == ["It names you or part of your name (Klara, <b>Åström</b>)."]
    assert type(sentences[0]) is str


def test_reasons_in_swedish_come_from_the_catalogue(app, repo_root, tmp_path):
    with open(repo_root / "translations" / "sv" / "LC_MESSAGES" / "messages.po", "rb") as handle:
        catalog = read_po(handle)
    target = tmp_path / "sv" / "LC_MESSAGES"
    target.mkdir(parents=True)
    with (target / "messages.mo").open("wb") as handle:
        write_mo(handle, catalog)
    Domain(translation_directories=str(tmp_path)).as_default()  # this app context only
    with force_locale("sv"):
        sentences = reasons(findings("Klara på KTH 2019–2021, i Malmö.", KLARA))
    assert sentences == [
        "Texten nämner dig eller en del av ditt namn (Klara).",
        "Texten nämner en skola eller ett lärosäte där du har studerat (KTH).",
        "Texten nämner en ort (Malmö); kortet visar ditt län.",
        "Texten innehåller datum (2019–2021); skriv antal år i stället.",
    ]


# Property tests: people the checker has never seen.

def test_the_generated_people_live_in_towns_the_checker_does_not_list():
    assert [town for town in TOWNS if county_of(town)] == []


_BENIGN_SENTENCES = [
    "Senior backend developer, calm under pressure.", "Tio års erfarenhet av Java och Kotlin.",
    "Likes pairing and mentoring.", "Trivs i agila team och stora releaser.", "Runs Kubernetes on AWS.",
    "Van vid testautomation med Selenium.", "Writes C# and .NET, and React on the front end.",
    "Twelve years in payments and insurance.", "Arbetar gärna hybrid.", "Certified Scrum master.",
    "Go, Rust and PostgreSQL for low-latency services.", "Azure DevOps pipelines and infrastructure as code.",
]
_IDENTIFYING_TEMPLATES = [
    "Worked at {x} for many years, mostly on payment platforms.", "Tidigare på {x}, där jag ledde ett agilt team.",
    "{x} gave me a solid base in distributed systems.", "Har byggt mycket åt {x} och trivs med det.",
    "Backend developer ({x}) with ten years of Java.", "Ask about {x}: I can tell you more.",
]


def _genitive(words: str) -> str:
    return words + ("'" if words[-1] in "sxz" else "s")


@st.composite
def people(draw) -> tuple[Identifiers, dict[str, str]]:
    person = {"first": draw(st.sampled_from(FIRST_NAMES)), "last": draw(st.sampled_from(SURNAMES)),
              "employer": draw(st.sampled_from(EMPLOYERS)), "school": draw(st.sampled_from(SCHOOLS)),
              "town": draw(st.sampled_from(TOWNS))}
    login = re.sub(r"\W", "", f"{person['first']}.{person['last']}".lower())
    ids = Identifiers(names=(f"{person['first']} {person['last']}",), employers=(person["employer"],),
                      schools=(person["school"],), towns=(person["town"],), emails=(f"{login}@example.se",),
                      phones=("073-555 12 34",))
    return ids, person


@settings(max_examples=150, deadline=None)
@given(people(), st.sampled_from(["first", "last", "full", "employer", "short", "school", "town"]),
       st.sampled_from(_IDENTIFYING_TEMPLATES), st.booleans(), st.sampled_from([str, str.lower, str.upper]),
       st.lists(st.sampled_from(_BENIGN_SENTENCES), max_size=2))
def test_any_one_identifier_of_an_unseen_person_is_found(person_ids, which, template, genitive, case, padding):
    ids, person = person_ids
    words = {"full": f"{person['first']} {person['last']}", "short": person["employer"].split()[0]}.get(
        which) or person[which]
    words = case(_genitive(words) if genitive else words)
    kind = {"first": "name", "last": "name", "full": "name", "short": "employer"}.get(which, which)
    pitch = " ".join([*padding, template.format(x=words)])
    assert Finding(kind, words) in findings(pitch, ids), pitch


def test_the_benign_sentences_share_no_word_with_the_people():
    def words(texts) -> set[str]:
        return {word.casefold() for text in texts for word in re.findall(r"[^\W\d_]{3,}", text)}  # not "i", "AB"

    people_words = words([*FIRST_NAMES, *SURNAMES, *TOWNS, *SCHOOLS, *EMPLOYERS])
    assert words(_BENIGN_SENTENCES) & people_words == set()


@settings(max_examples=150, deadline=None)
@given(people(), st.lists(st.sampled_from(_BENIGN_SENTENCES), min_size=1, max_size=4))
def test_a_pitch_without_an_identifier_has_no_findings(person_ids, sentences):
    ids, _ = person_ids
    pitch = " ".join(sentences)
    assert findings(pitch, ids) == [], pitch
