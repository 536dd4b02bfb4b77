"""Each audience sees its own engagements and nothing else (R-CON-3, R-BUY-1, R-SUP-1, R-STAFF-2): another
consultant's, buyer's or supplier's engagement id, or a huge id, is "not found"; the buyer never sees more
of the consultant than was released; staff's every view of an engagement is audited."""
from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa

from portal.extensions import db
from portal.models import AuditEvent
from tests.engagements.conftest import EN, engage, released_entry, via_supplier
from tests.orgs.helpers import make_assignment

HUGE = [999999, 2**31 - 1, 2**31, 10**30]


def test_each_role_sees_its_pages_and_the_nav_link(scene, login_as):
    supplier = login_as("supplier", name="Sam Supplier")
    via_supplier(scene.assignment, scene.consultant.user, supplier.user, rate=1000)
    db.session.commit()
    assert scene.fill(rate="1300").status_code == 303
    engagement = scene.engagement()
    pages = {scene.consultant: "/consultant/engagements", scene.buyer: "/buyer/engagements",
             supplier: "/supplier/engagements", scene.staff: "/staff/engagements"}
    for portal, url in pages.items():
        listing = portal.get(url, headers=EN)
        assert listing.status_code == 200, url
        assert f"{url}/{engagement.id}" in listing.get_data(as_text=True), url
        detail = portal.get(f"{url}/{engagement.id}", headers=EN)
        assert detail.status_code == 200, url
        assert "Test lead for release" in detail.get_data(as_text=True)
    assert "/consultant/engagements" in scene.consultant.get("/consultant/", headers=EN).get_data(as_text=True)
    assert "/buyer/engagements" in scene.buyer.get("/buyer/", headers=EN).get_data(as_text=True)
    assert "/supplier/engagements" in supplier.get("/supplier/", headers=EN).get_data(as_text=True)
    assert "/staff/engagements" in scene.staff.get("/staff/", headers=EN).get_data(as_text=True)
    consultant = scene.consultant.get(f"/consultant/engagements/{engagement.id}", headers=EN).get_data(as_text=True)
    assert "Time reports" in consultant  # the weeks to report
    # the supplier sees its own offer's rate, not what the buyer pays; the consultant neither
    supplier_page = supplier.get(f"/supplier/engagements/{engagement.id}", headers=EN).get_data(as_text=True)
    assert "1000 SEK per hour" in supplier_page and "1300" not in supplier_page
    assert "K. Konsult (as the supplier knows her)" in supplier_page
    assert "1300" not in consultant and "Agreed with your employer" in consultant
    assert "1300 SEK per hour" in scene.buyer.get(f"/buyer/engagements/{engagement.id}",
                                                  headers=EN).get_data(as_text=True)


def test_other_tenants_ids_and_huge_ids_are_not_found(filled, login_as):
    engagement = filled.engagement()
    other_consultant = login_as("consultant")
    other_buyer = login_as("buyer")
    other_supplier = login_as("supplier")
    for portal, prefix in ((other_consultant, "/consultant"), (other_buyer, "/buyer"), (other_supplier, "/supplier")):
        assert portal.get(f"{prefix}/engagements/{engagement.id}").status_code == 404, prefix
        assert f"engagements/{engagement.id}" not in portal.get(f"{prefix}/engagements").get_data(as_text=True)
    # a direct engagement (no supplier) is no supplier's at all
    for portal, prefix in ((filled.consultant, "/consultant"), (filled.buyer, "/buyer"), (filled.staff, "/staff")):
        for number in HUGE:
            assert portal.get(f"{prefix}/engagements/{number}").status_code == 404, (prefix, number)
    for action in ("extend", "end-early", "approvers"):
        for number in HUGE:
            assert filled.staff.post(f"/staff/engagements/{number}/{action}").status_code == 404


def test_a_supplier_sees_only_its_own_consultants(scene, login_as):
    supplier = login_as("supplier")
    via_supplier(scene.assignment, scene.consultant.user, supplier.user)
    db.session.commit()
    assert scene.fill().status_code == 303
    mine = scene.engagement()
    # another buyer's assignment filled directly with another consultant
    other_buyer = login_as("buyer")
    nils = login_as("consultant", name="Nils Nybergsson").user
    other = make_assignment(other_buyer.user.memberships[0].organisation, state="shortlisting", title="Other job")
    theirs = engage(other, nils, scene.staff.user, rate=900)
    listing = supplier.get("/supplier/engagements", headers=EN).get_data(as_text=True)
    assert f"/supplier/engagements/{mine.id}" in listing and f"/supplier/engagements/{theirs.id}" not in listing
    assert supplier.get(f"/supplier/engagements/{theirs.id}").status_code == 404
    assert scene.buyer.get(f"/buyer/engagements/{theirs.id}").status_code == 404
    assert other_buyer.get(f"/buyer/engagements/{mine.id}").status_code == 404
    assert scene.consultant.get(f"/consultant/engagements/{theirs.id}").status_code == 404


def test_the_buyer_never_sees_more_than_was_released(scene, login_as):
    """Klara released her name; Nils released only his contact details, and Eva's release has run out:
    the buyer sees Klara's name, and only the pseudonyms of the others, never an e-mail or phone."""
    klara = scene.consultant.user
    nils = login_as("consultant", name="Nils Nybergsson", email="nils.n@example.se", phone="073-999 88 77").user
    eva = login_as("consultant", name="Eva Ekström", email="eva.e@example.se", phone="076-555 44 33").user
    nils_entry = released_entry(scene.assignment, nils, {"email": nils.email, "phone": nils.phone}, pseudonym="K-N1")
    eva_entry = released_entry(scene.assignment, eva, ends_on=date.today() - timedelta(days=1), pseudonym="K-E2")
    db.session.commit()
    ids = [scene.entry.id, nils_entry.id, eva_entry.id]
    data = {"entries": ids, "selection_reason": "Three of them.",
            **{f"rate-{i}": "1000" for i in ids}}
    assert scene.staff.post(f"/staff/assignments/{scene.assignment.id}/selection", data=data).status_code == 303
    listing = scene.buyer.get("/buyer/engagements", headers=EN).get_data(as_text=True)
    assert klara.name in listing and "Candidate K-N1" in listing and "Candidate K-E2" in listing
    pages = [listing] + [scene.buyer.get(href, headers=EN).get_data(as_text=True) for href in sorted(set(
        __import__("re").findall(r'href="(/buyer/engagements/\d+)"', listing)))]
    assert len(pages) == 4
    everything = "\n".join(pages)
    for value in (nils.name, nils.email, nils.phone, eva.name, eva.email, eva.phone, klara.email, klara.phone):
        assert value not in everything, value


def test_staff_views_are_audited(filled):
    engagement = filled.engagement()
    before = db.session.scalar(sa.select(sa.func.count(AuditEvent.id)).where(
        AuditEvent.action == "person.view", AuditEvent.subject_id == engagement.consultant_id))
    assert filled.staff.get(f"/staff/engagements/{engagement.id}").status_code == 200
    assert filled.staff.get("/staff/engagements").status_code == 200
    events = list(db.session.scalars(sa.select(AuditEvent).where(
        AuditEvent.action == "person.view", AuditEvent.subject_id == engagement.consultant_id)))
    assert len(events) == before + 2 and {e.object_type for e in events[-2:]} == {"Engagement"}
    approver_views = db.session.scalar(sa.select(sa.func.count(AuditEvent.id)).where(
        AuditEvent.action == "person.view", AuditEvent.subject_id == filled.buyer.user.id))
    assert approver_views >= 1  # the approver's name was shown too
