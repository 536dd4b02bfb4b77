"""R-CON-8: the sensitive-data guard refuses special-category disclosures and allows professional text."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from portal.services import DomainError
from portal.services.profiles.sensitive_data import LABELS, Finding, SensitiveDataError, check_fields, find

DATA = Path(__file__).parent / "data" / "sensitive_sentences.tsv"
KINDS = {"religion", "trade_union", "health", "sexual_orientation", "ethnic_origin", "political_opinion",
         "biometric", "genetic"}


def _rows() -> list[dict]:
    with DATA.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


@pytest.mark.parametrize("row", _rows(), ids=lambda row: f"{row['language']}-{row['label']}-{row['text'][:40]}")
def test_labelled_sentence(row):
    finding = find(row["text"])
    if row["label"] == "refuse":
        assert finding is not None, "should be refused"
        assert finding.kind == row["kind"]
    else:
        assert finding is None, f"wrongly refused as {finding and finding.kind}"


def test_the_labelled_data_is_broad_enough():
    rows = _rows()
    for language in ("sv", "en"):
        mine = [r for r in rows if r["language"] == language]
        assert len(mine) >= 45
        assert {r["kind"] for r in mine if r["label"] == "refuse"} == KINDS
        assert len([r for r in mine if r["label"] == "allow"]) >= 20
    assert {r["label"] for r in rows} == {"refuse", "allow"}


def test_kinds_and_labels():
    assert set(LABELS) == KINDS
    assert find("Jag är troende.") == Finding("religion", LABELS["religion"])


@pytest.mark.parametrize("text", ["", None, "   ", "Java, Python, SQL", "ADHD-app för skolor"])
def test_nothing_to_find(text):
    assert find(text) is None


@pytest.mark.parametrize("text", ["JAG ÄR DIABETIKER", "jag är diabetiker", "Jag är Diabetiker!"])
def test_case_insensitive(text):
    assert find(text).kind == "health"


def test_word_boundaries_do_not_match_inside_words():
    assert find("Jag har jobbat med gayeton och homosapiens-modeller") is None
    assert find("I migrated the Unionenportalen") is None


def test_a_later_clause_is_checked_too():
    assert find("Java developer since 2010. I have diabetes.").kind == "health"


def test_check_fields_names_the_first_offending_field():
    with pytest.raises(SensitiveDataError) as caught:
        check_fields({
            "title": ("Title", "Backend developer"),
            "summary": ("Summary", "Medlem i Unionen sedan 2015."),
            "interests": ("Interests", "Jag är troende."),
        })
    error = caught.value
    assert isinstance(error, DomainError)
    assert error.field == "summary"
    assert error.finding.kind == "trade_union"
    assert str(error.message) == ("Summary seems to contain information about trade-union membership. Such "
                                  "information must not be in your profile; please remove it.")


def test_check_fields_accepts_clean_and_empty_fields():
    check_fields({"summary": ("Summary", "Experience in the health-care sector."), "interests": ("Interests", None)})


def test_message_is_lazy_and_names_field_and_kind_in_a_request(app):
    with app.test_request_context(headers={"Accept-Language": "en"}):
        with pytest.raises(SensitiveDataError) as caught:
            check_fields({"summary": ("Summary", "Jag är diabetiker.")})
        assert str(caught.value.message).startswith("Summary seems to contain information about health or illness.")


@pytest.mark.parametrize("text", ["Member of the European Union project team", "Jag har god hälsa och gott humör",
                                  "Race condition debugging", "Sjukskrivningssystem för kommuner"])
def test_everyday_words_that_resemble_terms(text):
    assert find(text) is None


def test_refusals_are_counted_without_text_or_person(app):
    from portal.extensions import db
    from portal.models import SensitiveDataRefusal
    from portal.services.profiles.sensitive_data import (
        record_refusal, refusal_counts, refusal_counts_by_field,
    )

    record_refusal(find("Jag är diabetiker."), "summary")
    record_refusal(find("I am diabetic."), "summary")
    record_refusal(find("Medlem i Unionen"), "interests")
    assert refusal_counts() == [("health", 2), ("trade_union", 1)]
    assert refusal_counts_by_field() == [("health", "summary", 2), ("trade_union", "interests", 1)]
    columns = set(SensitiveDataRefusal.__table__.columns.keys())
    assert columns == {"id", "at", "kind", "field"}
    db.session.rollback()
