"""`flask privacy digest`: the privacy officers' daily mail, delivered over real SMTP."""
from datetime import date, timedelta

import sqlalchemy as sa

from portal.extensions import db
from portal.models import OutboxMail
from portal.services.privacy import privacy_requests
from portal.services.actors import SYSTEM
from tests import factories


def test_the_digest_reaches_every_privacy_officer_by_smtp(app, smtp):
    officers = [factories.make_user(role="staff", staff_roles="privacy_officer", locale="en"),
                factories.make_user(role="staff", staff_roles="admin privacy_officer", locale="en")]
    factories.make_user(role="staff", staff_roles="admin recruiter")  # not a privacy officer
    person = factories.make_user(role="consultant")
    overdue = privacy_requests.open_for_user(SYSTEM, person, "access", today=date.today() - timedelta(days=45))
    fresh = privacy_requests.open_for_user(SYSTEM, person, "erasure")
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["privacy", "digest"])
    assert result.exit_code == 0, result.output
    messages = smtp.wait_for(2)
    assert sorted(m["To"] for m in messages) == sorted(o.email for o in officers)
    body = smtp.body(messages[0])
    assert f"#{overdue.id} access" in body and f"#{fresh.id} erasure" in body
    assert person.name not in body and person.email not in body  # ids only, no personal data in the digest


def test_no_digest_when_there_is_nothing_to_report(app):
    factories.make_user(role="staff", staff_roles="privacy_officer")
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["privacy", "digest"])
    assert "queued for 0" in result.output
    assert db.session.scalar(sa.select(sa.func.count(OutboxMail.id))) == 0
