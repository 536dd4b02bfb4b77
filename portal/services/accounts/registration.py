"""Accounts: registration, e-mail verification, sign-in, passwords (R-SEC-2)."""
from __future__ import annotations

from typing import Callable

import sqlalchemy as sa
from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l

from portal.extensions import db
from portal.links import external_url
from portal.models import Membership, Organisation, OrganisationKind, Role, User, utcnow
from portal.services import DomainError, audit, mail
from portal.services.accounts import sign_in_sessions, tokens
from portal.services.organisations import onboarding
from portal.services.actors import Actor
from portal.services.accounts.passwords import hash_password, needs_rehash, verify_password

LinkFor = Callable[[str], str]


def normalise_email(value: str) -> str:
    try:
        return validate_email(value.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        raise DomainError(_l("Enter a valid e-mail address."), field="email") from None


def find_by_email(email: str) -> User | None:
    return db.session.scalar(sa.select(User).where(User.email == email.strip().lower()))


def _new_user(*, email: str, password: str, role: Role, name: str, locale: str | None, **fields) -> User:
    address = normalise_email(email)
    if find_by_email(address) is not None:
        raise DomainError(_l("An account with this e-mail already exists. Sign in, or reset your password."),
                          field="email")
    user = User(email=address, password_hash=hash_password(password), role=role.value, name=name.strip(),
                locale=locale, **fields)
    db.session.add(user)
    db.session.flush()
    return user


def _known_address(actor: Actor, email: str, password: str) -> bool:
    """True when the address has an account: its owner is mailed, and the caller answers exactly as for a
    new account ("check your mail"), so registering tells nobody who has an account (issue 12, finding 7)."""
    user = find_by_email(normalise_email(email))
    if user is None:
        return False
    hash_password(password)  # the same work as creating the account: the answer takes as long
    if not user.is_disabled:
        mail.queue(user, _l("Someone tried to register with your e-mail address"), "registration_attempt",
                   login_link=external_url("auth.login"), reset_link=external_url("auth.forgot_password"))
    audit.record(actor, "account.register_known_address", subject=user, obj=user)
    return True


def register_consultant(actor: Actor, *, name: str, email: str, password: str, locale: str | None,
                        link_for: LinkFor) -> User | None:
    """The new account, or None when the address has one already (its owner is told; nothing is written)."""
    if _known_address(actor, email, password):
        return None
    user = _new_user(email=email, password=password, role=Role.CONSULTANT, name=name, locale=locale)
    audit.record(actor, "account.register", subject=user, obj=user, detail={"role": user.role})
    send_verification(user, link_for)
    return user


def register_verified_consultant(actor: Actor, *, name: str, email: str, password: str,
                                 locale: str | None) -> User:
    """A consultant account for someone who followed a mailed link, which proves the address."""
    user = _new_user(email=email, password=password, role=Role.CONSULTANT, name=name, locale=locale,
                     email_verified_at=utcnow())
    audit.record(actor, "account.register", subject=user, obj=user, detail={"role": user.role})
    return user


def register_representative(actor: Actor, *, kind: str, organisation_name: str, org_number: str, name: str,
                            job_title: str, phone: str | None, email: str, password: str,
                            locale: str | None, link_for: LinkFor) -> User | None:
    """A new organisation awaiting staff approval, and its first representative as its administrator; None
    when the address has an account already (its owner is told; no organisation is created either)."""
    if kind not in {k.value for k in OrganisationKind}:
        raise DomainError(_l("Choose what kind of organisation you represent."), field="kind")
    if find_by_email(normalise_email(email)) is not None:
        with db.session.begin_nested() as trial:  # the organisation's own errors show either way
            onboarding.create(actor, kind=kind, name=organisation_name, org_number=org_number)
            trial.rollback()
        _known_address(actor, email, password)
        return None
    organisation = onboarding.create(actor, kind=kind, name=organisation_name, org_number=org_number)
    user = _new_user(email=email, password=password, role=Role(kind), name=name, locale=locale,
                     job_title=job_title.strip(), phone=(phone or "").strip() or None)
    db.session.add(Membership(user_id=user.id, organisation_id=organisation.id, is_admin=True))
    db.session.flush()
    audit.record(actor, "account.register", subject=user, obj=user, detail={"role": user.role})
    send_verification(user, link_for)
    return user


def accept_invitation(actor: Actor, token: str, *, name: str, job_title: str, phone: str | None,
                      password: str, locale: str | None) -> User:
    invitation = onboarding.open_invitation(token)
    tokens.spend("invitation", token)
    organisation: Organisation = invitation.organisation
    user = _new_user(email=invitation.email, password=password, role=Role(organisation.kind), name=name,
                     locale=locale, job_title=job_title.strip(), phone=(phone or "").strip() or None,
                     # The link reached this address, which proves it.
                     email_verified_at=utcnow())
    db.session.add(Membership(user_id=user.id, organisation_id=organisation.id, is_admin=invitation.is_admin))
    invitation.accepted_at = utcnow()
    db.session.flush()
    audit.record(actor, "invitation.accept", subject=user, obj=invitation)
    return user


def send_verification(user: User, link_for: LinkFor) -> None:
    token = tokens.issue("verify_email", {"user": user.id, "email": user.email})
    mail.queue(user, _l("Confirm your e-mail address"), "verify_email", link=link_for(token))


def verify_email(actor: Actor, token: str) -> User:
    payload = tokens.read("verify_email", token)
    user = db.session.get(User, payload.get("user"))
    if user is None or user.email != payload.get("email"):
        raise tokens.TokenError(_l("This link is not valid. Check that you copied all of it."))
    tokens.spend("verify_email", token)
    user.email_verified_at = user.email_verified_at or utcnow()
    audit.record(actor, "account.verify_email", subject=user, obj=user)
    return user


def authenticate(email: str, password: str) -> User | None:
    """The user when e-mail and password match; None otherwise, in the same time either way."""
    user = find_by_email(email)
    ok = verify_password(user.password_hash if user else None, password)
    if not ok or user is None or user.is_disabled:
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


def record_login(actor: Actor, user: User) -> None:
    user.last_login_at = user.last_active_at = utcnow()
    audit.record(actor, "auth.login", subject=user, obj=user)


def request_password_reset(actor: Actor, email: str, link_for: LinkFor) -> None:
    """Mail a reset link when the account exists; say nothing either way."""
    user = find_by_email(email)
    if user is None or user.is_disabled:
        return
    token = tokens.issue("reset_password", {"user": user.id, "epoch": user.session_epoch})
    mail.queue(user, _l("Reset your password"), "reset_password", link=link_for(token))
    audit.record(actor, "auth.reset_requested", subject=user, obj=user)


def user_for_reset(token: str) -> User:
    payload = tokens.read("reset_password", token)
    user = db.session.get(User, payload.get("user"))
    if user is None or user.session_epoch != payload.get("epoch"):
        raise tokens.TokenError(_l("This link has already been used."))
    return user


def reset_password(actor: Actor, token: str, new_password: str) -> User:
    user = user_for_reset(token)
    tokens.spend("reset_password", token)
    _set_password(user, new_password)
    # Following the link proves the address, too.
    user.email_verified_at = user.email_verified_at or utcnow()
    audit.record(actor, "auth.password_reset", subject=user, obj=user)
    return user


def change_password(actor: Actor, user: User, current: str, new_password: str) -> None:
    if not verify_password(user.password_hash, current):
        raise DomainError(_l("Your current password is not correct."), field="current_password")
    _set_password(user, new_password)
    audit.record(actor, "auth.password_change", subject=user, obj=user)


def _set_password(user: User, new_password: str) -> None:
    user.password_hash = hash_password(new_password)
    user.session_epoch += 1  # cookies from before the session table
    sign_in_sessions.end_all(None, user)  # every session ends; the view opens a new one where it should


def set_locale(user: User, locale: str) -> None:
    user.locale = locale
