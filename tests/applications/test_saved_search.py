"""R-CON-1: saved assignment searches. Saving keeps the filters under a name; mail of new matches is opt-in
(off by default), goes once per new match through the real outbox and SMTP, and stops with a signed
one-click link (RFC 8058) that needs no sign-in; restricted consultants (R-RIGHTS-5) get no mail."""
from __future__ import annotations

import json
import re
from datetime import timedelta

import sqlalchemy as sa

from portal.extensions import db
from portal.models import AuditEvent, SavedSearch, utcnow
from portal.services.actors import Actor
from portal.services.applications import saved_searches
from portal.services.privacy import restrictions
from tests.applications.browse_data import assignment, buyer_organisation
from tests.hostile import HUGE_IDS
from tests.mailserver import Inbox

EN = {"Accept-Language": "en"}


def _actions(*names: str) -> list[str]:
    return list(db.session.scalars(sa.select(AuditEvent.action).where(AuditEvent.action.in_(names))
                                   .order_by(AuditEvent.seq)))


def _save(portal, name="Python in Örebro", **filters):
    data = {"name": name, "skills": "Python", "region": "Örebro", "remote": ["hybrid", "remote"], **filters}
    return portal.post("/consultant/saved-searches", data=data, headers=EN)


def test_save_list_and_delete(login_as):
    alva = login_as("consultant", locale="en")
    response = _save(alva)
    assert response.status_code == 303
    (search,) = saved_searches.of_consultant(alva.user)
    assert search.notify is False  # mail is opt-in
    assert json.loads(search.filters_json) == {"region": "Örebro", "remote": ["hybrid", "remote"],
                                               "skills": "Python"}
    page = alva.get("/consultant/saved-searches", headers=EN).get_data(as_text=True)
    assert "Python in Örebro" in page and "Mail me new matches" in page and "Partly remote" in page
    assert "/consultant/assignments?" in page and "region=%C3%96rebro" in page
    assert alva.post(f"/consultant/saved-searches/{search.id}/delete").status_code == 303
    assert saved_searches.of_consultant(alva.user) == []
    assert _actions("saved_search.create", "saved_search.delete") == ["saved_search.create", "saved_search.delete"]


def test_refused_saves_keep_nothing(login_as):
    alva = login_as("consultant", locale="en")
    bad = _save(alva, extent_min="abc")
    assert bad.status_code == 400 and "whole percentage" in bad.get_data(as_text=True)
    nameless = _save(alva, name="   ")
    assert nameless.status_code == 422 and "Give the search a name" in nameless.get_data(as_text=True)
    assert _save(alva, name="x" * 121).status_code == 422
    assert saved_searches.of_consultant(alva.user) == [] and _actions("saved_search.create") == []


def test_another_consultants_search_is_not_found(login_as):
    alva, bertil = login_as("consultant"), login_as("consultant")
    _save(alva)
    (search,) = saved_searches.of_consultant(alva.user)
    for path in (f"/consultant/saved-searches/{search.id}/mail", f"/consultant/saved-searches/{search.id}/delete",
                 *(f"/consultant/saved-searches/{i}/delete" for i in HUGE_IDS)):
        assert bertil.post(path, data={"mail": "on"}).status_code == 404, path
    assert alva.post(f"/consultant/saved-searches/{search.id}/mail", data={"mail": "maybe"}).status_code == 400
    db.session.refresh(search)
    assert search.notify is False


def _opted_in(portal, **filters) -> SavedSearch:
    _save(portal, **filters)
    search = saved_searches.of_consultant(portal.user)[-1]
    assert portal.post(f"/consultant/saved-searches/{search.id}/mail", data={"mail": "on"}).status_code == 303
    db.session.refresh(search)
    assert search.notify is True
    return search


def _publish_after(search: SavedSearch, organisation, title: str, **fields):
    """An assignment published after the search was last checked (as if the opt-in was an hour ago)."""
    item = assignment(organisation, title, **fields)
    search.checked_through = utcnow() - timedelta(hours=1)
    item.published_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    return item


def _run(app) -> str:
    result = app.test_cli_runner().invoke(args=["applications", "mail-saved-searches"])
    assert result.exit_code == 0, result.output
    return result.output


