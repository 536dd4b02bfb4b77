"""The right to erasure (R-RIGHTS-4, R-CON-11): the plan, its blocking grounds, and that after execute
the person's name and address are nowhere — database, search index, files, outbox — except exactly the
kept items the plan lists."""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.models import (
    Assignment, AuditEvent, BannerVersion, Base, ConsentLink, ConsentRecord, LegalHold, Offer, OutboxMail,
    PrivacyRequest, ServiceRequest, ShortlistEntry, SupplierConsultant, User,
)
from portal.services import DomainError, mail
from portal.services.matching import search
from portal.services.organisations import representatives
from portal.services.privacy import erasure, erasure_plan, legal_holds, personal_data, privacy_requests
from portal.services.profiles import attachments, entries
from portal.services.actors import SYSTEM, Actor
from tests import factories
from tests.profiles.helpers import PDF, profile_of

NAME, EMAIL, WORD = "Ebba Eraseson", "ebba.eraseson@example.se", "Quorthwyld"


@pytest.fixture(autouse=True)
def request_context(app):
    """Services give their refusals in the person's language: a request context to pick it."""
    with app.test_request_context(headers={"Accept-Language": "en"}):
        yield


def _consultant(app) -> User:
    user = factories.make_user("consultant", name=NAME, email=EMAIL)
    profile = profile_of(user)
    actor = Actor(user=user)
    profile.title, profile.summary, profile.city = "Data engineer", f"{WORD} pipelines and Postgres.", "Luleå"
    entries.add(actor, profile, "skills", {"name": "Python", "level": "4", "years": 5})
    entries.add(actor, profile, "references", {"referee_name": "Rut Referent", "statement": "Great."})
    attachments.upload(actor, profile, kind="cv", filename=f"CV {NAME}.pdf", data=PDF)
    mail.queue(user, "Hello", "reset_password", link="http://localhost/x")
    privacy_requests.open_for_user(actor, user, "access", f"I am {NAME}")
    db.session.add(ServiceRequest(user_id=user.id, subject=f"Question from {NAME}"))
    db.session.commit()
    search.drain()
    return user


def _text_hits(needles: list[str]) -> set[tuple[str, str]]:
    """(table, column) of every text column of every table holding one of the needles."""
    hits = set()
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            if not isinstance(column.type, (sa.String, sa.Text)):
                continue
            for needle in needles:
                found = db.session.execute(sa.select(sa.func.count()).select_from(table)
                                           .where(sa.func.lower(column).like(f"%{needle.lower()}%"))).scalar()
                if found:
                    hits.add((table.name, column.name))
    return hits


def _index_bytes(app) -> bytes:
    return b"".join(p.read_bytes() for p in Path(app.config["SEARCH_INDEX_DIR"]).rglob("*") if p.is_file())


def test_every_collected_table_is_handled_by_erasure(app, make_user):
    """Fails when personal_data.collect() gains a table that erasure does not know."""
    tables = set(personal_data.collect(make_user()))
    assert tables - set(erasure_plan.TABLES) == set(), "add the table to erasure_plan.TABLES and handle it in execute()"
    assert set(erasure_plan.TABLES.values()) <= set(erasure_plan.CATEGORIES)


def test_the_executor_is_registered(app):
    assert privacy_requests.EXECUTORS["erasure"] is erasure.prepare


def test_a_plan_lists_deleted_and_kept_without_changing_anything(app):
    user = _consultant(app)
    plan = erasure_plan.plan(user)
    assert plan.allowed and plan.blocks == []
    deleted = {i.category: i.count for i in plan.deleted}
    assert deleted["profile"] >= 3 and deleted["files"] == 1 and deleted["search"] == 1 and deleted["account"] == 1
    kept = {i.category: i for i in plan.kept}
    assert set(kept) == {"privacy_requests", "security_log"}
    assert kept["security_log"].ground == "security_log" and kept["security_log"].until > date.today()
    assert kept["privacy_requests"].ground == "accountability"
    assert db.session.get(User, user.id).email == EMAIL  # nothing changed


