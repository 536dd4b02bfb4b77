"""Issue #18: each role's start page says what needs the person's attention, with counts and links, and
says so when nothing does; an agreement without an end date reads well."""
from __future__ import annotations

import html
from datetime import date, timedelta

from portal.extensions import db
from portal.models import Offer, ShortlistEntry, SupplierConsultant
from tests.orgs.helpers import make_assignment

EN = {"Accept-Language": "en"}
SV = {"Accept-Language": "sv"}


def _start(portal, url: str, headers=EN) -> str:
    response = portal.get(url, headers=headers)
    assert response.status_code == 200
    return html.unescape(response.get_data(as_text=True))


def test_nothing_to_do_reads_well_in_both_languages(login_as):
    buyer = login_as("buyer")
    assert "Nothing waits for you right now." in _start(buyer, "/buyer/")
    assert "Inget väntar på dig just nu." in _start(buyer, "/buyer/", SV)


def test_a_buyer_sees_drafts_and_candidates_to_meet(login_as):
    buyer = login_as("buyer")
    organisation = buyer.user.memberships[0].organisation
    make_assignment(organisation, state="draft")
    make_assignment(organisation, state="draft")
    shortlisting = make_assignment(organisation, state="shortlisting")
    consultant = login_as("consultant").user
    db.session.add(ShortlistEntry(assignment_id=shortlisting.id, consultant_id=consultant.id, reason="Fits",
                                  pseudonym="K-2345", anonymized_card_json="{}", card_k=5,
                                  state="approved_for_buyer"))
    db.session.commit()
    html = _start(buyer, "/buyer/")
    assert "2 assignment requests are drafts you have not sent." in html
    assert "One anonymous candidate waits for you to ask to meet them." in html
    assert 'href="/buyer/assignments"' in html and consultant.name not in html
    assert "2 uppdragsförfrågningar är utkast" in _start(buyer, "/buyer/", SV)


def test_a_supplier_sees_offers_waiting_for_the_consultant_and_assignments_closing(login_as):
    supplier = login_as("supplier")
    organisation = supplier.user.memberships[0].organisation
    buyer = login_as("buyer").user.memberships[0].organisation
    closing = make_assignment(buyer, answer_deadline=date.today() + timedelta(days=3))
    record = SupplierConsultant(organisation_id=organisation.id, name="Sara S", email="sara@example.se")
    db.session.add(record)
    db.session.flush()
    db.session.add(Offer(assignment_id=closing.id, organisation_id=organisation.id, supplier_consultant_id=record.id,
                         rate=1000, state="awaiting_consultant"))
    db.session.commit()
    html = _start(supplier, "/supplier/")
    assert "One published assignment closes for offers within a week." in html
    assert "One of your offers waits for the consultant's agreement." in html


def test_staff_see_only_what_their_roles_may_open(login_as):
    buyer = login_as("buyer").user.memberships[0].organisation
    make_assignment(buyer, state="submitted")
    db.session.commit()
    recruiter = login_as("staff", staff_roles="recruiter")
    assert "One assignment request waits for review." in _start(recruiter, "/staff/")
    finance = login_as("staff", staff_roles="finance")
    assert "assignment request waits for review" not in _start(finance, "/staff/")


def test_an_agreement_without_an_end_date_says_so(login_as):
    buyer = login_as("buyer")
    organisation = buyer.user.memberships[0].organisation
    organisation.agreement_start, organisation.agreement_end = date(2026, 1, 1), None
    db.session.commit()
    html = _start(buyer, "/buyer/")
    assert "with no end date" in html and "– –" not in html
