"""Campaigns reach only who may get them, in their language, with RFC 8058 headers (R-BUY-3, R-CON-5, R-SEC-4)."""
from __future__ import annotations

import csv
import io
import json

import sqlalchemy as sa

from portal.extensions import db
from portal.models import AuditEvent, MarketingHandover
from portal.services import mail
from portal.services.actors import Actor
from portal.services.privacy import marketing
from tests.marketing.helpers import compose, mails_to
from tests.mailserver import Inbox

EN = {"Accept-Language": "en"}


def _people(make_user):
    return {
        "sv": make_user("consultant", locale="sv"),
        "en": make_user("consultant", locale="en"),
        "objected": make_user("consultant"),
        "no_events": make_user("consultant"),
        "unverified": make_user("consultant", email_verified_at=None),
        "buyer": make_user("buyer"),
    }


def test_compose_preview_send_and_counts(login_as, make_user, smtp):
    people = _people(make_user)
    marketing.object_to_marketing(Actor(user=people["objected"]), people["objected"])
    marketing.set_choices(Actor(user=people["no_events"]), people["no_events"], {"events": False})
    db.session.commit()
    staff = login_as("staff", staff_roles="admin")
    campaign = compose(staff)
    page = staff.get(f"/staff/campaigns/{campaign.id}", headers=EN).get_data(as_text=True)
    assert "It would reach 2 people now." in page
    assert all(p.email not in page for p in people.values())  # counts only, never who
    assert staff.post(f"/staff/campaigns/{campaign.id}/send", data={}, headers=EN).status_code == 422  # confirm
    assert mails_to(people["sv"]) == []
    assert staff.post(f"/staff/campaigns/{campaign.id}/send", data={"confirm": "y"}).status_code == 303
    (sv,), (en,) = mails_to(people["sv"]), mails_to(people["en"])
    assert (sv.subject, en.subject) == ("Höstträff", "Autumn meetup")
    assert "Välkommen den 12 november." in sv.body_text and "Welcome on 12 November." in en.body_text
    headers = json.loads(en.headers_json)
    assert headers["List-Unsubscribe"].startswith("<http://localhost/unsubscribe/")
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    for name in ("objected", "no_events", "unverified", "buyer"):
        assert mails_to(people[name]) == [], name
    db.session.refresh(campaign)
    assert (campaign.state, campaign.sent_count) == ("sent", 2)
    # Real SMTP carries the headers (the web layer delivers right after its commit).
    mail.deliver_pending()
    inbox: Inbox = smtp
    delivered = {m["To"]: m for m in inbox.wait_for(2)}
    assert delivered[people["en"].email]["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # Sent once only.
    assert staff.post(f"/staff/campaigns/{campaign.id}/send", data={"confirm": "y"}).status_code == 422
    listing = staff.get("/staff/campaigns", headers=EN).get_data(as_text=True)
    assert "Autumn meetup" in listing and people["sv"].email not in listing


def test_segment_by_language_and_role(login_as, make_user):
    sv, en, buyer = make_user("consultant", locale="sv"), make_user("consultant", locale="en"), make_user("buyer")
    db.session.commit()
    staff = login_as("staff", staff_roles="admin")
    campaign = compose(staff, segment_locale="en")
    staff.post(f"/staff/campaigns/{campaign.id}/send", data={"confirm": "y"})
    assert (len(mails_to(sv)), len(mails_to(en)), len(mails_to(buyer))) == (0, 1, 0)
    other = compose(staff, segment_role="buyer", topic="offers")
    staff.post(f"/staff/campaigns/{other.id}/send", data={"confirm": "y"})
    assert len(mails_to(buyer)) == 1


def test_bad_campaign_input_is_a_422_and_nothing_is_saved(login_as):
    staff = login_as("staff", staff_roles="admin")
    for changes in ({"topic": "politics"}, {"segment_role": "staff"}, {"body_en": "  "}, {"subject_sv": "x" * 201},
                    {"segment_locale": "de"}):
        response = staff.post("/staff/campaigns/new", data={**_base(), **changes}, headers=EN)
        assert response.status_code == 422, changes
    assert staff.get("/staff/campaigns/999999").status_code == 404
    assert "None." in staff.get("/staff/campaigns", headers=EN).get_data(as_text=True)


def _base():
    from tests.marketing.helpers import CAMPAIGN

    return dict(CAMPAIGN)


def test_only_admins_run_campaigns(login_as):
    for roles in ("recruiter", "privacy_officer", "finance"):
        assert login_as("staff", staff_roles=roles).get("/staff/campaigns").status_code == 403
    assert login_as("consultant").get("/staff/campaigns").status_code == 403


def test_hand_over_is_name_and_email_only_and_logged_per_person(login_as, make_user, app):
    alice, bob = make_user("consultant", name="=cmd|Alice"), make_user("consultant", name="Bob")
    db.session.commit()
    staff = login_as("staff", staff_roles="admin")
    campaign = compose(staff)
    page = staff.get(f"/staff/campaigns/{campaign.id}", headers=EN).get_data(as_text=True)
    assert "Hand over" not in page  # no service configured: no hand-over
    assert staff.post(f"/staff/campaigns/{campaign.id}/hand-over", headers=EN).status_code == 422
    app.config["MARKETING_SERVICE_NAME"] = "Utskick AB"
    assert "Utskick AB" in staff.get(f"/staff/campaigns/{campaign.id}", headers=EN).get_data(as_text=True)
    response = staff.post(f"/staff/campaigns/{campaign.id}/hand-over")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0] == ["name", "email"] and all(len(r) == 2 for r in rows)
    assert ["'=cmd|Alice", alice.email] in rows and ["Bob", bob.email] in rows
    handover = db.session.scalars(sa.select(MarketingHandover)).one()
    assert (handover.service, handover.recipients) == ("Utskick AB", 2)
    logged = set(db.session.scalars(sa.select(AuditEvent.subject_id).where(AuditEvent.action == "marketing.handover")))
    assert logged == {alice.id, bob.id}
    mine = staff.get("/privacy/")  # the person sees it among who has seen their data
    assert mine.status_code == 200
    assert mails_to(alice) == []
    assert staff.post(f"/staff/campaigns/{campaign.id}/hand-over").status_code == 422  # once
