"""Restriction of processing (R-RIGHTS-5): the person, or a privacy officer, stops the processing of the whole
profile or of one category of it until the restriction is lifted.

What a restriction does, at once:
- whole profile: the search index keeps only a stub (`restricted=True`), so rankings leave the person out and
  count them; the person cannot be put on a shortlist, and entries already on a shortlist are frozen: hidden
  from the buyer and refused every step (approve, ask, release) until lifted. The entry itself is kept, so
  lifting the restriction resumes the work where it stopped.
- one category: that category's data leaves the index document and the anonymized cards.
- staff still see the data (storage is allowed) but read-only, with a banner saying why.
- applications (issue 16), under the whole profile: frozen like shortlist entries. No new application is
  taken (apply.apply refuses); staff see the waiting ones read-only and can neither shortlist nor decline them
  (review, picks.add refuse); saved searches mail nothing (saved_searches.mail_new_matches asks
  restricted_ids); no tender CV is exported (tender_cv). The consultant may still withdraw an application.
- time reporting and its approval on an engagement continue: they carry out the contract with the
  consultant (R-CON-10); the inventory says so for those tables (`_FOR_WORK`), and the privacy officer may
  decide otherwise as a case.
"""
from __future__ import annotations

import sqlalchemy as sa
from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext, lazy_gettext as _l

from portal.extensions import db
from portal.models import ProcessingRestriction, User, utcnow
from portal.services import DomainError, audit, mail
from portal.services.matching import search
from portal.services.privacy import inventory, privacy_requests
from portal.services.actors import Actor

WHOLE = "profile"
CATEGORIES = {
    WHOLE: _l("Your whole profile"),
    "history": _l("Employment and education history"),
    "references": _l("References and what referees said"),
    "ratings": _l("Ratings of your assignments"),
}
# What each category takes out of the profile data that is processed for clients and matching.
CATEGORY_KEYS = {"history": ("employment", "education")}
# The tables each category covers, from the inventory (portal/services/privacy/inventory.py); a table
# no category covers says there why (inventory.Entry.unrestricted).
TABLES = inventory.restriction_tables()
SOURCES = {"person": _l("the person's own request"), "staff": _l("our privacy officer")}
MAX_REASON = 2000


def categories_for(user: User) -> dict:
    """The categories this person may restrict: a consultant's profile has parts; other accounts are one whole."""
    if user.role == "consultant":
        return CATEGORIES
    return {WHOLE: CATEGORIES[WHOLE]}


def active(user_id: int) -> list[ProcessingRestriction]:
    return list(db.session.scalars(sa.select(ProcessingRestriction).where(
        ProcessingRestriction.user_id == user_id, ProcessingRestriction.lifted_at.is_(None))
        .order_by(ProcessingRestriction.id)))


def history(user_id: int) -> list[ProcessingRestriction]:
    return list(db.session.scalars(sa.select(ProcessingRestriction).where(ProcessingRestriction.user_id == user_id)
                                   .order_by(ProcessingRestriction.id.desc())))


def active_categories(user_id: int) -> set[str]:
    return active_categories_of([user_id]).get(user_id, set())


def active_categories_of(user_ids) -> dict[int, set[str]]:
    """Restricted categories per person, for many people in one query (the index reads profiles in batches)."""
    ids = list(user_ids)
    found: dict[int, set[str]] = {}
    if ids:
        for user_id, category in db.session.execute(sa.select(
                ProcessingRestriction.user_id, ProcessingRestriction.category).where(
                ProcessingRestriction.user_id.in_(ids), ProcessingRestriction.lifted_at.is_(None))):
            found.setdefault(user_id, set()).add(category)
    return found


def is_restricted(user: User | int, category: str | None = None) -> bool:
    """Whole-profile restriction (category None), or this category restricted by itself or by the whole profile."""
    categories = active_categories(user if isinstance(user, int) else user.id)
    return WHOLE in categories or (category is not None and category in categories)


def restricted_ids(user_ids) -> set[int]:
    """Which of these people have their whole profile restricted (one query, for lists)."""
    ids = list(user_ids)
    if not ids:
        return set()
    return set(db.session.scalars(sa.select(ProcessingRestriction.user_id).where(
        ProcessingRestriction.user_id.in_(ids), ProcessingRestriction.category == WHOLE,
        ProcessingRestriction.lifted_at.is_(None))))


def _is_officer(actor: Actor) -> bool:
    return actor.user is not None and actor.user.has_staff_role("privacy_officer")


def _reindex(user: User) -> None:
    if user.role == "consultant":
        search.enqueue(user.id, "upsert")  # the after-request drain applies it before the response