def test_after_erasure_the_person_is_found_nowhere(app):
    user = _consultant(app)
    other = factories.make_user("consultant", name="Olof Other", email="olof@example.se")
    mail.queue(other, "About a colleague", "reset_password", link=f"http://localhost/{NAME}")
    db.session.add(ConsentLink(consent_id="c" * 43, user_id=user.id))
    db.session.commit()
    stored = Path(app.config["UPLOAD_DIR"]) / "attachments"
    assert any(stored.iterdir())
    assert WORD.lower().encode() in _index_bytes(app).lower()
    assert _text_hits([NAME, EMAIL])

    receipt = erasure.execute(SYSTEM, user)
    db.session.commit()

    assert _text_hits([NAME, EMAIL]) == set()
    assert WORD.lower().encode() not in _index_bytes(app).lower()
    assert user.id not in search.current_index().stored()
    assert list(stored.iterdir()) == []
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMail)
                             .where(OutboxMail.to_address == EMAIL)) == 0
    other_mail = db.session.scalars(sa.select(OutboxMail).where(OutboxMail.user_id == other.id)).one()
    assert "[erased]" in other_mail.body_text
    assert db.session.scalars(sa.select(ConsentLink)).all() == []
    tombstone = db.session.get(User, user.id)
    assert tombstone.is_disabled and tombstone.name == erasure.ERASED_NAME
    # The kept items are exactly the listed ones: the security log still points at the tombstone's id;
    # the privacy requests are kept unlinked (kind, dates, state), as many as the receipt says.
    left = {erasure_plan.TABLES[t] for t, rows in personal_data.collect(tombstone).items() if rows and t != "users"}
    kept = {k["category"]: k["count"] for k in receipt["kept"]}
    assert left == {"security_log"} and set(kept) == {"privacy_requests", "security_log"}
    assert kept["privacy_requests"] == db.session.scalar(sa.select(sa.func.count()).select_from(PrivacyRequest))
    assert receipt["files_removed"] == 1 and receipt["mails_removed"] >= 1
    request = db.session.scalars(sa.select(PrivacyRequest)).one()
    assert (request.name, request.email, request.details, request.kind) == ("", "", "", "access")
    assert "erasure.execute" in set(db.session.scalars(sa.select(AuditEvent.action)))


def test_the_erased_person_cannot_sign_in(app, client):
    user = _consultant(app)
    erasure.execute(SYSTEM, user)
    db.session.commit()
    response = client.post("/auth/login", data={"email": EMAIL, "password": factories.PASSWORD})
    assert response.status_code == 422 or "/auth/login" in response.headers.get("Location", "/auth/login")
    assert b"Set-Cookie" not in response.data


def test_consent_records_lose_the_link_but_stay(app):
    user = _consultant(app)
    version = BannerVersion(digest="d" * 64, material_digest="m" * 64, content="{}")
    db.session.add(version)
    db.session.flush()
    db.session.add(ConsentRecord(consent_id="x" * 43, banner_version_id=version.id, user_id=user.id,
                                 method="banner", language="sv"))
    db.session.commit()
    erasure.execute(SYSTEM, user)
    db.session.commit()
    record = db.session.scalars(sa.select(ConsentRecord)).one()
    assert record.user_id is None and record.consent_id == "x" * 43


def test_a_legal_hold_blocks_until_lifted(app):
    user = _consultant(app)
    officer = factories.make_user("staff", staff_roles="privacy_officer")
    hold = legal_holds.place(Actor(user=officer), user, "Dispute about an invoice", None)
    db.session.commit()
    plan = erasure_plan.plan(user)
    assert not plan.allowed and plan.blocks[0].ground == "legal_hold"
    with pytest.raises(DomainError):
        erasure.execute(SYSTEM, user)
    db.session.rollback()
    legal_holds.lift(Actor(user=officer), hold)
    db.session.commit()
    assert erasure_plan.plan(user).allowed
    erasure.execute(SYSTEM, user)
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(LegalHold)) == 0


def test_a_hold_that_ended_no_longer_blocks(app):
    user = _consultant(app)
    officer = factories.make_user("staff", staff_roles="privacy_officer")
    legal_holds.place(Actor(user=officer), user, "Authority's order", date.today() + timedelta(days=10))
    db.session.commit()
    assert not erasure_plan.plan(user).allowed
    assert erasure_plan.plan(user, today=date.today() + timedelta(days=11)).allowed


def test_bad_hold_input_is_refused(app):
    user = factories.make_user("consultant")
    officer = factories.make_user("staff", staff_roles="privacy_officer")
    with pytest.raises(DomainError):
        legal_holds.place(Actor(user=officer), user, "   ", None)
    with pytest.raises(DomainError):
        legal_holds.place(Actor(user=officer), user, "Claim", date.today() - timedelta(days=1))


