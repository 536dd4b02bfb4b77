"""Erasure reaches storage (R-RIGHTS-4, issue 14 finding 1): after a consultant with a full profile
erases herself through the privacy centre, every byte of the database files (-wal and -shm included),
the search index, the uploads and the outbox is searched for each of her values, as UTF-8 and as
UTF-16LE (what `strings -e S` and `strings -e l` find). Nothing is found: the receipt keeps her
privacy request (kind, dates, state) and the security log by account number only, neither holds a value.
On PostgreSQL the files are the server's: there the tables the erasure touched must have been vacuumed."""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import sqlalchemy as sa

from portal.extensions import db
from portal.models import (
    Assignment, AssignmentRequirement, AuditEvent, Offer, OfferAnswer, OutboxMail, ShortlistEntry,
    SupplierConsultant, User,
)
from portal.services import audit, audit_anchors, mail
from portal.services.actors import Actor
from portal.services.matching import search
from portal.services.profiles import attachments, entries
from tests import factories
from tests.conftest import sign_in
from tests.profiles.helpers import PDF, profile_of

IP = "203.0.113.177"
HER = {
    "name": "Zelmira Quixbottom", "surname": "Quixbottom", "email": "zelmira.q@example.se",
    "phone": "+46 70 918 27 36", "street": "Vrångspelgatan 17", "summary": "Frobnitzwald",
    "referee": "Torvald Plimsollsson", "statement": "Krandwillow", "file": "Glimmerfjord",
    "evidence": "Snorkelbrauk", "shortlist": "Wobblethwaite", "mail": "Tintagelloop", "ip": IP,
}


def _her(app) -> User:
    user = factories.make_user("consultant", name=HER["name"], email=HER["email"], phone=HER["phone"])
    profile = profile_of(user)
    actor = Actor(user=user, ip=IP)
    profile.title, profile.summary = "Data engineer", f"{HER['summary']} pipelines, Postgres and Kafka."
    profile.street, profile.postal_code, profile.city = HER["street"], "98132", "Kiruna"
    entries.add(actor, profile, "skills", {"name": "Python", "level": "4", "years": 5})
    entries.add(actor, profile, "references", {"referee_name": HER["referee"], "company": "Nordbank AB",
                                               "statement": f"She led the {HER['statement']} migration."})
    attachments.upload(actor, profile, kind="cv", filename=f"CV {HER['file']}.pdf", data=PDF)
    # A supplier offers her to an assignment with answers about her, and a shortlist remembers her.
    buyer_org, supplier_org = factories.make_organisation("buyer"), factories.make_organisation("supplier")
    assignment = Assignment(organisation_id=buyer_org.id, title="Pipelines", description="d", role="Dev",
                            start_date=date.today() + timedelta(days=20), answer_deadline=date.today() + timedelta(days=9),
                            state="published")
    assignment.requirements = [AssignmentRequirement(kind="must", text="Kafka", position=0)]
    db.session.add(assignment)
    db.session.flush()
    record = SupplierConsultant(organisation_id=supplier_org.id, name=HER["name"], email=HER["email"],
                                claimed_by_user_id=user.id)
    db.session.add(record)
    db.session.flush()
    offer = Offer(assignment_id=assignment.id, organisation_id=supplier_org.id, supplier_consultant_id=record.id,
                  rate=990, state="submitted")
    offer.answers = [OfferAnswer(requirement_id=assignment.requirements[0].id, meets=True,
                                 evidence=f"{HER['name']} ran Kafka at {HER['evidence']} for three years.")]
    db.session.add(offer)
    db.session.add(ShortlistEntry(assignment_id=assignment.id, consultant_id=user.id, pseudonym="Konsult Q",
                                  reason=f"{HER['shortlist']}: strong Kafka", anonymized_card_json='{"rate": 990}',
                                  state="proposed"))
    mail.queue(user, f"Hello {HER['name']}", "reset_password", link=f"http://localhost/{HER['mail']}")
    other = factories.make_user("consultant", name="Olof Other", email="olof.other@example.se")
    mail.queue(other, "About a colleague", "reset_password", link=f"http://localhost/{HER['name']}")
    db.session.commit()
    search.drain()
    return user


