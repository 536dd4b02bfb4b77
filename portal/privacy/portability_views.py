"""Portability (R-RIGHTS-6): the ZIP download, direct transfer to another controller and its
single-use link, the readable register extract (R-RIGHTS-2) and the public schema files."""
from flask import Response, abort, flash, url_for
from flask_babel import gettext as _, lazy_gettext as _l
from flask_login import current_user
from wtforms import StringField
from wtforms.validators import DataRequired

from portal.extensions import db, limiter
from portal.forms import EmptyForm, Form, apply_domain_error
from portal.htmx import hx_redirect, render, render_then_commit
from portal.privacy.views import _index, bp
from portal.request_actor import current_actor
from portal.security import PUBLIC, allow
from portal.services import DomainError, audit
from portal.services.privacy import access_extract, data_transfer, portability
from portal.links import external_url

SCHEMAS = ("portability", "access_extract")
DOWNLOAD_LIMIT = "10 per minute"


class TransferForm(Form):
    destination = StringField(
        _l("The receiver's https:// address or e-mail address"),
        validators=[DataRequired(_l("Enter the receiver's https:// address or e-mail address."))],
        description=_l("We send a link that works once, for 7 days. An address gets it as JSON: "
                       "download_url, expires_at, schema_url and controller."),
        render_kw={"autocomplete": "off", "spellcheck": "false"})


def context(form: TransferForm | None = None) -> dict:
    """What the privacy centre's portability section shows."""
    return {"form": form or TransferForm(formdata=None), "transfers": data_transfer.for_person(current_user),
            "states": data_transfer.STATES, "kinds": data_transfer.KINDS}


def zip_attachment(data: bytes, name: str) -> Response:
    return Response(data, mimetype="application/zip",
                    headers={"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"})


@bp.route("/my-data.zip", methods=["POST"])
def download_zip():
    """The data you gave us as JSON and CSV with the schema, in a ZIP (audited)."""
    if not EmptyForm().validate_on_submit():
        abort(400)
    data = data_transfer.self_service(current_actor(), current_user)
    db.session.commit()
    return zip_attachment(data, portability.filename(current_user))


@bp.route("/transfers", methods=["POST"])
@limiter.limit(DOWNLOAD_LIMIT)
def start_transfer():
    form = TransferForm()
    if not form.validate_on_submit():
        return _index(status=422, transfer_form=form)
    actor = current_actor()
    try:
        transfer, download_url = data_transfer.start(
            actor, current_user, form.destination.data,
            page_link=lambda token: external_url("privacy.transfer_link", token=token),
            file_link=lambda token: external_url("privacy.transfer_file", token=token))
    except DomainError as error:
        db.session.rollback()
        apply_domain_error(form, error)
        return _index(status=422, transfer_form=form)
    db.session.commit()  # the record and its audit stand even if the receiver does not answer
    if download_url is not None:
        data_transfer.deliver(actor, transfer, download_url)
        db.session.commit()
    if transfer.state == "sent":
        flash(_("The link to your data is sent. It works once, until %(when)s UTC.",
                when=transfer.expires_at.strftime("%Y-%m-%d %H:%M")), "success")
    else:
        flash(_("The receiver did not accept the link (%(error)s). Check the address or try again later.",
                error=transfer.error), "error")
    return hx_redirect(url_for("privacy.transfer_detail", transfer_id=transfer.id))


@bp.route("/transfers/<int:transfer_id>")
def transfer_detail(transfer_id: int):
    transfer = data_transfer.get_for_person(current_user, transfer_id)
    if transfer is None:
        abort(404)
    return render("privacy/portability_transfer.html", transfer=transfer, states=data_transfer.STATES,
                  kinds=data_transfer.KINDS)


def _link_error(error: DomainError):
    db.session.rollback()
    return render("privacy/portability_link_error.html", message=error.message, status=400)


@bp.route("/transfer/<token>", methods=["GET", "POST"])
@allow(PUBLIC)
@limiter.limit(DOWNLOAD_LIMIT)
def transfer_link(token: str):
    """The mailed link: GET shows a button (mail scanners cannot spend it), POST downloads once."""
    try:
        transfer = data_transfer.check_link(token)
    except DomainError as error:
        return _link_error(error)
    if not EmptyForm().validate_on_submit():
        return render("privacy/portability_link.html", token=token, transfer=transfer)
    return _download(token)


@bp.route("/transfer/<token>/data.zip")
@allow(PUBLIC)
@limiter.limit(DOWNLOAD_LIMIT)
def transfer_file(token: str):
    """The link POSTed to a receiver's endpoint: the ZIP itself, once."""
    return _download(token)


def _download(token: str):
    try:
        transfer, data = data_transfer.download(current_actor(), token)
    except DomainError as error:
        return _link_error(error)
    db.session.commit()
    return zip_attachment(data, f"personal-data-{transfer.id}.zip")


@bp.route("/extract")
def extract():
    """The register extract as a readable page: one section per category (R-RIGHTS-2)."""
    document = access_extract.build(current_user)
    audit.record(current_actor(), "personal_data.view_extract", subject=current_user, obj=current_user)
    return render_then_commit("privacy/extract.html", extract=document)


@bp.route("/schemas/<name>.json")
@allow(PUBLIC)
def schema(name: str):
    """The published JSON Schemas, so a receiver can read the files we give."""
    if name not in SCHEMAS:
        abort(404)
    return Response(portability.schema_text(name), mimetype="application/schema+json",
                    headers={"Cache-Control": "public, max-age=3600", "Access-Control-Allow-Origin": "*"})
