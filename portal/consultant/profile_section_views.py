"""One section of the consultant's profile opened for change (R-CON-6, R-RIGHTS-3): its form alone, in
place of the section's summary for htmx, or as a page of its own without JavaScript. Saves go to the
sections' own POST routes (profile_views, profile_entry_views, profile_file_views)."""
from __future__ import annotations

from flask import abort

from portal.consultant.profile_page import SECTIONS, current_profile, section_page
from portal.consultant.views import bp
from portal.extensions import db


@bp.route("/profile/<section>")
def profile_section(section: str):
    if section not in SECTIONS:
        abort(404)
    result = section_page(current_profile(), section)
    db.session.commit()
    return result
