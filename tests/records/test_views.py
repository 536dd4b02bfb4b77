"""The privacy officer's records pages: the register with its DPA files, the adequacy list, the record of
processing with its exports. Role checks, CSRF, 422 with the reason, 404 for unknown or huge ids."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.models import AuditEvent, Processor
from portal.services.records import processors
from tests.profiles.helpers import multipart
from tests.records.conftest import PDF, PNG, make_processor

pytestmark = pytest.mark.usefixtures("adequacy")
EN = {"Accept-Language": "en"}
PAGES = ["/staff/records", "/staff/processors", "/staff/processors/new", "/staff/adequacy"]
EXPORTS = ["/staff/records.csv", "/staff/records.pdf"]


@pytest.fixture
def officer(login_as):
    return login_as("staff", staff_roles="privacy_officer", locale="en")


def _form(**fields) -> dict:
    data = {"name": "Postilaatikko Mail Oy", "service": "Mail delivery", "integration": "mail",
            "data_categories": "Names and e-mail addresses", "country_code": "FI", "dpa_signed_on": "2025-04-22",
            "review_on": "2027-04-22", "dpa_file": (PDF, "dpa.pdf")}
    data.update(fields)
    return {k: v for k, v in data.items() if v is not None}


def _count() -> int:
    return db.session.scalar(sa.select(sa.func.count(Processor.id)))


def test_the_officer_sees_the_record_and_downloads_both_exports(officer):
    make_processor()
    page = officer.get("/staff/records")
    assert page.status_code == 200 and "Norrsken Hosting AB" in page.get_data(as_text=True)
    exported = officer.post("/staff/records.csv")
    assert exported.mimetype == "text/csv" and "attachment" in exported.headers["Content-Disposition"]
    assert exported.get_data(as_text=True).startswith("section,name,purpose")
    pdf = officer.post("/staff/records.pdf")
    assert pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF-")
    formats = [e.detail for e in db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "records.export"))]
    assert len(formats) == 2


def test_registering_a_processor_with_its_agreement(officer):
    response = officer.post("/staff/processors/new", **multipart(_form()))
    assert response.status_code == 303
    [processor] = processors.processors()
    assert processor.has_agreement and processor.country_code == "FI" and processor.integration == "mail"
    listing = officer.get("/staff/processors").get_data(as_text=True)
    assert "Postilaatikko Mail Oy" in listing and "Finland" in listing


@pytest.mark.parametrize("fields, words", [
    ({"country_code": "IN"}, "India is outside the EEA and has no adequacy decision"),
    ({"country_code": "US"}, "certified under the EU-US Data Privacy Framework"),
    ({"dpa_file": (PNG, "dpa.pdf")}, "this file is not a PDF"),
    ({"dpa_file": (b"%PDF-1.4\n" + b"0" * processors.MAX_DPA_BYTES, "dpa.pdf")}, "larger than 5 MB"),
    ({"review_on": "2025-01-01"}, "cannot be before the date the agreement was signed"),
    ({"name": ""}, "Name the processor."),
    ({"country_code": "ZZ"}, "Not a valid choice"),
])
def test_a_refused_form_says_why_with_422_and_stores_nothing(officer, fields, words):
    response = officer.post("/staff/processors/new", headers=EN, **multipart(_form(**fields)))
    assert response.status_code == 422
    assert words in response.get_data(as_text=True)
    assert _count() == 0


def test_editing_keeps_the_agreement_and_the_download_is_audited(officer):
    processor = make_processor()
    page = officer.get(f"/staff/processors/{processor.id}")
    assert page.status_code == 200 and "dpa.pdf" in page.get_data(as_text=True)
    response = officer.post(f"/staff/processors/{processor.id}", **multipart(_form(
        name="Norrsken Hosting AB", country_code="SE", integration="hosting", dpa_signed_on="2025-02-03",
        dpa_file=None)))
    assert response.status_code == 303
    db.session.refresh(processor)
    assert processor.has_agreement and processor.service == "Mail delivery"
    download = officer.get(f"/staff/processors/{processor.id}/agreement")
    assert download.status_code == 200 and download.data == PDF and download.mimetype == "application/pdf"
    assert download.headers["Cache-Control"] == "no-store"
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "processor.dpa_download"))
    assert event is not None and event.actor_id == officer.user.id


def test_moving_a_processor_to_a_refused_country_keeps_the_entry(officer):
    processor = make_processor()
    response = officer.post(f"/staff/processors/{processor.id}", headers=EN, **multipart(_form(
        country_code="CN", dpa_file=None, dpa_signed_on="2025-02-03")))
    assert response.status_code == 422 and "China" in response.get_data(as_text=True)
    db.session.refresh(processor)
    assert processor.country_code == "SE"


@pytest.mark.parametrize("path", ["/staff/processors/{id}9", "/staff/processors/99999999999999999999",
                                  "/staff/processors/{id}9/agreement", "/staff/processors/2147483648/agreement"])
def test_unknown_or_huge_ids_are_404(officer, path):
    processor = make_processor()
    assert officer.get(path.format(id=processor.id)).status_code == 404
    assert officer.post(path.format(id=processor.id).removesuffix("/agreement"), **multipart(_form())).status_code == 404


def test_a_processor_without_agreement_has_no_download(officer):
    processor = make_processor(with_file=False)
    assert officer.get(f"/staff/processors/{processor.id}/agreement").status_code == 404


@pytest.mark.parametrize("role, staff_roles", [("staff", "admin"), ("staff", "recruiter"), ("staff", "finance"),
                                               ("consultant", None), ("buyer", None), ("partner", None)])
def test_other_roles_are_refused(login_as, role, staff_roles):
    processor = make_processor()
    other = login_as(role, **({"staff_roles": staff_roles} if staff_roles else {}))
    for path in [*PAGES, f"/staff/processors/{processor.id}", f"/staff/processors/{processor.id}/agreement"]:
        assert other.get(path).status_code == 403, path
    for path in EXPORTS:
        assert other.post(path).status_code == 403, path
    assert other.post("/staff/processors/new", **multipart(_form())).status_code == 403
    assert _count() == 1


def test_anonymous_visitors_are_sent_to_sign_in(client):
    for path in PAGES:
        response = client.get(path)
        assert response.status_code in (302, 303) and "/auth/login" in response.headers["Location"]


def test_a_forged_csrf_token_changes_nothing(app, officer):
    app.config["WTF_CSRF_ENABLED"] = True
    assert officer.post("/staff/records.pdf", data={"csrf_token": "forged"}).status_code == 400
    response = officer.post("/staff/processors/new", **multipart({**_form(), "csrf_token": "forged"}))
    assert response.status_code == 400 and _count() == 0


def test_the_adequacy_list_shows_each_decision(officer):
    page = officer.get("/staff/adequacy", headers=EN).get_data(as_text=True)
    for words in ("2023/1795", "2021/1772", "2019/419", "2022/254", "European Patent Organisation", "Norway"):
        assert words in page
