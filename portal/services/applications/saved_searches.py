"""A consultant's saved assignment searches (R-CON-1): the browser's filters under a name, and, only when the
consultant ticks it, a mail of new matches (opt-in, off by default) with a one-click unsubscribe link that
needs no sign-in (RFC 8058; the signed token is the authority, a replay is harmless).

`checked_through` is the publication time up to which a search's matches were already mailed: each run mails
the assignments published after it and moves it on, so a second run sends nothing. A person whose whole
profile is restricted (R-RIGHTS-5) gets no mail; their searches wait, unchanged, until the restriction is
lifted. Every save, deletion and change of the mail choice is audited (ids only, never the search's words).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l, ngettext

from portal.extensions import db
from portal.links import external_url
from portal.models import SavedSearch, User, utcnow
from portal.services import DomainError, audit, mail
from portal.services.accounts import tokens
from portal.services.actors import Actor
from portal.services.applications import browse, browse_filters
from portal.services.privacy import restrictions

NAME_MAX = 120  # saved_searches.name
PER_CONSULTANT = 20
MATCHES_IN_MAIL = 20  # assignments listed in one mail; the link to the search shows the rest
PURPOSE = "saved_search_unsubscribe"
MAX_AGE = 60 * 60 * 24 * 400  # a mail read a year later still unsubscribes (TOKEN_MAX_AGE[PURPOSE] wins)
LOCALES = ("sv", "en")


def of_consultant(user: User) -> list[SavedSearch]:
    return list(db.session.scalars(sa.select(SavedSearch).where(SavedSearch.user_id == user.id)
                                   .order_by(SavedSearch.created_at, SavedSearch.id)))


def for_consultant(user: User, search_id: int) -> SavedSearch | None:
    """The consultant's own saved search; None for anyone else's (a 404)."""
    return db.session.scalar(sa.select(SavedSearch).where(SavedSearch.id == search_id,
                                                          SavedSearch.user_id == user.id))


def filters_of(search: SavedSearch) -> browse.Filters:
    """The search's filters; a search whose stored filters no longer read finds everything rather than failing."""
    try:
        return browse_filters.from_json(search.filters_json)
    except browse.InvalidFilter:
        return browse.Filters()


def save(actor: Actor, user: User, name: str, filters: browse.Filters) -> SavedSearch:
    """Keep `filters` under `name`; the mail of new matches stays off until the consultant turns it on."""
    name = " ".join((name or "").split())
    if not name:
        raise DomainError(_l("Give the search a name."), field="name")
    if len(name) > NAME_MAX:
        raise DomainError(_l("The name is at most 120 characters."), field="name")
    if len(of_consultant(user)) >= PER_CONSULTANT:
        raise DomainError(_l("You can keep at most 20 saved searches. Delete one first."), field="name")
    search = SavedSearch(user_id=user.id, name=name, filters_json=filters.to_json(), notify=False,
                         checked_through=utcnow())
    db.session.add(search)
    db.session.flush()
    audit.record(actor, "saved_search.create", subject=user, obj=search)
    return search


def delete(actor: Actor, search: SavedSearch) -> None:
    audit.record(actor, "saved_search.delete", subject=search.user_id, obj=search)
    db.session.delete(search)
    db.session.flush()


def set_notify(actor: Actor, search: SavedSearch, notify: bool, *, via: str = "portal") -> bool:
    """Turn the mail of new matches on or off; True when it changed. Turned on, it mails what is published
    from now on (not what was published while it was off)."""
    if search.notify == notify:
        return False
    search.notify = notify
    if notify:
        search.checked_through = utcnow()
    db.session.flush()
    audit.record(actor, "saved_search.notify", subject=search.user_id, obj=search,
                 detail={"notify": notify, "via": via})
    return True


# --- the mail of new matches ------------------------------------------------------------------------------

@dataclass
class MailRun:
    mailed: int = 0  # searches whose new matches were mailed
    searches: int = 0  # opted-in searches looked at
    restricted: int = 0  # left alone: the person's processing is restricted


def _locale(user: User) -> str:
    return user.locale if user.locale in LOCALES else current_app.config["BABEL_DEFAULT_LOCALE"]


def mail_new_matches(actor: Actor, *, now: datetime | None = None, today: date | None = None) -> MailRun:
    """One mail per opted-in search that has assignments published since it was last checked; each search's
    `checked_through` moves to `now`, so running again sends nothing new."""
    now, run = now or utcnow(), MailRun()
    searches = list(db.session.scalars(
        sa.select(SavedSearch).join(User, User.id == SavedSearch.user_id)
        .where(SavedSearch.notify.is_(True), User.role == "consultant", User.is_disabled.is_(False))
        .order_by(SavedSearch.id)))
    restricted = restrictions.restricted_ids({s.user_id for s in searches})
    for search in searches:
        run.searches += 1
        if search.user_id in restricted:
            run.restricted += 1
            continue  # checked_through stays: nothing is processed for them until the restriction is lifted
        filters = filters_of(search)
        ids = browse.matching_ids(filters, today, published_after=search.checked_through, published_until=now)
        search.checked_through = now
        if ids:
            _send(search, filters, browse.load(ids[:MATCHES_IN_MAIL]), len(ids))
            search.last_mailed_at = now
            run.mailed += 1
            audit.record(actor, "saved_search.mail", subject=search.user_id, obj=search,
                         detail={"matches": len(ids)})
        db.session.flush()
    return run


def _send(search: SavedSearch, filters: browse.Filters, assignments: list, total: int) -> None:
    user = db.session.get(User, search.user_id)
    link = external_url("consultant.saved_search_unsubscribe", token=issue(search))
    mail.queue(user, lambda: ngettext("%(num)d new assignment for your search “%(name)s”",
                                      "%(num)d new assignments for your search “%(name)s”", total, name=search.name),
               "saved_search_matches", locale=_locale(user),
               headers={"List-Unsubscribe": f"<{link}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
               search=search, total=total, unsubscribe_link=link,
               search_link=external_url("consultant.assignments", **filters.args()),
               matches=[(a, external_url("consultant.assignment", assignment_id=a.id)) for a in assignments])


# --- the one-click unsubscribe link ----------------------------------------------------------------------

def issue(search: SavedSearch) -> str:
    return tokens.issue(PURPOSE, {"s": search.id, "u": search.user_id})


def read(token: str) -> SavedSearch | None:
    """The search the link is for; None when it was deleted since. TokenError when tampered with or expired.
    Never spent: a second use finds the mail already off."""
    payload = tokens.read(PURPOSE, token, max_age=current_app.config["TOKEN_MAX_AGE"].get(PURPOSE, MAX_AGE))
    if not isinstance(payload.get("s"), int) or not isinstance(payload.get("u"), int):
        raise tokens.TokenError(_l("This link is not valid. Check that you copied all of it."))
    search = db.session.get(SavedSearch, payload["s"])
    return search if search is not None and search.user_id == payload["u"] else None


def unsubscribe(actor: Actor, token: str) -> tuple[SavedSearch | None, bool]:
    """Turn the search's mail off; True when this use turned it off, False when it already was (or is gone)."""
    search = read(token)
    if search is None:
        return None, False
    return search, set_notify(actor, search, False, via="unsubscribe_link")
