"""Unit tests of the consent services: records, versions, re-prompting, linking, withdrawal (R-WEB-1..4)."""
from __future__ import annotations

import json
from datetime import timedelta

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.models import AuditEvent, BannerVersion, ConsentRecord
from portal.models.consent import AppendOnlyError
from portal.services import DomainError
from portal.services.consent import ledger, banner_text, cookie_registry
from portal.services.actors import SYSTEM, Actor
from tests import factories

MAX_AGE = 182


@pytest.fixture(autouse=True)
def request_context(app):
    """Messages are translated lazily: give them a request in English."""
    with app.test_request_context(headers={"Accept-Language": "en"}):
        yield


def _choose(choice="accept_all", consent_id=None, chosen=(), previous=None, user=None, via="banner"):
    content = banner_text.build()
    return ledger.choose(consent_id or ledger.new_consent_id(), choice, set(chosen), via=via, language="en",
                          content=content, previous=previous, user=user)


def test_a_choice_is_one_record_with_every_field(registry):
    record = _choose("accept_all")
    stored = db.session.get(ConsentRecord, record.id)
    assert ledger.is_consent_id(stored.consent_id)
    assert (stored.preferences, stored.statistics, stored.marketing) == (True, True, False)  # marketing not offered
    assert stored.method == "banner" and stored.language == "en" and stored.user_id is None
    assert stored.at is not None and stored.banner_version_id is not None
    assert not hasattr(stored, "ip")  # no IP address is kept
    shown = json.loads(db.session.get(BannerVersion, stored.banner_version_id).content)
    assert shown["offered"] == ["necessary", "preferences", "statistics"]
    assert "Customersonly AB" in shown["en"]["intro"] and shown["en"]["reject_all"] == "Reject all"
    assert {e["name"] for c in shown["en"]["categories"] for e in c["entries"]} >= {"session", "consent", "_ga"}
    assert "sv" in shown


def test_reject_all_and_a_chosen_set(registry):
    rejected = _choose("reject_all")
    assert (rejected.preferences, rejected.statistics, rejected.marketing) == (False, False, False)
    chosen = _choose("save", chosen={"statistics", "marketing"}, via="settings")
    assert (chosen.preferences, chosen.statistics, chosen.marketing) == (False, True, False)
    assert chosen.method == "settings"
    with pytest.raises(DomainError):
        _choose("maybe")


def test_taking_back_a_yes_is_recorded_as_withdrawal(registry):
    first = _choose("accept_all")
    second = _choose("reject_all", consent_id=first.consent_id, previous=first)
    assert second.method == "withdrawal" and second.consent_id == first.consent_id
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ConsentRecord)) == 2  # appended, not updated


def test_records_and_versions_are_append_only(registry):
    record = _choose()
    db.session.commit()
    record.statistics = False
    with pytest.raises(AppendOnlyError):
        db.session.flush()
    db.session.rollback()
    record = db.session.scalar(sa.select(ConsentRecord))
    db.session.delete(record)
    with pytest.raises(AppendOnlyError):
        db.session.flush()
    db.session.rollback()


def test_the_same_content_is_one_version_and_a_change_is_a_new_one(registry):
    content = banner_text.build()
    first = banner_text.version_for(content)
    assert banner_text.version_for(banner_text.build()).id == first.id
    cookie_registry.create(SYSTEM, cookie_registry.EntryData("marketing", "cookie", "_fbp", "Meta Platforms Ireland",
                                                             "Ads", "Annonser", 90, True))
    changed = banner_text.build()
    assert "marketing" in changed["offered"]
    second = banner_text.version_for(changed)
    assert second.id != first.id and second.material_digest != first.material_digest


def test_reprompt_when_the_banner_changes_materially(registry):
    record = _choose("reject_all")
    assert ledger.is_current(record, banner_text.material_digest(banner_text.build()), MAX_AGE)
    cookie_registry.create(SYSTEM, cookie_registry.EntryData("marketing", "cookie", "_fbp", "Meta Platforms Ireland",
                                                             "Ads", "Annonser", 90, True))
    assert not ledger.is_current(record, banner_text.material_digest(banner_text.build()), MAX_AGE)


def test_a_translation_change_is_a_new_version_but_not_material(registry):
    content = banner_text.build()
    retranslated = json.loads(json.dumps(content))
    retranslated["sv"]["title"] = "Kakor och ditt val (ny översättning)"
    assert banner_text.digest(retranslated) != banner_text.digest(content)
    assert banner_text.material_digest(retranslated) == banner_text.material_digest(content)


def test_reprompt_after_the_lifetime_and_not_before(registry):
    record = _choose("reject_all")
    digest = banner_text.material_digest(banner_text.build())
    assert ledger.is_current(record, digest, MAX_AGE, now=record.at + timedelta(days=MAX_AGE - 1))
    assert not ledger.is_current(record, digest, MAX_AGE, now=record.at + timedelta(days=MAX_AGE + 1))
    assert not ledger.is_current(None, digest, MAX_AGE)


def test_malformed_consent_ids_find_nothing(registry):
    for value in (None, "", "x", "'; DROP TABLE users; --", "a" * 31, "a" * 33, "é" * 32):
        assert ledger.latest(value) is None
        assert not ledger.is_consent_id(value)
    with pytest.raises(DomainError):
        ledger.record("bad id", {}, method="banner", language="en",
                       version=banner_text.version_for(banner_text.build()))


