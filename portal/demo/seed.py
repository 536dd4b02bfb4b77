"""Demo accounts and organisations for `make run`. Idempotent: a second load changes nothing."""
from __future__ import annotations

from datetime import date, timedelta
from typing import Iterator

import pyotp
import sqlalchemy as sa
from flask import current_app
from stdnum import luhn

from portal.extensions import db
from portal.models import Membership, Organisation, OrganisationStatus, PrivacyRequest, User, utcnow
from portal.services import audit
from portal.demo import assignments, shortlists
from portal.services.consent import banner_text, cookie_registry
from portal.services.privacy import deadlines, privacy_requests
from portal.services.actors import SYSTEM
from portal.services.accounts.passwords import hash_password

DEMO_PASSWORD = "portal-demo-2026"  # nosec B105  # public in the README; demo load refuses outside demo
# Public on purpose: the demo's staff accounts share this TOTP secret, the README shows it.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # nosec B105
DOMAIN = "demo.customersonly.se"


def org_number(nine_digits: str) -> str:
    return nine_digits + luhn.calc_check_digit(nine_digits)


ORGANISATIONS = [
    # kind, name, first nine digits, status, agreement start
    ("buyer", "Nordvik Energi AB", "556123456", OrganisationStatus.APPROVED, date(2025, 1, 1)),
    ("buyer", "Skärgårdsbanken AB", "556234567", OrganisationStatus.APPROVED, date(2024, 6, 1)),
    ("supplier", "Kodkraft Konsult AB", "556345678", OrganisationStatus.APPROVED, date(2025, 3, 1)),
    ("supplier", "Fjällsäker IT AB", "556456789", OrganisationStatus.APPROVED, date(2023, 9, 1)),
    ("partner", "Mälardalens Techhub ek. för.", "769612345", OrganisationStatus.APPROVED, date(2024, 1, 1)),
    ("buyer", "Väntande Logistik AB", "556567890", OrganisationStatus.PENDING, None),
    ("partner", "Norrlands Innovationsnätverk AB", "556678901", OrganisationStatus.APPROVED, date(2025, 5, 1)),
]

PEOPLE = [
    # e-mail local part, name, role, staff roles, organisation index or None, org admin, job title
    ("admin", "Astrid Admin", "staff", "admin recruiter finance privacy_officer", None, False, None),
    ("rekryterare", "Rasmus Rekryterare", "staff", "recruiter", None, False, None),
    ("integritet", "Ingrid Integritet", "staff", "privacy_officer", None, False, None),
    ("ekonomi", "Elias Ekonomi", "staff", "finance", None, False, None),
    ("konsult", "Klara Konsult", "consultant", "", None, False, None),
    ("konsult2", "Nils Nyberg", "consultant", "", None, False, None),
    ("konsult3", "Maja Malm", "consultant", "", None, False, None),
    ("kopare", "Karl Köpare", "buyer", "", 0, True, "Inköpschef"),
    ("kopare2", "Kim Beställare", "buyer", "", 1, True, "IT-chef"),
    ("leverantor", "Lena Leverantör", "supplier", "", 2, True, "Säljansvarig"),
    ("leverantor2", "Leo Levin", "supplier", "", 3, True, "VD"),
    ("partner", "Petra Partner", "partner", "", 4, True, "Verksamhetsledare"),
    ("vantar", "Vera Väntan", "buyer", "", 5, True, "Upphandlare"),
    ("partner2", "Paul Partnersson", "partner", "", 6, True, "Samarbetsansvarig"),
]


def demo_email(local: str) -> str:
    return f"{local}@{DOMAIN}"


def _organisations() -> list[Organisation]:
    result = []
    for kind, name, digits, status, start in ORGANISATIONS:
        number = org_number(digits)
        organisation = db.session.scalar(sa.select(Organisation).where(Organisation.org_number == number))
        if organisation is None:
            organisation = Organisation(kind=kind, name=name, org_number=number, status=status.value,
                                        agreement_start=start)
            db.session.add(organisation)
            db.session.flush()
            audit.record(SYSTEM, "organisation.create", obj=organisation, detail={"kind": kind, "demo": True})
        result.append(organisation)
    return result


def _cookie_consent() -> Iterator[str]:
    """The cookie registry as the portal really uses it, and the banner version it makes."""
    config = current_app.config
    added = cookie_registry.seed(config["CONSENT_COOKIE_NAME"], config["SESSION_COOKIE_NAME"],
                                 config["CONSENT_MAX_AGE_DAYS"])
    for entry in added:
        yield f"registered {entry.category:<11} {entry.name}"
    version = banner_text.version_for(banner_text.build())
    yield f"consent banner version {version.id} ({version.digest[:12]})"


