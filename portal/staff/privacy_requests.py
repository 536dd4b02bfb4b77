"""The privacy officer's queue of requests and the actions on one request (issue 6)."""
from __future__ import annotations

from flask import abort, flash, request as http_request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.extensions import db
from portal.forms import EmptyForm, apply_domain_error
from portal.htmx import hx_redirect, render
from portal.models import PrivacyRequest
from portal.privacy import forms
from portal.request_actor import current_actor
from portal.security import allow, staff
from portal.services import DomainError, audit
from portal.services.privacy import deadlines, privacy_requests
from portal.services.privacy.legitimate_interests import BY_CODE
from portal.staff.views import bp

PRIVACY_OFFICER = staff("privacy_officer")


def _labels() -> dict:
    return {"kinds": privacy_requests.KINDS, "states": privacy_requests.STATES,
            "grounds": privacy_requests.REFUSAL_GROUNDS, "purposes": BY_CODE}


@bp.route("/privacy-requests")
@allow(PRIVACY_OFFICER)
def privacy_queue():
    state, kind = http_request.args.get("state") or None, http_request.args.get("kind") or None
    requests = privacy_requests.queue(state, kind)
    actor = current_actor()
    for r in requests:  # the queue shows who asked: a view of their data (R-STAFF-1)
        if r.user_id:
            audit.record(actor, "person.view", subject=r.user_id, obj=r)
    db.session.commit()
    today = deadlines.today()  # a Stockholm day, like the deadlines
    return render("staff/privacy_queue.html", requests=requests, state=state, kind=kind, today=today,
                  urgency={r.id: privacy_requests.urgency(r, today) for r in requests}, **_labels())


def _request(request_id: int) -> PrivacyRequest:
    found = db.session.get(PrivacyRequest, request_id)
    if found is None:
        abort(404)
    return found


def _page(found: PrivacyRequest, status: int = 200, **forms_in_error):
    # A view of the person's data (R-STAFF-1); a visitor has no account, so the request is the subject.
    audit.record(current_actor(), "person.view" if found.user_id else "privacy_request.view",
                 subject=found.user_id, obj=found)
    db.session.commit()
    context = {
        "answer_form": forms.AnswerForm(formdata=None, prefix="answer", data={"text": found.prepared_answer or ""}),
        "message_form": forms.StaffMessageForm(formdata=None, prefix="message"),
        "refuse_form": forms.RefuseForm(formdata=None, prefix="refuse"),
        "extend_form": forms.ExtendForm(formdata=None, prefix="extend"),
    }
    context.update(forms_in_error)
    from portal.staff.erasure_views import request_plan

    context["erasure_plan"] = request_plan(found)
    return render("staff/privacy_request.html", status=status, request=found, today=deadlines.today(),
                  urgency=privacy_requests.urgency(found), transitions=privacy_requests.TRANSITIONS[found.state],
                  **context, **_labels())


@bp.route("/privacy-requests/<int:request_id>")
@allow(PRIVACY_OFFICER)
def privacy_request(request_id: int):
    return _page(_request(request_id))


def _done(found: PrivacyRequest, message: str):
    db.session.commit()
    flash(message, "success")
    return hx_redirect(url_for("staff.privacy_request", request_id=found.id))


def _act(request_id: int, form_name: str, form, action, done_message: str):
    """Validate `form`, run `action(actor, request, form)`; on refusal re-render with 422."""
    found = _request(request_id)
    if form.validate_on_submit():
        try:
            action(current_actor(), found, form)
        except DomainError as error:
            db.session.rollback()
            found = _request(request_id)
            apply_domain_error(form, error)
            if isinstance(form, EmptyForm):  # a one-button action has no field to show it beside
                flash(str(error.message), "error")
        else:
            return _done(found, done_message)
    return _page(found, 422, **{form_name: form})


@bp.route("/privacy-requests/<int:request_id>/start", methods=["POST"])
@allow(PRIVACY_OFFICER)
def privacy_start(request_id: int):
    return _act(request_id, "start_form", EmptyForm(), lambda a, r, f: privacy_requests.start(a, r),
                _("The request is in progress."))


@bp.route("/privacy-requests/<int:request_id>/assign", methods=["POST"])
@allow(PRIVACY_OFFICER)
def privacy_assign(request_id: int):
    return _act(request_id, "assign_form", EmptyForm(),
                lambda a, r, f: privacy_requests.assign(a, r, current_user._get_current_object()),
                _("The request is yours."))


@bp.route("/privacy-requests/<int:request_id>/answer", methods=["POST"])
@allow(PRIVACY_OFFICER)
def privacy_answer(request_id: int):
    return _act(request_id, "answer_form", forms.AnswerForm(prefix="answer"),
                lambda a, r, f: privacy_requests.answer(a, r, f.text.data), _("The answer is sent."))


@bp.route("/privacy-requests/<int:request_id>/message", methods=["POST"])
@allow(PRIVACY_OFFICER)
def privacy_message(request_id: int):
    return _act(request_id, "message_form", forms.StaffMessageForm(prefix="message"),
                lambda a, r, f: privacy_requests.write_to_person(a, r, f.text.data), _("The message is sent."))


@bp.route("/privacy-requests/<int:request_id>/refuse", methods=["POST"])
@allow(PRIVACY_OFFICER)
def privacy_refuse(request_id: int):
    return _act(request_id, "refuse_form", forms.RefuseForm(prefix="refuse"),
                lambda a, r, f: privacy_requests.refuse(a, r, f.ground.data, f.text.data),
                _("The refusal is sent."))


@bp.route("/privacy-requests/<int:request_id>/extend", methods=["POST"])
@allow(PRIVACY_OFFICER)
def privacy_extend(request_id: int):
    return _act(request_id, "extend_form", forms.ExtendForm(prefix="extend"),
                lambda a, r, f: privacy_requests.extend(a, r, f.reason.data),
                _("The deadline is extended and the person is told."))


@bp.route("/privacy-requests/<int:request_id>/extract.json")
@allow(PRIVACY_OFFICER)
def privacy_extract(request_id: int):
    """The access extract as prepared for the person (R-RIGHTS-2); a view of their data, audited."""
    from portal.privacy.views import json_attachment
    from portal.services.privacy import access_extract

    found = _request(request_id)
    if not found.extract_json:
        abort(404)
    audit.record(current_actor(), "person.view", subject=found.user_id, obj=found, detail={"extract": True})
    db.session.commit()
    return json_attachment(found.extract_json, f"access-request-{found.id}.json")
