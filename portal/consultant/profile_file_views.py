"""Attachments and the LinkedIn import on the consultant's profile (R-CON-6, R-CON-7)."""
from __future__ import annotations

import io

from flask import abort, flash, send_file, url_for
from flask_babel import gettext as _

from portal.consultant import profile_forms as forms
from portal.consultant.profile_page import current_profile, refused, section_saved
from portal.consultant.views import bp
from portal.extensions import db
from portal.forms import EmptyForm
from portal.htmx import hx_redirect, render
from portal.request_actor import current_actor
from portal.services import DomainError
from portal.services.profiles import attachments, linkedin_merge, sensitive_data


def _read(upload) -> bytes:
    with upload.stream as stream:  # closed at once: large uploads spool to a temporary file
        return stream.read()


def send_attachment(attachment, data: bytes):
    """Always a download, never rendered by the browser, with the type we detected."""
    response = send_file(io.BytesIO(data), mimetype=attachment.content_type, as_attachment=True,
                         download_name=attachment.filename, max_age=0)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/profile/attachments", methods=["POST"])
def upload_attachment():
    profile, form = current_profile(), forms.AttachmentForm(prefix="attachment")
    upload = form.file.data
    try:
        if not form.validate_on_submit() or upload is None or not hasattr(upload, "read"):
            raise DomainError(_("Choose a file to upload."), field="file")
        attachments.upload(current_actor(), profile, kind=form.kind.data, filename=upload.filename or "",
                           data=_read(upload))
    except DomainError as error:
        return refused(profile, "attachments", "attachment", form, error)
    db.session.commit()
    return section_saved(profile, "attachments")


@bp.route("/profile/attachments/<int:attachment_id>")
def download_attachment(attachment_id: int):
    attachment = attachments.for_owner(current_profile(), attachment_id)
    if attachment is None:
        abort(404)
    return send_attachment(attachment, attachments.read(current_actor(), attachment))


@bp.route("/profile/attachments/<int:attachment_id>/delete", methods=["POST"])
def remove_attachment(attachment_id: int):
    profile = current_profile()
    attachment = attachments.for_owner(profile, attachment_id)
    if attachment is None:
        abort(404)
    if not EmptyForm().validate_on_submit():
        abort(400)
    attachments.remove(current_actor(), profile, attachment)
    db.session.commit()
    return section_saved(profile, "attachments")


@bp.route("/profile/import", methods=["POST"])
def start_import():
    profile, form = current_profile(), forms.ImportForm(prefix="linkedin")
    upload = form.archive.data
    try:
        if not form.validate_on_submit() or upload is None or not hasattr(upload, "read"):
            raise DomainError(_("Choose the ZIP file you got from LinkedIn."), field="archive")
        draft = linkedin_merge.start(current_actor(), profile, _read(upload))
    except DomainError as error:
        return refused(profile, "linkedin", "archive", form, error)
    db.session.commit()
    return hx_redirect(url_for("consultant.import_preview", draft_id=draft.id))


def _draft(draft_id: int):
    draft = linkedin_merge.draft_for(current_profile(), draft_id)
    if draft is None:
        abort(404)
    return draft


@bp.route("/profile/import/<int:draft_id>")
def import_preview(draft_id: int):
    draft = _draft(draft_id)
    return render("consultant/import_preview.html", draft=draft, data=linkedin_merge.preview(draft),
                  form=EmptyForm())


@bp.route("/profile/import/<int:draft_id>/confirm", methods=["POST"])
def confirm_import(draft_id: int):
    profile, draft = current_profile(), _draft(draft_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    try:
        linkedin_merge.confirm(current_actor(), profile, draft)
    except DomainError as error:
        db.session.rollback()
        if isinstance(error, sensitive_data.SensitiveDataError):
            sensitive_data.record_refusal(error.finding, error.field)
            db.session.commit()
        return render("consultant/import_preview.html", draft=draft, data=linkedin_merge.preview(draft),
                      form=EmptyForm(), error=error.message, status=422)
    db.session.commit()
    flash(_("Your LinkedIn data is added to your profile. Check it and complete what is missing."), "success")
    return hx_redirect(url_for("consultant.profile", saved="competence", _anchor="section-competence"))


@bp.route("/profile/import/<int:draft_id>/cancel", methods=["POST"])
def cancel_import(draft_id: int):
    profile, draft = current_profile(), _draft(draft_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    linkedin_merge.cancel(current_actor(), profile, draft)
    db.session.commit()
    flash(_("The import is cancelled; nothing from the archive was kept."), "info")
    return hx_redirect(url_for("consultant.profile", _anchor="section-linkedin"))
