"""The demo has several buyers, suppliers and partners, assignments in every state; loading twice adds nothing."""
import sqlalchemy as sa

from portal.extensions import db
from portal.models import (Assignment, Offer, Organisation, PartnerDocument, ServiceRequest, SupplierConsultant)
from portal.demo import seed


def _counts():
    return [db.session.scalar(sa.select(sa.func.count(m.id))) for m in
            (Organisation, Assignment, Offer, SupplierConsultant, PartnerDocument, ServiceRequest)]


def test_demo_load_is_complete_and_idempotent(app):
    list(seed.load())
    db.session.commit()
    states = set(db.session.scalars(sa.select(Assignment.state)))
    assert states == {"draft", "submitted", "published", "shortlisting", "filled", "cancelled", "expired"}
    kinds = list(db.session.scalars(sa.select(Organisation.kind).where(Organisation.status == "approved")))
    assert all(kinds.count(k) >= 2 for k in ("buyer", "supplier", "partner"))
    first = _counts()
    list(seed.load())
    db.session.commit()
    assert _counts() == first
