"""Legal holds (R-RIGHTS-4): the privacy officer keeps a person's data from erasure while a claim, a
dispute or an authority's order needs it. Placing and lifting are audited; the reason is shown to
staff only, the person sees that a hold exists and until when (the erasure preview).

Every hold has a review date (six months unless chosen). REMIND_DAYS before it the privacy officers
get one mail (`remind_hold_reviews`, from the daily retention run); past it without a renewal the hold
is flagged on their start page and the holds page, and still blocks erasure and retention. A renewal
sets a new review date with a reason, audited."""
from __future__ import annotations

from datetime import date, datetime, timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from portal.extensions import db
from portal.models import LegalHold, User, utcnow
from portal.models.legal_holds import default_review_on
from portal.services import DomainError, audit, mail
from portal.services.actors import Actor
from portal.services.privacy import deadlines

MAX_REASON = 1000
REMIND_DAYS = 14
MAX_REVIEW_DAYS = 2 * 366  # a review further off than two years is no review


def _reason(reason: str | None, empty) -> str:
    text = (reason or "").strip()
    if not text:
        raise DomainError(empty, field="reason")
    if len(text) > MAX_REASON:
        raise DomainError(_l("Write at most %(max)d characters.", max=MAX_REASON), field="reason")
    return text


def _review(review_on: date, until: date | None, today: date) -> date:
    if review_on <= today:
        raise DomainError(_l("The review date must be after today."), field="review_on")
    if review_on > today + timedelta(days=MAX_REVIEW_DAYS):
        raise DomainError(_l("Choose a review date within two years."), field="review_on")
    if until is not None and review_on > until:
        raise DomainError(_l("The review date cannot be after the hold ends."), field="review_on")
    return review_on


def place(actor: Actor, user: User, reason: str | None, until: date | None, today: date | None = None,
          review_on: date | None = None) -> LegalHold:
    """Place a hold; without a review date it is reviewed in six months (or when it ends, if sooner)."""
    today = today or date.today()
    text = _reason(reason, _l("Write why the data must be kept."))
    if until is not None and until < today:
        raise DomainError(_l("The end date cannot be in the past."), field="until")
    if review_on is None:
        review_on = min(default_review_on(today), until) if until is not None else default_review_on(today)
    else:
        review_on = _review(review_on, until, today)
    if user.role == "staff" and user.id == actor.user_id:
        raise DomainError(_l("You cannot place a hold on yourself."))
    hold = LegalHold(user_id=user.id, reason=text, until=until, placed_by_id=actor.user_id, review_on=review_on)
    db.session.add(hold)
    db.session.flush()
    audit.record(actor, "legal_hold.place", subject=user, obj=hold, detail={"until": until, "review_on": review_on})
    return hold


def renew(actor: Actor, hold: LegalHold, review_on: date | None, reason: str | None,
          today: date | None = None) -> LegalHold:
    """Renew after review: a new review date and why the data must still be kept (audited, the reason
    stays on the hold for staff, not in the log)."""
    today = today or deadlines.today()
    if not hold.is_active(today):
        raise DomainError(_l("This hold is no longer in force; place a new one instead."))
    if review_on is None:
        raise DomainError(_l("Choose the next review date."), field="review_on")
    review_on = _review(review_on, hold.until, today)
    text = _reason(reason, _l("Write why the data must still be kept."))
    hold.review_on, hold.renewal_reason, hold.renewed_at = review_on, text, utcnow()
    db.session.flush()
    audit.record(actor, "legal_hold.renew", subject=hold.user_id, obj=hold, detail={"review_on": hold.review_on})
    return hold


def lift(actor: Actor, hold: LegalHold) -> LegalHold:
    if hold.lifted_at is not None:
        raise DomainError(_l("This hold is already lifted."))
    hold.lifted_at, hold.lifted_by_id = utcnow(), actor.user_id
    db.session.flush()
    audit.record(actor, "legal_hold.lift", subject=hold.user_id, obj=hold)
    return hold


def listing(include_lifted: bool = False) -> list[LegalHold]:
    query = sa.select(LegalHold).order_by(LegalHold.placed_at.desc())
    if not include_lifted:
        query = query.where(LegalHold.lifted_at.is_(None))
    return list(db.session.scalars(query))


def held_user_ids(today: date) -> set[int]:
    """The people with a hold in force today (past review included): retention keeps their data."""
    return {h.user_id for h in listing() if h.is_active(today)}


def overdue(today: date) -> list[LegalHold]:
    """Holds in force whose review date has passed without a renewal."""
    return [h for h in listing() if h.review_overdue(today)]


def remind_hold_reviews(actor: Actor, now: datetime) -> int:
    """Mail the privacy officers once about each hold whose review is REMIND_DAYS away or past (one
    mail per officer listing them; hold numbers and dates only); returns how many holds. Idempotent:
    a hold is reminded once per review date."""
    from portal.services.privacy.digest import officers

    today = deadlines.stockholm_date(now)
    due = [h for h in listing() if h.is_active(today) and h.reminded_for != h.review_on
           and h.review_on - timedelta(days=REMIND_DAYS) <= today]
    recipients = officers()
    if not due or not recipients:  # nobody to tell yet: the next run tries again
        return 0
    for officer in recipients:
        mail.queue(officer, _l("Legal holds to review"), "legal_hold_review", holds=due, today=today)
    for hold in due:
        hold.reminded_for = hold.review_on
        audit.record(actor, "legal_hold.review_reminder", subject=hold.user_id, obj=hold,
                     detail={"review_on": hold.review_on})
    db.session.flush()
    return len(due)


def find_person(email: str | None) -> User | None:
    from portal.services.accounts.registration import normalise_email

    try:
        address = normalise_email(email or "")
    except DomainError:
        return None
    return db.session.scalar(sa.select(User).where(User.email == address, User.is_disabled.is_(False)))
