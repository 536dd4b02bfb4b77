"""R-CON-4: staff export a tender-response CV (PDF) only with the consultant's yes to being named and a
release in force, holding only what the consultant released; every export is audited."""
from __future__ import annotations

import io
import json
from datetime import timedelta

import pytest
import sqlalchemy as sa
from pypdf import PdfReader

from portal.extensions import db
from portal.models import AuditEvent, DisclosureEnd, ProcessingRestriction
from portal.services.actors import Actor
from portal.services.applications import tender, tender_cv
from tests import factories
from tests.applications.tender_scene import (BANKGIRO, PERSONNUMMER, PHONE, TODAY, consultant_with_profile,
                                             lou_assignment, release)

EN = {"Accept-Language": "en"}


def _url(assignment, consultant) -> str:
    return f"/staff/assignments/{assignment.id}/tender-cv/{consultant.id}.pdf"


def _text(response) -> str:
    assert response.status_code == 200, response.get_data(as_text=True)[:1000]
    assert response.mimetype == "application/pdf"
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)


def _exports() -> list[AuditEvent]:
    return list(db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "tender_cv.export")))


@pytest.fixture
def scene(login_as):
    staff = login_as("staff", staff_roles="recruiter")
    assignment = lou_assignment()
    consultant = consultant_with_profile()
    db.session.commit()
    return staff, assignment, consultant


def test_without_the_yes_to_be_named_no_pdf(scene):
    staff, assignment, consultant = scene
    release(assignment, consultant, ["name", "profile"], staff=staff.user)
    response = staff.get(_url(assignment, consultant), headers=EN)
    assert response.status_code == 409 and response.mimetype == "text/html"
    assert "has not said yes to being named" in response.get_data(as_text=True)
    assert _exports() == []


def test_without_a_release_no_pdf(scene):
    staff, assignment, consultant = scene
    tender.give(Actor(user=consultant), consultant, assignment)
    response = staff.get(_url(assignment, consultant), headers=EN)
    assert response.status_code == 409 and "No release of the consultant" in response.get_data(as_text=True)
    assert _exports() == []


def test_a_release_without_the_name_is_not_enough(scene):
    staff, assignment, consultant = scene
    tender.give(Actor(user=consultant), consultant, assignment)
    release(assignment, consultant, ["profile"], staff=staff.user)
    assert staff.get(_url(assignment, consultant)).status_code == 409
    assert _exports() == []


def test_the_pdf_holds_only_what_was_released_and_is_audited(scene):
    staff, assignment, consultant = scene
    tender.give(Actor(user=consultant), consultant, assignment)
    _, disclosure = release(assignment, consultant, ["name", "profile"], staff=staff.user)
    response = staff.get(_url(assignment, consultant), headers=EN)
    text = _text(response)
    assert response.headers["Cache-Control"] == "no-store"
    assert "attachment" in response.headers["Content-Disposition"]
    for released in ("Klara Kvist", "Security architect", "Designs secure public e-services.", "Threat modelling",
                     "DNR 2026-0117", "Uppsala"):
        assert released in text, released
    # contact was not released; what no release ever holds stays out too
    for kept in (PHONE, consultant.email, PERSONNUMMER, "198112189876", BANKGIRO, "female", "1981-12-18",
                 "Hemliga gatan", "1234"):
        assert kept not in text, kept
    [event] = _exports()
    assert event.subject_id == consultant.id and event.actor_id == staff.user.id
    assert event.object_type == "Assignment" and event.object_id == str(assignment.id)
    assert json.loads(event.detail) == {"fields": ["name", "profile"], "disclosures": [disclosure.id]}


def test_released_contact_details_are_in_the_pdf(scene):
    staff, assignment, consultant = scene
    tender.give(Actor(user=consultant), consultant, assignment)
    release(assignment, consultant, ["name", "contact"], staff=staff.user)
    text = _text(staff.get(_url(assignment, consultant)))
    assert PHONE in text and consultant.email in text
    assert "Threat modelling" not in text  # the profile was not released


def test_withdrawn_yes_or_stopped_release_stops_the_export(scene):
    staff, assignment, consultant = scene
    tender.give(Actor(user=consultant), consultant, assignment)
    _, disclosure = release(assignment, consultant, ["name"], staff=staff.user)
    assert staff.get(_url(assignment, consultant)).status_code == 200
    tender.withdraw(Actor(user=consultant), consultant, assignment)
    db.session.commit()
    assert staff.get(_url(assignment, consultant)).status_code == 409
    tender.give(Actor(user=consultant), consultant, assignment)
    db.session.add(DisclosureEnd(disclosure_id=disclosure.id, consultant_id=consultant.id))
    db.session.commit()
    assert staff.get(_url(assignment, consultant)).status_code == 409
    assert len(_exports()) == 1


