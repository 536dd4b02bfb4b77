"""End to end in Chromium (R-RIGHTS-5, R-RIGHTS-3): a consultant restricts the whole profile → the recruiter's
ranking leaves them out and counts one restricted, staff see the banner → the consultant lifts it; the consultant
says a referee's statement is wrong → the privacy officer sees the flag and corrects it → the consultant sees the
outcome. axe on every new page on the way."""
from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.models import DataDispute, Reference, ReferenceStatement
from portal.services.matching import search
from portal.services.profiles import sections
from tests import factories
from tests.browser.conftest import assert_accessible, sign_in
from tests.orgs.helpers import make_assignment
from tests.search.test_ranking_page import make_profile

pytestmark = pytest.mark.browser


def test_restrict_lift_and_dispute_a_reference(live_server, context_factory):
    staff = factories.make_user(role="staff", staff_roles="recruiter privacy_officer", locale="en")
    buyer = factories.make_user(role="buyer", organisation=factories.make_organisation("buyer"), locale="en")
    alva = factories.make_user(role="consultant", name="Alva Avgränsad", locale="en")
    bertil = factories.make_user(role="consultant", name="Bertil Bra", locale="en")
    for person in (alva, bertil):
        make_profile(person, skills=[("Python", 5)], languages=[("Svenska", "C2")])
    reference = Reference(profile_id=sections.profile_for(alva).id, referee_name="Greta Granskare")
    reference.statements.append(ReferenceStatement(author="Greta Granskare", text="Often late to meetings."))
    db.session.add(reference)
    assignment = make_assignment(buyer.memberships[0].organisation, state="shortlisting", title="Pipeline engineer")
    db.session.commit()
    search.drain()
    statement_id = reference.statements[0].id

    consultant = context_factory(locale="en-GB").new_page()
    sign_in(consultant, live_server, alva)
    consultant.goto(live_server + "/privacy/")
    consultant.locator("#right-restriction").click()
    consultant.wait_for_url(re.compile(r"/privacy/restriction$"))
    assert_accessible(consultant)
    consultant.get_by_label("Your whole profile").check()
    consultant.fill("#reason", "My employment history is wrong; check it first.")
    consultant.locator("#restrict-submit").click()
    consultant.locator("#active-restrictions", has_text="Your whole profile").wait_for()
    assert "until you lift it" in consultant.locator("main").inner_text()
    assert_accessible(consultant)

    recruiter = context_factory(locale="en-GB").new_page()
    sign_in(recruiter, live_server, staff)
    recruiter.goto(f"{live_server}/staff/assignments/{assignment.id}/ranking")
    ranking = recruiter.locator("main").inner_text()
    assert "Bertil Bra" in ranking and "Alva Avgränsad" not in ranking
    assert "processing restricted: 1" in ranking
    recruiter.goto(f"{live_server}/staff/consultants/{alva.id}")
    recruiter.locator(f"#restriction-banner-{alva.id}", has_text="My employment history is wrong").wait_for()
    assert_accessible(recruiter)

    consultant.get_by_role("button", name="Lift: Your whole profile").click()
    consultant.locator("#no-restrictions").wait_for()
    recruiter.goto(f"{live_server}/staff/assignments/{assignment.id}/ranking")
    assert "Alva Avgränsad" in recruiter.locator("main").inner_text()

    consultant.goto(live_server + "/consultant/profile")
    consultant.locator(f"#dispute-statement-{statement_id}").click()
    consultant.wait_for_url(re.compile(r"/privacy/disputes/new/reference_statement/\d+$"))
    assert_accessible(consultant)
    consultant.fill("#reason", "I was never late; ask the project manager.")
    consultant.locator("#dispute-submit").click()
    consultant.wait_for_url(re.compile(r"/privacy/requests/\d+$"))
    consultant.goto(live_server + "/privacy/rectification")
    consultant.locator(f"#statement-{statement_id}", has_text="Disputed: being checked").wait_for()
    assert_accessible(consultant)

    request_id = db.session.scalar(sa.select(DataDispute.privacy_request_id))
    recruiter.goto(f"{live_server}/staff/consultants/{alva.id}")
    recruiter.locator(f"#disputed-statement-{statement_id}").wait_for()
    recruiter.goto(f"{live_server}/staff/privacy-requests/{request_id}")
    recruiter.locator("#dispute", has_text="Often late to meetings.").wait_for()
    assert_accessible(recruiter)
    recruiter.fill("#dispute-new-text", "Reliable and on time.")
    recruiter.fill("#dispute-answer", "The referee confirmed it was another person; we corrected the text.")
    recruiter.locator("#dispute-correct").click()
    recruiter.locator("#request-state", has_text="Answered").wait_for()

    consultant.goto(live_server + "/privacy/rectification")
    outcome = consultant.locator("main").inner_text()
    assert "Reliable and on time." in outcome and "we corrected the text" in outcome and "Corrected" in outcome
    assert_accessible(consultant)
