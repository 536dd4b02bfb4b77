"""The consultant terms: readable by anyone; a consultant who accepted an earlier version accepts the
new one before going on. The policy needs no acceptance: it is information (R-POLICY-1, R-POLICY-2)."""
from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.auth.views import bp
from portal.extensions import db
from portal.forms import EmptyForm
from portal.htmx import hx_redirect, render
from portal.request_actor import current_actor
from portal.security import SIGNED_IN, allow, home_for, safe_next
from portal.services.privacy import acceptances

# While new terms wait for acceptance, a consultant can still read, sign out, choose cookies and use
# every privacy right: only the brokerage itself waits.
OPEN_WHILE_PENDING = ("auth", "public", "consent", "privacy")


@bp.before_app_request
def ask_for_new_terms():
    endpoint = request.endpoint or ""
    if (endpoint == "static" or endpoint.partition(".")[0] in OPEN_WHILE_PENDING
            or not current_user.is_authenticated or current_user.role != "consultant"):
        return None
    if acceptances.terms_to_accept(current_user) is None:
        return None
    return hx_redirect(url_for("auth.consultant_terms", next=request.full_path.rstrip("?")))


@bp.route("/terms/consultants")
def consultant_terms():
    pending = current_user.is_authenticated and acceptances.terms_to_accept(current_user) is not None
    return render("auth/consultant_terms.html", terms=acceptances.current("consultant_terms"), pending=pending,
                  form=EmptyForm(), next_url=request.args.get("next", ""))


@bp.route("/terms/consultants/accept", methods=["POST"])
@allow(SIGNED_IN)
def accept_consultant_terms():
    if current_user.role != "consultant":
        abort(404)
    if not EmptyForm().validate_on_submit():
        return redirect(url_for("auth.consultant_terms"))
    row = acceptances.record(current_actor(), current_user, "consultant_terms", "accepted")
    db.session.commit()
    flash(_("You accepted version %(number)d of the terms for consultants.", number=row.version), "success")
    return hx_redirect(safe_next(request.form.get("next"), home_for(current_user)))
