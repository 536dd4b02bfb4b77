"""The demo shows issue 16 (R-CON-1, R-CON-3, R-CON-4, R-BUY-1, R-SUP-1): Klara Konsult's applications in every
state with answers, a saved search that mails, the LOU assignment's award criteria and her yes to be named,
an engagement approved by the buyer and one by the supplier with weeks in every state; loading twice adds
nothing; her register extract holds it and erasure is refused while she works."""
from __future__ import annotations

import sqlalchemy as sa

from portal.extensions import db
from portal.models import (Application, Assignment, Engagement, SavedSearch, TenderNaming, TimeEntry, TimeReport,
                           User)
from portal.demo import seed
from portal.services.privacy import erasure_plan, personal_data


def _count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_the_demo_has_applications_engagements_and_weeks_in_every_state(app):
    list(seed.load())
    db.session.commit()
    counts = [_count(m) for m in (Application, SavedSearch, TenderNaming, Engagement, TimeReport, TimeEntry)]
    list(seed.load())
    db.session.commit()
    assert [_count(m) for m in (Application, SavedSearch, TenderNaming, Engagement, TimeReport, TimeEntry)] == counts
    klara = db.session.scalar(sa.select(User).where(User.email == seed.demo_email("konsult")))
    mine = db.session.scalars(sa.select(Application).where(Application.consultant_id == klara.id)).all()
    assert {a.state for a in mine} == {"submitted", "shortlisted", "declined", "withdrawn"}
    assert all(a.answers for a in mine) and all(a.shortlist_entry_id for a in mine if a.state == "shortlisted")
    assert all(a.decision_reason for a in mine if a.state == "declined")
    assert db.session.scalar(sa.select(SavedSearch.notify).where(SavedSearch.user_id == klara.id))
    lou = db.session.scalar(sa.select(Assignment).where(Assignment.procurement_reference.is_not(None)))
    assert lou.evaluation_criteria and db.session.scalar(sa.select(TenderNaming.consultant_id)) == klara.id
    engagements = db.session.scalars(sa.select(Engagement).where(Engagement.consultant_id == klara.id)
                                     .order_by(Engagement.id)).all()
    assert sorted(e.approved_by_kind for e in engagements) == ["buyer", "supplier"]
    for engagement in engagements:
        approvers = {a.user.email for a in engagement.approvers}
        local = "kopare" if engagement.approved_by_kind == "buyer" else "leverantor"
        assert approvers == {seed.demo_email(local)} and engagement.state == "active"
        assert [c.kind for c in engagement.changes] == ["start", "extension"]
    buyer_weeks = db.session.scalars(sa.select(TimeReport).join(Engagement).where(
        Engagement.approved_by_kind == "buyer")).all()
    assert sorted(r.state for r in buyer_weeks) == ["approved", "approved", "draft", "rejected", "submitted"]
    assert all(r.decision_comment for r in buyer_weeks if r.state == "rejected")
    assert any(e.not_working for r in buyer_weeks for e in r.entries)
    assert all(e.minutes <= 24 * 60 for r in buyer_weeks for e in r.entries)
    data = personal_data.collect(klara)
    assert data["time_entries"] and data["applications"] and data["engagement_changes"]
    blocks = erasure_plan.plan(klara).blocks
    assert {b.what for b in blocks if b.ground == "ongoing_assignment"} >= {e.assignment.title for e in engagements}
