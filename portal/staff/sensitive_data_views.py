"""How often the sensitive-data guard fired (R-CON-8): counts per kind and field, never the text."""
from __future__ import annotations

from portal.htmx import render
from portal.security import allow, staff
from portal.services.profiles import sensitive_data
from portal.staff.views import bp


@bp.route("/sensitive-data")
@allow(staff("admin", "privacy_officer"))
def sensitive_data_statistics():
    return render("staff/sensitive_data.html", by_kind=sensitive_data.refusal_counts(),
                  by_field=sensitive_data.refusal_counts_by_field(), labels=sensitive_data.LABELS)
