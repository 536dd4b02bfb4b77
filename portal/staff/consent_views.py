"""Staff pages for cookie consent: the registry (admin) and the proof of a consent ID (privacy officer)."""
from __future__ import annotations

import json

from flask import abort, current_app, flash, request, url_for
from flask_babel import gettext as _

from portal.extensions import db
from portal.forms import EmptyForm, apply_domain_error
from portal.htmx import hx_redirect, render
from portal.request_actor import current_actor
from portal.security import allow, staff
from portal.services import DomainError
from portal.services.consent import ledger, cookie_registry
from portal.staff.forms import ConsentLookupForm, CookieEntryForm
from portal.staff.views import bp

REGISTRY = staff("admin")
LOOKUP = staff("privacy_officer")


def _protected() -> set[str]:
    """Cookies the portal itself sets: they must stay documented."""
    return {current_app.config["SESSION_COOKIE_NAME"], current_app.config["CONSENT_COOKIE_NAME"]}


def _entry(entry_id: int):
    entry = cookie_registry.get(entry_id)
    if entry is None:
        abort(404)
    return entry


def _data(form: CookieEntryForm) -> cookie_registry.EntryData:
    return cookie_registry.EntryData(
        category=form.category.data, kind=form.kind.data, name=form.name.data or "", provider=form.provider.data or "",
        purpose_en=form.purpose_en.data or "", purpose_sv=form.purpose_sv.data or "",
        lifetime_days=form.lifetime_days.data, leaves_eea=bool(form.leaves_eea.data))


@bp.route("/cookies")
@allow(REGISTRY)
def cookie_registry_list():
    return render("staff/cookie_registry.html", entries=cookie_registry.entries(), protected=_protected())


@bp.route("/cookies/new", methods=["GET", "POST"])
@allow(REGISTRY)
def cookie_new():
    form = CookieEntryForm()
    if form.validate_on_submit():
        try:
            cookie_registry.create(current_actor(), _data(form))
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("The entry is added; the banner and the cookie settings show it now."), "success")
            return hx_redirect(url_for("staff.cookie_registry_list"))
    return render("staff/cookie_entry.html", form=form, entry=None, status=422 if form.is_submitted() else 200)


@bp.route("/cookies/<int:entry_id>", methods=["GET", "POST"])
@allow(REGISTRY)
def cookie_edit(entry_id: int):
    entry = _entry(entry_id)
    form = CookieEntryForm(obj=entry)
    if form.validate_on_submit():
        try:
            cookie_registry.update(current_actor(), entry, _data(form), _protected())
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("The entry is saved."), "success")
            return hx_redirect(url_for("staff.cookie_registry_list"))
    return render("staff/cookie_entry.html", form=form, entry=entry, delete_form=EmptyForm(),
                  protected=_protected(), status=422 if form.is_submitted() else 200)


@bp.route("/cookies/<int:entry_id>/delete", methods=["POST"])
@allow(REGISTRY)
def cookie_delete(entry_id: int):
    entry = _entry(entry_id)
    try:
        cookie_registry.delete(current_actor(), entry, _protected())
    except DomainError as error:
        db.session.rollback()
        flash(str(error.message), "error")
        return hx_redirect(url_for("staff.cookie_edit", entry_id=entry_id))
    db.session.commit()
    flash(_("The entry is deleted."), "success")
    return hx_redirect(url_for("staff.cookie_registry_list"))


@bp.route("/consent")
@allow(LOOKUP)
def consent_lookup():
    form = ConsentLookupForm(request.args)
    if "consent_id" not in request.args:
        return render("staff/consent_lookup.html", form=ConsentLookupForm(formdata=None), result=None)
    if not form.validate():
        return render("staff/consent_lookup.html", form=form, result=None, status=422)
    try:
        records, versions, links = ledger.lookup(current_actor(), form.consent_id.data.strip())
    except DomainError as error:
        db.session.rollback()
        apply_domain_error(form, error)
        return render("staff/consent_lookup.html", form=form, result=None, status=422)
    db.session.commit()
    shown = {version_id: json.loads(version.content) for version_id, version in versions.items()}
    return render("staff/consent_lookup.html", form=form, result=True, records=records, versions=versions,
                  shown=shown, links=links)
