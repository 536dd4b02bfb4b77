"""Staff see consultant profiles read-only; every view is audited; numbers masked by need (R-STAFF-1)."""
from __future__ import annotations

import sqlalchemy as sa

from portal.extensions import db
from portal.models import AuditEvent
from portal.services.profiles import sections
from portal.services.actors import SYSTEM
from tests.profiles.helpers import VALID_BANKGIRO, VALID_PNR, profile_of

EN = {"Accept-Language": "en"}


def _consultant(make_user):
    user = make_user(name="Maja Mätare")
    profile = profile_of(user)
    sections.update_identity(SYSTEM, profile, personnummer=VALID_PNR, national_id=None, national_id_country=None,
                             date_of_birth=None, gender=None, citizenship="SE", work_permit=None,
                             work_permit_expires=None)
    sections.update_payment(SYSTEM, profile, bankgiro=VALID_BANKGIRO, f_tax="F", company_name=None,
                            company_org_number=None)
    db.session.commit()
    return user


def test_recruiter_searches_and_views_and_the_view_is_audited(login_as, make_user):
    user = _consultant(make_user)
    recruiter = login_as("staff", staff_roles="recruiter")
    listing = recruiter.get("/staff/consultants?q=mät", headers=EN).get_data(as_text=True)
    assert "Maja Mätare" in listing
    assert "Maja" not in recruiter.get("/staff/consultants?q=zzz", headers=EN).get_data(as_text=True)
    page = recruiter.get(f"/staff/consultants/{user.id}", headers=EN).get_data(as_text=True)
    assert VALID_PNR in page and VALID_BANKGIRO not in page and "****-55" in page
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "person.view"))
    assert event.subject_id == user.id and event.actor_id == recruiter.user.id


def test_finance_sees_bankgiro_but_not_personnummer(login_as, make_user):
    user = _consultant(make_user)
    page = login_as("staff", staff_roles="finance").get(f"/staff/consultants/{user.id}").get_data(as_text=True)
    assert VALID_BANKGIRO in page and VALID_PNR not in page and "19811218-****" in page


def test_others_cannot_reach_staff_profile_pages(login_as, make_user):
    user = _consultant(make_user)
    for who in (login_as("buyer"), login_as("supplier"), login_as("consultant"),
                login_as("staff", staff_roles="privacy_officer")):
        assert who.get(f"/staff/consultants/{user.id}").status_code == 403
        assert who.get("/staff/consultants").status_code == 403
    assert db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "person.view")) is None


def test_non_consultant_id_is_404(login_as, make_user):
    buyer = make_user(role="buyer")
    db.session.commit()
    assert login_as("staff", staff_roles="recruiter").get(f"/staff/consultants/{buyer.id}").status_code == 404
