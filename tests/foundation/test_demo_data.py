"""`flask demo load` gives every role a login and can be run twice without duplicates."""
import sqlalchemy as sa

from portal.extensions import db
from portal.models import AuditEvent, MarketingCampaign, Membership, OutboxMail, Organisation, User
from portal.demo import seed
from tests.conftest import sign_in


def _counts():
    return tuple(db.session.scalar(sa.select(sa.func.count()).select_from(m)) for m in (User, Organisation, Membership))


def test_demo_load_is_idempotent_and_opens_every_portal(app):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["demo", "load"])
    assert first.exit_code == 0, first.output
    assert "TOTP" in first.output and seed.DEMO_TOTP_SECRET in first.output
    counts = _counts()
    second = runner.invoke(args=["demo", "load"])
    assert second.exit_code == 0 and _counts() == counts
    # marketing shows both states: a sent campaign (its mails carry the one-click link) and a draft
    assert sorted(db.session.scalars(sa.select(MarketingCampaign.state))) == ["draft", "sent"]
    assert db.session.scalar(sa.select(sa.func.count(OutboxMail.id)).where(OutboxMail.body_text.contains(
        "/unsubscribe/"))) >= 1
    for role in ("consultant", "buyer", "supplier", "partner", "staff"):
        assert db.session.scalar(sa.select(sa.func.count()).select_from(User).where(User.role == role)) >= 1

    for local, role in (("konsult", "consultant"), ("kopare", "buyer"), ("leverantor", "supplier"),
                        ("partner", "partner"), ("admin", "staff")):
        client = app.test_client()
        user = db.session.scalar(sa.select(User).where(User.email == seed.demo_email(local)))
        app.config["WTF_CSRF_ENABLED"] = False
        sign_in(client, user, password=seed.DEMO_PASSWORD)
        assert client.get(f"/{role}/").status_code == 200


def test_totp_code_cli(app):
    app.test_cli_runner().invoke(args=["demo", "load"])
    result = app.test_cli_runner().invoke(args=["users", "totp-code", seed.demo_email("admin")])
    assert result.exit_code == 0 and result.output.strip().isdigit()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEvent)) > 0


def test_demo_load_refuses_under_the_production_config(app):
    """Issue 12, finding 11: the demo's public admin account must never reach a real portal."""
    from portal.models import User

    app.config["DEMO_MODE"] = app.config["TESTING"] = False
    try:
        result = app.test_cli_runner().invoke(args=["demo", "load"])
    finally:
        app.config["DEMO_MODE"] = app.config["TESTING"] = True
    assert result.exit_code != 0 and "refused" in result.output
    assert db.session.query(User).count() == 0
