"""Consultants' "My assignments" (R-CON-3): the engagements that followed their selections, each with its
period, terms, approvers and recorded changes, and its weeks to report (the time-report part)."""
from __future__ import annotations

from flask import abort
from flask_login import current_user

from portal.consultant.views import bp
from portal.htmx import render
from portal.services.engagements import access, shown


@bp.route("/engagements")
def engagements():
    return render("consultant/engagements.html", engagements=access.of_consultant(current_user),
                  **shown.page_context())


@bp.route("/engagements/<int:engagement_id>")
def engagement(engagement_id: int):
    item = access.for_consultant(current_user, engagement_id)
    if item is None:
        abort(404)
    return render("consultant/engagement.html", engagement=item, **shown.page_context())
