"""The privacy centre: what we hold about you, your requests, objections, and how to complain."""
from flask import Blueprint, Response, abort, current_app, flash, url_for
from flask_babel import format_date, gettext as _
from flask_login import current_user

from portal.extensions import db
from portal.forms import EmptyForm, apply_domain_error
from portal.htmx import hx_redirect, render
from portal.privacy import forms
from portal.request_actor import current_actor
from portal.services import DomainError, audit
from portal.services.accounts import memberships
from portal.services.privacy import access_extract, legitimate_interests, marketing, policy_notices, privacy_requests
from portal.services.privacy.legitimate_interests import BY_CODE, PURPOSES

bp = Blueprint("privacy", __name__)

# Rights the person carries out themselves elsewhere get a link beside (or instead of) the button.
REQUEST_BUTTONS = ("access", "portability", "rectification", "erasure", "restriction", "consent_withdrawal",
                   "human_review", "complaint")


def _index(status: int = 200, **context):
    events = audit.events_about(current_user.id)
    seen_by_others = [e for e in events if e.actor_id not in (None, current_user.id)]
    return render("privacy/index.html", status=status, membership=memberships.current(current_user),
                  events=events, seen_by_others=seen_by_others,
                  authority=current_app.config["SUPERVISORY_AUTHORITY"],
                  requests=privacy_requests.for_person(current_user), request_buttons=REQUEST_BUTTONS,
                  kinds=privacy_requests.KINDS, states=privacy_requests.STATES, purposes=PURPOSES,
                  marketing_objected=marketing.has_objected(current_user),
                  policy_notice=policy_notices.unseen(current_user), **consent_views.context(),
                  portability=portability_views.context(context.pop("transfer_form", None)), **context)


@bp.route("/")
def index():
    return _index()


@bp.route("/requests", methods=["POST"])
def open_request():
    form = forms.OpenRequestForm()
    if not form.validate_on_submit() or form.kind.data not in privacy_requests.KINDS or form.kind.data == "objection":
        db.session.rollback()
        flash(_("Choose which right you want to use."), "error")
        return _index(status=422)
    try:
        request = privacy_requests.open_for_user(current_actor(), current_user, form.kind.data, form.details.data)
    except DomainError as error:
        db.session.rollback()
        flash(str(error.message), "error")
        return _index(status=422)
    db.session.commit()
    flash(_("Your request is registered. We answer by %(date)s at the latest.",
            date=format_date(request.deadline)), "success")
    return hx_redirect(url_for("privacy.request_detail", request_id=request.id))


@bp.route("/object", methods=["POST"])
def object_to():
    form = forms.ObjectionForm()
    purpose = BY_CODE.get(form.purpose.data or "")
    if not form.validate_on_submit() or purpose is None:
        db.session.rollback()
        flash(_("Choose the purpose you object to."), "error")
        return _index(status=422)
    request = legitimate_interests.object_to(current_actor(), current_user, purpose.code, form.details.data)
    db.session.commit()
    if request is None:
        flash(_("Done: we send you no more marketing."), "success")
        return hx_redirect(url_for("privacy.index"))
    flash(_("Your objection is registered and acts now: %(effect)s", effect=purpose.effect), "success")
    return hx_redirect(url_for("privacy.request_detail", request_id=request.id))


def _own(request_id: int):
    request = privacy_requests.get_for_person(current_user, request_id)
    if request is None:
        abort(404)
    return request


@bp.route("/requests/<int:request_id>")
def request_detail(request_id: int):
    return render("privacy/request.html", request=_own(request_id), form=forms.MessageForm(formdata=None),
                  kinds=privacy_requests.KINDS, states=privacy_requests.STATES,
                  grounds=privacy_requests.REFUSAL_GROUNDS, purposes=BY_CODE)


def json_attachment(text: str, name: str) -> Response:
    return Response(text, mimetype="application/json",
                    headers={"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"})


@bp.route("/my-data.json", methods=["POST"])
def download_my_data():
    """R-RIGHTS-2 self-service: everything we hold about you, as JSON, at once (audited)."""
    if not EmptyForm().validate_on_submit():
        abort(400)
    extract = access_extract.self_service(current_actor(), current_user)
    db.session.commit()
    return json_attachment(access_extract.dumps(extract), access_extract.filename(current_user))


@bp.route("/requests/<int:request_id>/extract.json")
def request_extract(request_id: int):
    """The extract prepared for the person's access request: the owner only (404 for anyone else)."""
    request = _own(request_id)
    if not request.extract_json:
        abort(404)
    audit.record(current_actor(), "privacy_request.extract_download", subject=current_user, obj=request)
    db.session.commit()
    return json_attachment(request.extract_json, access_extract.filename(current_user, request.received_at))


@bp.route("/requests/<int:request_id>/messages", methods=["POST"])
def reply(request_id: int):
    request = _own(request_id)
    form = forms.MessageForm()
    if form.validate_on_submit():
        try:
            privacy_requests.reply_from_person(current_actor(), request, form.body.data)
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("Your message is sent."), "success")
            return hx_redirect(url_for("privacy.request_detail", request_id=request.id))
    return render("privacy/request.html", status=422, request=request, form=form, kinds=privacy_requests.KINDS,
                  states=privacy_requests.STATES, grounds=privacy_requests.REFUSAL_GROUNDS, purposes=BY_CODE)


@bp.route("/policy-notice/seen", methods=["POST"])
def policy_seen():
    if EmptyForm().validate_on_submit():
        policy_notices.mark_seen(current_actor(), current_user)
        db.session.commit()
    return hx_redirect(url_for("privacy.index"))


from portal.privacy import (  # noqa: E402,F401  (register their routes on bp)
    consent_views, erasure_views, portability_views, restriction_views, visitor,
)
