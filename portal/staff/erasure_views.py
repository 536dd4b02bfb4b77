"""The privacy officer carries out erasures (R-RIGHTS-4, R-BUY-6, R-SUP-6, R-PAR-2): an erasure request
after Start, a representative from the erasure queue, and legal holds that block erasure (placed with a
review date, renewed after review, lifted)."""
from __future__ import annotations

from flask import abort, flash, url_for
from flask_babel import gettext as _, lazy_gettext as _l
from wtforms import DateField, EmailField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from portal.extensions import db
from portal.forms import EmptyForm, Form, apply_domain_error
from portal.htmx import hx_redirect, render
from portal.models import ErasureQueueItem, LegalHold, PrivacyRequest, User
from portal.models.legal_holds import default_review_on
from portal.request_actor import current_actor
from portal.security import allow, staff
from portal.services import DomainError, audit, mail
from portal.services.privacy import deadlines, erasure, erasure_plan, erasure_receipt, legal_holds, privacy_requests
from portal.staff.views import bp

PRIVACY_OFFICER = staff("privacy_officer")


class LegalHoldForm(Form):
    email = EmailField(_l("The person's e-mail address"), validators=[
        DataRequired(_l("Enter your e-mail address.")), Length(max=254)], render_kw={"autocomplete": "off"})
    reason = TextAreaField(_l("Why the data must be kept (staff only)"), validators=[
        DataRequired(_l("Write why the data must be kept.")), Length(max=legal_holds.MAX_REASON)])
    until = DateField(_l("Until (optional: empty means until lifted)"), validators=[Optional()])
    review_on = DateField(_l("Review by"), validators=[Optional()],
                          description=_l("You get a reminder two weeks before. Empty: in six months."))


class RenewHoldForm(Form):
    review_on = DateField(_l("Next review by"), validators=[InputRequired(_l("Choose the next review date."))])
    reason = TextAreaField(_l("Why the data must still be kept (staff only)"), validators=[
        DataRequired(_l("Write why the data must still be kept.")), Length(max=legal_holds.MAX_REASON)])


def _send_receipt(receipt: dict, address: str, locale: str | None) -> None:
    if address:
        mail.send_unstored(address, _l("Receipt: your data is erased"), "erasure_receipt", locale=locale,
                           receipt=erasure_receipt.receipt_lines(receipt))


@bp.route("/privacy-requests/<int:request_id>/erase", methods=["POST"])
@allow(PRIVACY_OFFICER)
def privacy_erase(request_id: int):
    """Carry out a started erasure request; the receipt is the answer, mailed without an outbox copy."""
    found = db.session.get(PrivacyRequest, request_id)
    if found is None:
        abort(404)
    if not EmptyForm().validate_on_submit():
        abort(400)
    try:
        receipt, address, locale = erasure.erase_for_request(current_actor(), found)
    except DomainError as error:
        db.session.rollback()
        flash(str(error.message), "error")
        return hx_redirect(url_for("staff.privacy_request", request_id=request_id))
    db.session.commit()
    _send_receipt(receipt, address, locale)
    flash(_("The data is erased and the receipt is sent."), "success")
    return hx_redirect(url_for("staff.privacy_request", request_id=request_id))


def _item(item_id: int) -> ErasureQueueItem:
    item = db.session.get(ErasureQueueItem, item_id)
    if item is None:
        abort(404)
    return item


@bp.route("/erasure-queue/<int:item_id>")
@allow(PRIVACY_OFFICER)
def erasure_item(item_id: int):
    item = _item(item_id)
    person = db.session.get(User, item.user_id) if item.user_id else None
    if person is not None:
        audit.record(current_actor(), "person.view", subject=person, obj=item)
        db.session.commit()
    return render("staff/erasure_item.html", item=item, person=person,
                  plan=erasure_plan.plan(person) if person is not None and item.state == "pending" else None)


