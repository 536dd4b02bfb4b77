"""Public pages: start page, privacy policy, health check."""
from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, jsonify

from portal.extensions import db
from portal.htmx import render
from portal.services import policy

bp = Blueprint("public", __name__)


@bp.route("/")
def index():
    return render("public/index.html")


@bp.route("/privacy-policy")
def privacy_policy():
    return render("public/privacy_policy.html", version=policy.current())


@bp.route("/healthz")
def healthz():
    try:
        db.session.execute(sa.text("SELECT 1"))
    except sa.exc.SQLAlchemyError:
        db.session.rollback()
        return jsonify(status="error", database="unreachable"), 503
    return jsonify(status="ok", database="ok")
