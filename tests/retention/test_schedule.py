"""The retention schedule as data (issue 15): one truth, seeded by the migration from the policy, read by
the privacy centre, the policy page, the register extract and the erasure receipt, in Swedish and English."""
from __future__ import annotations

import importlib.util
from datetime import date, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask_babel import force_locale

from portal.extensions import db
from portal.models import RetentionRule
from portal.services import audit
from portal.services.actors import SYSTEM
from portal.services.privacy import access_extract, erasure, erasure_plan
from portal.services.retention import schedule
from tests import factories

MIGRATION = "migrations/versions/2026_12_12_a3c9e1f04b21_retention_schedule.py"
# Issue 16 adds the applications' rule in its own migration.
WORK_MIGRATION = "migrations/versions/2026_12_13_9f7c816c3f80_applications_engagements_time_reports.py"
CATEGORIES = {"consultant_account", "representative", "partner_contact", "privacy_request", "audit_event",
              "outbox_mail", "security_log", "bookkeeping", "application"}


def _migration(repo_root: Path, path: str = MIGRATION):
    spec = importlib.util.spec_from_file_location("retention_migration", repo_root / path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def seed_rules() -> None:
    """The table as the migration leaves it (the test database is wiped before each test)."""
    for d in schedule.DEFAULTS:
        db.session.add(RetentionRule(category=d.category, person_kind=d.person_kind, trigger=d.trigger,
                                     period_days=d.period_days, warn_days=d.warn_days, legal_basis=d.legal_basis,
                                     source=d.source))
    db.session.commit()


def test_the_migration_seeds_exactly_the_schedules_defaults(repo_root):
    rows = (*_migration(repo_root).SEED, *_migration(repo_root, WORK_MIGRATION).RETENTION_SEED)
    seeded = [tuple(row) for row in rows]
    defaults = [(d.category, d.person_kind, d.trigger, d.period_days, d.warn_days, d.legal_basis, d.source)
                for d in schedule.DEFAULTS]
    assert seeded == defaults
    assert {d.category for d in schedule.DEFAULTS} == CATEGORIES


def test_the_periods_are_the_policys_and_the_laws(app):
    assert schedule.period_days("consultant_account") == 1095  # policy: inactive 3 years (R-CON-11)
    assert schedule.rule("consultant_account").warn_days == 30
    assert schedule.period_days("representative", "representative") == 30
    assert schedule.period_days("partner_contact", "partner") == 30
    assert schedule.period_days("privacy_request") == 3 * 365
    assert schedule.period_days("audit_event") == 2 * 365
    assert schedule.period_days("bookkeeping") == 7 * 365  # Bokföringslagen 7 kap. 2 §
    assert schedule.period_days("outbox_mail") == 90
    for rule in schedule.rules():
        assert rule.legal_basis in schedule.LEGAL_BASES and rule.trigger in schedule.TRIGGERS, rule.category
        assert rule.source, rule.category


def test_the_stored_rows_are_what_everything_reads(app):
    seed_rules()
    db.session.execute(sa.update(RetentionRule).where(RetentionRule.category == "consultant_account")
                       .values(period_days=4 * 365))
    db.session.commit()
    assert schedule.period_days("consultant_account") == 4 * 365
    with force_locale("en"):
        assert "4 years" in str(schedule.plain_words(schedule.rule("consultant_account")))


def test_an_unknown_category_is_an_error_not_a_guess(app):
    with pytest.raises(LookupError):
        schedule.rule("horoscopes")


@pytest.mark.parametrize("locale, words", [
    ("en", ("not been used for 3 years are deleted", "30 days before")),
    ("sv", ("inte har använts på 3 år raderas", "30 dagar innan")),
])
def test_the_plain_words_in_both_languages(app, locale, words):
    with force_locale(locale):
        text = str(schedule.plain_words(schedule.rule("consultant_account")))
    assert all(w in text for w in words)


@pytest.mark.parametrize("locale, words, wrong", [
    ("en", "not been used for 3 years are deleted", "three years"),
    ("sv", "inte har använts på 3 år raderas", "tre år"),
])
def test_the_privacy_centre_shows_the_schedules_period(login_as, locale, words, wrong):
    consultant = login_as("consultant", locale=locale)
    html = consultant.get("/privacy/", headers={"Accept-Language": locale}).get_data(as_text=True)
    assert words in html and wrong not in html


def test_a_representative_reads_their_own_rule(login_as):
    buyer = login_as("buyer", locale="en")
    html = buyer.get("/privacy/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "representative of a buyer or supplier is deleted 30 days after" in html
    assert "Consultant accounts that have not been used" not in html


@pytest.mark.parametrize("locale, words", [("en", "How long we keep data, in plain words"),
                                           ("sv", "Hur länge vi sparar uppgifter, med enkla ord")])
def test_the_policy_page_shows_the_schedule(app, client, locale, words):
    from portal.services.privacy import policy

    assert policy.current() is not None  # the versions are files shipped with the code (portal/content/)
    html = client.get("/privacy-policy", headers={"Accept-Language": locale}).get_data(as_text=True)
    assert words in html


@pytest.mark.parametrize("locale, words, wrong", [
    ("en", "deleted when it has not been used for 3 years", "two years after your last activity"),
    ("sv", "raderas när det inte har använts på 3 år", "två år"),
])
def test_the_extract_reads_the_period_from_the_schedule(app, locale, words, wrong):
    from tests.profiles.helpers import profile_of

    user = factories.make_user("consultant", locale=locale)
    profile_of(user)
    db.session.commit()
    extract = access_extract.build(user, locale=locale)
    profile = next(c for c in extract["categories"] if c["category"] == "consultant_profiles")
    assert words in profile["retention"]
    assert wrong not in access_extract.dumps(extract)


def test_the_erasure_receipt_reads_its_dates_from_the_schedule(app):
    user = factories.make_user("consultant")
    audit.record(SYSTEM, "account.register", subject=user, obj=user)
    db.session.commit()
    today = date(2030, 1, 10)
    plan = erasure_plan.plan(user, today)
    kept = {i.category: i.until for i in plan.kept}
    assert kept["security_log"] == today + timedelta(days=schedule.period_days("audit_event") + 1)
    receipt = erasure.execute(SYSTEM, user, today)
    assert any(k["category"] == "security_log" for k in receipt["kept"])
    assert erasure_plan.bookkeeping_years() == 7
