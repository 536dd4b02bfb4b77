"""The inventory of personal data drives the four rights (R-RIGHTS-2, 4, 5, 6): every table with personal data
is declared once, and each declaration is reached by the register extract, the portability ZIP (if the person
provided the data), erasure and restriction; the ZIP lacks nothing the extract has among provided data.

A table counts as holding personal data when its model declares __subject_column__ / __personal_data__, when
it points at a table about a person (PERSON_TABLES), or when it has a column that names or reaches a person
without a foreign key (PERSON_COLUMNS)."""
from __future__ import annotations

import inspect
import json
from datetime import date, datetime

import jsonschema
import sqlalchemy as sa

from portal.extensions import db
from portal.models import (
    Assignment, AssignmentComment, AssignmentRequirement, BannerVersion, Base, CommunicationPreference,
    ConsentRecord, ConsentRequest, DocumentAcceptance, MarketingObjection, Offer, OfferAnswer, PrivacyMessage, Reference,
    ReferenceStatement, ServiceMessage, ServiceRequest, ShortlistEntry, SupplierConsultant,
)
from portal.services.privacy import (
    access_extract, erasure, erasure_plan, erasure_work, inventory, personal_data, portability, privacy_requests,
    restrictions, table_titles,
)
from portal.services.profiles import attachments, entries
from portal.services.actors import Actor
from tests import factories
from tests.privacy import issue16_factories
from tests.profiles.helpers import PDF, profile_of

# Tables whose rows are about one person: a table pointing at one of them holds data about that person.
PERSON_TABLES = {"users", "consultant_profiles", "supplier_consultants", "profile_references", "offers",
                 "shortlist_entries", "disclosures", "privacy_requests", "service_requests"}
PERSON_COLUMNS = {"user_id", "consultant_id", "subject_id", "actor_id", "email", "to_address", "phone", "ip",
                  "email_hash"}


def personal_tables(metadata: sa.MetaData, classes: dict[str, type] | None = None) -> set[str]:
    """The tables of `metadata` that hold personal data (see the module docstring)."""
    classes = classes or {}
    found = set()
    for table in metadata.tables.values():
        cls = classes.get(table.name)
        declared = cls is not None and (hasattr(cls, "__subject_column__") or hasattr(cls, "__personal_data__"))
        points = any(fk.column.table.name in PERSON_TABLES for fk in table.foreign_keys)
        names = any(c.name in PERSON_COLUMNS or c.name.endswith("_user_id") for c in table.columns)
        if declared or points or names:
            found.add(table.name)
    return found


def undeclared(metadata: sa.MetaData, classes: dict[str, type] | None = None) -> set[str]:
    return personal_tables(metadata, classes) - set(inventory.BY_TABLE) - set(inventory.NOT_PERSONAL)


def _classes() -> dict[str, type]:
    return {m.local_table.name: m.class_ for m in Base.registry.mappers}


def test_every_table_with_personal_data_is_declared_in_the_inventory():
    missing = undeclared(Base.metadata, _classes())
    assert missing == set(), f"declare in portal/services/privacy/inventory.py: {sorted(missing)}"
    assert set(inventory.BY_TABLE) <= set(Base.metadata.tables), "the inventory names a table that does not exist"
    assert not set(inventory.BY_TABLE) & set(inventory.NOT_PERSONAL)


def test_a_new_undeclared_table_with_personal_data_fails_the_check():
    metadata = sa.MetaData()
    sa.Table("users", metadata, sa.Column("id", sa.Integer, primary_key=True))
    sa.Table("pet_names", metadata, sa.Column("id", sa.Integer, primary_key=True),
             sa.Column("owner_id", sa.ForeignKey("users.id")), sa.Column("name", sa.String(40)))
    sa.Table("newsletter_leads", metadata, sa.Column("id", sa.Integer, primary_key=True),
             sa.Column("email", sa.String(254)))
    sa.Table("colours", metadata, sa.Column("id", sa.Integer, primary_key=True), sa.Column("name", sa.String(20)))
    assert undeclared(metadata) == {"pet_names", "newsletter_leads"}


