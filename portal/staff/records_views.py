"""The privacy officer's records (GDPR Art. 28, 30, 44–46; R-SEC-1): the record of processing activities
with its CSV and PDF exports, the register of processors with their DPAs, and the adequacy list."""
from __future__ import annotations

import io
from datetime import date

from flask import Response, abort, flash, request, send_file, url_for
from flask_babel import get_locale, gettext as _

from portal.extensions import db
from portal.forms import apply_domain_error
from portal.htmx import hx_redirect, render
from portal.models import Processor
from portal.request_actor import current_actor
from portal.security import allow, staff
from portal.services import DomainError, audit
from portal.services.records import processors, ropa, ropa_export, transfers
from portal.staff.records_forms import ProcessorForm, processor_form
from portal.staff.views import bp

PRIVACY_OFFICER = staff("privacy_officer")


@bp.route("/records")
@allow(PRIVACY_OFFICER)
def records_page():
    return render("staff/records/ropa.html", record=ropa.build(date.today()))


def _export_name(extension: str) -> str:
    return f"record-of-processing-{date.today().isoformat()}-{get_locale()}.{extension}"


# POSTs: each export is an audited disclosure of the whole record, and no page walk should start a download.
@bp.route("/records.csv", methods=["POST"])
@allow(PRIVACY_OFFICER)
def records_csv():
    text = ropa_export.to_csv(ropa.build(date.today()))
    audit.record(current_actor(), "records.export", detail={"format": "csv"})
    db.session.commit()
    return Response(text, mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="{_export_name("csv")}"', "Cache-Control": "no-store"})


@bp.route("/records.pdf", methods=["POST"])
@allow(PRIVACY_OFFICER)
def records_pdf():
    data = ropa_export.to_pdf(ropa.build(date.today()))
    audit.record(current_actor(), "records.export", detail={"format": "pdf"})
    db.session.commit()
    response = send_file(io.BytesIO(data), mimetype="application/pdf", as_attachment=True,
                         download_name=_export_name("pdf"), max_age=0)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/processors")
@allow(PRIVACY_OFFICER)
def processors_list():
    today = date.today()
    found = processors.processors()
    return render("staff/records/processors.html", processors=found,
                  locations={p.id: processors.location(p, today) for p in found})


@bp.route("/adequacy")
@allow(PRIVACY_OFFICER)
def adequacy_list():
    return render("staff/records/adequacy.html", decisions=transfers.decisions(), scopes=transfers.SCOPES,
                  eea=sorted(transfers.country_name(code) for code in transfers.EEA), today=date.today(),
                  in_force=transfers.in_force, country_name=transfers.country_name)


def _processor(processor_id: int) -> Processor:
    found = processors.get(processor_id)
    if found is None:
        abort(404)
    return found


def _form_page(form: ProcessorForm, processor: Processor | None = None, status: int = 200):
    return render("staff/records/processor_form.html", form=form, processor=processor, status=status)


def _save(form: ProcessorForm, processor: Processor | None):
    """Validate, call the service, commit; the form again with 422 and the reason on refusal."""
    if form.validate_on_submit():
        upload = form.dpa_file.data
        agreement = None
        if upload is not None and hasattr(upload, "read") and upload.filename:
            with upload.stream as stream:
                agreement = processors.Agreement(upload.filename, stream.read())
        data = processors.ProcessorInput(
            name=form.name.data, service=form.service.data, data_categories=form.data_categories.data,
            country_code=form.country_code.data or "", integration=form.integration.data or None,
            dpf_certified=form.dpf_certified.data, dpa_signed_on=form.dpa_signed_on.data,
            review_on=form.review_on.data)
        try:
            if processor is None:
                processor = processors.register(current_actor(), data, agreement, today=date.today())
            else:
                processors.update(current_actor(), processor, data, agreement, today=date.today())
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("The processor is saved in the register."), "success")
            return hx_redirect(url_for("staff.processors_list"))
    return _form_page(form, processor, 422)


@bp.route("/processors/new", methods=["GET", "POST"])
@allow(PRIVACY_OFFICER)
def processor_new():
    if request.method == "POST":
        return _save(processor_form(), None)
    return _form_page(processor_form(formdata=None))


@bp.route("/processors/<int:processor_id>", methods=["GET", "POST"])
@allow(PRIVACY_OFFICER)
def processor_edit(processor_id: int):
    processor = _processor(processor_id)
    if request.method == "POST":
        return _save(processor_form(), processor)
    return _form_page(processor_form(formdata=None, obj=processor), processor)


@bp.route("/processors/<int:processor_id>/agreement")
@allow(PRIVACY_OFFICER)
def processor_agreement(processor_id: int):
    processor = _processor(processor_id)
    if not processor.has_agreement:
        abort(404)
    data = processors.read_agreement(current_actor(), processor)
    db.session.commit()
    response = send_file(io.BytesIO(data), mimetype="application/pdf", as_attachment=True,
                         download_name=processor.dpa_filename, max_age=0)
    response.headers["Cache-Control"] = "no-store"
    return response
