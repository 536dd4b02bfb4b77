"""What staff pages may ask of a person's rights: is their processing restricted, is an item disputed
(R-RIGHTS-3/5). Registered by create_app, so the core templating module needs no rule of its own."""
from __future__ import annotations

from flask import Flask

from portal.services.privacy import disputes, legitimate_interests, restrictions


def register(app: Flask) -> None:
    app.add_template_global(restrictions.active, "restrictions_of")
    app.add_template_global(disputes.is_disputed, "is_disputed")
    app.add_template_global(disputes.of_request, "dispute_of_request")
    app.add_template_global(disputes.target, "dispute_target")
    app.add_template_global(disputes.KINDS, "DISPUTE_KINDS")
    app.add_template_global(disputes.STATES, "DISPUTE_STATES")
    app.add_template_global(restrictions.CATEGORIES, "RESTRICTION_CATEGORIES")
    app.add_template_global(restrictions.SOURCES, "RESTRICTION_SOURCES")
    app.add_template_global(legitimate_interests.may_contact_about_assignments, "may_contact_about_assignments")
    app.add_template_global(legitimate_interests.objected_purposes, "objected_purposes")
