"""The demo's privacy requests: one overdue, one near due, one extended, one from a visitor; loaded once."""
import sqlalchemy as sa

from portal.extensions import db
from portal.models import PrivacyRequest
from portal.demo import seed
from portal.services.privacy import privacy_requests


def test_demo_requests_cover_the_queues_highlights_and_load_once(app):
    list(seed.load())
    list(seed.load())
    requests = db.session.scalars(sa.select(PrivacyRequest).order_by(PrivacyRequest.id)).all()
    assert len(requests) == 5  # the fifth is Klara's open dispute (demo_restrictions)
    assert requests[4].kind == "rectification" and requests[4].state == "verified"
    assert [privacy_requests.urgency(r) for r in requests[:2]] == ["overdue", "near_due"]
    assert requests[2].state == "extended" and requests[2].extended_at is not None
    assert requests[3].user_id is None and requests[3].state == "verified"
