"""Buyers' engagements (R-BUY-1): who works on their filled assignments, for how long, at what rate, and who
approves the hours. The consultant is named only as far as they released their name to this buyer."""
from __future__ import annotations

from flask import abort

from portal.buyer.views import bp
from portal.htmx import render
from portal.representation import current_organisation
from portal.services.engagements import access, shown


@bp.route("/engagements")
def engagements():
    items = access.of_organisation(current_organisation("buyer"))
    return render("buyer/engagements.html", engagements=items, labels=shown.buyer_labels(items),
                  **shown.page_context())


@bp.route("/engagements/<int:engagement_id>")
def engagement(engagement_id: int):
    item = access.for_organisation(current_organisation("buyer"), engagement_id)
    if item is None:
        abort(404)
    return render("buyer/engagement.html", engagement=item, label=shown.buyer_label(item), **shown.page_context())
