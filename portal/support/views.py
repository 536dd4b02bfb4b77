"""Service requests for everyone with an account: open one, talk with staff, close it (R-BUY-2, R-CON-5)."""
from __future__ import annotations

from flask import Blueprint, abort, flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.extensions import db
from portal.forms import EmptyForm, apply_domain_error
from portal.htmx import hx_redirect, render
from portal.models import ServiceRequest
from portal.request_actor import current_actor
from portal.services import DomainError
from portal.services.organisations import service_requests
from portal.support.forms import MessageForm, NewRequestForm

bp = Blueprint("support", __name__)


def _index(form: NewRequestForm | None = None, status: int = 200):
    return render("support/index.html", requests=service_requests.of_user(current_user),
                  form=form or NewRequestForm(formdata=None), status=status)


@bp.route("/", methods=["GET", "POST"])
def index():
    if request.method == "GET":
        return _index()
    form = NewRequestForm()
    if form.validate():
        try:
            item = service_requests.open_request(current_actor(), current_user, subject=form.subject.data,
                                                 body=form.body.data)
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("Your request is sent. We answer here and tell you by e-mail."), "success")
            return hx_redirect(url_for("support.detail", request_id=item.id))
    return _index(form, 422)


def _own(request_id: int) -> ServiceRequest:
    item = service_requests.for_user(current_user, request_id)
    if item is None:
        abort(404)
    return item


def _detail(item: ServiceRequest, form: MessageForm | None = None, status: int = 200):
    return render("support/detail.html", item=item, form=form or MessageForm(formdata=None),
                  close_form=EmptyForm(), status=status)


@bp.route("/<int:request_id>")
def detail(request_id: int):
    return _detail(_own(request_id))


@bp.route("/<int:request_id>/messages", methods=["POST"])
def message(request_id: int):
    item = _own(request_id)
    form = MessageForm()
    if form.validate():
        try:
            service_requests.add_message(current_actor(), item, form.body.data)
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
        else:
            db.session.commit()
            return hx_redirect(url_for("support.detail", request_id=item.id))
    return _detail(item, form, 422)


@bp.route("/<int:request_id>/close", methods=["POST"])
def close(request_id: int):
    item = _own(request_id)
    try:
        service_requests.close(current_actor(), item)
    except DomainError as error:
        db.session.rollback()
        flash(str(error.message), "error")
        return _detail(item, status=409)
    db.session.commit()
    flash(_("The request is closed. Thank you."), "success")
    return hx_redirect(url_for("support.detail", request_id=item.id))