def test_the_register_extract_reaches_every_entry_in_both_languages(app, make_user):
    assert set(personal_data.collect(make_user())) == set(inventory.BY_TABLE)
    for table in inventory.BY_TABLE:
        for locale in ("sv", "en"):
            with app.test_request_context(headers={"Accept-Language": locale}):
                texts = inventory.about(table)
                heading = table_titles.title(table)
            assert all(texts.values()), (table, locale, texts)
            assert table in table_titles.TITLES and heading != table, (table, "has no heading a person can read")


def test_the_zip_reaches_every_provided_entry_column_by_column():
    schema = json.loads(portability.schema_text("portability"))["properties"]["tables"]["properties"]
    assert set(portability.SOURCES) == set(portability.TABLES)
    for entry in inventory.ENTRIES:
        if not entry.provided:
            continue
        assert portability.SOURCES[entry.export] == entry.table and entry.export in schema
        exported = set(portability.TABLES[entry.export][1])
        table = Base.metadata.tables[entry.table]
        for column in table.columns:
            if column.primary_key or column.foreign_keys or column.name in entry.derived:
                continue
            name = column.name.removesuffix("_encrypted")
            assert name in exported, f"{entry.table}.{column.name}: export it, or list it in the entry's derived"
        assert set(entry.derived) <= set(table.columns.keys()), entry.table


def test_erasure_reaches_every_entry():
    assert erasure_plan.TABLES == inventory.erasure_tables()
    source = inspect.getsource(erasure) + inspect.getsource(erasure_work)  # issue 16's tables: erasure_work
    classes = _classes()
    cascaded = {r.mapper.local_table.name for m in Base.registry.mappers if m.local_table.name == "consultant_profiles"
                for r in m.relationships if "delete" in r.cascade}
    for entry in inventory.ENTRIES:
        assert entry.erasure_category in erasure_plan.CATEGORIES, entry.table
        assert entry.erasure in (inventory.DELETE, inventory.ANONYMISE, inventory.KEEP), entry.table
        assert entry.ground is None or entry.ground in erasure_plan.KEEP_GROUNDS, entry.table
        if entry.erasure == inventory.KEEP:
            assert entry.ground, f"{entry.table}: a kept table needs a ground"
        else:
            handled = classes[entry.table].__name__ in source or entry.table in cascaded
            assert handled, f"{entry.table} is declared {entry.erasure} but erasure.py never touches it"


def test_restriction_reaches_every_entry():
    covered = {t for tables in restrictions.TABLES.values() for t in tables}
    assert set(restrictions.TABLES) <= set(restrictions.CATEGORIES)
    for entry in inventory.ENTRIES:
        if entry.restriction is None:
            assert entry.unrestricted and str(entry.unrestricted), f"{entry.table}: name a category or say why not"
        else:
            assert entry.table in covered


