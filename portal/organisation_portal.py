"""What every representative's portal shares: the organisation, colleagues, inviting colleagues.

Buyers, suppliers and partners each get their own blueprint built here, so each area keeps its
own URL prefix and access rule while the shared pages are written once.
"""
from __future__ import annotations

from flask import Blueprint, abort, flash, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import BooleanField

from portal.extensions import db
from portal.forms import Form, apply_domain_error, email_field
from portal.htmx import hx_redirect, render
from portal.security import current_actor
from portal.services import DomainError, memberships, organisations


class InviteColleagueForm(Form):
    email = email_field(_l("Colleague's work e-mail"))
    is_admin = BooleanField(_l("May also administer colleagues"))


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
                   "invite_form": form or InviteColleagueForm(formdata=None)}
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
                organisations.invite(current_actor(), membership.organisation, form.email.data,
                                     is_admin=form.is_admin.data,
                                     link_for=lambda t: url_for("auth.accept_invitation", token=t, _external=True))
            except DomainError as error:
                db.session.rollback()
                apply_domain_error(form, error)
            else:
                db.session.commit()
                flash(_("The invitation is sent."), "success")
                return hx_redirect(url_for(f"{kind}.index"))
        return _page(form, 422)

    return bp
