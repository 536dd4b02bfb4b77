"""The cookie banner's answer and the cookie settings page (R-WEB-1..4, R-RIGHTS-1)."""
from __future__ import annotations

from flask import Blueprint, flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.consent import state
from portal.extensions import db
from portal.htmx import hx_redirect, is_htmx, render
from portal.models import ConsentMethod
from portal.models.consent import OPTIONAL_CATEGORIES
from portal.security import safe_next
from portal.services import DomainError
from portal.services.consent import ledger

bp = Blueprint("consent", __name__)


@bp.route("/cookies")
def settings():
    current = state.current()
    page = state.content()
    return render("consent/settings.html", page=page.get(state.language()) or page["en"], offered=page["offered"],
                  current=current, digest=state.version_digest(),
                  next=safe_next(request.args.get("next"), url_for("consent.settings")))


@bp.route("/cookies", methods=["POST"])
def decide():
    choice = request.form.get("choice", "")
    back = safe_next(request.form.get("next"), url_for("public.index"))
    via = ConsentMethod.SETTINGS.value if request.form.get("origin") == "settings" else ConsentMethod.BANNER.value
    if choice == "choose":
        return hx_redirect(url_for("consent.settings", next=back))
    if request.form.get("version") != state.version_digest():
        flash(_("The cookie information changed while the page was open. Read it again and choose."), "info")
        return hx_redirect(url_for("consent.settings", next=back))
    current = state.current()
    consent_id = current.consent_id or ledger.new_consent_id()
    user = current_user._get_current_object() if current_user.is_authenticated else None
    try:
        record = ledger.choose(consent_id, choice, set(request.form.getlist("category")), via=via,
                                language=state.language(), content=state.content(),
                                previous=ledger.latest(current.consent_id), user=user)
    except DomainError as error:
        db.session.rollback()
        return render("errors/error.html", status=400, title=_("Bad request"), message=error.message)
    db.session.commit()
    state.remember(consent_id, [c for c in OPTIONAL_CATEGORIES if not record.granted(c)])
    if is_htmx() and via == ConsentMethod.BANNER.value:
        # The banner swaps itself away; the status is announced to screen readers.
        return render("consent/_saved.html", record=record)
    flash(_("Your cookie choice is saved. You can change it at any time under “Cookie settings”."), "success")
    return hx_redirect(back)

