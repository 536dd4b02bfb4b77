"""Organisations: registration, approval, agreements and invitations of representatives."""
from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from stdnum.exceptions import ValidationError
from stdnum.se import orgnr

from portal.extensions import db
from portal.models import Invitation, Organisation, OrganisationStatus, User, utcnow
from portal.services import DomainError, audit, mail
from portal.services.accounts import tokens
from portal.services.actors import Actor


def normalise_org_number(value: str) -> str:
    """Ten digits, checksum verified (python-stdnum); raises DomainError otherwise."""
    try:
        return orgnr.validate(value)
    except ValidationError:
        raise DomainError(_l("This is not a valid Swedish organisation number (check the digits)."),
                          field="org_number") from None


def create(actor: Actor, *, kind: str, name: str, org_number: str,
           status: OrganisationStatus = OrganisationStatus.PENDING) -> Organisation:
    number = normalise_org_number(org_number)
    if db.session.scalar(sa.select(Organisation.id).where(Organisation.org_number == number)):
        raise DomainError(_l("An organisation with this number is already registered. Ask its "
                             "administrator or our staff for an invitation."), field="org_number")
    organisation = Organisation(kind=kind, name=name.strip(), org_number=number, status=status.value)
    db.session.add(organisation)
    db.session.flush()
    audit.record(actor, "organisation.create", obj=organisation, detail={"kind": kind})
    return organisation


def decide(actor: Actor, organisation: Organisation, *, approve: bool) -> None:
    if organisation.status != OrganisationStatus.PENDING.value:
        raise DomainError(_l("This organisation has already been decided on."))
    organisation.status = (OrganisationStatus.APPROVED if approve else OrganisationStatus.REJECTED).value
    if approve and organisation.agreement_start is None:
        organisation.agreement_start = date.today()
    audit.record(actor, "organisation.approve" if approve else "organisation.reject", obj=organisation)
    for membership in organisation.memberships:
        mail.queue(membership.user, _l("Your organisation's registration"), "organisation_decided",
                   organisation=organisation, approved=approve)


def set_agreement(actor: Actor, organisation: Organisation, start: date | None, end: date | None) -> None:
    if start and end and end < start:
        raise DomainError(_l("The agreement cannot end before it starts."), field="agreement_end")
    organisation.agreement_start, organisation.agreement_end = start, end
    audit.record(actor, "organisation.agreement", obj=organisation,
                 detail={"start": start, "end": end})


def invite(actor: Actor, organisation: Organisation, email: str, *, is_admin: bool, link_for) -> Invitation:
    """Create an invitation and mail its signed link; `link_for(token)` builds the absolute URL."""
    address = email.strip().lower()
    if db.session.scalar(sa.select(User.id).where(User.email == address)):
        raise DomainError(_l("A person with this e-mail already has an account."), field="email")
    invitation = Invitation(organisation_id=organisation.id, email=address, is_admin=is_admin,
                            invited_by_id=actor.user_id)
    db.session.add(invitation)
    db.session.flush()
    token = tokens.issue("invitation", {"invitation": invitation.id})
    mail.queue(address, _l("Invitation to the Customersonly portal"), "invitation",
               organisation=organisation, link=link_for(token), inviter=actor.user)
    audit.record(actor, "invitation.create", obj=invitation, detail={"organisation": organisation.id})
    return invitation


def open_invitation(token: str) -> Invitation:
    payload = tokens.read("invitation", token)
    invitation = db.session.get(Invitation, payload.get("invitation"))
    if invitation is None or invitation.revoked_at or invitation.accepted_at:
        raise tokens.TokenError(_l("This invitation is no longer valid."))
    return invitation


def pending(kind: str | None = None) -> list[Organisation]:
    query = sa.select(Organisation).where(Organisation.status == OrganisationStatus.PENDING.value)
    if kind:
        query = query.where(Organisation.kind == kind)
    return list(db.session.scalars(query.order_by(Organisation.created_at)))


def revoke_invitation(actor: Actor, invitation: Invitation) -> None:
    if invitation.accepted_at is None and invitation.revoked_at is None:
        invitation.revoked_at = utcnow()
        audit.record(actor, "invitation.revoke", obj=invitation)