def restrict(actor: Actor, user: User, categories: list[str], reason: str, *, privacy_request=None
             ) -> list[ProcessingRestriction]:
    """Restrict at once; by the person for themselves, or by a privacy officer."""
    if actor.user_id == user.id:
        source = "person"
    elif _is_officer(actor):
        source = "staff"
    else:
        raise DomainError(_l("Only the person or a privacy officer can restrict processing."))
    allowed = categories_for(user)
    chosen = list(dict.fromkeys(categories or ()))
    if not chosen or any(c not in allowed for c in chosen):
        raise DomainError(_l("Choose what to restrict."), field="categories")
    text = (reason or "").strip()
    if not text:
        raise DomainError(_l("Say why, so that we know what to check."), field="reason")
    if len(text) > MAX_REASON:
        raise DomainError(_l("Write at most %(max)d characters.", max=MAX_REASON), field="reason")
    already = active_categories(user.id)
    new = [c for c in chosen if c not in already]
    if not new:
        raise DomainError(_l("That is already restricted."), field="categories")
    rows = [ProcessingRestriction(user_id=user.id, category=c, reason=text, source=source, created_by_id=actor.user_id,
                                  privacy_request_id=privacy_request.id if privacy_request else None) for c in new]
    db.session.add_all(rows)
    db.session.flush()
    for row in rows:
        audit.record(actor, "restriction.add", subject=user, obj=row, detail={"category": row.category,
                                                                              "source": source})
    _reindex(user)
    return rows


def get_for_person(user: User, restriction_id: int) -> ProcessingRestriction | None:
    """The person's own restriction, or None (404) for anybody else's."""
    row = db.session.get(ProcessingRestriction, restriction_id)
    return row if row is not None and row.user_id == user.id else None


def lift(actor: Actor, restriction: ProcessingRestriction) -> ProcessingRestriction:
    """Lift: the person lifts what they asked for; a privacy officer lifts any, and the person is told."""
    own = actor.user_id == restriction.user_id
    if not (own and restriction.source == "person") and not _is_officer(actor):
        raise DomainError(_l("Only our privacy officer can lift this restriction: it was put in place while "
                             "something is checked."))
    if not restriction.is_active:
        raise DomainError(_l("This restriction is already lifted."))
    restriction.lifted_at, restriction.lifted_by_id = utcnow(), actor.user_id
    db.session.flush()
    user = db.session.get(User, restriction.user_id)
    audit.record(actor, "restriction.lift", subject=user, obj=restriction, detail={"category": restriction.category})
    if not own:
        mail.queue(user, _l("A restriction of processing is lifted"), "restriction_lifted",
                   restriction=restriction, category_label=CATEGORIES[restriction.category])
    _reindex(user)
    return restriction


def refuse_if_restricted(user_id: int, category: str | None = None) -> None:
    """The guard every staff action on a person's data calls: a restricted profile is read-only (R-RIGHTS-5)."""
    for row in active(user_id):
        if row.category == WHOLE or row.category == category:
            raise DomainError(gettext("Processing of this person's data is restricted (%(category)s, since %(date)s, "
                                 "at %(source)s): it is read-only until the restriction is lifted.",
                                 category=CATEGORIES[row.category], date=row.created_at.date().isoformat(),
                                 source=SOURCES[row.source]))


def without_restricted(data: dict, user_id: int) -> dict:
    """Profile data (candidate_profiles.profile_dict shape) minus the categories under restriction."""
    categories = active_categories(user_id)
    cleaned = dict(data)
    for category, keys in CATEGORY_KEYS.items():
        if category in categories:
            for key in keys:
                cleaned[key] = []
    return cleaned


def describe_for_answer(user_id: int) -> str:
    """The prepared answer for a restriction request: what is restricted now (the request's executor)."""
    rows = active(user_id)
    if not rows:
        return str(_l("No processing of your data is restricted now."))
    lines = [str(_l("Processing of the following is restricted until lifted:"))]
    lines += [f"- {CATEGORIES[r.category]} ({r.created_at.date().isoformat()})" for r in rows]
    return "\n".join(lines)


def _prepare_answer(actor: Actor, request) -> str | None:
    """In the person's language: staff review the text and send it to them."""
    if not request.user_id:
        return None
    with force_locale(request.locale or current_app.config["BABEL_DEFAULT_LOCALE"]):
        return describe_for_answer(request.user_id)


def register() -> None:
    """A restriction request took effect when it was made; staff start it and send what is restricted now."""
    privacy_requests.register_executor("restriction", _prepare_answer)
