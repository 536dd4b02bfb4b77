"""Consultants see the ratings that concern them (issue 4: "the consultant can see the rating")."""
from flask_login import current_user

from portal.consultant.views import bp
from portal.htmx import render
from portal.services.assignments import ratings


@bp.route("/ratings")
def ratings_page():
    return render("consultant/ratings.html", ratings=ratings.concerning(current_user))
