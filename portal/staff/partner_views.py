"""Back office: partners' contacts and shared documents; ending a representative's membership."""
from __future__ import annotations

from flask import abort, flash, url_for
from flask_babel import gettext as _

from portal.extensions import db
from portal.forms import EmptyForm, apply_domain_error, choices
from portal.htmx import hx_redirect, render
from portal.models import Organisation, PartnerContact
from portal.request_actor import current_actor
from portal.security import allow, staff
from portal.services import DomainError
from portal.services.organisations import partnerships, representatives
from portal.staff.forms import PartnerContactForm, PartnerDocumentForm
from portal.staff.views import ORGANISATIONS, bp


def _partner(organisation_id: int) -> Organisation:
    organisation = db.session.get(Organisation, organisation_id)
    if organisation is None or organisation.kind != "partner":
        abort(404)
    return organisation


def _page(organisation: Organisation, status: int = 200, contact_form=None, document_form=None):
    contact_form = contact_form or PartnerContactForm(formdata=None)
    contact_form.staff_user_id.choices = choices((u.id, u.name) for u in partnerships.staff_choices())
    return render("staff/partnership.html", organisation=organisation, status=status,
                  contacts=partnerships.contacts(organisation), documents=partnerships.documents(organisation),
                  contact_form=contact_form, document_form=document_form or PartnerDocumentForm(formdata=None),
                  form=EmptyForm())


@bp.route("/partners/<int:organisation_id>")
@allow(ORGANISATIONS)
def partnership(organisation_id: int):
    return _page(_partner(organisation_id))


@bp.route("/partners/<int:organisation_id>/contacts", methods=["POST"])
@allow(ORGANISATIONS)
def partner_contact_add(organisation_id: int):
    organisation = _partner(organisation_id)
    form = PartnerContactForm()
    form.staff_user_id.choices = choices((u.id, u.name) for u in partnerships.staff_choices())
    if form.validate():
        try:
            partnerships.add_contact(current_actor(), organisation, form.staff_user_id.data,
                                     form.responsibility.data or "")
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("The contact is added."), "success")
            return hx_redirect(url_for("staff.partnership", organisation_id=organisation.id))
    return _page(organisation, 422, contact_form=form)


@bp.route("/partners/<int:organisation_id>/contacts/<int:contact_id>/remove", methods=["POST"])
@allow(ORGANISATIONS)
def partner_contact_remove(organisation_id: int, contact_id: int):
    organisation = _partner(organisation_id)
    contact = db.session.get(PartnerContact, contact_id)
    if contact is None or contact.organisation_id != organisation.id:
        abort(404)
    partnerships.remove_contact(current_actor(), contact)
    db.session.commit()
    flash(_("The contact is removed."), "success")
    return hx_redirect(url_for("staff.partnership", organisation_id=organisation.id))


@bp.route("/partners/<int:organisation_id>/documents", methods=["POST"])
@allow(ORGANISATIONS)
def partner_document_add(organisation_id: int):
    organisation = _partner(organisation_id)
    form = PartnerDocumentForm()
    if form.validate():
        upload = form.file.data
        try:
            partnerships.share_document(current_actor(), organisation, title=form.title.data,
                                        filename=upload.filename or "", content_type=upload.mimetype or "",
                                        data=upload.read())
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("The document is shared with the partner."), "success")
            return hx_redirect(url_for("staff.partnership", organisation_id=organisation.id))
    return _page(organisation, 422, document_form=form)


@bp.route("/partners/<int:organisation_id>/documents/<int:document_id>/remove", methods=["POST"])
@allow(ORGANISATIONS)
def partner_document_remove(organisation_id: int, document_id: int):
    organisation = _partner(organisation_id)
    document = partnerships.document_for(organisation, document_id)
    if document is None:
        abort(404)
    partnerships.remove_document(current_actor(), document)
    db.session.commit()
    flash(_("The document is removed."), "success")
    return hx_redirect(url_for("staff.partnership", organisation_id=organisation.id))


@bp.route("/organisations/<int:organisation_id>/representatives/<int:membership_id>/end", methods=["POST"])
@allow(ORGANISATIONS)
def representative_end(organisation_id: int, membership_id: int):
    organisation = db.session.get(Organisation, organisation_id)
    membership = representatives.membership_in(organisation, membership_id) if organisation else None
    if membership is None:
        abort(404)
    try:
        representatives.end(current_actor(), membership)
    except DomainError as error:
        db.session.rollback()
        flash(str(error.message), "error")
    else:
        db.session.commit()
        flash(_("The membership has ended and the person's data is queued for deletion."), "success")
    return hx_redirect(url_for("staff.organisation", organisation_id=organisation.id))


@bp.route("/erasure-queue")
@allow(staff("admin", "privacy_officer"))
def erasure_queue():
    return render("staff/erasure_queue.html", items=representatives.pending_erasures())