def load() -> Iterator[str]:
    organisations = _organisations()
    password_hash = hash_password(DEMO_PASSWORD)
    for local, name, role, staff_roles, org_index, is_admin, title in PEOPLE:
        email = demo_email(local)
        if db.session.scalar(sa.select(User.id).where(User.email == email)):
            continue
        user = User(email=email, password_hash=password_hash, role=role, staff_roles=staff_roles, name=name,
                    job_title=title, locale="sv", email_verified_at=utcnow(),
                    totp_secret=DEMO_TOTP_SECRET if role == "staff" else None, totp_enabled=role == "staff")
        db.session.add(user)
        db.session.flush()
        if org_index is not None:
            db.session.add(Membership(user_id=user.id, organisation_id=organisations[org_index].id,
                                      is_admin=is_admin))
        audit.record(SYSTEM, "account.register", subject=user, obj=user, detail={"role": role, "demo": True})
        yield f"created {role:<10} {email}"
    db.session.flush()
    yield from _cookie_consent()
    people = {local: db.session.scalar(sa.select(User).where(User.email == demo_email(local)))
              for local, *_ in PEOPLE}
    yield from assignments.load(organisations, people)
    from portal.demo import profiles

    consultant = db.session.scalar(sa.select(User).where(User.email == demo_email("konsult")))
    yield from profiles.load(consultant, password_hash)
    yield from _privacy_requests()
    yield from shortlists.load(people)
    from portal.demo import applications, engagements

    yield from engagements.load(people)
    yield from applications.load(people)
    from portal.demo import restrictions
    from portal.services.privacy import data_transfer

    yield from restrictions.load(people)
    yield from data_transfer.load_demo(consultant)
    from portal.demo import erasure

    yield from erasure.load(demo_email, password_hash)
    from portal.demo import processors

    yield from processors.load()
    from portal.demo import marketing

    yield from marketing.load()
    from portal.demo import retention

    yield from retention.load(demo_email)
    uri = pyotp.TOTP(DEMO_TOTP_SECRET).provisioning_uri(name=demo_email("admin"), issuer_name="Customersonly demo")
    yield f"demo password for every account: {DEMO_PASSWORD}"
    yield f"staff TOTP secret: {DEMO_TOTP_SECRET}  (provisioning URI: {uri})"
    yield "current staff code: flask users totp-code admin@" + DOMAIN


DEMO_VISITOR = ("Valter Besökare", "valter.besokare@example.se")


def _privacy_requests() -> Iterator[str]:
    """A few requests in the privacy officer's queue: overdue, near due, extended, new (issue 6)."""
    consultant = db.session.scalar(sa.select(User).where(User.email == demo_email("konsult")))
    if consultant is None or db.session.scalar(
            sa.select(PrivacyRequest.id).where(PrivacyRequest.user_id == consultant.id).limit(1)):
        return
    today = date.today()
    overdue = privacy_requests.open_for_user(SYSTEM, consultant, "access", "Demo: what do you hold about me?",
                                             today=today - timedelta(days=40))
    # Due tomorrow, or at most five days ahead once weekends and holidays have moved it.
    near_received = deadlines.add_months(today, -1) + timedelta(days=1)
    privacy_requests.open_for_user(SYSTEM, consultant, "rectification", "Demo: my reference's statement is wrong.",
                                   today=near_received)
    extended = privacy_requests.open_for_user(SYSTEM, consultant, "portability", "Demo: my data as a file, please.",
                                              today=today - timedelta(days=20))
    privacy_requests.extend(SYSTEM, extended, "Demo: the export spans several systems.", today=today - timedelta(days=15))
    name, email = DEMO_VISITOR
    visitor = PrivacyRequest(kind="erasure", state="verified", name=name, email=email, locale="sv",
                                              details="Demo: erase everything about me.", received_on=today,
                                              deadline=deadlines.one_month_deadline(today), verified_at=utcnow())
    db.session.add(visitor)
    db.session.flush()
    audit.record(SYSTEM, "privacy_request.received", obj=visitor, detail={"kind": "erasure", "demo": True})
    yield f"created 4 privacy requests (overdue #{overdue.id}, near due, extended #{extended.id}, visitor)"
