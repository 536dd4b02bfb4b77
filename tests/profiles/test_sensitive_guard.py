"""R-CON-8: the sensitive-data guard reads text as people type it, checks skill and language names
before a skill is created or suggested, checks LinkedIn texts, and takes words staff add."""
from __future__ import annotations

import json
import re

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.models import AuditEvent, ProfileImportDraft, ProfileLanguage, ProfileSkill, SensitiveDataRefusal, \
    SensitiveTerm, Skill
from portal.services import DomainError
from portal.services.actors import Actor
from portal.services.matching import skills
from portal.services.profiles import sensitive_data
from portal.services.profiles.sensitive.normalise import plain
from portal.services.profiles.sensitive_data import find
from tests.conftest import hx
from tests.profiles.helpers import linkedin_zip, multipart

EN = {"Accept-Language": "en"}


@pytest.mark.parametrize("text", [
    "Jag har dia\u200bbetes", "Jag har dia\u00adbetes", "Jag har dia\u200dbetes", "Jag har \ufeffdiabetes",
    "Jag har ｄｉａｂｅｔｅｓ", "Jag har dia,betes", "JAG HAR DIABETES", "Jag har diabetis", "I have diabetis",
    "Jag är sjukskrivn", "Halvtidssjukskriven", "Efter min cancerbehandling", "Jag har en ryggskada",
    "Genomgick en hjärtoperation", "I had a back injury", "I take antidepressants", "Jag äter antidepressiva",
    "Aktiv i min församling", "My same-sex partner and I", "Min samkönade partner", "I campaigned for the Left Party",
    "Jag kampanjade för Vänsterpartiet", "Jag är bisexuel",
])
def test_everyday_and_mistyped_disclosures_are_caught(text):
    assert find(text) is not None


@pytest.mark.parametrize("text", [
    "Genetics research", "Biometric authentication", "Built an EHR system for oncology clinics", "LO-avtal",
    "Kollektivavtal", "Worked at a church as IT manager", "Diabetesvård", "Cancerregistret", "Power BI",
    "I have a vision for the team", "Jag har kommunal erfarenhet", "I believe in pair programming",
    "Cancel the order in the API", "Specialist in data platforms", "Browser fingerprinting research",
])
def test_professional_and_everyday_text_passes(text):
    assert find(text) is None


def test_invisible_characters_and_punctuation_inside_words_are_removed():
    assert plain("Dia\u200bbe\u00adtes, RFSL:s och dia,betes") == "diabetes, rfsls och diabetes"


def test_typos_only_for_long_words():
    assert find("Jag har astna") is None  # five letters: too short to guess
    assert find("Jag har epilepsu").kind == "health"


def test_a_sensitive_skill_is_refused_before_it_is_created_or_shared(login_as):
    consultant = login_as("consultant")
    response = consultant.post("/consultant/profile/skills/add", headers=EN, data={
        "skills-name": "Diabetiker typ 1", "skills-level": "3", "skills-years": "2"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Skill seems to contain information about health or illness" in page
    assert 'value="Diabetiker typ 1"' in page  # the form is kept
    assert db.session.scalar(sa.select(sa.func.count(Skill.id))) == 0
    assert db.session.scalar(sa.select(sa.func.count(ProfileSkill.id))) == 0
    assert db.session.scalars(sa.select(SensitiveDataRefusal.field)).all() == ["name"]


def test_a_sensitive_language_is_refused(login_as):
    consultant = login_as("consultant")
    response = consultant.post("/consultant/profile/languages/add", headers=EN, data={
        "languages-name": "Teckenspråk – jag är hörselskadad", "languages-level": "C1"})
    assert response.status_code == 422
    assert "Language seems to contain information about health" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(ProfileLanguage.id))) == 0
    ok = consultant.post("/consultant/profile/languages/add", data={"languages-name": "Samiska", "languages-level": "A2"})
    assert ok.status_code == 303


def test_a_skill_named_before_the_guard_is_never_suggested(login_as):
    db.session.add_all([Skill(name="Diabetiker typ 1", key=skills.key("Diabetiker typ 1")),
                        Skill(name="Diabetesvård", key=skills.key("Diabetesvård"))])
    db.session.commit()
    assert skills.suggest("diab") == ["Diabetesvård"]
    assert "Diabetiker typ 1" not in skills.all_names()
    consultant = login_as("consultant")
    page = consultant.get("/consultant/profile/skills/suggest?skills-name=diab", headers=hx()).get_data(as_text=True)
    assert "Diabetesvård" in page and "Diabetiker" not in page


