"""Staff admins pause and restore a person's access: deactivation ends every session at once."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.models import User
from portal.services import DomainError, audit, mail
from portal.services.accounts import sign_in_sessions
from portal.services.actors import Actor

ERASED_DOMAIN = "@erased.invalid"


def deactivate(actor: Actor, user: User) -> int:
    """The person can no longer sign in and every open session ends; returns how many ended."""
    if actor.user_id == user.id:
        raise DomainError(_l("You cannot deactivate your own account."))
    if user.is_disabled:
        raise DomainError(_l("This account is already deactivated."))
    user.is_disabled = True
    ended = sign_in_sessions.end_all(None, user)
    user.session_epoch += 1
    audit.record(actor, "account.deactivate", subject=user, obj=user, detail={"sessions_ended": ended})
    mail.queue(user, _l("Your access to the Customersonly portal is paused"), "account_deactivated")
    return ended


def reactivate(actor: Actor, user: User) -> None:
    if user.email.endswith(ERASED_DOMAIN):
        raise DomainError(_l("This account was erased: it cannot be opened again."))
    if not user.is_disabled:
        raise DomainError(_l("This account is active."))
    user.is_disabled = False
    audit.record(actor, "account.reactivate", subject=user, obj=user)


def may_change(actor_user: User, user: User) -> bool:
    """Staff admins, for anyone but themselves; an erased account is beyond change."""
    return actor_user.has_staff_role("admin") and actor_user.id != user.id and not user.email.endswith(ERASED_DOMAIN)
