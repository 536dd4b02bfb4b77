"""The right to erasure in the privacy centre (R-RIGHTS-4): a preview of what is deleted and what is
kept, why and until when; confirming with the password erases at once, signs the person out and shows
the receipt (also as a file, and mailed without an outbox copy)."""
from flask import Response, abort, request, session, url_for
from flask_babel import ngettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user, logout_user
from wtforms import BooleanField, PasswordField
from wtforms.validators import DataRequired

from portal.auth.views import AUTH_LIMIT
from portal.extensions import db, limiter
from portal.forms import Form, apply_domain_error
from portal.htmx import hx_redirect, render
from portal.privacy.views import bp, json_attachment
from portal.request_actor import current_actor
from portal.security import PUBLIC, allow
from portal.services import DomainError, mail
from portal.services.accounts import throttle
from portal.services.privacy import erasure, erasure_plan, privacy_requests
from portal.services.privacy.erasure_receipt import receipt_json, receipt_lines, receipt_text

RECEIPT_KEY = "erasure_receipt"


class ErasureForm(Form):
    password = PasswordField(_l("Your password"), validators=[DataRequired(_l("Enter your password."))],
                             render_kw={"autocomplete": "current-password"})
    confirm = BooleanField(_l("I understand that my account and data are erased now and cannot be restored."),
                           validators=[DataRequired(_l("Tick the box to confirm that you want your data erased."))])


def _preview(form: ErasureForm, status: int = 200):
    return render("privacy/erasure_preview.html", status=status, plan=erasure_plan.plan(current_user), form=form,
                  categories=erasure_plan.CATEGORIES, grounds=privacy_requests.REFUSAL_GROUNDS,
                  keep_grounds=erasure_plan.KEEP_GROUNDS)


@bp.route("/erasure")
def erasure_preview():
    return _preview(ErasureForm(formdata=None))


@bp.route("/erasure", methods=["POST"])
@limiter.limit(AUTH_LIMIT)  # the password is checked here: no guessing by a session left open
def erasure_confirm():
    form = ErasureForm()
    if not form.validate_on_submit():
        return _preview(form, 422)
    account, ip = str(current_user.id), request.remote_addr
    waiting = throttle.wait("erasure", account, ip)
    if waiting:
        form.form_errors.append(ngettext("Too many failed attempts. Wait %(num)d minute and try again.",
                                         "Too many failed attempts. Wait %(num)d minutes and try again.",
                                         max(1, -(-waiting // 60))))
        return _preview(form, 429)
    try:
        receipt, address, locale = erasure.erase_self(current_actor(), current_user._get_current_object(),
                                                      form.password.data, bool(form.confirm.data))
    except DomainError as error:
        db.session.rollback()
        if error.field == "password":  # a wrong password, not a missing tick, counts as a failure
            throttle.failed("erasure", account, ip)
        apply_domain_error(form, error)
        return _preview(form, 422)
    db.session.commit()
    logout_user()
    session.clear()
    session[RECEIPT_KEY] = receipt
    mail.send_unstored(address, _l("Receipt: your data is erased"), "erasure_receipt", locale=locale,
                       receipt=receipt_lines(receipt))
    return hx_redirect(url_for("privacy.erasure_done"))


def _receipt() -> dict:
    receipt = session.get(RECEIPT_KEY)
    if not receipt:
        abort(404)
    return receipt


@bp.route("/erasure/done")
@allow(PUBLIC)
def erasure_done():
    """The receipt, from this browser's session only (the person is signed out by now)."""
    return render("privacy/erasure_done.html", receipt=receipt_lines(_receipt()))


@bp.route("/erasure/receipt.json")
@allow(PUBLIC)
def erasure_receipt():
    receipt = _receipt()
    return json_attachment(receipt_json(receipt), f"erasure-receipt-{receipt['at'][:10]}.json")


@bp.route("/erasure/receipt.txt")
@allow(PUBLIC)
def erasure_receipt_text():
    receipt = _receipt()
    return Response(receipt_text(receipt, None), mimetype="text/plain",
                    headers={"Content-Disposition": f'attachment; filename="erasure-receipt-{receipt["at"][:10]}.txt"',
                             "Cache-Control": "no-store"})
