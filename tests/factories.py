"""Test data built through the models, flushed not committed: the test decides."""
from __future__ import annotations

import itertools

from stdnum import luhn

from portal.extensions import db
from portal.models import Membership, Organisation, User, utcnow
from portal.services.accounts import two_factor
from portal.services.accounts.passwords import hash_password

PASSWORD = "correct horse battery staple"
_HASH: dict[str, str] = {}
_seq = itertools.count(1)

STAFF_DEFAULT_ROLES = "recruiter"


def password_hash() -> str:
    # argon2 on purpose takes time; the tests hash the shared password once.
    if PASSWORD not in _HASH:
        _HASH[PASSWORD] = hash_password(PASSWORD)
    return _HASH[PASSWORD]


def org_number(n: int | None = None) -> str:
    nine = f"55{(n or next(_seq)):07d}"
    return nine + luhn.calc_check_digit(nine)


def make_organisation(kind: str = "buyer", status: str = "approved", **fields) -> Organisation:
    n = next(_seq)
    organisation = Organisation(kind=kind, name=fields.pop("name", f"Org {n} AB"), org_number=org_number(n),
                                status=status, **fields)
    db.session.add(organisation)
    db.session.flush()
    return organisation


def make_user(role: str = "consultant", organisation: Organisation | None = None, is_admin: bool = True,
              **fields) -> User:
    n = next(_seq)
    if role == "staff":
        fields.setdefault("staff_roles", STAFF_DEFAULT_ROLES)
        fields.setdefault("totp_secret", two_factor.new_secret())
        fields.setdefault("totp_enabled", True)
    user = User(email=fields.pop("email", f"person{n}@example.se"), password_hash=password_hash(), role=role,
                name=fields.pop("name", f"Person {n}"), email_verified_at=fields.pop("email_verified_at", utcnow()),
                **fields)
    db.session.add(user)
    db.session.flush()
    if role in ("buyer", "supplier", "partner"):
        organisation = organisation or make_organisation(kind=role)
        db.session.add(Membership(user_id=user.id, organisation_id=organisation.id, is_admin=is_admin))
        db.session.flush()
    return user


def accept_offer(offer, user: User | None = None):
    """The consultant agrees to a supplier's offer, as in their portal, so it reaches staff (R-CON-9).
    An unclaimed record is first claimed by `user`, or by a new consultant account."""
    from portal.services.actors import Actor
    from portal.services.assignments import offers

    record = offer.consultant
    if record.claimed_by_user_id is None:
        user = user or make_user(role="consultant")
        record.claimed_by_user_id, record.claimed_at = user.id, utcnow()
    else:
        user = user or db.session.get(User, record.claimed_by_user_id)
    offers.consultant_accept(Actor(user=user), offer)
    db.session.flush()
    return offer


def selected_with_name(assignment, consultant: User, staff: User | None = None):
    """Set up what filling an assignment records (R-STAFF-2), as rows: a released shortlist entry, the
    consultant's yes to release their name, the release, and the selection. For tests whose subject
    comes after that (ratings, rankings), not the path itself (tests/shortlists covers the path)."""
    import json
    from datetime import date, timedelta

    from portal.models import ConsentRequest, Disclosure, Selection, ShortlistEntry

    entry = ShortlistEntry(assignment_id=assignment.id, consultant_id=consultant.id, reason="Fits", pseudonym="K-TEST",
                           anonymized_card_json="{}", card_k=5, state="released")
    db.session.add(entry)
    db.session.flush()
    yes = ConsentRequest(kind="disclosure", consultant_id=consultant.id, assignment_id=assignment.id,
                         shortlist_entry_id=entry.id, answer_by=utcnow(), status="accepted", answer=True,
                         answered_at=utcnow(), answered_via="portal", fields_json='["name"]')
    db.session.add(yes)
    db.session.flush()
    db.session.add(Disclosure(consultant_id=consultant.id, organisation_id=assignment.organisation_id,
                              assignment_id=assignment.id, shortlist_entry_id=entry.id, consent_request_id=yes.id,
                              fields_json='["name"]', released_json=json.dumps({"name": consultant.name}),
                              reason="Interview", ends_on=date.today() + timedelta(days=90)))
    db.session.add(Selection(assignment_id=assignment.id, shortlist_entry_id=entry.id, consultant_id=consultant.id,
                             decided_by_id=staff.id if staff else None, reason="Best fit."))
    db.session.flush()
    return entry
