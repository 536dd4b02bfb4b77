"""Suppliers' engagements (R-SUP-1): their own consultants' work on filled assignments, with their own
offer's rate, and the hours they approve when the engagement says the supplier does."""
from __future__ import annotations

from flask import abort

from portal.htmx import render
from portal.representation import current_organisation
from portal.services.engagements import access, shown
from portal.supplier.views import bp


@bp.route("/engagements")
def engagements():
    items = access.of_organisation(current_organisation("supplier"))
    return render("supplier/engagements.html", engagements=items, sides=shown.supplier_sides(items),
                  **shown.page_context())


@bp.route("/engagements/<int:engagement_id>")
def engagement(engagement_id: int):
    item = access.for_organisation(current_organisation("supplier"), engagement_id)
    if item is None:
        abort(404)
    return render("supplier/engagement.html", engagement=item, side=shown.supplier_side(item),
                  **shown.page_context())
