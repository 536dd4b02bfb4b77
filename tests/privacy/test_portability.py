"""Data portability (R-RIGHTS-6) and the register extract (R-RIGHTS-2) against their published schemas:
the ZIP holds what the person gave and nothing we inferred; the extract names the source of each
category; both validate against portal/schemas/ for demo consultants, buyers, suppliers and partners."""
from __future__ import annotations

import csv
import io
import json
import re
import zipfile

import jsonschema
import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.models import (AuditEvent, ConsultantProfile, PrivacyMessage, PrivacyRequest, ProfileSkill, Skill,
                           User)
from portal.demo import seed
from portal.services.privacy import access_extract, personal_data, portability
from portal.services.profiles import attachments
from portal.services.actors import Actor
from tests import site_map

EN = {"Accept-Language": "en"}


def _schema(name: str) -> dict:
    return json.loads(portability.schema_text(name))


def _validate(name: str, document: dict) -> None:
    jsonschema.validate(document, _schema(name), cls=jsonschema.Draft202012Validator,
                        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def _zip(data: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(data))


def test_the_committed_schema_is_the_one_the_code_describes():
    assert portability.schema_text("portability") == portability.schema_json()
    for name in ("portability", "access_extract"):
        jsonschema.Draft202012Validator.check_schema(_schema(name))


def test_every_field_of_both_schemas_has_a_description():
    def walk(node, path):
        if isinstance(node, dict):
            for key, child in node.get("properties", {}).items():
                assert child.get("description"), f"{path}.{key} has no description"
                walk(child, f"{path}.{key}")
            walk(node.get("items"), f"{path}[]")
    for name in ("portability", "access_extract"):
        walk(_schema(name), name)


@pytest.mark.parametrize("login", ["konsult", "kopare", "leverantor", "partner"])
def test_demo_people_get_an_extract_and_a_portability_file_valid_against_the_schemas(app, login):
    list(seed.load())
    db.session.commit()
    user = db.session.scalar(sa.select(User).where(User.email == seed.demo_email(login)))
    extract = json.loads(access_extract.dumps(access_extract.build(user)))
    _validate("access_extract", extract)
    assert all(c["source"] for c in extract["categories"])
    document = json.loads(portability.dumps(portability.build(user)))
    _validate("portability", document)
    assert document["tables"]["account"][0]["email"] == user.email
    if login == "konsult":
        assert document["tables"]["skills"] and document["tables"]["employment"] and document["tables"]["profile"]


def _rich_consultant(login_as):
    person = login_as("consultant", name="Pia Portabel", email="pia@example.se")
    profile = ConsultantProfile(user_id=person.user.id, city="Umeå", title="Arkitekt", summary="Bygger system.")
    db.session.add(profile)
    db.session.flush()
    skill = Skill(name="Kotlin", key="kotlin")
    db.session.add(skill)
    db.session.flush()
    db.session.add(ProfileSkill(profile_id=profile.id, skill_id=skill.id, level=4, years=6))
    attachments.upload(Actor(user=person.user), profile, kind="cv", filename="cv.pdf",
                       data=b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    request = PrivacyRequest(kind="access", state="verified", user_id=person.user.id, name="Pia", email="pia@example.se",
                             details="Please send everything", received_on=db.func.current_date(),
                             deadline=db.func.current_date())
    db.session.add(request)
    db.session.flush()
    db.session.add_all([PrivacyMessage(request_id=request.id, user_id=person.user.id, author_id=person.user.id,
                                       from_staff=False, body="My own words"),
                        PrivacyMessage(request_id=request.id, user_id=person.user.id, author_id=None,
                                       from_staff=True, body="Staff note to the person")])
    db.session.commit()
    return person


def test_the_zip_holds_what_the_person_gave_and_nothing_inferred(login_as):
    person = _rich_consultant(login_as)
    response = person.post("/privacy/my-data.zip")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    assert response.headers["Content-Disposition"].startswith('attachment; filename="my-data-portable-')
    archive = _zip(response.data)
    names = archive.namelist()
    assert {"portability.json", "portability.schema.json", "README.txt", "csv/skills.csv"} <= set(names)
    document = json.loads(archive.read("portability.json"))
    _validate("portability", document)
    assert json.loads(archive.read("portability.schema.json")) == _schema("portability")
    tables = document["tables"]
    assert tables["profile"][0]["city"] == "Umeå"
    assert tables["skills"] == [{"skill": "Kotlin", "level": 4, "years": 6}]
    assert [m["body"] for m in tables["privacy_messages"]] == ["My own words"]  # not staff's words
    cv = tables["attachments"][0]
    assert archive.read(cv["file"]).startswith(b"%PDF")
    text = archive.read("portability.json").decode()
    for inferred in ("audit", "Staff note", "password", "score", "rating", "pseudonym"):
        assert inferred not in text
    rfc3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
    times = [(t, c, r[c]) for t, (_d, fields, _k) in portability.TABLES.items() for r in tables[t]
             for c, spec in fields.items() if spec[0] == "datetime" and r[c] is not None]
    assert times and all(rfc3339.match(value) for _t, _c, value in times), times
    rows = list(csv.DictReader(io.StringIO(archive.read("csv/skills.csv").decode())))
    assert rows == [{"skill": "Kotlin", "level": "4", "years": "6"}]
    assert db.session.scalar(sa.select(AuditEvent).where(
        AuditEvent.subject_id == person.user.id, AuditEvent.action == "personal_data.portability_download"))


def test_the_zip_needs_a_post_with_csrf(app, login_as):
    person = login_as("consultant")
    assert person.get("/privacy/my-data.zip").status_code == 405
    app.config["WTF_CSRF_ENABLED"] = True
    assert person.post("/privacy/my-data.zip").status_code == 400


def test_the_extract_names_a_source_for_every_category_and_the_page_shows_it(login_as):
    person = _rich_consultant(login_as)
    extract = access_extract.build(person.user, locale="en")  # the texts are translated: read them in English
    _validate("access_extract", json.loads(access_extract.dumps(extract)))
    sources = {c["category"]: c["source"] for c in extract["categories"]}
    assert sources["consultant_profiles"].startswith("You") and "portal" in sources["audit_events"]
    page = person.get("/privacy/extract", headers=EN)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'id="category-consultant_profiles"' in html and "Umeå" in html and "Source" in html
    assert db.session.scalar(sa.select(AuditEvent).where(
        AuditEvent.subject_id == person.user.id, AuditEvent.action == "personal_data.view_extract"))


def test_the_schemas_are_public_at_stable_urls(client):
    for name in ("portability", "access_extract"):
        response = client.get(f"/privacy/schemas/{name}.json")
        assert response.status_code == 200 and response.mimetype == "application/schema+json"
        assert json.loads(response.data) == _schema(name)
    assert client.get("/privacy/schemas/users.json").status_code == 404


def test_a_transfer_is_in_the_persons_data(login_as):
    person = login_as("consultant", email="tove@example.se")
    assert person.post("/privacy/transfers", data={"destination": "ny@example.org"}).status_code == 303
    assert personal_data.collect(person.user)["data_transfers"][0]["destination"] == "ny@example.org"
