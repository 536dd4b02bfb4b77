"""The privacy centre: what we hold about you, who has seen it, and how to complain."""
from flask import Blueprint, current_app
from flask_login import current_user

from portal.htmx import render
from portal.services import audit, memberships

bp = Blueprint("privacy", __name__)


@bp.route("/")
def index():
    events = audit.events_about(current_user.id)
    seen_by_others = [e for e in events if e.actor_id not in (None, current_user.id)]
    return render("privacy/index.html", membership=memberships.current(current_user), events=events,
                  seen_by_others=seen_by_others, authority=current_app.config["SUPERVISORY_AUTHORITY"])
