"""Staff's read-only view of consultant profiles (R-STAFF-1): recruiters, and finance for payment."""
from __future__ import annotations

from flask import abort, request

from portal.forms import search_too_long

from portal.consultant.profile_file_views import send_attachment
from portal.extensions import db
from portal.htmx import render, render_then_commit
from portal.models import User
from portal.request_actor import current_actor
from portal.security import allow, staff
from portal.services.privacy import restrictions
from portal.services.profiles import attachments, completeness, directory, sections
from portal.staff.views import bp

PROFILES = staff("recruiter", "finance")


@bp.route("/consultants")
@allow(PROFILES)
def consultants():
    text = request.args.get("q", "")
    error = search_too_long(text)
    people = [] if error else directory.search(text)
    return render("staff/consultants.html", status=422 if error else 200, people=people,
                  q="" if error else text, error=error,
                  restricted=restrictions.restricted_ids(p.id for p in people))


@bp.route("/consultants/<int:user_id>")
@allow(PROFILES)
def consultant(user_id: int):
    actor = current_actor()
    profile = directory.view(actor, user_id)
    if profile is None:
        abort(404)
    return render_then_commit("staff/consultant.html", profile=profile, person=profile.user,
                  numbers=sections.visible_numbers(actor.user, profile),
                  meter=completeness.measure(profile, profile.user),
                  may_download=actor.user.has_staff_role("recruiter"))


@bp.route("/consultants/<int:user_id>/attachments/<int:attachment_id>")
@allow(staff("recruiter"))
def consultant_attachment(user_id: int, attachment_id: int):
    user = db.session.get(User, user_id)
    if user is None or user.role != "consultant":
        abort(404)
    attachment = attachments.for_owner(sections.profile_for(user), attachment_id)
    if attachment is None:
        abort(404)
    data = attachments.read(current_actor(), attachment)
    db.session.commit()
    return send_attachment(attachment, data)
