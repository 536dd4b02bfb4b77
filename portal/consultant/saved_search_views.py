"""Saved assignment searches (R-CON-1): save the browser's filters under a name, list and delete them, opt in
to mail of new matches, and the mail's one-click unsubscribe link (no sign-in, RFC 8058)."""
from __future__ import annotations

from flask import abort, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.datastructures import MultiDict

from portal import actions
from portal.consultant.views import bp
from portal.extensions import csrf, db
from portal.forms import refuse_unless_one_click_or_csrf
from portal.htmx import render
from portal.request_actor import current_actor
from portal.security import PUBLIC, allow
from portal.services.accounts.tokens import TokenError
from portal.services.applications import browse, browse_filters, saved_searches

PAGE = "consultant/saved_searches.html"


def _page(status: int = 200, error: str | None = None):
    searches = saved_searches.of_consultant(current_user)
    return render(PAGE, status=status, error=error, searches=searches,
                  shown={s.id: saved_searches.filters_of(s) for s in searches})


def _own(search_id: int):
    search = saved_searches.for_consultant(current_user, search_id)
    if search is None:
        abort(404)
    return search


@bp.route("/saved-searches")
def saved_searches_page():
    return _page()


@bp.route("/saved-searches", methods=["POST"])
def saved_search_create():
    """The browser's current filters, sent back as hidden fields, kept under a name."""
    try:
        filters = browse.parse(MultiDict([(k, v) for k, v in request.form.items(multi=True)
                                          if k in browse_filters.FIELDS]))
    except browse.InvalidFilter as error:
        return _page(400, str(error.message))
    return actions.run(lambda: saved_searches.save(current_actor(), current_user, request.form.get("name", ""),
                                                   filters),
                       done=_("The search is saved. Mail of new matches is off until you turn it on."),
                       to=url_for("consultant.saved_searches_page"), refused=_page, status=422)


@bp.route("/saved-searches/<int:search_id>/mail", methods=["POST"])
def saved_search_notify(search_id: int):
    search = _own(search_id)
    notify = {"on": True, "off": False}.get(request.form.get("mail", ""))
    if notify is None:
        return _page(400, _("Choose whether to mail new matches."))
    return actions.run(lambda: saved_searches.set_notify(current_actor(), search, notify),
                       done=_("We mail you new matches of this search.") if notify
                       else _("We no longer mail you new matches of this search."),
                       to=url_for("consultant.saved_searches_page"), refused=_page)


@bp.route("/saved-searches/<int:search_id>/delete", methods=["POST"])
def saved_search_delete(search_id: int):
    search = _own(search_id)
    return actions.run(lambda: saved_searches.delete(current_actor(), search), done=_("The search is deleted."),
                       to=url_for("consultant.saved_searches_page"), refused=_page)


def _unsubscribe_page(status: int = 200, **context):
    return render("consultant/saved_search_unsubscribe.html", status=status, **context)


# CSRF exemption, this route only (as marketing.unsubscribe): the RFC 8058 one-click POST comes from the mail
# provider with `List-Unsubscribe=One-Click` and no cookie or token. The signed token can only turn off its own
# search's mail, and a replay does nothing more. The page's own button must still carry a valid CSRF token.
@csrf.exempt
@bp.route("/saved-searches/unsubscribe/<token>", methods=["GET", "POST"])
@allow(PUBLIC)
def saved_search_unsubscribe(token: str):
    try:
        search = saved_searches.read(token)
    except TokenError as error:
        return _unsubscribe_page(400, error=str(error.message))
    if request.method == "GET":
        return _unsubscribe_page(search=search, token=token, already=search is None or not search.notify)
    refuse_unless_one_click_or_csrf()
    search, changed = saved_searches.unsubscribe(current_actor(), token)
    db.session.commit()
    return _unsubscribe_page(search=search, done=True, already=not changed)