def test_gpc_refuses_statistics_and_marketing(registry):
    record = ledger.record_gpc(ledger.new_consent_id(), language="sv", content=banner_text.build(), previous=None)
    assert record.method == "gpc" and not record.statistics and not record.marketing and not record.preferences


def test_link_to_user_and_history(registry):
    user = factories.make_user()
    other = factories.make_user()
    record = _choose("accept_all")
    _choose("reject_all")  # someone else's browser
    assert ledger.history_for(user) == []
    link = ledger.link_to_user(record.consent_id, user)
    assert ledger.link_to_user(record.consent_id, user).id == link.id  # once
    assert ledger.link_to_user("tampered", user) is None
    assert [r.id for r in ledger.history_for(user)] == [record.id]
    assert ledger.history_for(other) == []
    assert db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "consent.link")).subject_id == user.id


def test_withdrawal_for_an_account_reaches_every_browser(registry):
    user = factories.make_user()
    laptop = _choose("accept_all", user=user)
    phone = _choose("save", chosen={"statistics"}, user=user)
    content = banner_text.build()
    count = ledger.withdraw_for_user(Actor(user=user), user, "statistics", language="en", content=content,
                                      max_age_days=MAX_AGE)
    assert count == 2
    assert ledger.latest(laptop.consent_id).method == "withdrawal"
    assert ledger.latest(laptop.consent_id).preferences is True  # only the one category
    assert ledger.latest(phone.consent_id).statistics is False
    grants = ledger.current_grants(user, banner_text.material_digest(content), MAX_AGE)
    assert grants["statistics"] == [] and len(grants["preferences"]) == 1
    with pytest.raises(DomainError):
        ledger.withdraw_for_user(Actor(user=user), user, "necessary", language="en", content=content,
                                  max_age_days=MAX_AGE)


def test_an_empty_registry_offers_only_necessary(app):
    content = banner_text.build(analytics_configured=True)
    assert content["offered"] == ["necessary"]
    assert content["en"]["categories"][0]["entries"] == []


def test_statistics_is_not_offered_without_analytics(registry, app):
    app.config["ANALYTICS_SCRIPT_URL"] = None
    assert "statistics" not in banner_text.build()["offered"]
    assert _choose("accept_all").statistics is False


def test_registry_validation(registry):
    good = cookie_registry.EntryData("marketing", "cookie", "_fbp", "Meta", "Ads", "Annonser", 90, True)
    bad = [
        (good.__class__(**{**good.__dict__, "category": "tracking"}), "category"),
        (good.__class__(**{**good.__dict__, "kind": "pixel"}), "kind"),
        (good.__class__(**{**good.__dict__, "name": "bad name"}), "name"),
        (good.__class__(**{**good.__dict__, "provider": "  "}), "provider"),
        (good.__class__(**{**good.__dict__, "purpose_sv": ""}), "purpose_sv"),
        (good.__class__(**{**good.__dict__, "lifetime_days": 0}), "lifetime_days"),
        (good.__class__(**{**good.__dict__, "name": "_ga"}), None),  # exists under statistics? same kind+name
    ]
    for data, field in bad:
        with pytest.raises(DomainError) as raised:
            cookie_registry.create(SYSTEM, data)
        if field:
            assert raised.value.field == field
    entry = cookie_registry.create(SYSTEM, good)
    assert cookie_registry.matching("_ga_ABC123").name == "_ga_*"
    assert cookie_registry.matching("_gid") is None
    protected = {"session", "consent"}
    session_entry = cookie_registry.matching("session")
    with pytest.raises(DomainError):
        cookie_registry.delete(SYSTEM, session_entry, protected)
    with pytest.raises(DomainError):
        cookie_registry.update(SYSTEM, session_entry, good.__class__(**{**good.__dict__, "name": "session"}), protected)
    cookie_registry.delete(SYSTEM, entry, protected)
    assert cookie_registry.matching("_fbp") is None


def test_the_built_banner_follows_every_edit_and_removal_of_the_registry(registry):
    """The content is built once per registry state (a third of a public page's time); an edit or a removal
    must still reach the very next page, in every worker."""
    first = banner_text.build()
    assert banner_text.build() is first  # unchanged registry: the same content, not built again
    added = cookie_registry.create(SYSTEM, cookie_registry.EntryData(
        "marketing", "cookie", "_fbp", "Meta Platforms Ireland", "Ads", "Annonser", 90, True))
    with_marketing = banner_text.build()
    assert "marketing" in with_marketing["offered"]
    cookie_registry.update(SYSTEM, added, cookie_registry.EntryData(
        "marketing", "cookie", "_fbp", "Another Ads Company", "Ads", "Annonser", 90, True), set())
    edited = banner_text.build()
    assert "Another Ads Company" in json.dumps(edited) and "Meta Platforms Ireland" not in json.dumps(edited)
    cookie_registry.delete(SYSTEM, added, set())
    assert "marketing" not in banner_text.build()["offered"]
    assert banner_text.digest(banner_text.build()) == banner_text.digest(first)
