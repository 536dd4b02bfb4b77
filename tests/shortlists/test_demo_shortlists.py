"""`flask demo load` gives the shortlisting demo assignment approved candidates, Klara Konsult a question
waiting, and one released disclosure; the filled assignment a recorded selection after Klara's yes;
running it twice adds nothing."""
import sqlalchemy as sa

from portal.extensions import db
from portal.models import Assignment, ConsentRequest, Disclosure, Selection, ShortlistEntry, User
from portal.demo import seed


def _count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_demo_shortlists(app):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    counts = (_count(ShortlistEntry), _count(ConsentRequest), _count(Disclosure), _count(Selection))
    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    assert (_count(ShortlistEntry), _count(ConsentRequest), _count(Disclosure), _count(Selection)) == counts \
        == (5, 4, 3, 2)
    assignment = db.session.scalar(sa.select(Assignment).where(Assignment.state == "shortlisting"))
    entries = db.session.scalars(sa.select(ShortlistEntry).where(ShortlistEntry.assignment_id == assignment.id)).all()
    assert all(e.approved_at is not None for e in entries)
    klara = db.session.scalar(sa.select(User).where(User.email == seed.demo_email("konsult")))
    pending = db.session.scalar(sa.select(ConsentRequest).where(ConsentRequest.consultant_id == klara.id,
                                                               ConsentRequest.assignment_id == assignment.id))
    assert pending.status == "pending" and pending.kind == "disclosure"
    released = db.session.scalars(sa.select(Disclosure).where(Disclosure.assignment_id == assignment.id)).all()
    assert [d.organisation_id for d in released] == [assignment.organisation_id]
    assert all(e.card_k >= 5 for e in entries)
    selection = db.session.scalar(sa.select(Selection))
    assert selection.consultant_id == klara.id and selection.reason and selection.decided_by_id is not None
    assert db.session.get(Assignment, selection.assignment_id).state == "filled"