def _everything_provided(app):
    """A consultant with a row in every table the inventory marks as provided."""
    user = factories.make_user("consultant", name="Ines Inventering", email="ines@example.se", phone="070-1234567",
                               job_title="Arkitekt", locale="sv")
    profile = profile_of(user)
    actor = Actor(user=user)
    profile.title, profile.summary, profile.city, profile.pending_email = "Arkitekt", "Bygger ramverk.", "Visby", \
        "ny.ines@example.se"
    for kind, data in (("skills", {"name": "Erlang", "level": "4", "years": 7}),
                       ("languages", {"name": "Finska", "level": "B2"}), ("interests", {"text": "Kompilatorer"}),
                       ("industries", {"name": "Sjöfart"}),
                       ("employment", {"employer": "Varvet AB", "title": "Utvecklare", "description": "Styrsystem"}),
                       ("education", {"school": "Högskolan på Gotland", "degree": "Datavetenskap"}),
                       ("certificates", {"name": "Säkerhetscertifikat", "issuer": "Intygsgivaren", "year": 2020}),
                       ("exclusions", {"name": "Konkurrenten AB"}),
                       ("references", {"referee_name": "Rakel Referent", "role": "Chef", "company": "Varvet AB",
                                       "contact": "rakel@example.se", "relation": "Min chef", "statement": "Pålitlig."})):
        entries.add(actor, profile, kind, data)
    attachments.upload(actor, profile, kind="cv", filename="ines-cv.pdf", data=PDF)
    reference = db.session.scalars(sa.select(Reference).where(Reference.profile_id == profile.id)).one()
    db.session.add(ReferenceStatement(reference_id=reference.id, author="Rekryteraren", recorded_by_id=None,
                                      text="Recruiter's note"))  # not the person's: stays out of the ZIP
    version = BannerVersion(digest="d" * 64, material_digest="m" * 64, content="{}")
    db.session.add(version)
    db.session.flush()
    db.session.add(ConsentRecord(consent_id="c" * 43, banner_version_id=version.id, user_id=user.id,
                                 method="banner", language="sv", preferences=True))
    db.session.merge(CommunicationPreference(user_id=user.id, newsletters=True, events=False))
    db.session.add(MarketingObjection(user_id=user.id))
    db.session.add(DocumentAcceptance(user_id=user.id, document="privacy_policy", version=2,
                                      published=date(2026, 12, 3), way="registration"))
    buyer = factories.make_organisation("buyer")
    assignment = Assignment(organisation_id=buyer.id, title="Hamnsystem", description="d", role="Dev",
                            start_date=date(2030, 1, 1), answer_deadline=date(2029, 12, 1), state="published")
    db.session.add(assignment)
    db.session.flush()
    requirement = AssignmentRequirement(assignment_id=assignment.id, kind="must", text="Erlang i produktion")
    db.session.add(requirement)
    entry = ShortlistEntry(assignment_id=assignment.id, consultant_id=user.id, reason="Passar", pseudonym="K-INV",
                           anonymized_card_json="{}", state="approved")
    db.session.add(entry)
    db.session.flush()
    db.session.add(ConsentRequest(kind="disclosure", consultant_id=user.id, assignment_id=assignment.id,
                                  shortlist_entry_id=entry.id, answer_by=datetime(2030, 1, 1), status="accepted",
                                  answer=True, answered_at=datetime(2029, 11, 1)))
    db.session.add(AssignmentComment(assignment_id=assignment.id, organisation_id=buyer.id, author_id=user.id,
                                     body="Min kommentar"))
    supplier = factories.make_organisation("supplier")
    record = SupplierConsultant(organisation_id=supplier.id, name=user.name, email=user.email,
                                claimed_by_user_id=user.id)
    db.session.add(record)
    db.session.flush()
    offer = Offer(assignment_id=assignment.id, organisation_id=supplier.id, supplier_consultant_id=record.id,
                  rate=900, state="submitted")
    db.session.add(offer)
    db.session.flush()
    db.session.add(OfferAnswer(offer_id=offer.id, requirement_id=requirement.id, meets=True,
                               evidence="Fem år av Erlang på Varvet"))
    request = privacy_requests.open_for_user(actor, user, "access", "Allt, tack")
    db.session.add(PrivacyMessage(request_id=request.id, user_id=user.id, author_id=user.id, from_staff=False,
                                  body="Mina egna ord"))
    service = ServiceRequest(user_id=user.id, subject="Min fråga")
    db.session.add(service)
    db.session.flush()
    db.session.add(ServiceMessage(request_id=service.id, requester_id=user.id, author_id=user.id, from_staff=False,
                                  body="Mitt meddelande"))
    issue16_factories.everything(user, assignment)  # applications, saved searches, tender namings, hours
    db.session.commit()
    return user