@bp.route("/erasure-queue/<int:item_id>/erase", methods=["POST"])
@allow(PRIVACY_OFFICER)
def erasure_item_erase(item_id: int):
    item = _item(item_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    try:
        erasure.erase_queue_item(current_actor(), item)
    except DomainError as error:
        db.session.rollback()
        flash(str(error.message), "error")
    else:
        db.session.commit()
        flash(_("The person's data is erased; what is kept is listed on the page."), "success")
    return hx_redirect(url_for("staff.erasure_item", item_id=item_id))


def _holds_page(form: LegalHoldForm, status: int = 200):
    holds = legal_holds.listing()
    actor = current_actor()
    for hold in holds:  # the list names people: a view of their data (R-STAFF-1)
        audit.record(actor, "person.view", subject=hold.user_id, obj=hold)
    db.session.commit()
    today = deadlines.today()
    return render("staff/legal_holds.html", status=status, holds=holds, form=form,
                  people={h.user_id: db.session.get(User, h.user_id) for h in holds},
                  overdue={h.id for h in holds if h.review_overdue(today)})


@bp.route("/legal-holds")
@allow(PRIVACY_OFFICER)
def legal_holds_page():
    return _holds_page(LegalHoldForm(formdata=None, review_on=default_review_on(deadlines.today())))


@bp.route("/legal-holds", methods=["POST"])
@allow(PRIVACY_OFFICER)
def legal_hold_place():
    form = LegalHoldForm()
    if form.validate_on_submit():
        person = legal_holds.find_person(form.email.data)
        if person is None:
            form.email.errors = [_("No account has this e-mail address.")]
        else:
            try:
                legal_holds.place(current_actor(), person, form.reason.data, form.until.data,
                                  today=deadlines.today(), review_on=form.review_on.data)
            except DomainError as error:
                db.session.rollback()
                apply_domain_error(form, error)
            else:
                db.session.commit()
                flash(_("The legal hold is placed; erasure of this person is refused until it is lifted."), "success")
                return hx_redirect(url_for("staff.legal_holds_page"))
    db.session.rollback()
    return _holds_page(form, 422)


@bp.route("/legal-holds/<int:hold_id>/lift", methods=["POST"])
@allow(PRIVACY_OFFICER)
def legal_hold_lift(hold_id: int):
    hold = db.session.get(LegalHold, hold_id)
    if hold is None:
        abort(404)
    if not EmptyForm().validate_on_submit():
        abort(400)
    try:
        legal_holds.lift(current_actor(), hold)
    except DomainError as error:
        db.session.rollback()
        flash(str(error.message), "error")
    else:
        db.session.commit()
        flash(_("The legal hold is lifted."), "success")
    return hx_redirect(url_for("staff.legal_holds_page"))


def _active_hold(hold_id: int) -> LegalHold:
    hold = db.session.get(LegalHold, hold_id)
    if hold is None or hold.lifted_at is not None:
        abort(404)
    return hold


def _renew_page(hold: LegalHold, form: RenewHoldForm, status: int = 200):
    person = db.session.get(User, hold.user_id)
    audit.record(current_actor(), "person.view", subject=hold.user_id, obj=hold)
    db.session.commit()
    return render("staff/legal_hold_renew.html", status=status, hold=hold, person=person, form=form,
                  overdue=hold.review_overdue(deadlines.today()))


@bp.route("/legal-holds/<int:hold_id>/renew")
@allow(PRIVACY_OFFICER)
def legal_hold_renew_page(hold_id: int):
    return _renew_page(_active_hold(hold_id), RenewHoldForm(formdata=None))


@bp.route("/legal-holds/<int:hold_id>/renew", methods=["POST"])
@allow(PRIVACY_OFFICER)
def legal_hold_renew(hold_id: int):
    hold = _active_hold(hold_id)
    form = RenewHoldForm()
    if form.validate_on_submit():
        try:
            legal_holds.renew(current_actor(), hold, form.review_on.data, form.reason.data, today=deadlines.today())
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("The legal hold is renewed until its next review."), "success")
            return hx_redirect(url_for("staff.legal_holds_page"))
    db.session.rollback()
    return _renew_page(db.session.get(LegalHold, hold_id), form, 422)


def request_plan(found: PrivacyRequest):
    """The erasure plan shown on a started erasure request (None for other kinds or a visitor)."""
    if found.kind != "erasure" or found.user_id is None or found.state not in privacy_requests.OPEN_STATES:
        return None
    return erasure_plan.plan(db.session.get(User, found.user_id))
