"""One organisation never reaches another's objects: every object route, tried with a foreign id, is 404.

The list of routes is checked against the URL map, so a new object route without a case here fails.
"""
from __future__ import annotations

from datetime import date

import pytest

from portal.extensions import db
from portal.models import Membership, Offer, SupplierConsultant, TimeReport
from portal.services.organisations import partnerships, service_requests
from portal.services.shortlists import picks
from portal.services.actors import SYSTEM, Actor
from tests import factories
from tests.shortlists.conftest import pool
from tests.orgs.helpers import assignment_form, make_assignment
from tests.timesheets.approval_factories import report, setting

# endpoint → (method, url template, who tries it)
CASES = {
    "buyer.assignment": ("GET", "/buyer/assignments/{draft}", "buyer"),
    "buyer.assignment_edit": ("GET", "/buyer/assignments/{draft}/edit", "buyer"),
    "buyer.assignment_edit:post": ("POST", "/buyer/assignments/{draft}/edit", "buyer"),
    "buyer.assignment_state": ("POST", "/buyer/assignments/{draft}/state", "buyer"),
    "buyer.assignment_rate": ("POST", "/buyer/assignments/{filled}/rate", "buyer"),
    "buyer.remove_colleague": ("POST", "/buyer/colleagues/{buyer_colleague}/remove", "buyer"),
    "buyer.shortlist_meet": ("POST", "/buyer/assignments/{shortlisting}/shortlist/{entry}/meet", "buyer"),
    "supplier.assignment": ("GET", "/supplier/assignments/{draft}", "supplier"),
    "supplier.assignment_comment": ("POST", "/supplier/assignments/{draft}/comment", "supplier"),
    "supplier.offer_new": ("GET", "/supplier/assignments/{draft}/offer", "supplier"),
    "supplier.offer_new:post": ("POST", "/supplier/assignments/{draft}/offer", "supplier"),
    "supplier.offer": ("GET", "/supplier/offers/{offer}", "supplier"),
    "supplier.offer_withdraw": ("POST", "/supplier/offers/{offer}/withdraw", "supplier"),
    "supplier.remove_colleague": ("POST", "/supplier/colleagues/{supplier_colleague}/remove", "supplier"),
    "buyer.time_approval": ("GET", "/buyer/time-approvals/{buyer_week}", "buyer"),
    "buyer.time_approval:post": ("POST", "/buyer/time-approvals/{buyer_week}", "buyer"),
    "supplier.time_approval": ("GET", "/supplier/time-approvals/{supplier_week}", "supplier"),
    "supplier.time_approval:post": ("POST", "/supplier/time-approvals/{supplier_week}", "supplier"),
    "buyer.engagement": ("GET", "/buyer/engagements/{buyer_engagement}", "buyer"),
    "supplier.engagement": ("GET", "/supplier/engagements/{supplier_engagement}", "supplier"),
    "partner.document": ("GET", "/partner/documents/{document}", "partner"),
    "partner.remove_colleague": ("POST", "/partner/colleagues/{partner_colleague}/remove", "partner"),
    "support.detail": ("GET", "/support/{request}", "*"),
    "support.message": ("POST", "/support/{request}/messages", "*"),
    "support.close": ("POST", "/support/{request}/close", "*"),
}


@pytest.fixture
def world(app):
    """Objects of organisation A (and A's people); the tests act as B."""
    buyer_a = factories.make_user(role="buyer")
    org_a = buyer_a.active_membership().organisation
    supplier_a = factories.make_user(role="supplier")
    partner_a = factories.make_user(role="partner")
    ids = {"draft": make_assignment(org_a, state="draft").id, "filled": make_assignment(org_a, state="filled").id}
    published = make_assignment(org_a)
    supplier_org = supplier_a.active_membership().organisation
    consultant = SupplierConsultant(organisation_id=supplier_org.id, name="Anna A", email="anna@a.se")
    db.session.add(consultant)
    db.session.flush()
    offer = Offer(assignment_id=published.id, organisation_id=supplier_org.id, supplier_consultant_id=consultant.id,
                  rate=1000, state="submitted")
    db.session.add(offer)
    db.session.flush()
    ids["offer"] = offer.id
    shortlisting = make_assignment(org_a, state="shortlisting")
    pool(5)  # no card without five consultants who share it
    entry = picks.add(SYSTEM, shortlisting, factories.make_user(role="consultant").id, "Fits")
    entry.state = "approved_for_buyer"
    ids["shortlisting"], ids["entry"] = shortlisting.id, entry.id
    for kind, user in (("buyer", buyer_a), ("supplier", supplier_a), ("partner", partner_a)):
        colleague = factories.make_user(role=kind, organisation=user.active_membership().organisation,
                                        is_admin=False)
        ids[f"{kind}_colleague"] = colleague.active_membership().id
    ids["document"] = partnerships.share_document(
        SYSTEM, partner_a.active_membership().organisation, title="Plan", filename="plan.txt",
        content_type="text/plain", data=b"secret plan").id
    ids["request"] = service_requests.open_request(Actor(user=buyer_a), buyer_a, subject="Help",
                                                   body="Mine only").id
    for side in ("buyer", "supplier"):
        engagement = setting(approved_by=side).engagement
        ids[f"{side}_engagement"], ids[f"{side}_week"] = engagement.id, report(engagement, date(2026, 6, 8)).id
    db.session.commit()
    return ids


def test_every_object_route_has_a_foreign_id_case(app):
    object_routes = {rule.endpoint for rule in app.url_map.iter_rules()
                     if rule.arguments and rule.endpoint.split(".")[0] in {"buyer", "supplier", "partner", "support"}}
    covered = {name.split(":")[0] for name in CASES}
    assert object_routes - covered == set()


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_foreign_id_is_not_found(login_as, world, case):
    method, template, role = CASES[case]
    url = template.format(**world)
    roles = ["consultant", "buyer", "supplier", "partner"] if role == "*" else [role]
    for who in roles:
        other = login_as(who, is_admin=True)  # an administrator of another organisation
        data = assignment_form() if case.endswith(":post") and who == "buyer" else {"to": "cancelled", "body": "x"}
        response = other.open(url, method=method, data=data)
        assert response.status_code == 404, f"{method} {url} as another {who}: {response.status_code}"
    # and nothing changed
    assert db.session.get(Membership, world["buyer_colleague"]).ended_at is None
    assert db.session.get(Offer, world["offer"]).state == "submitted"
    assert db.session.get(TimeReport, world["buyer_week"]).state == "submitted"


def test_the_owner_reaches_the_same_objects(app, world, client):
    """The 404s above are about ownership, not broken routes: the owners get their pages."""
    from tests.conftest import sign_in

    app.config["WTF_CSRF_ENABLED"] = False
    offer = db.session.get(Offer, world["offer"])
    owner = db.session.get(Membership, world["supplier_colleague"]).organisation.memberships[0].user
    sign_in(client, owner)
    assert client.get(f"/supplier/offers/{offer.id}").status_code == 200


def test_a_document_goes_only_to_its_partner_as_an_attachment(login_as, world):
    partner_org = db.session.get(Membership, world["partner_colleague"]).organisation
    own = login_as("partner", organisation=partner_org)
    with own.get(f"/partner/documents/{world['document']}") as response:
        assert response.status_code == 200 and response.data == b"secret plan"
        assert response.headers["Content-Disposition"].startswith("attachment")
