"""Staff: the cookie registry (admin) and the proof of a consent ID (privacy officer) — R-WEB-1, GDPR Art. 7(1)."""
from __future__ import annotations

import re

import sqlalchemy as sa

from portal.extensions import db
from portal.models import AuditEvent, CookieEntry
from portal.services.consent import ledger, banner_text, cookie_registry
from tests.consent.conftest import EN, registry  # noqa: F401  (fixture)

NEW = {"category": "marketing", "kind": "cookie", "name": "_fbp", "provider": "Meta Platforms Ireland",
       "purpose_en": "Measures our ads.", "purpose_sv": "Mäter våra annonser.", "lifetime_days": "90", "leaves_eea": "y"}


def test_admin_lists_adds_edits_and_deletes(login_as, registry):
    admin = login_as("staff", staff_roles="admin")
    html = admin.get("/staff/cookies", headers=EN).get_data(as_text=True)
    assert "<code>_ga_*</code>" in html and "set by the portal" in html
    assert admin.get("/staff/cookies/new", headers=EN).status_code == 200
    response = admin.post("/staff/cookies/new", data=NEW, headers=EN)
    assert response.status_code == 303
    entry = db.session.scalar(sa.select(CookieEntry).where(CookieEntry.name == "_fbp"))
    assert (entry.category, entry.lifetime_days, entry.leaves_eea) == ("marketing", 90, True)
    response = admin.post(f"/staff/cookies/{entry.id}", data={**NEW, "lifetime_days": "", "provider": "Meta"},
                          headers=EN)
    assert response.status_code == 303
    db.session.refresh(entry)
    assert entry.lifetime_days is None and entry.provider == "Meta"
    assert admin.post(f"/staff/cookies/{entry.id}/delete").status_code == 303
    assert db.session.get(CookieEntry, entry.id) is None
    actions = set(db.session.scalars(sa.select(AuditEvent.action)))
    assert {"cookie_registry.create", "cookie_registry.update", "cookie_registry.delete"} <= actions


def test_bad_entries_are_refused_with_a_message_and_nothing_is_written(login_as, registry):
    admin = login_as("staff", staff_roles="admin")
    count = len(cookie_registry.entries())
    for change, message in [({"name": "has space"}, "Use letters, digits"),
                            ({"name": "_ga", "category": "statistics"}, "already an entry with this name"),
                            ({"lifetime_days": "99999"}, "The lifetime must be"),
                            ({"purpose_sv": ""}, "Describe the purpose"),
                            ({"category": "tracking"}, "Not a valid choice")]:
        response = admin.post("/staff/cookies/new", data={**NEW, **change}, headers=EN)
        assert response.status_code == 422, change
        assert message in response.get_data(as_text=True), change
    assert len(cookie_registry.entries()) == count


def test_the_portals_own_cookies_cannot_be_deleted_or_renamed(login_as, registry):
    admin = login_as("staff", staff_roles="admin")
    session_entry = cookie_registry.matching("session")
    response = admin.post(f"/staff/cookies/{session_entry.id}/delete", headers=EN)
    assert response.status_code == 303 and db.session.get(CookieEntry, session_entry.id) is not None
    response = admin.post(f"/staff/cookies/{session_entry.id}", headers=EN, data={
        **NEW, "name": "sess", "category": "necessary"})
    assert response.status_code == 422 and "must stay documented" in response.get_data(as_text=True)


def test_unknown_entry_is_404(login_as, registry):
    admin = login_as("staff", staff_roles="admin")
    assert admin.get("/staff/cookies/999999").status_code == 404
    assert admin.post("/staff/cookies/999999/delete").status_code == 404


def test_privacy_officer_sees_exactly_what_was_shown_and_chosen(login_as, registry, make_user, app):
    person = make_user()
    content = banner_text.build()
    record = ledger.choose(ledger.new_consent_id(), "save", {"statistics"}, via="settings", language="sv",
                            content=content, previous=None)
    ledger.link_to_user(record.consent_id, person)
    db.session.commit()
    officer = login_as("staff", staff_roles="privacy_officer")
    assert officer.get("/staff/consent", headers=EN).status_code == 200
    html = officer.get(f"/staff/consent?consent_id={record.consent_id}", headers=EN).get_data(as_text=True)
    assert re.search(r"<td>Cookie settings</td><td>sv</td>\s*<td>Refused</td><td>Granted</td><td>Refused</td>", html)
    assert content["en"]["intro"] in html and "Google Ireland Ltd" in html and f"#{person.id}" in html
    assert content["sv"]["reject_all"] in html
    views = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "person.view")).all()
    assert [v.subject_id for v in views] == [person.id]


def test_lookup_of_a_malformed_or_unknown_id(login_as, registry):
    officer = login_as("staff", staff_roles="privacy_officer")
    response = officer.get("/staff/consent?consent_id=not-an-id", headers=EN)
    assert response.status_code == 422 and "A consent ID is 32" in response.get_data(as_text=True)
    assert officer.get("/staff/consent?consent_id=", headers=EN).status_code == 422
    html = officer.get("/staff/consent?consent_id=" + "A" * 32, headers=EN).get_data(as_text=True)
    assert "No choice is recorded under this consent ID." in html