def test_the_zip_lacks_nothing_the_extract_has_among_provided_data(app):
    user = _everything_provided(app)
    with app.test_request_context(headers={"Accept-Language": "en"}):
        extract = json.loads(access_extract.dumps(access_extract.build(user)))
        document = json.loads(portability.dumps(portability.build(user)))
    jsonschema.validate(document, json.loads(portability.schema_text("portability")),
                        cls=jsonschema.Draft202012Validator)
    in_extract = {c["category"]: c["rows"] for c in extract["categories"]}
    for entry in inventory.ENTRIES:
        if not entry.provided:
            continue
        exported = document["tables"][entry.export]
        assert exported, f"{entry.export} is empty: the fixture gives no row for {entry.table}"
        _description, fields, keep = portability.TABLES[entry.export]
        text = json.dumps(exported, ensure_ascii=False)
        data = {c: rows for c, rows in in_extract.items()}
        own = [r for r in in_extract[entry.table] if keep is None or keep(user, data)(r)]  # others' rows are not provided
        assert own, entry.table
        for extract_row in own:
            for column, value in extract_row.items():
                if column in fields and isinstance(value, str) and value and fields[column][0] in ("string", "text"):
                    escaped = json.dumps(value, ensure_ascii=False)[1:-1]  # e.g. saved filters: JSON in a string
                    assert value in text or escaped in text, \
                        f"{entry.table}.{column} = {value!r} is in the extract, not in the ZIP"
    statements = [s["text"] for s in document["tables"]["reference_statements"]]
    assert statements == ["Pålitlig."]  # the recruiter's note is not the person's to port
    assert document["tables"]["offer_answers"][0]["evidence"] == "Fem år av Erlang på Varvet"
    assert document["tables"]["references"][0]["contact"] == "rakel@example.se"
    assert "offer_answers" in in_extract and "profile_references" in in_extract


def test_erasure_removes_the_offer_answers_even_of_a_kept_placement(app):
    user = _everything_provided(app)
    record = db.session.scalars(sa.select(SupplierConsultant)).one()
    buyer = factories.make_organisation("buyer")
    ended = Assignment(organisation_id=buyer.id, title="Avslutat", description="d", role="Dev", state="filled",
                       start_date=date(2024, 1, 1), end_date=date(2024, 6, 30), answer_deadline=date(2023, 12, 1))
    db.session.add(ended)
    db.session.flush()
    requirement = AssignmentRequirement(assignment_id=ended.id, kind="must", text="Erlang")
    db.session.add(requirement)
    db.session.flush()
    placement = Offer(assignment_id=ended.id, organisation_id=record.organisation_id, supplier_consultant_id=record.id,
                      rate=950, state="shortlisted")
    db.session.add(placement)
    db.session.flush()
    db.session.add(OfferAnswer(offer_id=placement.id, requirement_id=requirement.id, meets=True, evidence="Varvet"))
    db.session.commit()
    with app.test_request_context(headers={"Accept-Language": "en"}):
        receipt = erasure.execute(Actor(user=user), user)
    db.session.commit()
    assert [k["category"] for k in receipt["kept"] if k["category"] == "placements"] == ["placements"]
    assert db.session.scalars(sa.select(Offer.rate)).all() == [950]  # bookkeeping: name and rate
    assert db.session.scalars(sa.select(OfferAnswer)).all() == []  # not the supplier's words about her


def test_a_suppressed_address_is_in_the_extract_and_kept_by_erasure_as_the_receipt_says(app, make_user):
    from portal.models import MarketingSuppression
    from portal.services.marketing import suppression

    user = make_user(email="nej.tack@example.se")
    suppression.suppress(user.email, [suppression.ALL], "objection")
    db.session.commit()
    assert [r["topic"] for r in personal_data.collect(user)["marketing_suppressions"]] == [suppression.ALL]
    kept = {i.category: i for i in erasure_plan.plan(user).kept}
    assert kept["suppression"].ground == "objection" and kept["suppression"].count == 1
    with app.test_request_context(headers={"Accept-Language": "en"}):
        receipt = erasure.execute(Actor(user=user), user)
    db.session.commit()
    assert {"category": "suppression", "count": 1, "ground": "objection", "until": None} in receipt["kept"]
    hashes = set(db.session.scalars(sa.select(MarketingSuppression.email_hash)))
    assert hashes == {suppression.address_hash("nej.tack@example.se")}  # one address, as a keyed hash only
    assert suppression.is_suppressed("nej.tack@example.se", "newsletter")
