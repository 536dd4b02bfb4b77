"""What people write is shown as text and sits where htmx does not act (issue 12, finding 1).

Hostile values go in through the ordinary forms (and, for what a referee or LinkedIn writes, the
models); every page that shows them is read back as the other parties see it. Each page must
carry them escaped, link none of them as a URL, and keep each free-text block inside an element
with `hx-disable`, so that even a future escaping slip could not add behaviour."""
from __future__ import annotations

from html.parser import HTMLParser

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.models import (Assignment, Offer, PrivacyRequest, ProfileInterest, Reference, ReferenceStatement,
                           ServiceRequest)
from portal.services.profiles import sections
from tests import factories
from tests.orgs.helpers import assignment_form

EN = {"Accept-Language": "en"}
FREE = "<i hx-get=/x hx-trigger=load>free</i>"  # written prose: must be escaped and inside hx-disable
NAME = '"><b hx-post=/y>name</b>'  # names and titles: must be escaped
LINK = "javascript:alert(1)"
RAW = ("<i hx-get", "<b hx-post", 'href="javascript:', "href='javascript:", 'src="javascript:')
TEXT_ONLY = {"title", "textarea", "option", "script", "style"}  # the parser sees no elements inside
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Blocks(HTMLParser):
    """The text nodes holding FREE's marker that no `hx-disable` element encloses."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []
        self.loose: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append((tag, any(name in ("hx-disable", "data-hx-disable") for name, _ in attrs)))

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                break

    def handle_data(self, data):
        inert = any(disabled or tag in TEXT_ONLY for tag, disabled in self.stack)
        if "hx-get=/x" in data and not inert:
            self.loose.append(" > ".join(tag for tag, _ in self.stack) + ": " + data.strip()[:80])


def loose_blocks(html: str) -> list[str]:
    parser = _Blocks()
    parser.feed(html)
    return parser.loose


def test_the_block_check_finds_free_text_outside_hx_disable():
    assert loose_blocks("<p>&lt;i hx-get=/x&gt;</p>") == ["p: <i hx-get=/x>"]
    assert loose_blocks("<dd data-hx-disable><span>&lt;i hx-get=/x&gt;</span></dd><textarea>hx-get=/x</textarea>") == []


@pytest.fixture
def written(login_as):
    """An assignment, a comment, an offer, a profile, a service request and a privacy request, all
    written with hostile text; the pages each party sees, by who sees them."""
    buyer = login_as("buyer")
    assert buyer.post("/buyer/assignments/new", data=assignment_form(**{
        "title": NAME, "description": FREE, "requirements-0-text": FREE, "requirements-1-text": FREE + "2",
        "requirements-2-text": FREE + "3", "procurement_reference": NAME})).status_code == 303
    item = db.session.scalar(sa.select(Assignment))
    item.state = "published"
    db.session.commit()
    supplier = login_as("supplier")
    assert supplier.post(f"/supplier/assignments/{item.id}/comment", data={"body": FREE}).status_code in (302, 303)
    must, _must, should = item.requirements
    assert supplier.post(f"/supplier/assignments/{item.id}/offer", data={
        "consultant_id": "0", "new_name": NAME, "new_email": "nils@firm.se", "rate": "1050",
        f"meets_{must.id}": "yes", f"evidence_{must.id}": FREE, f"meets_{_must.id}": "yes",
        f"evidence_{_must.id}": FREE, f"level_{should.id}": "3", f"evidence_{should.id}": FREE}).status_code == 303
    offer = db.session.scalar(sa.select(Offer))

    consultant = login_as("consultant")
    factories.accept_offer(offer, consultant.user)  # the consultant agrees, so staff see it too
    profile = sections.profile_for(consultant.user)
    profile.summary = FREE
    db.session.add(ProfileInterest(profile_id=profile.id, text=FREE))
    reference = Reference(profile_id=profile.id, referee_name=NAME, company=LINK, contact=LINK, relation=NAME)
    reference.statements.append(ReferenceStatement(author=NAME, text=FREE))
    db.session.add(reference)
    db.session.commit()
    assert consultant.post("/support/", data={"subject": FREE, "body": FREE}).status_code == 303
    support = db.session.scalar(sa.select(ServiceRequest))
    assert consultant.post("/privacy/requests", data={"kind": "access", "details": FREE}).status_code == 303
    privacy = db.session.scalar(sa.select(PrivacyRequest))
    assert consultant.post(f"/privacy/requests/{privacy.id}/messages", data={"body": FREE}).status_code in (302, 303)

    staff = login_as("staff", staff_roles="recruiter privacy_officer admin")
    return {
        buyer: [f"/buyer/assignments/{item.id}", "/buyer/assignments"],
        supplier: [f"/supplier/assignments/{item.id}", f"/supplier/assignments/{item.id}/offer",
                   f"/supplier/offers/{offer.id}", f"/assignments/{item.id}", "/supplier/offers",
                   "/supplier/assignments", "/assignments"],
        consultant: ["/consultant/profile", "/consultant/offers", f"/support/{support.id}", f"/privacy/requests/{privacy.id}",
                     "/privacy/rectification", "/support/"],
        staff: [f"/staff/assignments/{item.id}", f"/staff/offers/{offer.id}",
                f"/staff/consultants/{consultant.user.id}", f"/staff/requests/{support.id}",
                f"/staff/privacy-requests/{privacy.id}", "/staff/requests", "/staff/offers",
                f"/staff/assignments/{item.id}/ranking"],
    }


def test_hostile_text_comes_back_escaped_and_inert_on_every_page_that_shows_it(written):
    problems = []
    for person, pages in written.items():
        for page in pages:
            response = person.get(page, headers=EN)
            html = response.get_data(as_text=True)
            if response.status_code != 200:
                problems.append(f"{page}: {response.status_code}")
                continue
            if "&lt;i hx-get=/x" not in html and "&lt;b hx-post=/y" not in html:
                problems.append(f"{page}: the written text is not shown")
            problems += [f"{page}: raw {marker}" for marker in RAW if marker in html.lower()]
            problems += [f"{page}: outside hx-disable: {block}" for block in loose_blocks(html)]
    assert problems == [], "\n".join(problems)
