"""Consultants see what their employer offers them for, with the rate and the answers given about them,
and agree or say no before anything goes to our staff (R-CON-9, R-SUP-1)."""
from __future__ import annotations

from flask import abort, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal import actions
from portal.consultant.views import bp
from portal.htmx import render
from portal.request_actor import current_actor
from portal.services.assignments import offers


def _page(status: int = 200, error: str | None = None):
    items = offers.of_consultant(current_user)
    return render("consultant/offers.html", status=status, error=error, offers=items, awaiting=offers.AWAITING,
                  deadlines={o.id: offers.answer_deadline(o) for o in items})


def _own(offer_id: int):
    offer = offers.for_consultant(current_user, offer_id)
    if offer is None:
        abort(404)
    return offer


@bp.route("/offers")
def offers_page():
    return _page()


@bp.route("/offers/<int:offer_id>/accept", methods=["POST"])
def offer_accept(offer_id: int):
    offer = _own(offer_id)
    return actions.run(lambda: offers.consultant_accept(current_actor(), offer),
                       done=_("Thank you: the offer now goes to our staff. The client sees nothing that identifies "
                              "you until you say yes to that too."),
                       to=url_for("consultant.offers_page"), refused=_page)


@bp.route("/offers/<int:offer_id>/decline", methods=["POST"])
def offer_decline(offer_id: int):
    offer = _own(offer_id)
    return actions.run(lambda: offers.consultant_decline(current_actor(), offer),
                       done=_("The offer and the answers about you are deleted. We have told your employer that "
                              "you did not accept, without a reason."),
                       to=url_for("consultant.offers_page"), refused=_page)
