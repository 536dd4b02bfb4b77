"""Each time a buyer organisation is shown a consultant's anonymous card (R-CON-9): one row per card and
day, so the consultant can see where their card went (assignment, organisation, date) before any yes."""
from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from portal.extensions import db
from portal.models import CardShowing, Organisation, User


def record(organisation: Organisation, assignment_id: int, rows: list[dict], today: date | None = None) -> int:
    """Log the cards in `rows` (picks.buyer_rows) as shown today; a card already logged today is not
    logged again. Returns how many were new."""
    today = today or date.today()
    shown = [row for row in rows if row.get("card")]
    if not shown:
        return 0
    seen = set(db.session.scalars(sa.select(CardShowing.shortlist_entry_id).where(
        CardShowing.shortlist_entry_id.in_([row["id"] for row in shown]), CardShowing.shown_on == today)))
    new = [CardShowing(consultant_id=row["consultant_id"], shortlist_entry_id=row["id"], assignment_id=assignment_id,
                       organisation_id=organisation.id, shown_on=today) for row in shown if row["id"] not in seen]
    try:
        with db.session.begin_nested():  # two buyers' requests at once: the other one logged it already
            db.session.add_all(new)
    except IntegrityError:
        return 0
    return len(new)


def of_consultant(consultant: User) -> list[CardShowing]:
    return list(db.session.scalars(sa.select(CardShowing).where(CardShowing.consultant_id == consultant.id)
                                   .order_by(CardShowing.shown_on.desc(), CardShowing.id.desc())))
