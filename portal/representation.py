"""Which organisation the signed-in representative acts for; views call this, services get the result."""
from __future__ import annotations

from flask import abort
from flask_login import current_user

from portal.models import Membership, Organisation
from portal.services.accounts import memberships


def current_membership(kind: str, *, approved: bool = True) -> Membership:
    """The person's active membership of an organisation of this kind; 403 when there is none
    (a former representative) or, with `approved`, when staff have not approved the organisation."""
    membership = memberships.current(current_user)
    if membership is None or membership.organisation.kind != kind:
        abort(403)
    if approved and not membership.organisation.is_approved:
        abort(403)
    return membership


def current_organisation(kind: str) -> Organisation:
    return current_membership(kind).organisation
