"""Redaction of free text for the buyer's anonymized shortlist (R-BUY-7, issue 5).

tests/matching/data/redaction_cases.tsv holds labelled sentences, Swedish and English: the input,
the names and employers the caller knows, the expected output with {kind} where a placeholder goes
(filled in with the locale's placeholder, so the cases hold whatever the catalogue says), and
substrings that must not survive (";"-separated, case-sensitive; "-" for none).
"""
from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from flask_babel import Domain, force_locale

from portal.services.shortlists.anonymize import PLACEHOLDERS, redact

CASES_FILE = Path(__file__).parent / "data" / "redaction_cases.tsv"


def _cases() -> list[dict]:
    with CASES_FILE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    return rows


def _listed(cell: str) -> list[str]:
    return [] if cell.strip() == "-" else [part for part in cell.split(";") if part.strip()]


def _placeholders(locale: str) -> dict[str, str]:
    with force_locale(locale):
        return {kind: str(text) for kind, text in PLACEHOLDERS.items()}


CASES = _cases()


def test_the_labelled_set_is_large_and_bilingual():
    assert len(CASES) >= 40
    assert {row["locale"] for row in CASES} == {"sv", "en"}


@pytest.mark.parametrize("case", CASES, ids=[f"{i:02d}-{row['input'][:30]}" for i, row in enumerate(CASES, 1)])
def test_redaction_case(app, case):
    redacted = redact(case["input"], known_names=_listed(case["known_names"]),
                      known_employers=_listed(case["known_employers"]), locale=case["locale"])
    assert redacted == case["expected"].format_map(_placeholders(case["locale"]))
    for secret in _listed(case["must_not_contain"]):
        assert secret not in redacted


@pytest.mark.parametrize("case", CASES[:: 3], ids=lambda row: row["input"][:30])
def test_redacting_twice_changes_nothing_more(app, case):
    once = redact(case["input"], known_names=_listed(case["known_names"]),
                  known_employers=_listed(case["known_employers"]), locale=case["locale"])
    assert redact(once, known_names=_listed(case["known_names"]), locale=case["locale"]) == once


@pytest.mark.parametrize("text", [
    "Mejla anna.svensson@example.com.", "Skriv till anna@firma.se, eller ring.", "x.y-z+tag@sub.domain.example.org;",
    "Mail: ANNA [at] firma [dot] se", "Ring 070-123 45 67.", "Ring +46 70 123 45 67, tack.",
    "Tel. 08-463 03 00", "Tel (0)8-463 03 00", "Phone +1 (555) 123-4567.", "0046 70 123 45 67",
])
def test_no_half_of_an_address_or_number_is_left(app, text):
    redacted = redact(text, locale="en")
    assert "@" not in redacted and "[at]" not in redacted
    assert not re.search(r"\d{2}", redacted), redacted
    assert not re.search(r"(?i)\b(firma|example|anna|domain|dot)\b", redacted), redacted


def test_empty_text_stays_empty(app):
    assert redact("", locale="sv") == ""
    assert redact("Inget att ta bort.", locale="sv") == "Inget att ta bort."


def test_english_placeholders_through_babel(app):
    text = "Anna Svensson, anna@example.com, 070-123 45 67, www.example.se, 19850315-1234, Storgatan 3, Acme AB"
    redacted = redact(text, known_names=["Anna Svensson"], locale="en")
    assert redacted == "[name], [e-mail], [phone], [link], [id number], [address], [a company]"
    assert redact("Nordkod AB", known_employers=["Nordkod AB"], locale="en") == "[employer]"


def swedish_catalogue(directory: Path) -> Domain:
    """A Swedish catalogue of our own placeholders, compiled into `directory` (translations/ is the
    lead's; this only proves that the placeholders follow the locale through Flask-Babel)."""
    catalog = Catalog(locale="sv")
    for msgid, msgstr in {"[name]": "[namn]", "[e-mail]": "[e-post]", "[phone]": "[telefon]", "[link]": "[länk]",
                          "[id number]": "[id-nummer]", "[address]": "[adress]", "[employer]": "[arbetsgivare]",
                          "[a company]": "[ett företag]", "[school]": "[lärosäte]", "[location]": "[ort]",
                          "Candidate %(code)s": "Kandidat %(code)s"}.items():
        catalog.add(msgid, msgstr)
    target = directory / "sv" / "LC_MESSAGES"
    target.mkdir(parents=True)
    with (target / "messages.mo").open("wb") as handle:
        write_mo(handle, catalog)
    return Domain(translation_directories=str(directory))


def test_swedish_placeholders_follow_the_locale(app, tmp_path):
    swedish_catalogue(tmp_path).as_default()  # for this app context only
    text = "Anna Svensson, anna@example.com, 070-123 45 67, www.example.se, 19850315-1234, Storgatan 3, Acme AB"
    assert redact(text, known_names=["Anna Svensson"], locale="sv") == (
        "[namn], [e-post], [telefon], [länk], [id-nummer], [adress], [ett företag]")
    assert redact(text, known_names=["Anna Svensson"], locale="en") == (
        "[name], [e-mail], [phone], [link], [id number], [address], [a company]")
    assert redact("Nordkod AB:s kunder", known_employers=["Nordkod AB"], locale="sv") == "[arbetsgivare] kunder"
