"""Partners see their partnership; representatives keep their details and preferences (R-PAR-1, R-BUY-3/4)."""
from __future__ import annotations

import io

import sqlalchemy as sa

from portal.extensions import db
from portal.models import AuditEvent, CommunicationPreference, PartnerContact, PartnerDocument

EN = {"Accept-Language": "en"}


def test_staff_name_contacts_and_share_a_document_the_partner_downloads(login_as):
    staff = login_as("staff", staff_roles="recruiter", name="Sofia Stab")
    partner = login_as("partner")
    organisation = partner.user.active_membership().organisation
    base = f"/staff/partners/{organisation.id}"
    assert staff.get(base).status_code == 200
    assert staff.post(f"{base}/contacts", data={"staff_user_id": str(staff.user.id),
                                                "responsibility": "Events"}).status_code == 303
    assert staff.post(f"{base}/contacts", data={"staff_user_id": str(partner.user.id)}).status_code == 422
    response = staff.post(f"{base}/documents", data={"title": "Agreement 2026",
                                                     "file": (io.BytesIO(b"%PDF-1.4 demo"), "avtal 2026.pdf",
                                                              "application/pdf")},
                          content_type="multipart/form-data")
    assert response.status_code == 303, response.get_data(as_text=True)[:1000]
    refused = staff.post(f"{base}/documents", data={"title": "Script", "file": (io.BytesIO(b"x"), "a.html",
                                                                                "text/html")},
                         content_type="multipart/form-data")
    assert refused.status_code == 422
    document = db.session.scalar(sa.select(PartnerDocument))
    page = partner.get("/partner/partnership", headers=EN).get_data(as_text=True)
    assert "Sofia Stab" in page and "Events" in page and "Agreement 2026" in page
    with partner.get(f"/partner/documents/{document.id}") as download:
        assert download.status_code == 200 and download.data == b"%PDF-1.4 demo"
        assert download.headers["Content-Disposition"].startswith("attachment")
        assert "avtal_2026.pdf" in download.headers["Content-Disposition"]
    contact = db.session.scalar(sa.select(PartnerContact))
    assert staff.post(f"{base}/contacts/{contact.id}/remove").status_code == 303
    assert staff.post(f"{base}/documents/{document.id}/remove").status_code == 303
    assert partner.get(f"/partner/documents/{document.id}").status_code == 404


def test_partnership_pages_are_for_partners_only(login_as):
    staff = login_as("staff", staff_roles="admin")
    buyer = login_as("buyer")
    assert staff.get(f"/staff/partners/{buyer.user.active_membership().organisation_id}").status_code == 404


def test_representative_keeps_contact_details_and_objects_to_marketing(login_as):
    partner = login_as("partner")
    page = partner.get("/partner/contact-details")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'name="newsletters" type="checkbox" value="y" checked' in html or "checked" in html  # marketing unless objected
    response = partner.post("/partner/contact-details", data={"name": "Petra Ny", "job_title": "CEO",
                                                              "phone": "+46 70 123 45 67", "events": "y"})
    assert response.status_code == 303
    db.session.refresh(partner.user)
    assert (partner.user.name, partner.user.job_title, partner.user.phone) == ("Petra Ny", "CEO", "+46 70 123 45 67")
    choice = db.session.get(CommunicationPreference, partner.user.id)
    assert (choice.newsletters, choice.events) == (False, True)
    assert db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "person.communication_preferences"))
    bad = partner.post("/partner/contact-details", data={"name": "", "phone": "call me"})
    assert bad.status_code == 422
    db.session.refresh(partner.user)
    assert partner.user.name == "Petra Ny"


def test_buyers_and_suppliers_have_the_same_contact_page(login_as):
    for role in ("buyer", "supplier"):
        assert login_as(role).get(f"/{role}/contact-details").status_code == 200
