"""Marketing campaigns for staff (R-BUY-3, R-CON-5, R-SEC-4): list, compose, preview the count, send, hand over.
No page lists a recipient: staff see counts only."""
from __future__ import annotations

from datetime import date

from flask import Response, abort, flash, url_for
from flask_babel import gettext as _, ngettext

from portal.extensions import db
from portal.forms import EmptyForm, apply_domain_error
from portal.htmx import hx_redirect, render
from portal.links import external_url
from portal.models import MarketingCampaign
from portal.request_actor import current_actor
from portal.security import allow, staff
from portal.services import DomainError
from portal.services.marketing import campaigns
from portal.services.privacy.marketing import TOPICS
from portal.staff.campaign_forms import CampaignForm, SendForm
from portal.staff.views import bp

CAMPAIGNS = staff("admin")  # marketing is a business decision with the whole customer base: admins only


def _labels() -> dict:
    return {"topics": TOPICS, "segments": campaigns.SEGMENTS, "locales": campaigns.LOCALES,
            "states": campaigns.STATES}


def _campaign(campaign_id: int) -> MarketingCampaign:
    campaign = db.session.get(MarketingCampaign, campaign_id)
    if campaign is None:
        abort(404)
    return campaign


@bp.route("/campaigns")
@allow(CAMPAIGNS)
def campaigns_list():
    return render("staff/campaigns.html", campaigns=campaigns.all_campaigns(), **_labels())


@bp.route("/campaigns/new")
@allow(CAMPAIGNS)
def campaign_new():
    return render("staff/campaigns_form.html", form=CampaignForm(formdata=None))


@bp.route("/campaigns/new", methods=["POST"])
@allow(CAMPAIGNS)
def campaign_create():
    form = CampaignForm()
    if form.validate_on_submit():
        try:
            campaign = campaigns.create(
                current_actor(), topic=form.topic.data, segment_role=form.segment_role.data,
                segment_locale=form.segment_locale.data or None, subject_sv=form.subject_sv.data,
                subject_en=form.subject_en.data, body_sv=form.body_sv.data, body_en=form.body_en.data)
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("The campaign is saved as a draft. Check the count, then send it."), "success")
            return hx_redirect(url_for("staff.campaign", campaign_id=campaign.id))
    return render("staff/campaigns_form.html", form=form, status=422)


def _detail(campaign: MarketingCampaign, form: SendForm | None = None, status: int = 200):
    count = len(campaigns.recipients(campaign)) if campaign.state == "draft" else None
    return render("staff/campaigns_detail.html", status=status, campaign=campaign, count=count,
                  form=form or SendForm(formdata=None), handover_form=EmptyForm(),
                  service=campaigns.service_name(), **_labels())


@bp.route("/campaigns/<int:campaign_id>")
@allow(CAMPAIGNS)
def campaign(campaign_id: int):
    return _detail(_campaign(campaign_id))


@bp.route("/campaigns/<int:campaign_id>/send", methods=["POST"])
@allow(CAMPAIGNS)
def campaign_send(campaign_id: int):
    campaign = _campaign(campaign_id)
    form = SendForm()
    if not form.validate_on_submit():
        return _detail(campaign, form, 422)
    try:
        sent = campaigns.send(current_actor(), campaign, lambda t: external_url("marketing.unsubscribe", token=t))
    except DomainError as error:
        db.session.rollback()
        apply_domain_error(form, error)
        return _detail(campaign, form, 422)
    db.session.commit()
    flash(ngettext("The campaign is queued in the outbox for %(num)d person.",
                   "The campaign is queued in the outbox for %(num)d people.", sent), "success")
    return hx_redirect(url_for("staff.campaign", campaign_id=campaign.id))


@bp.route("/campaigns/<int:campaign_id>/hand-over", methods=["POST"])
@allow(CAMPAIGNS)
def campaign_handover(campaign_id: int):
    """R-SEC-4: name and e-mail only, as a CSV file for the named service; logged per person, not stored."""
    campaign = _campaign(campaign_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    try:
        text = campaigns.hand_over(current_actor(), campaign)
    except DomainError as error:
        db.session.rollback()
        flash(str(error.message), "error")
        return _detail(campaign, status=422)
    db.session.commit()
    name = f"campaign-{campaign.id}-{date.today().isoformat()}.csv"
    return Response(text, mimetype="text/csv", headers={"Content-Disposition": f'attachment; filename="{name}"',
                                                        "Cache-Control": "no-store"})