def test_linkedin_skills_are_checked_before_any_is_created(login_as):
    consultant = login_as("consultant")
    response = consultant.post("/consultant/profile/import", headers=EN,
                               **multipart({"linkedin-archive": (linkedin_zip(), "linkedin.zip")}))
    draft_id = int(response.headers["Location"].rsplit("/", 1)[1])
    draft = db.session.get(ProfileImportDraft, draft_id)
    payload = json.loads(draft.payload)
    payload["skills"].append("Homosexuell")
    draft.payload = json.dumps(payload)
    db.session.commit()
    refused = consultant.post(f"/consultant/profile/import/{draft_id}/confirm", headers=EN)
    assert refused.status_code == 422
    assert "sexual orientation" in refused.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Skill.id))) == 0


def test_staff_terms_are_read_by_the_guard(app, make_user):
    officer = make_user(role="staff", staff_roles="privacy_officer")
    with app.test_request_context(headers=EN):  # messages are in the reader's language
        assert find("Jag har blåsyrasjuka") is None
        sensitive_data.check_fields({"summary": ("Summary", "Jag har blåsyrasjuka")})
        term = sensitive_data.add_term(Actor(user=officer), "Blåsyrasjuka", "health", "identity", "sv")
        with pytest.raises(sensitive_data.SensitiveDataError) as caught:
            sensitive_data.check_fields({"summary": ("Summary", "Blåsyrasjuka sedan 2020")})
        assert caught.value.finding.kind == "health"
        with pytest.raises(sensitive_data.SensitiveDataError):  # a typo of a staff word, too
            sensitive_data.check_fields({"summary": ("Summary", "Blåsyrsjuka")})
        sensitive_data.check_fields({"summary": ("Summary", "I have blåsyrasjuka")})  # Swedish only
        assert db.session.scalar(sa.select(AuditEvent.action).where(AuditEvent.action == "sensitive_term.add"))
        sensitive_data.remove_term(Actor(user=officer), term.id)
        sensitive_data.check_fields({"summary": ("Summary", "Blåsyrasjuka sedan 2020")})


@pytest.mark.parametrize("term, kind, role, language, field", [
    ("  ", "health", "identity", "sv", "term"), ("x" * 81, "health", "identity", "sv", "term"),
    ("ord", "weather", "identity", "sv", "kind"), ("ord", "health", "both", "sv", "role"),
    ("ord", "health", "topic", "fi", "language"),
])
def test_bad_staff_terms_are_refused(app, make_user, term, kind, role, language, field):
    officer = make_user(role="staff", staff_roles="privacy_officer")
    with app.test_request_context(headers=EN), pytest.raises(DomainError) as caught:
        sensitive_data.add_term(Actor(user=officer), term, kind, role, language)
    assert caught.value.field == field


def test_staff_page_adds_and_removes_terms(login_as):
    officer = login_as("staff", staff_roles="privacy_officer")
    added = officer.post("/staff/sensitive-data/terms", headers=EN, data={
        "term": "Blåsyrasjuka", "kind": "health", "role": "identity", "language": "sv"})
    assert added.status_code == 303
    page = officer.get("/staff/sensitive-data", headers=EN).get_data(as_text=True)
    assert "Blåsyrasjuka" in page and "health or illness" in page
    again = officer.post("/staff/sensitive-data/terms", headers=EN, data={
        "term": "blåsyrasjuka", "kind": "health", "role": "topic", "language": "sv"})
    assert again.status_code == 422 and "already in the list" in again.get_data(as_text=True)
    bad = officer.post("/staff/sensitive-data/terms", headers=EN, data={
        "term": "ord", "kind": "weather", "role": "identity", "language": "sv"})
    assert bad.status_code == 422
    term_id = db.session.scalar(sa.select(SensitiveTerm.id))
    assert officer.post(f"/staff/sensitive-data/terms/{term_id}/delete").status_code == 303
    assert officer.post(f"/staff/sensitive-data/terms/{term_id}/delete").status_code == 404
    assert db.session.scalar(sa.select(sa.func.count(SensitiveTerm.id))) == 0


@pytest.mark.parametrize("role, roles", [("staff", "recruiter"), ("consultant", None)])
def test_others_may_not_edit_terms(login_as, role, roles):
    client = login_as(role, **({"staff_roles": roles} if roles else {}))
    response = client.post("/staff/sensitive-data/terms", data={
        "term": "ord", "kind": "health", "role": "identity", "language": "sv"})
    assert response.status_code in (403, 404)
    assert db.session.scalar(sa.select(sa.func.count(SensitiveTerm.id))) == 0


def test_the_table_holds_no_personal_data():
    assert set(SensitiveTerm.__table__.columns.keys()) == {"id", "term", "key", "kind", "role", "language",
                                                           "created_at"}
    assert not SensitiveTerm.__table__.foreign_keys
    assert re.fullmatch(r"\w+", "sensitive_terms")
