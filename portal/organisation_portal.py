"""What every representative's portal shares: the organisation, colleagues, inviting colleagues.

Buyers, suppliers and partners each get their own blueprint built here, so each area keeps its
own URL prefix and access rule while the shared pages are written once.
"""
from __future__ import annotations

from flask import Blueprint, abort, flash, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import BooleanField, StringField, TelField
from wtforms.validators import InputRequired, Length, Optional, Regexp

from portal.extensions import db
from portal.forms import Form, apply_domain_error, email_field
from portal import attention
from portal.htmx import hx_redirect, render
from portal.request_actor import current_actor
from portal.services import DomainError
from portal.services.accounts import memberships
from portal.services.organisations import contact_details, onboarding, representatives
from portal.links import external_url


class InviteColleagueForm(Form):
    email = email_field(_l("Colleague's work e-mail"))
    is_admin = BooleanField(_l("May also administer colleagues"))


class ContactDetailsForm(Form):
    """Exactly what R-BUY-4 names: name, job title, phone (e-mail is changed under Account)."""

    name = StringField(_l("Your full name"), validators=[InputRequired(_l("Enter your name.")), Length(max=120)])
    job_title = StringField(_l("Job title"), validators=[Length(max=120)])
    phone = TelField(_l("Phone"), validators=[Optional(), Length(max=40), Regexp(
        r"^\+?[0-9 ()-]{6,40}$", message=_l("Enter a phone number, digits only."))])
    newsletters = BooleanField(_l("Send me newsletters and offers"))
    events = BooleanField(_l("Invite me to events and surveys"))


def blueprint(kind: str) -> Blueprint:
    bp = Blueprint(kind, __name__)

    def _membership_or_403():
        membership = memberships.current(current_user)
        if membership is None or membership.organisation.kind != kind:
            abort(403)
        return membership

    def _page(form=None, status=200):
        membership = memberships.current(current_user)
        organisation = membership.organisation if membership else None
        context = {"membership": membership, "organisation": organisation, "kind": kind,
                   "invite_form": form or InviteColleagueForm(formdata=None),
                   "attention": attention.for_organisation(organisation, kind)}
        if organisation is not None and membership.is_admin:
            context["colleagues"] = memberships.colleagues(organisation)
            context["invitations"] = memberships.open_invitations(organisation)
        return render("organisation/index.html", status=status, **context)

    @bp.route("/")
    def index():
        return _page()

    @bp.route("/colleagues/invite", methods=["POST"])
    def invite_colleague():
        membership = _membership_or_403()
        if not membership.is_admin or not membership.organisation.is_approved:
            abort(403)
        form = InviteColleagueForm()
        if form.validate_on_submit():
            try:
                onboarding.invite(current_actor(), membership.organisation, form.email.data,
                                     is_admin=form.is_admin.data,
                                     link_for=lambda t: external_url("auth.accept_invitation", token=t))
            except DomainError as error:
                db.session.rollback()
                apply_domain_error(form, error)
            else:
                db.session.commit()
                flash(_("The invitation is sent."), "success")
                return hx_redirect(url_for(f"{kind}.index"))
        return _page(form, 422)

    @bp.route("/colleagues/<int:membership_id>/remove", methods=["POST"])
    def remove_colleague(membership_id: int):
        """ "No longer represents us": the membership ends now, the data is queued for deletion (R-BUY-6)."""
        membership = _membership_or_403()
        if not membership.is_admin:
            abort(403)
        colleague = representatives.membership_in(membership.organisation, membership_id)
        if colleague is None:
            abort(404)
        try:
            representatives.end(current_actor(), colleague)
        except DomainError as error:
            db.session.rollback()
            flash(str(error.message), "error")
        else:
            db.session.commit()
            flash(_("The person no longer represents your organisation. Their personal data will be deleted; "
                    "what they created stays, shown as by a former representative."), "success")
        return hx_redirect(url_for(f"{kind}.index"))

    @bp.route("/contact-details", methods=["GET", "POST"])
    def contact_details_page():
        _membership_or_403()
        choice = contact_details.preferences(current_user)
        form = ContactDetailsForm(data={"name": current_user.name, "job_title": current_user.job_title,
                                        "phone": current_user.phone, "newsletters": choice.newsletters,
                                        "events": choice.events})
        if not form.validate_on_submit():
            return render("organisation/contact_details.html", form=form, kind=kind,
                          status=422 if form.is_submitted() else 200)
        try:
            contact_details.update(current_actor(), current_user, name=form.name.data,
                                   job_title=form.job_title.data or "", phone=form.phone.data,
                                   newsletters=form.newsletters.data, events=form.events.data)
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
            return render("organisation/contact_details.html", form=form, kind=kind, status=422)
        db.session.commit()
        flash(_("Your contact details and preferences are saved."), "success")
        return hx_redirect(url_for(f"{kind}.contact_details_page"))

    return bp