def _needles() -> list[bytes]:
    out = []
    for value in HER.values():
        out += [value.lower().encode("utf-8"), value.lower().encode("utf-16-le")]
    return out


def _files(app) -> dict[str, bytes]:
    """Every file the portal writes personal data to: the database and its -wal and -shm, the search
    index, the uploads (the outbox is a table of the database)."""
    found = {}
    url = sa.make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    if url.get_backend_name() == "sqlite":
        for suffix in ("", "-wal", "-shm", "-journal"):
            path = Path(url.database + suffix)
            if path.exists():
                found[path.name] = path.read_bytes()
    for folder in (app.config["SEARCH_INDEX_DIR"], app.config["UPLOAD_DIR"]):
        for path in Path(folder).rglob("*"):
            if path.is_file():
                found[str(path)] = path.read_bytes()
                found[f"name of {path}"] = str(path).encode()
    return found


def _hits(app) -> dict[str, list[str]]:
    hits: dict[str, list[str]] = {}
    for name, data in _files(app).items():
        lowered = data.lower()
        for value in HER.values():
            for encoding in ("utf-8", "utf-16-le"):
                if value.lower().encode(encoding) in lowered:
                    hits.setdefault(name, []).append(f"{value} ({encoding})")
    return hits


TOUCHED = {"users", "consultant_profiles", "profile_skills", "profile_references", "reference_statements",
           "attachments", "supplier_consultants", "offers", "offer_answers", "shortlist_entries", "outbox_mails",
           "audit_events", "privacy_requests", "user_sessions"}


def _erase_herself(app, client):
    """Her erasure through the privacy centre; returns the database's clock when it started."""
    sign_in(client, db.session.get(User, _her(app).id))
    started = db.session.scalar(sa.select(sa.func.now()))
    db.session.commit()
    response = client.post("/privacy/erasure", data={"password": factories.PASSWORD, "confirm": "y"},
                           environ_base={"REMOTE_ADDR": IP})
    assert response.status_code in (302, 303), response.get_data(as_text=True)[:400]
    assert client.get("/privacy/erasure/done").status_code == 200
    db.session.remove()  # as after the request: nothing of the test holds a reader open
    return started


def _vacuumed_since(started) -> set[str]:
    return set(db.session.scalars(sa.text("SELECT relname FROM pg_stat_user_tables WHERE last_vacuum >= :started"),
                                  {"started": started}))


def test_nothing_of_her_is_left_in_any_file(app, client, csrf_off):
    client.environ_base["REMOTE_ADDR"] = IP
    started = _erase_herself(app, client)
    assert _hits(app) == {}
    if db.engine.dialect.name == "postgresql":  # the server's files are not ours to read: vacuumed, then
        assert TOUCHED <= _vacuumed_since(started)
    tombstone = db.session.scalars(sa.select(User).where(User.name == "Erased person")).one()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMail)
                             .where(OutboxMail.user_id == tombstone.id)) == 0
    # The security log keeps her events by account number only, and still verifies.
    mine = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.actor_id == tombstone.id)).all()
    assert mine and all(event.ip is None and event.ip_nonce is None and event.ip_digest for event in mine)
    assert audit.verify_chain().ok and audit_anchors.verify().ok


def test_without_the_storage_step_her_copies_stay(app, client, csrf_off):
    """The finding as it was (and what proves the search above can find her): with the step after the
    commit switched off, the -wal still holds her values; on PostgreSQL nothing was vacuumed."""
    app.config["ERASURE_STORAGE_HYGIENE"] = False
    client.environ_base["REMOTE_ADDR"] = IP
    started = _erase_herself(app, client)
    if db.engine.dialect.name == "sqlite":
        wal = next(hits for name, hits in _hits(app).items() if name.endswith("-wal"))
        assert {HER["name"], HER["email"], HER["phone"], HER["street"], HER["statement"], HER["file"],
                HER["evidence"], HER["ip"]} <= {hit.rsplit(" (", 1)[0] for hit in wal}
    else:
        assert not TOUCHED & _vacuumed_since(started)