def test_new_matches_are_mailed_once_with_a_working_unsubscribe_link(app, login_as, smtp):
    inbox: Inbox = smtp
    alva = login_as("consultant", locale="en", name="Alva Andersson")
    organisation = buyer_organisation()
    assignment(organisation, "Published before the opt-in", musts=("Python",), location="Örebro", remote="hybrid",
               published_days_ago=3)
    search = _opted_in(alva)
    match = _publish_after(search, organisation, "Pipeline engineer", musts=("Python",), location="Örebro",
                           remote="remote")
    _publish_after(search, organisation, "Java in Örebro", musts=("Java",), location="Örebro", remote="remote")
    _publish_after(search, organisation, "Python on site", musts=("Python",), location="Örebro", remote="onsite")
    output = _run(app)
    assert "mailed: 1" in output
    (message,) = [m for m in inbox.wait_for(1) if m["To"] == alva.user.email]
    assert message["Subject"] == "1 new assignment for your search “Python in Örebro”"
    body = Inbox.body(message)
    assert "Pipeline engineer" in body and f"/consultant/assignments/{match.id}" in body
    assert "Java in Örebro" not in body and "Python on site" not in body and "before the opt-in" not in body
    assert "Hemlig Kund AB" not in body  # the buyer did not choose to be named
    link = message["List-Unsubscribe"].strip("<>")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click" and link in body
    assert "mailed: 0" in _run(app)  # idempotent: nothing new, nothing sent
    assert len([m for m in inbox.wait_for(2, timeout=0.5) if m["To"] == alva.user.email]) == 1
    assert _actions("saved_search.notify", "saved_search.mail") == ["saved_search.notify", "saved_search.mail"]

    path = re.sub(r"^https?://[^/]+", "", link)
    app.config["WTF_CSRF_ENABLED"] = True  # the real setting: only the one-click POST goes without a token
    visitor = app.test_client()  # no sign-in
    page = visitor.get(path, headers=EN)
    assert page.status_code == 200 and 'id="saved-search-unsubscribe-button"' in page.get_data(as_text=True)
    assert visitor.post(path, data={}).status_code == 400  # the page's own button needs its token
    db.session.refresh(search)
    assert search.notify is True  # neither a GET (link scanners) nor a tokenless button press changed it
    done = visitor.post(path, data={"List-Unsubscribe": "One-Click"}, headers=EN)
    assert done.status_code == 200 and "we send you no more mail" in done.get_data(as_text=True)
    db.session.refresh(search)
    assert search.notify is False
    again = visitor.post(path, data={"List-Unsubscribe": "One-Click"}, headers=EN)  # replay: harmless
    assert again.status_code == 200 and "already off" in again.get_data(as_text=True)
    assert _actions("saved_search.notify")[-1:] == ["saved_search.notify"] and len(_actions("saved_search.notify")) == 2


def test_tampered_expired_and_foreign_links_are_400(app, login_as):
    alva = login_as("consultant")
    search = _opted_in(alva)
    token = saved_searches.issue(search)
    client = app.test_client()
    foreign = saved_searches.tokens.issue("saved_search_unsubscribe", {"s": search.id, "u": search.user_id + 1})
    for url in (f"/consultant/saved-searches/unsubscribe/{token[:-3]}abc", "/consultant/saved-searches/unsubscribe/x",
                "/consultant/saved-searches/unsubscribe/" + saved_searches.tokens.issue("unsubscribe", {"s": search.id})):
        for response in (client.get(url, headers=EN), client.post(url, data={"List-Unsubscribe": "One-Click"})):
            assert response.status_code == 400, url
    # Signed, but for another person's search: nothing of it is shown or changed.
    assert "already off" in client.get(f"/consultant/saved-searches/unsubscribe/{foreign}", headers=EN).get_data(
        as_text=True)
    app.config["TOKEN_MAX_AGE"] = {**app.config["TOKEN_MAX_AGE"], "saved_search_unsubscribe": -1}
    expired = client.post(f"/consultant/saved-searches/unsubscribe/{token}", data={"List-Unsubscribe": "One-Click"},
                          headers=EN)
    assert expired.status_code == 400 and "expired" in expired.get_data(as_text=True)
    db.session.refresh(search)
    assert search.notify is True


def test_restricted_consultants_get_no_mail(app, login_as, smtp):
    inbox: Inbox = smtp
    alva = login_as("consultant", locale="en")
    search = _opted_in(alva)
    _publish_after(search, buyer_organisation(), "Pipeline engineer", musts=("Python",), location="Örebro",
                   remote="remote")
    restrictions.restrict(Actor(user=alva.user), alva.user, ["profile"], "Check my data first.")
    db.session.commit()
    waiting = search.checked_through
    assert "left alone (processing restricted): 1" in _run(app)
    assert [m for m in inbox.wait_for(1, timeout=0.5) if "new assignment" in (m["Subject"] or "")] == []
    db.session.refresh(search)
    assert search.checked_through == waiting and search.last_mailed_at is None


def test_turning_mail_on_mails_only_what_is_published_from_then_on(login_as):
    alva = login_as("consultant")
    _save(alva)
    (search,) = saved_searches.of_consultant(alva.user)
    search.checked_through = utcnow() - timedelta(days=30)
    db.session.commit()
    before = utcnow()
    alva.post(f"/consultant/saved-searches/{search.id}/mail", data={"mail": "on"})
    db.session.refresh(search)
    assert search.checked_through >= before
