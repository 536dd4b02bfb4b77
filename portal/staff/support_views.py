"""Back office: the service-request queue with owners and ages (R-BUY-2)."""
from __future__ import annotations

from flask import abort, flash, request, url_for
from flask_babel import gettext as _

from portal.extensions import db
from portal.forms import EmptyForm, apply_domain_error
from portal.htmx import hx_redirect, render
from portal.models import ServiceRequest, utcnow
from portal.request_actor import current_actor
from portal.security import allow, staff
from portal.services import DomainError, audit
from portal.services.organisations import service_requests
from portal.staff.views import bp
from portal.support.forms import MessageForm
from portal.links import external_url

SUPPORT = staff("admin", "recruiter")


@bp.route("/requests")
@allow(SUPPORT)
def requests_queue():
    state = "closed" if request.args.get("state") == "closed" else "open"
    return render("staff/requests.html", requests=service_requests.queue(state), state=state, now=utcnow())


def _request(request_id: int) -> ServiceRequest:
    item = db.session.get(ServiceRequest, request_id)
    if item is None:
        abort(404)
    return item


def _page(item: ServiceRequest, form: MessageForm | None = None, status: int = 200):
    audit.record(current_actor(), "person.view", subject=item.user_id, obj=item)
    db.session.commit()
    return render("staff/request.html", item=item, form=form or MessageForm(formdata=None), action_form=EmptyForm(),
                  status=status, now=utcnow())


@bp.route("/requests/<int:request_id>")
@allow(SUPPORT)
def service_request(request_id: int):
    return _page(_request(request_id))


@bp.route("/requests/<int:request_id>/reply", methods=["POST"])
@allow(SUPPORT)
def request_reply(request_id: int):
    item = _request(request_id)
    form = MessageForm()
    if form.validate():
        try:
            service_requests.add_message(current_actor(), item, form.body.data, link_for=lambda request_id: external_url(
                "support.detail", request_id=request_id))
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("Your reply is sent."), "success")
            return hx_redirect(url_for("staff.service_request", request_id=item.id))
    return _page(item, form, 422)


@bp.route("/requests/<int:request_id>/take", methods=["POST"])
@allow(SUPPORT)
def request_take(request_id: int):
    item = _request(request_id)
    service_requests.take(current_actor(), item)
    db.session.commit()
    flash(_("You own this request now."), "success")
    return hx_redirect(url_for("staff.service_request", request_id=item.id))


@bp.route("/requests/<int:request_id>/close", methods=["POST"])
@allow(SUPPORT)
def request_close(request_id: int):
    item = _request(request_id)
    try:
        service_requests.close(current_actor(), item)
    except DomainError as error:
        db.session.rollback()
        flash(str(error.message), "error")
    else:
        db.session.commit()
        flash(_("The request is closed."), "success")
    return hx_redirect(url_for("staff.service_request", request_id=item.id))
