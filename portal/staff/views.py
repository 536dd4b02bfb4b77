"""The back office: organisations, mail outbox, audit log. Each view of a person is audited."""
from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, abort, flash, request, url_for
from flask_babel import gettext as _

from portal.extensions import db
from portal.forms import EmptyForm, apply_domain_error, page_number
from portal import attention
from portal.htmx import hx_redirect, render
from portal.models import AuditEvent, Organisation, OrganisationStatus, OutboxMail
from portal.request_actor import current_actor
from portal.security import allow, staff
from portal.services import DomainError, audit, audit_anchors
from portal.services.accounts import memberships
from portal.services.organisations import onboarding
from portal.staff.forms import AgreementForm, InviteRepresentativeForm
from portal.links import external_url

bp = Blueprint("staff", __name__)
ORGANISATIONS = staff("admin", "recruiter")
PAGE_SIZE = 50


@bp.route("/")
def index():
    return render("staff/index.html", pending=onboarding.pending(), attention=attention.for_staff())


@bp.route("/organisations", endpoint="organisations")
@allow(ORGANISATIONS)
def organisations_list():
    status = request.args.get("status")
    query = sa.select(Organisation).order_by(Organisation.name)
    if status in {s.value for s in OrganisationStatus}:
        query = query.where(Organisation.status == status)
    return render("staff/organisations.html", organisations=db.session.scalars(query).all(), status=status)



def _organisation(organisation_id: int) -> Organisation:
    organisation = db.session.get(Organisation, organisation_id)
    if organisation is None:
        abort(404)
    return organisation


def _detail(organisation: Organisation, status: int = 200, **forms):
    representatives = memberships.colleagues(organisation)
    actor = current_actor()
    for membership in representatives:  # staff saw these people's contact details (R-STAFF-1)
        audit.record(actor, "person.view", subject=membership.user_id, obj=organisation)
    db.session.commit()
    context = {
        "agreement_form": AgreementForm(formdata=None, obj=organisation),
        "invite_form": InviteRepresentativeForm(formdata=None),
        "decide_form": EmptyForm(),
    }
    context.update(forms)
    return render("staff/organisation.html", status=status, organisation=organisation,
                  representatives=representatives, invitations=memberships.open_invitations(organisation),
                  **context)


@bp.route("/organisations/<int:organisation_id>")
@allow(ORGANISATIONS)
def organisation(organisation_id: int):
    return _detail(_organisation(organisation_id))


@bp.route("/organisations/<int:organisation_id>/decide", methods=["POST"])
@allow(ORGANISATIONS)
def decide(organisation_id: int):
    organisation = _organisation(organisation_id)
    if not EmptyForm().validate_on_submit() or request.form.get("decision") not in {"approve", "reject"}:
        abort(400)
    try:
        onboarding.decide(current_actor(), organisation, approve=request.form["decision"] == "approve")
    except DomainError as error:
        db.session.rollback()
        flash(str(error.message), "error")
        return hx_redirect(url_for("staff.organisation", organisation_id=organisation.id))
    db.session.commit()
    flash(_("The decision is saved and the representatives are told."), "success")
    return hx_redirect(url_for("staff.organisation", organisation_id=organisation.id))


@bp.route("/organisations/<int:organisation_id>/agreement", methods=["POST"])
@allow(ORGANISATIONS)
def agreement(organisation_id: int):
    organisation = _organisation(organisation_id)
    form = AgreementForm()
    if form.validate_on_submit():
        try:
            onboarding.set_agreement(current_actor(), organisation, form.agreement_start.data,
                                        form.agreement_end.data)
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("The agreement dates are saved."), "success")
            return hx_redirect(url_for("staff.organisation", organisation_id=organisation.id))
    return _detail(organisation, 422, agreement_form=form)


@bp.route("/organisations/<int:organisation_id>/invite", methods=["POST"])
@allow(ORGANISATIONS)
def invite(organisation_id: int):
    organisation = _organisation(organisation_id)
    form = InviteRepresentativeForm()
    if form.validate_on_submit():
        try:
            onboarding.invite(current_actor(), organisation, form.email.data, is_admin=form.is_admin.data,
                                 link_for=lambda t: external_url("auth.accept_invitation", token=t))
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("The invitation is sent."), "success")
            return hx_redirect(url_for("staff.organisation", organisation_id=organisation.id))
    return _detail(organisation, 422, invite_form=form)


@bp.route("/outbox")
@allow(staff("admin"))
def outbox():
    page = request.args.get("page", 1, type=page_number)
    mails = db.session.scalars(
        sa.select(OutboxMail).order_by(OutboxMail.id.desc()).offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE)
    ).all()
    return render("staff/outbox.html", mails=mails, page=page, page_size=PAGE_SIZE)


@bp.route("/outbox/<int:mail_id>")
@allow(staff("admin"))
def outbox_mail(mail_id: int):
    mail = db.session.get(OutboxMail, mail_id)
    if mail is None:
        abort(404)
    audit.record(current_actor(), "mail.view", subject=mail.user_id, obj=mail)
    db.session.commit()
    return render("staff/outbox_mail.html", mail=mail)


@bp.route("/audit")
@allow(staff("admin", "privacy_officer"))
def audit_log():
    page = request.args.get("page", 1, type=page_number)
    events = db.session.scalars(
        sa.select(AuditEvent).order_by(AuditEvent.seq.desc()).offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE)
    ).all()
    return render("staff/audit.html", events=events, page=page, page_size=PAGE_SIZE, report=None,
                  verify_form=EmptyForm())


@bp.route("/audit/verify", methods=["POST"])
@allow(staff("admin", "privacy_officer"))
def audit_verify():
    if not EmptyForm().validate_on_submit():
        abort(400)
    report = audit_anchors.verify()
    return render("staff/audit.html", events=[], page=1, page_size=PAGE_SIZE, report=report,
                  verify_form=EmptyForm())


from portal.staff import sensitive_data_views  # noqa: E402,F401  (registers its routes on bp)
from portal.staff import consent_views  # noqa: E402,F401  (registers the consent routes on bp)
from portal.staff import assignment_views, partner_views, support_views  # noqa: E402,F401  (register routes on bp)
from portal.staff import consultant_views  # noqa: E402,F401  (registers the consultant routes on bp)
from portal.staff import privacy_requests  # noqa: E402,F401  (registers the privacy officer's routes on bp)
from portal.staff import skills_views  # noqa: E402,F401  (routes on this blueprint)
from portal.staff import shortlist_views  # noqa: E402,F401  (registers the shortlist routes on bp)
from portal.staff import engagement_views  # noqa: E402,F401  (engagements: list, detail, period, approvers)
from portal.staff import ranking_views  # noqa: E402,F401  (registers the ranking routes on bp)
from portal.staff import account_views  # noqa: E402,F401  (pausing and restoring access)
from portal.staff import dispute_views  # noqa: E402,F401  (disputes and restrictions on bp)
from portal.staff import erasure_views  # noqa: E402,F401  (erasure requests, the erasure queue, legal holds)
from portal.staff import campaign_views  # noqa: E402,F401  (marketing campaigns)
from portal.staff import retention_views  # noqa: E402,F401  (the retention schedule and run reports)
from portal.staff import records_views  # noqa: E402,F401  (processors, adequacy, the record of processing)
from portal.staff import tender_views  # noqa: E402,F401  (LOU: the tender-response CV as PDF)
from portal.staff import application_views  # noqa: E402,F401  (applications on the assignment page: shortlist, decline)
