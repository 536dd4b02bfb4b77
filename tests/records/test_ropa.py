"""The record of processing activities (GDPR Art. 30) is built from the inventory, the retention schedule and
the register of processors: every purpose, every processor, every period; CSV and PDF carry the same."""
from __future__ import annotations

import csv
import io

import pytest
from flask_babel import force_locale
from pypdf import PdfReader

from portal.services.privacy import access_extract, inventory, table_titles
from portal.services.records import ropa, ropa_export
from portal.services.retention import schedule
from tests import factories
from tests.records.conftest import TODAY, make_processor

pytestmark = pytest.mark.usefixtures("adequacy")


@pytest.fixture
def registered():
    return [make_processor(), make_processor(name="Postilaatikko Mail Oy", country="FI", integration="mail"),
            make_processor(name="Example Inc.", country="US", integration="analytics", dpf_certified=True)]


def test_every_inventory_purpose_every_processor_and_every_period_appears(registered):
    record = ropa.build(TODAY)
    purposes = {a["purpose"] for a in record["activities"]}
    assert purposes == {str(e.about.purpose) for e in inventory.ENTRIES}
    categories = {t for a in record["activities"] for t in a["data_categories"]}
    assert categories == {f"{table_titles.title(e.table)} ({e.table})" for e in inventory.ENTRIES}
    assert "Answers about you in offers (offer_answers)" in categories  # what it holds, then the table
    assert all(a["legal_bases"] and a["recipients"] and a["retention"] and a["data_subjects"]
               for a in record["activities"])
    assert [p["name"] for p in record["processors"]] == ["Example Inc.", "Norrsken Hosting AB",
                                                         "Postilaatikko Mail Oy"]
    assert [p["name"] for p in record["transfers"]] == ["Example Inc."]
    assert "2023/1795" in record["transfers"][0]["basis"]
    rules = schedule.rules()
    assert [r["period_days"] for r in record["retention"]] == [r.period_days for r in rules]
    assert {r["category"] for r in record["retention"]} == {str(schedule.label(r)["category"]) for r in rules}
    assert any("personnummer" in m["detail"] and "bankgiro" in m["detail"] for m in record["security"])


def test_every_erasure_category_names_its_people():
    assert {e.erasure_category for e in inventory.ENTRIES} <= set(ropa.SUBJECTS)


def test_the_csv_has_one_row_per_item_with_fixed_columns(registered):
    record = ropa.build(TODAY)
    rows = list(csv.DictReader(io.StringIO(ropa_export.to_csv(record))))
    assert tuple(rows[0].keys()) == ropa_export.CSV_FIELDS
    sections = [r["section"] for r in rows]
    assert sections.count("activity") == len(record["activities"])
    assert sections.count("processor") == 3
    assert sections.count("retention") == len(schedule.rules())
    assert sections.count("security") == len(record["security"])
    assert {r["name"] for r in rows if r["section"] == "processor"} == {p.name for p in registered}


def test_no_formula_leaves_in_the_csv():
    make_processor(name="=HYPERLINK(\"http://evil.example\")")
    rows = list(csv.DictReader(io.StringIO(ropa_export.to_csv(ropa.build(TODAY)))))
    assert [r["name"] for r in rows if r["section"] == "processor"] == ["'=HYPERLINK(\"http://evil.example\")"]


def _text(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_pdf_holds_real_text(registered):
    pdf = ropa_export.to_pdf(ropa.build(TODAY))
    assert pdf.startswith(b"%PDF-")
    text = " ".join(_text(pdf).split())
    assert "Record of processing activities" in text and "Customersonly AB" in text
    assert "Norrsken Hosting AB" in text and "Example Inc." in text and "2023/1795" in text
    assert str(inventory.ENTRIES[0].about.purpose) in text
    assert "Security measures" in text and "argon2id" in text


def test_the_pdf_is_in_the_readers_language(registered):
    with force_locale("sv"):
        text = " ".join(_text(ropa_export.to_pdf(ropa.build(TODAY))).split())
    assert "12 december 2026" in text and "Sverige" in text  # Babel's Swedish, whatever the catalogue holds


def test_the_extract_names_the_processors_and_where_they_are(registered):
    person = factories.make_user(role="consultant", locale="en")
    extract = access_extract.build(person, locale="en")
    account = next(c for c in extract["categories"] if c["category"] == "users")
    assert "Norrsken Hosting AB (Sweden)" in account["recipients"]
    assert "Example Inc. (United States)" in account["recipients"]
    assert "hosting provider" not in account["recipients"]
