"""The site map reaches every page (issue 18): the HTML, accessibility and reflow checks walk only what it lists."""
from __future__ import annotations

import sqlalchemy as sa

from portal.extensions import db
from portal.models import User
from portal.demo import seed
from tests import site_map
from tests.conftest import sign_in


def test_every_get_route_with_arguments_has_an_entry(app):
    site_map.load_demo()
    with app.test_request_context():
        assert site_map.unreached(app) == []


def test_a_route_without_an_entry_makes_urls_fail(app):
    site_map.load_demo()
    app.add_url_rule("/nowhere/<int:thing_id>", "nowhere", lambda thing_id: "")
    with app.test_request_context():
        assert site_map.unreached(app) == ["nowhere"]
        try:
            site_map.urls(app)
        except LookupError as error:
            assert "nowhere" in str(error)
        else:
            raise AssertionError("urls() listed the pages without the new route")


def test_every_listed_object_page_opens_for_someone(app, csrf_off):
    """Real ids: each listed URL is found (no 404, no error) by at least one demo login."""
    site_map.load_demo()
    with app.test_request_context():
        pages = [url for urls in site_map.object_pages().values() for url in urls]
    clients = {}
    for who in site_map.LOGINS:
        clients[who] = client = app.test_client()
        if email := site_map.demo_email(who):
            sign_in(client, db.session.scalar(sa.select(User).where(User.email == email)), seed.DEMO_PASSWORD)
    nowhere = []
    for url in pages:
        statuses = {who: client.get(url).status_code for who, client in clients.items()}
        if not any(status != 404 and status < 500 for status in statuses.values()):
            nowhere.append(f"{url}: {statuses}")
    assert nowhere == []
