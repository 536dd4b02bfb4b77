"""The partnership as the partner sees it: agreement, our contacts, shared documents (R-PAR-1)."""
from __future__ import annotations

from flask import abort, send_file

from portal.htmx import render
from portal.partner.views import bp
from portal.representation import current_organisation
from portal.services.organisations import partnerships


@bp.route("/partnership")
def partnership():
    organisation = current_organisation("partner")
    return render("partner/partnership.html", organisation=organisation,
                  contacts=partnerships.contacts(organisation), documents=partnerships.documents(organisation))


@bp.route("/documents/<int:document_id>")
def document(document_id: int):
    item = partnerships.document_for(current_organisation("partner"), document_id)
    path = partnerships.document_path(item) if item is not None else None
    if path is None or not path.is_file():
        abort(404)
    return send_file(path, mimetype=item.content_type, as_attachment=True, download_name=item.filename)
