"""Representatives and partner contacts (R-BUY-6, R-SUP-6, R-PAR-2): deleted after the grace period of
their organisation's agreement (default 30 days, from the schedule) once their membership or the
agreement ended; someone still representing an organisation in force is kept."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

import sqlalchemy as sa

from portal.extensions import db
from portal.models import Membership, Organisation
from portal.services.actors import SYSTEM
from portal.services.privacy import legal_holds
from portal.services.retention import memberships_end, schedule
from tests import factories
from tests.retention.test_inactivity import is_erased, run_on

T = date(2030, 6, 1)
GRACE = 30


def organisation(kind="buyer", end: date | None = None, **fields) -> Organisation:
    return factories.make_organisation(kind=kind, agreement_start=date(2025, 1, 1), agreement_end=end, **fields)


def test_the_default_grace_comes_from_the_schedule(app):
    assert schedule.period_days("representative", "representative") == GRACE
    assert schedule.period_days("partner_contact", "partner") == GRACE


def test_agreement_end_deletes_the_members_after_the_grace_period(app):
    ended = T - timedelta(days=GRACE)  # the agreement's last day; it ends the day after
    company = organisation(end=ended)
    buyer = factories.make_user("buyer", organisation=company)
    other = factories.make_user("buyer", organisation=organisation())  # agreement in force
    db.session.commit()
    assert not company.agreement_in_force(T)
    assert run_on(T).counts["deleted_representatives"] == 0 and not is_erased(buyer)  # grace until tomorrow
    outcome = run_on(T + timedelta(days=1))
    assert outcome.counts["deleted_representatives"] == 1 and is_erased(buyer) and not is_erased(other)


def test_membership_end_deletes_after_the_grace_period(app):
    supplier = factories.make_user("supplier")
    membership = db.session.scalar(sa.select(Membership).where(Membership.user_id == supplier.id))
    membership.ended_at = datetime.combine(T - timedelta(days=GRACE - 1), time(9))
    db.session.commit()
    assert [d.user_id for d in memberships_end.to_delete(datetime.combine(T, time(23)))] == []
    outcome = run_on(T + timedelta(days=1))
    assert outcome.counts["deleted_representatives"] == 1 and is_erased(supplier)


def test_partner_contacts_follow_their_own_rule_and_the_agreements_own_grace(app):
    partner_org = organisation("partner", end=T - timedelta(days=11), retention_grace_days=10)
    partner = factories.make_user("partner", organisation=partner_org)
    db.session.commit()
    assert run_on(T - timedelta(days=1)).counts["deleted_partners"] == 0
    outcome = run_on(T)
    assert outcome.counts["deleted_partners"] == 1 and is_erased(partner)


def test_a_person_still_representing_an_organisation_in_force_is_kept(app):
    old, current = organisation(end=T - timedelta(days=100)), organisation()
    buyer = factories.make_user("buyer", organisation=old)
    db.session.add(Membership(user_id=buyer.id, organisation_id=current.id))
    db.session.commit()
    assert run_on(T).counts["deleted_representatives"] == 0 and not is_erased(buyer)


def test_a_legal_hold_keeps_a_former_representative(app):
    buyer = factories.make_user("buyer", organisation=organisation(end=T - timedelta(days=100)))
    legal_holds.place(SYSTEM, buyer, "A dispute with the buyer", None, today=T)
    db.session.commit()
    outcome = run_on(T)
    assert outcome.counts["held"] == 1 and outcome.counts["deleted_representatives"] == 0 and not is_erased(buyer)


def test_the_dry_run_gives_the_reason_and_deletes_nobody(app):
    buyer = factories.make_user("buyer", organisation=organisation(end=T - timedelta(days=100)))
    db.session.commit()
    outcome = run_on(T, dry_run=True)
    assert [(d.user_id, d.action) for d in outcome.due] == [(buyer.id, "delete_representative")]
    assert outcome.due[0].reason.startswith("agreement_ended_")
    assert not is_erased(buyer)
