"""Privacy requests count Swedish days (R-RIGHTS-1..6, GDPR Art. 12(3)): a request at 00:30 Stockholm time on
the 1st was received on the 1st, in winter and summer time and on the nights the clocks change. The register
extract's texts and the prepared access answer are in the person's language (R-RIGHTS-2)."""
from __future__ import annotations

import json
from datetime import date, datetime, timezone

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.models import ConsultantProfile, PrivacyRequest
from portal.services.actors import SYSTEM, Actor
from portal.services.privacy import access_extract, deadlines, privacy_requests

# (UTC instant, its date in Stockholm)
INSTANTS = [
    (datetime(2026, 1, 31, 23, 30), date(2026, 2, 1)),    # 00:30 CET on the 1st: still the 31st in UTC
    (datetime(2026, 1, 31, 22, 59), date(2026, 1, 31)),   # 23:59 CET
    (datetime(2026, 6, 30, 22, 30), date(2026, 7, 1)),    # 00:30 CEST: two hours ahead in summer
    (datetime(2026, 6, 30, 21, 59), date(2026, 6, 30)),   # 23:59 CEST
    (datetime(2026, 3, 28, 23, 30), date(2026, 3, 29)),   # 00:30 CET on the night summer time begins
    (datetime(2026, 3, 29, 22, 30), date(2026, 3, 30)),   # 00:30 CEST, the day after the change
    (datetime(2026, 10, 24, 22, 30), date(2026, 10, 25)),  # 00:30 CEST on the night summer time ends
    (datetime(2026, 10, 25, 23, 30), date(2026, 10, 26)),  # 00:30 CET, the day after
    (datetime(2026, 10, 25, 22, 59), date(2026, 10, 25)),  # 23:59 CET on the day of the change
]


@pytest.mark.parametrize(("instant", "day"), INSTANTS)
def test_the_stockholm_date_of_an_instant(instant, day):
    assert deadlines.stockholm_date(instant) == day
    assert deadlines.stockholm_date(instant.replace(tzinfo=timezone.utc)) == day


def test_a_request_at_half_past_midnight_on_the_first_is_received_on_the_first(app, make_user):
    user = make_user()
    at = datetime(2026, 3, 31, 22, 30)  # 00:30 CEST on 1 April
    request = privacy_requests.open_for_user(Actor(user=user), user, "access", now=at)
    assert request.received_on == date(2026, 4, 1) and request.received_at == at
    assert request.deadline == deadlines.one_month_deadline(date(2026, 4, 1)) == date(2026, 5, 4)
    late = privacy_requests.open_for_user(Actor(user=user), user, "access", now=datetime(2026, 3, 31, 21, 59))
    assert late.received_on == date(2026, 3, 31) and late.deadline == date(2026, 4, 30)


def test_a_visitors_request_counts_from_the_stockholm_day_too(app):
    request = privacy_requests.submit_from_visitor(
        SYSTEM, name="Nina Natt", email="nina@example.se", kind="erasure", details=None, locale="sv",
        link_for=lambda token: f"http://localhost/v/{token}", now=datetime(2026, 10, 24, 22, 30))
    assert request.received_on == date(2026, 10, 25)


def test_without_a_time_the_request_is_received_today_in_stockholm(app, make_user):
    user = make_user()
    request = privacy_requests.open_for_user(Actor(user=user), user, "access")
    assert request.received_on == deadlines.today() == deadlines.stockholm_date(datetime.now(timezone.utc))


def _started_access(login_as, locale: str):
    person = login_as("consultant", name="Sara Språk", email=f"sara.{locale}@example.se", locale=locale)
    db.session.add(ConsultantProfile(user_id=person.user.id, city="Kalmar"))
    db.session.commit()
    officer = login_as("staff", staff_roles="privacy_officer", locale="en")
    assert person.post("/privacy/requests", data={"kind": "access"}).status_code == 303
    request = db.session.scalars(sa.select(PrivacyRequest).where(PrivacyRequest.user_id == person.user.id)).one()
    assert officer.post(f"/staff/privacy-requests/{request.id}/start",
                        headers={"Accept-Language": "en"}).status_code == 303
    db.session.refresh(request)
    profile = next(c for c in json.loads(request.extract_json)["categories"] if c["category"] == "consultant_profiles")
    return request, profile


def test_the_prepared_access_answer_and_its_extract_are_in_swedish_for_a_swedish_reader(login_as):
    request, profile = _started_access(login_as, "sv")
    assert request.prepared_answer.startswith("Här är en kopia av de personuppgifter vi har om dig")
    assert f"/privacy/requests/{request.id}/extract.json" in request.prepared_answer
    assert profile["purpose"] == "Matcha dig mot uppdrag och presentera dig för kunder"
    assert profile["legal_basis"].startswith("Avtal (artikel 6.1 b)")


def test_the_prepared_access_answer_is_in_english_for_an_english_reader(login_as):
    request, profile = _started_access(login_as, "en")
    assert request.prepared_answer.startswith("Here is a copy of the personal data we hold about you")
    assert profile["purpose"] == "Matching you with assignments and presenting you to clients"


@pytest.mark.parametrize(("language", "purpose", "label"), [
    ("sv", "Matcha dig mot uppdrag och presentera dig för kunder", "Rättslig grund"),
    ("en", "Matching you with assignments and presenting you to clients", "Legal basis"),
])
def test_the_extract_page_shows_the_texts_in_the_pages_language(login_as, language, purpose, label):
    person = login_as("consultant", locale=language)
    db.session.add(ConsultantProfile(user_id=person.user.id, city="Kalmar"))
    db.session.commit()
    html = person.get("/privacy/extract").get_data(as_text=True)
    assert purpose in html and label in html
    assert access_extract.build(person.user)["categories"]  # outside a request: the person's language
