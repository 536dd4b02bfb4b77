"""Every policy version stays readable; a material change is notified once per person (R-POLICY-1, 2)."""
import json

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.models import OutboxMail, PolicyNotice
from tests import factories

EN = {"Accept-Language": "en"}


@pytest.fixture
def two_versions(app, tmp_path, repo_root):
    """The real 2019 policy and a new, material version beside it."""
    old = (repo_root / "portal" / "content" / "policy-2019-04-15.sv.txt").read_text(encoding="utf-8")
    (tmp_path / "policy-2019-04-15.sv.txt").write_text(old, encoding="utf-8")
    (tmp_path / "policy-2026-11-01.sv.txt").write_text("INTEGRITETSPOLICY\n\nNy text om lagring.", encoding="utf-8")
    (tmp_path / "policy-2026-11-01.meta.json").write_text(json.dumps({"material": True}), encoding="utf-8")
    app.config["POLICY_DIR"] = str(tmp_path)
    return tmp_path


def test_the_versions_page_lists_every_version_and_each_stays_readable(client, two_versions):
    listing = client.get("/privacy-policy/versions", headers=EN).get_data(as_text=True)
    assert "/privacy-policy/2019-04-15" in listing and "Current version" in listing
    current = client.get("/privacy-policy", headers=EN).get_data(as_text=True)
    assert "Ny text om lagring." in current
    earlier = client.get("/privacy-policy/2019-04-15", headers=EN)
    assert earlier.status_code == 200
    text = earlier.get_data(as_text=True)
    assert "earlier version" in text and "Customersonly" in text and "Ny text om lagring." not in text


@pytest.mark.parametrize("path", ["/privacy-policy/2020-01-01", "/privacy-policy/yesterday",
                                  "/privacy-policy/2019-02-30"])
def test_an_unknown_version_is_404(client, path):
    assert client.get(path).status_code == 404


def test_the_published_policy_is_listed_without_a_material_flag(client):
    assert client.get("/privacy-policy/versions", headers=EN).status_code == 200


def test_notify_policy_queues_one_notice_per_person_and_version(app, two_versions):
    people = [factories.make_user(role=r) for r in ("consultant", "buyer", "supplier", "partner")]
    factories.make_user(role="consultant", is_disabled=True)
    factories.make_user(role="consultant", email_verified_at=None)
    db.session.commit()
    runner = app.test_cli_runner()
    first = runner.invoke(args=["privacy", "notify-policy"])
    assert first.exit_code == 0 and "queued for 4 people" in first.output
    second = runner.invoke(args=["privacy", "notify-policy"])
    assert "queued for 0 people" in second.output
    assert sorted(db.session.scalars(sa.select(PolicyNotice.user_id)).all()) == sorted(p.id for p in people)
    assert db.session.scalar(sa.select(sa.func.count(OutboxMail.id))) == 4


def test_an_immaterial_current_version_notifies_nobody(app):
    factories.make_user(role="consultant")
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["privacy", "notify-policy"])
    assert result.exit_code == 0 and "not marked material" in result.output
    assert db.session.scalar(sa.select(sa.func.count(PolicyNotice.id))) == 0


def test_the_privacy_centre_shows_the_change_until_the_person_has_seen_it(app, login_as, two_versions):
    person = login_as("consultant")
    app.test_cli_runner().invoke(args=["privacy", "notify-policy"])
    page = person.get("/privacy/", headers=EN).get_data(as_text=True)
    assert "The policy changed on" in page
    assert person.post("/privacy/policy-notice/seen").status_code == 303
    assert "The policy changed on" not in person.get("/privacy/", headers=EN).get_data(as_text=True)
    assert db.session.scalars(sa.select(PolicyNotice.seen_at)).one() is not None
