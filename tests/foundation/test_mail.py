"""Mail: the outbox always; SMTP delivery to a real server (aiosmtpd) when MAIL_URL is set."""
import re

import sqlalchemy as sa

from portal.extensions import db
from portal.models import OutboxMail

GOOD = {"name": "Maja Mätare", "email": "maja@example.se", "password": "a long enough password",
        "confirm": "a long enough password", "accept_terms": "y"}


def test_registration_mail_is_delivered_by_smtp(client, csrf_off, smtp):
    client.post("/auth/register", data=GOOD, headers={"Accept-Language": "en"})
    message = smtp.wait_for(1)[0]
    assert message["To"] == "maja@example.se"
    assert message["Subject"] == "Confirm your e-mail address"
    assert re.search(r"/auth/verify/\S+", smtp.body(message))
    mail = db.session.scalar(sa.select(OutboxMail))
    assert mail.sent_at is not None and mail.attempts == 1


def test_mail_is_in_the_users_language(client, csrf_off, smtp):
    client.post("/auth/register", data=GOOD)  # no Accept-Language: Swedish
    assert smtp.wait_for(1)[0]["Subject"] == "Bekräfta din e-postadress"


def test_without_mail_url_mail_waits_in_the_outbox(client, csrf_off):
    client.post("/auth/register", data=GOOD)
    mail = db.session.scalar(sa.select(OutboxMail))
    assert mail.sent_at is None and mail.attempts == 0


def test_unreachable_smtp_keeps_the_mail_for_a_retry(app, client, csrf_off):
    from tests.mailserver import free_port

    app.config["MAIL_URL"] = f"smtp://127.0.0.1:{free_port()}"
    response = client.post("/auth/register", data=GOOD)
    assert response.status_code == 303
    assert db.session.scalar(sa.select(OutboxMail)).sent_at is None
