"""LinkedIn import (R-CON-7): upload → preview → confirm merges; cancel discards; bad archives refused."""
from __future__ import annotations

import io
import re
import zipfile
from datetime import timedelta

import sqlalchemy as sa

from portal.extensions import db
from portal.models import (
    Certificate, EducationEntry, EmploymentEntry, ProfileImportDraft, ProfileLanguage, ProfileSkill, utcnow,
)
from portal.services.matching import skills
from tests.profiles.helpers import linkedin_zip, multipart, profile_of, zip_bomb

EN = {"Accept-Language": "en"}


def _upload(client, data: bytes, name="Basic_LinkedInDataExport.zip"):
    return client.post("/consultant/profile/import", headers=EN, **multipart({"linkedin-archive": (data, name)}))


def _counts():
    return [db.session.scalar(sa.select(sa.func.count(m.id))) for m in
            (EmploymentEntry, EducationEntry, ProfileSkill, ProfileLanguage, Certificate)]


def test_preview_then_confirm_merges_once(login_as):
    skills.seed_defaults()
    consultant = login_as("consultant")
    response = _upload(consultant, linkedin_zip())
    assert response.status_code == 303
    preview_url = response.headers["Location"]
    assert re.search(r"/consultant/profile/import/\d+$", preview_url)
    assert _counts() == [0, 0, 0, 0, 0]  # nothing stored before the yes
    page = consultant.get(preview_url, headers=EN).get_data(as_text=True)
    assert "Nordbank AB" in page and "KTH" in page and "Postgres" in page
    draft_id = int(preview_url.rsplit("/", 1)[1])
    assert consultant.post(f"/consultant/profile/import/{draft_id}/confirm").status_code == 303
    assert _counts() == [2, 1, 3, 2, 1]
    profile = profile_of(consultant.user)
    db.session.refresh(profile)
    assert profile.title == "Senior backend developer"
    assert {s.skill.name for s in profile.skills} == {"PostgreSQL", "Python", "Kubernetes"}
    assert {lang.level for lang in profile.languages} == {"C2", "C1"}
    assert db.session.scalar(sa.select(sa.func.count(ProfileImportDraft.id))) == 0
    assert consultant.post(f"/consultant/profile/import/{draft_id}/confirm").status_code == 404
    # a second import adds nothing that is already there
    again = int(_upload(consultant, linkedin_zip()).headers["Location"].rsplit("/", 1)[1])
    consultant.post(f"/consultant/profile/import/{again}/confirm")
    assert _counts() == [2, 1, 3, 2, 1]


def test_cancel_discards_everything(login_as):
    consultant = login_as("consultant")
    draft_id = int(_upload(consultant, linkedin_zip()).headers["Location"].rsplit("/", 1)[1])
    assert consultant.post(f"/consultant/profile/import/{draft_id}/cancel").status_code == 303
    assert db.session.scalar(sa.select(sa.func.count(ProfileImportDraft.id))) == 0
    assert _counts() == [0, 0, 0, 0, 0]


def test_expired_preview_is_gone(login_as):
    consultant = login_as("consultant")
    draft_id = int(_upload(consultant, linkedin_zip()).headers["Location"].rsplit("/", 1)[1])
    db.session.get(ProfileImportDraft, draft_id).expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert consultant.get(f"/consultant/profile/import/{draft_id}").status_code == 404
    assert consultant.post(f"/consultant/profile/import/{draft_id}/confirm").status_code == 404
    assert _counts() == [0, 0, 0, 0, 0]


def test_another_consultants_draft_is_404(login_as):
    owner, intruder = login_as("consultant"), login_as("consultant")
    draft_id = int(_upload(owner, linkedin_zip()).headers["Location"].rsplit("/", 1)[1])
    assert intruder.get(f"/consultant/profile/import/{draft_id}").status_code == 404
    assert intruder.post(f"/consultant/profile/import/{draft_id}/confirm").status_code == 404
    assert intruder.post(f"/consultant/profile/import/{draft_id}/cancel").status_code == 404
    assert db.session.get(ProfileImportDraft, draft_id) is not None


def _traversal_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("../../etc/Profile.csv", "First Name\nEvil\n")
    return buffer.getvalue()


def test_malformed_and_hostile_archives_are_refused(login_as):
    consultant = login_as("consultant")
    for data in (b"not a zip at all", linkedin_zip()[:200], zip_bomb(), _traversal_zip()):
        response = _upload(consultant, data)
        assert response.status_code == 422
        text = response.get_data(as_text=True)
        assert "archive" in text or "ZIP" in text
    assert db.session.scalar(sa.select(sa.func.count(ProfileImportDraft.id))) == 0


def test_sensitive_text_in_the_archive_is_refused_on_confirm(login_as):
    consultant = login_as("consultant")
    response = _upload(consultant, linkedin_zip(summary="I was diagnosed with diabetes in 2019."))
    draft_id = int(response.headers["Location"].rsplit("/", 1)[1])
    response = consultant.post(f"/consultant/profile/import/{draft_id}/confirm", headers=EN)
    assert response.status_code == 422 and "health or illness" in response.get_data(as_text=True)
    assert _counts() == [0, 0, 0, 0, 0]
    assert profile_of(consultant.user).summary is None
