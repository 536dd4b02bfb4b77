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
