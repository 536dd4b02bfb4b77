"""The consultants' portal."""
from flask import Blueprint
from flask_login import current_user

from portal import attention
from portal.htmx import render
from portal.services import audit

bp = Blueprint("consultant", __name__)


@bp.route("/")
def index():
    return render("consultant/index.html", recent=audit.events_about(current_user.id, limit=5),
                  attention=attention.for_consultant(current_user))


from portal.consultant import rating_views  # noqa: E402,F401  (registers the ratings route on bp)
# The profile's routes live in their own modules, registered on this blueprint.
from portal.consultant import profile_entry_views, profile_file_views, profile_views  # noqa: E402,F401
from portal.consultant import profile_section_views  # noqa: E402,F401  (a section's form: GET /profile/<section>)
from portal.consultant import request_views  # noqa: E402,F401  (registers the requests routes on bp)
from portal.consultant import offer_views  # noqa: E402,F401  (registers the offers routes on bp)
from portal.consultant import engagement_views  # noqa: E402,F401  (My assignments: the consultant's engagements)
from portal.consultant import tender_views  # noqa: E402,F401  (LOU: consent to be named in a tender response)
from portal.consultant import time_views  # noqa: E402,F401  (registers the time-report routes on bp)
from portal.consultant import application_views  # noqa: E402,F401  (applications: apply, My applications, withdraw)
from portal.consultant import assignment_views, saved_search_views  # noqa: E402,F401  (find assignments, saved searches)
