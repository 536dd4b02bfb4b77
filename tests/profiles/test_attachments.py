"""Attachments: type from content, size limits, stored outside static/, downloads only for the owner
and recruiters, each staff download audited (R-CON-6, R-STAFF-1)."""
from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from portal.extensions import db
from portal.models import Attachment, AuditEvent
from tests.profiles.helpers import EXE, PDF, PNG, multipart

EN = {"Accept-Language": "en"}


def _upload(client, data: bytes, name: str, kind: str = "cv", headers=None):
    return client.post("/consultant/profile/attachments", headers=headers or EN,
                       **multipart({"attachment-kind": kind, "attachment-file": (data, name)}))


def test_pdf_upload_is_stored_outside_static_and_downloaded_as_attachment(app, login_as):
    consultant = login_as("consultant")
    assert _upload(consultant, PDF, "../../cv Maja.pdf").status_code == 303
    attachment = db.session.scalar(sa.select(Attachment))
    assert attachment.content_type == "application/pdf" and attachment.filename == "cv Maja.pdf"
    stored = Path(app.config["UPLOAD_DIR"]) / "attachments" / attachment.storage_key
    assert stored.read_bytes() == PDF
    assert "static" not in stored.parts
    response = consultant.get(f"/consultant/profile/attachments/{attachment.id}")
    assert response.status_code == 200 and response.data == PDF
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_png_is_accepted(login_as):
    assert _upload(login_as("consultant"), PNG, "photo.png", "certificate").status_code == 303


def test_exe_renamed_pdf_is_refused_and_nothing_is_kept(app, login_as):
    consultant = login_as("consultant")
    response = _upload(consultant, EXE, "cv.pdf")
    assert response.status_code == 422
    assert "Only PDF, Word (DOCX), PNG and JPEG" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Attachment.id))) == 0
    folder = Path(app.config["UPLOAD_DIR"]) / "attachments"
    assert not folder.exists() or not any(folder.iterdir())


def test_a_50_mb_file_is_refused_with_a_clear_message(login_as):
    consultant = login_as("consultant")
    response = _upload(consultant, PDF + b"0" * (50 * 1024 * 1024), "big.pdf")
    assert response.status_code == 413
    assert "larger than we accept" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Attachment.id))) == 0


def test_a_file_over_the_attachment_limit_is_refused(login_as):
    from portal.services.profiles import file_types

    consultant = login_as("consultant")
    response = _upload(consultant, PDF + b"0" * file_types.MAX_BYTES, "big.pdf")
    assert response.status_code == 422
    assert db.session.scalar(sa.select(sa.func.count(Attachment.id))) == 0


def test_sensitive_file_name_is_refused(login_as):
    consultant = login_as("consultant")
    response = _upload(consultant, PDF, "sjukskriven intyg.pdf")
    assert response.status_code == 422 and "File name" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Attachment.id))) == 0


def test_another_consultants_attachment_is_404(login_as):
    owner, intruder = login_as("consultant"), login_as("consultant")
    _upload(owner, PDF, "cv.pdf")
    attachment = db.session.scalar(sa.select(Attachment))
    assert intruder.get(f"/consultant/profile/attachments/{attachment.id}").status_code == 404
    assert intruder.post(f"/consultant/profile/attachments/{attachment.id}/delete").status_code == 404
    assert db.session.get(Attachment, attachment.id) is not None


def test_recruiter_download_is_audited_and_finance_cannot_download(login_as):
    owner = login_as("consultant")
    _upload(owner, PDF, "cv.pdf")
    attachment = db.session.scalar(sa.select(Attachment))
    url = f"/staff/consultants/{owner.user.id}/attachments/{attachment.id}"
    recruiter = login_as("staff", staff_roles="recruiter")
    response = recruiter.get(url)
    assert response.status_code == 200 and response.headers["Content-Disposition"].startswith("attachment;")
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "attachment.download"))
    assert event.subject_id == owner.user.id and event.actor_id == recruiter.user.id
    assert login_as("staff", staff_roles="finance").get(url).status_code == 403
    assert login_as("buyer").get(url).status_code == 403
    other = login_as("consultant")
    assert recruiter.get(f"/staff/consultants/{other.user.id}/attachments/{attachment.id}").status_code == 404


def test_owner_removes_attachment_and_its_file(app, login_as):
    consultant = login_as("consultant")
    _upload(consultant, PDF, "cv.pdf")
    attachment = db.session.scalar(sa.select(Attachment))
    stored = Path(app.config["UPLOAD_DIR"]) / "attachments" / attachment.storage_key
    assert consultant.post(f"/consultant/profile/attachments/{attachment.id}/delete").status_code == 303
    assert not stored.exists()
