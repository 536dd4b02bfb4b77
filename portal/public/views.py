"""Public pages: start page, privacy policy, health check."""
from __future__ import annotations

import sqlalchemy as sa
from datetime import date
from functools import cache
from pathlib import Path

from flask import Blueprint, Response, abort, jsonify

from portal.extensions import db
from portal.htmx import render
from portal.services.assignments import lifecycle
from portal.services.privacy import policy

bp = Blueprint("public", __name__)
FAVICON = Path(__file__).resolve().parents[2] / "static" / "favicon.svg"


@bp.route("/")
def index():
    return render("public/index.html")


@bp.route("/privacy-policy")
def privacy_policy():
    return render("public/privacy_policy.html", version=policy.current(), is_current=True)


@bp.route("/privacy-policy/versions")
def privacy_policy_versions():
    return render("public/privacy_policy_versions.html", versions=policy.versions(), current=policy.current())


@bp.route("/privacy-policy/<published>")
def privacy_policy_version(published: str):
    try:
        version = policy.version_of(date.fromisoformat(published))
    except ValueError:
        version = None
    if version is None:
        abort(404)
    return render("public/privacy_policy.html", version=version, is_current=version == policy.current())


@bp.route("/assignments")
def assignments_list():
    """Published assignments; the client is named only when the client chose so."""
    return render("public/assignments.html", assignments=lifecycle.published())


@bp.route("/assignments/<int:assignment_id>")
def assignment(assignment_id: int):
    item = lifecycle.published(assignment_id)
    if item is None:
        abort(404)
    return render("public/assignment.html", assignment=item)


@bp.route("/healthz")
def healthz():
    try:
        db.session.execute(sa.text("SELECT 1"))
    except sa.exc.SQLAlchemyError:
        db.session.rollback()
        return jsonify(status="error", database="unreachable"), 503
    return jsonify(status="ok", database="ok")


@cache
def _favicon() -> bytes:
    return FAVICON.read_bytes()


@bp.route("/favicon.svg")
@bp.route("/favicon.ico")
def favicon():
    """The site icon, served from memory: browsers fetch it after the page and often cancel the fetch, which
    would leave a static file's handle open in the server."""
    return Response(_favicon(), mimetype="image/svg+xml", headers={"Cache-Control": "public, max-age=86400"})