def test_a_restricted_profile_is_not_exported(scene):
    staff, assignment, consultant = scene
    tender.give(Actor(user=consultant), consultant, assignment)
    release(assignment, consultant, ["name"], staff=staff.user)
    db.session.add(ProcessingRestriction(user_id=consultant.id, category="profile", source="person", reason="Check"))
    db.session.commit()
    response = staff.get(_url(assignment, consultant), headers=EN)
    assert response.status_code == 409 and "restricted" in response.get_data(as_text=True)
    assert _exports() == []


# No NUL: the request layer refuses it (400) before anything is stored, and PostgreSQL cannot store it.
HOSTILE = "Zoë 李小龍 🚀 \u202eevil\u202c \x07 <script>alert(1)</script> %(name)s {{ 7*7 }} " + "W" * 400


def test_hostile_and_unicode_text_does_not_break_the_pdf(login_as):
    staff = login_as("staff", staff_roles="admin")
    assignment = lou_assignment(title=HOSTILE[:200], procurement_reference="DNR ✓ 1")  # the columns' lengths
    consultant = consultant_with_profile(name="Åsa Öberg-Ünal Ősz 🙂", phone="+46 ☎ 70", title=HOSTILE[:200],
                                         summary=HOSTILE + "\n\n" + "Ωμέγα " * 300)
    tender.give(Actor(user=consultant), consultant, assignment)
    release(assignment, consultant, ["name", "contact", "profile", "references"], staff=staff.user)
    text = _text(staff.get(_url(assignment, consultant)))
    assert "Åsa Öberg-Ünal Osz" in text  # Latin-1 kept, other letters by their base letter
    assert "<script>alert(1)</script>" in text and " evil " in text  # not markup; the bidi override is gone


def test_staff_page_lists_lou_candidates_with_consent_and_export_link(scene):
    staff, assignment, consultant = scene
    entry, _ = release(assignment, consultant, ["name"], staff=staff.user)
    page = staff.get(f"/staff/assignments/{assignment.id}/shortlist", headers=EN).get_data(as_text=True)
    assert "Tender response (LOU)" in page and "Not given" in page and _url(assignment, consultant) not in page
    tender.give(Actor(user=consultant), consultant, assignment)
    db.session.commit()
    page = staff.get(f"/staff/assignments/{assignment.id}/shortlist", headers=EN).get_data(as_text=True)
    assert f'href="{_url(assignment, consultant)}"' in page and "Name" in page
    plain = lou_assignment(lou=False)
    db.session.commit()
    assert "Tender response (LOU)" not in staff.get(f"/staff/assignments/{plain.id}/shortlist",
                                                    headers=EN).get_data(as_text=True)


@pytest.mark.parametrize("who", [("buyer", {}), ("consultant", {}), ("supplier", {}),
                                 ("staff", {"staff_roles": "privacy_officer"}), ("staff", {"staff_roles": "finance"})])
def test_only_staff_who_handle_shortlists_reach_the_export(scene, login_as, who):
    staff, assignment, consultant = scene
    tender.give(Actor(user=consultant), consultant, assignment)
    release(assignment, consultant, ["name"], staff=staff.user)
    role, fields = who
    response = login_as(role, **fields).get(_url(assignment, consultant))
    assert response.status_code == 403 and response.mimetype != "application/pdf"
    assert _exports() == []


def test_anonymous_goes_to_sign_in(scene, client):
    _, assignment, consultant = scene
    response = client.get(_url(assignment, consultant))
    assert response.status_code in (302, 303) and "/auth/login" in response.headers["Location"]


def test_huge_or_wrong_ids_are_not_found(scene):
    staff, assignment, consultant = scene
    plain = lou_assignment(lou=False)
    buyer = factories.make_user(role="buyer")
    db.session.commit()
    for url in (f"/staff/assignments/999999999/tender-cv/{consultant.id}.pdf",
                f"/staff/assignments/{assignment.id}/tender-cv/999999999.pdf",
                f"/staff/assignments/99999999999999999999/tender-cv/{consultant.id}.pdf",
                _url(plain, consultant), _url(assignment, buyer)):
        assert staff.get(url).status_code == 404, url
    assert _exports() == []


def test_an_expired_release_is_not_in_force(scene):
    staff, assignment, consultant = scene
    tender.give(Actor(user=consultant), consultant, assignment)
    release(assignment, consultant, ["name"], staff=staff.user)
    assert tender_cv.releases(consultant.id, assignment.id, TODAY + timedelta(days=29))
    assert tender_cv.releases(consultant.id, assignment.id, TODAY + timedelta(days=31)) == []