def _placement(user: User, end: date | None, supplier_record: SupplierConsultant | None = None):
    buyer_org = factories.make_organisation("buyer")
    assignment = Assignment(organisation_id=buyer_org.id, title="Platform team", description="d", role="Dev",
                            start_date=date(2024, 1, 1), end_date=end, answer_deadline=date(2023, 12, 1),
                            state="filled")
    db.session.add(assignment)
    db.session.flush()
    if supplier_record is not None:
        db.session.add(Offer(assignment_id=assignment.id, organisation_id=supplier_record.organisation_id,
                             supplier_consultant_id=supplier_record.id, rate=950, state="shortlisted"))
    else:
        db.session.add(ShortlistEntry(assignment_id=assignment.id, consultant_id=user.id, reason=f"{NAME} fits",
                                      pseudonym="Konsult A", anonymized_card_json='{"rate": 1000, "title": "x"}',
                                      state="released"))
    db.session.commit()
    return assignment


def test_an_ongoing_assignment_blocks(app):
    user = _consultant(app)
    _placement(user, date.today() + timedelta(days=30))
    plan = erasure_plan.plan(user)
    assert [b.ground for b in plan.blocks] == ["ongoing_assignment"] and plan.blocks[0].what == "Platform team"
    with pytest.raises(DomainError):
        erasure.execute(SYSTEM, user)


def test_an_ended_placement_is_bookkeeping_kept_with_name_and_amount(app):
    user = _consultant(app)
    _placement(user, date(2025, 6, 30))
    plan = erasure_plan.plan(user)
    assert plan.allowed
    kept = {i.category: i for i in plan.kept}
    assert kept["placements"].ground == "bookkeeping" and kept["placements"].until == date(2032, 12, 31)
    erasure.execute(SYSTEM, user)
    db.session.commit()
    entry = db.session.scalars(sa.select(ShortlistEntry)).one()
    assert entry.anonymized_card_json == '{"rate": 1000}' and NAME not in entry.reason
    assert _text_hits([NAME]) == {("users", "name")}  # the name stays with the amount, as listed
    assert _text_hits([EMAIL]) == set()


def test_a_supplier_consultant_keeps_name_and_rate_of_a_placement(app):
    user = factories.make_user("consultant", name=NAME, email=EMAIL)
    supplier_org = factories.make_organisation("supplier")
    record = SupplierConsultant(organisation_id=supplier_org.id, name=NAME, email=EMAIL, claimed_by_user_id=user.id)
    db.session.add(record)
    db.session.flush()
    _placement(user, date(2024, 12, 31), supplier_record=record)
    erasure.execute(SYSTEM, user)
    db.session.commit()
    kept = db.session.scalars(sa.select(SupplierConsultant)).one()
    assert kept.name == NAME and EMAIL not in kept.email and kept.claimed_by_user_id is None
    assert db.session.scalars(sa.select(Offer)).one().rate == 950
    assert _text_hits([EMAIL]) == set()


def test_a_buyer_contact_for_an_open_assignment_is_blocked(app):
    buyer = factories.make_user("buyer", name=NAME, email=EMAIL)
    db.session.add(Assignment(organisation_id=buyer.memberships[0].organisation_id, title="Open one",
                              description="d", role="Dev", start_date=date.today(), state="published",
                              answer_deadline=date.today(), contact_person_id=buyer.id, created_by_id=buyer.id))
    db.session.commit()
    assert [b.ground for b in erasure_plan.plan(buyer).blocks] == ["ongoing_assignment"]


def test_a_queued_representative_is_erased_and_the_organisation_keeps_its_assignment(app):
    admin = factories.make_user("buyer")
    organisation_id = admin.memberships[0].organisation_id
    leaver = factories.make_user("buyer", organisation=db.session.get(factories.Organisation, organisation_id),
                                 name=NAME, email=EMAIL, is_admin=False)
    db.session.add(Assignment(organisation_id=organisation_id, title="Done one", description="d", role="Dev",
                              start_date=date(2024, 1, 1), state="cancelled", answer_deadline=date(2024, 1, 1),
                              created_by_id=leaver.id, contact_person_id=leaver.id))
    db.session.commit()
    item = representatives.end(Actor(user=admin), leaver.memberships[0])
    db.session.commit()
    assert erasure.due_queue_items() == []  # not due yet
    item.due_at = item.requested_at
    db.session.commit()
    assert erasure.due_queue_items() == [item]
    erasure.erase_queue_item(SYSTEM, item)
    db.session.commit()
    assert item.state == "done" and item.user_id is None and item.organisation_id == organisation_id
    assignment = db.session.scalars(sa.select(Assignment)).one()
    assert assignment.created_by_id is None and assignment.contact_person_id is None
    assert _text_hits([NAME, EMAIL]) == set()
    with pytest.raises(DomainError):
        erasure.erase_queue_item(SYSTEM, item)
