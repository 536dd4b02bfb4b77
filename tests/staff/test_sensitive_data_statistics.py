"""R-CON-8: staff see how often the sensitive-data guard fired, per kind and field, without the text."""
from __future__ import annotations

from portal.extensions import db
from portal.services.profiles.sensitive_data import find, record_refusal

EN = {"Accept-Language": "en"}


def test_privacy_officer_sees_counts_but_no_text(login_as):
    record_refusal(find("Jag är diabetiker och medlem i Unionen."), "summary")
    record_refusal(find("I am diabetic."), "summary")
    record_refusal(find("Medlem i Unionen."), "interests")
    db.session.commit()
    officer = login_as("staff", staff_roles="privacy_officer")
    response = officer.get("/staff/sensitive-data", headers=EN)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "health or illness" in page and "trade-union membership" in page
    assert "<td>2</td>" in page and "<code>interests</code>" in page
    assert "diabetiker" not in page and "Unionen" not in page


def test_empty_statistics(login_as):
    admin = login_as("staff", staff_roles="admin")
    page = admin.get("/staff/sensitive-data", headers=EN).get_data(as_text=True)
    assert "No saves have been refused." in page


def test_recruiter_may_not_see_the_statistics(login_as):
    recruiter = login_as("staff", staff_roles="recruiter")
    assert recruiter.get("/staff/sensitive-data").status_code == 403
