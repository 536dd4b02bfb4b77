"""The privacy centre's cookie-consent section: the account's choices and one-click withdrawal."""
from flask import abort, current_app, flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.consent import state as consent_state
from portal.extensions import db
from portal.forms import EmptyForm
from portal.htmx import hx_redirect
from portal.models.consent import OPTIONAL_CATEGORIES
from portal.privacy.views import bp
from portal.request_actor import current_actor
from portal.services import DomainError
from portal.services.consent import ledger, banner_text


def context() -> dict:
    """What templates/privacy/index.html needs for the consent section."""
    content = consent_state.content()
    grants = ledger.current_grants(current_user, banner_text.material_digest(content),
                                    current_app.config["CONSENT_MAX_AGE_DAYS"], consent_state.cookie_consent_id())
    return {"consent_history": ledger.history_for(current_user), "consent_grants": grants,
            "consent_offered": [c for c in content["offered"] if c in OPTIONAL_CATEGORIES],
            "withdraw_form": EmptyForm()}


@bp.route("/consent/withdraw", methods=["POST"])
def withdraw_consent():
    """One click withdraws a category on every browser this account chose from (R-RIGHTS-1)."""
    if not EmptyForm().validate_on_submit():
        abort(400)
    category = request.form.get("category", "")
    this_browser = consent_state.cookie_consent_id()
    try:
        ledger.link_to_user(this_browser, current_user)  # this browser is theirs: withdraw here too
        ledger.withdraw_for_user(current_actor(), current_user, category, language=consent_state.language(),
                                  content=consent_state.content(),
                                  max_age_days=current_app.config["CONSENT_MAX_AGE_DAYS"])
    except DomainError:
        db.session.rollback()
        abort(400)
    db.session.commit()
    consent_state.expire([category])  # this browser's own cookies for the category go in this response
    flash(_("Your consent is withdrawn. Nothing more is collected for it from now on."), "success")
    return hx_redirect(url_for("privacy.index"))
