"""In Chromium: a recruiter shortlists with a reason and approves the anonymized card; the buyer sees the
shortlist with nothing identifying and asks to meet; the consultant says yes in the portal; staff release;
the buyer sees exactly the released fields and the consultant sees the disclosure (R-STAFF-2, R-BUY-7, R-CON-9)."""
from __future__ import annotations


import pytest

from portal.extensions import db
from tests import factories
from tests.browser.conftest import assert_accessible, sign_in
from tests.orgs.helpers import make_assignment
from tests.shortlists.conftest import PERSONNUMMER, give_profile

pytestmark = pytest.mark.browser




def test_shortlist_consent_release_and_the_disclosure_log(app, live_server, context_factory):
    staff = factories.make_user(role="staff", staff_roles="recruiter")
    buyer = factories.make_user(role="buyer")
    klara = factories.make_user(role="consultant", name="Klara Konsultsson", email="klara.k@example.se",
                                phone="070-111 22 33")
    other = factories.make_user(role="consultant", name="Karl Konsultberg", email="karl.k@example.se",
                                phone="073-999 88 77")
    assignment = make_assignment(buyer.memberships[0].organisation, state="shortlisting", title="Test lead")
    give_profile(klara)
    give_profile(other)
    db.session.commit()
    # Real profiles: the personnummer (both spellings), the street and the employer never reach the buyer.
    identifying = [PERSONNUMMER, PERSONNUMMER.replace("-", ""), "Storgatan", "Acme Testing"] + [v for person in (klara, other) for v in (person.name, person.email, person.phone)]

    recruiter = context_factory(locale="en-GB").new_page()
    sign_in(recruiter, live_server, staff)
    recruiter.goto(f"{live_server}/staff/assignments/{assignment.id}")
    recruiter.get_by_role("link", name="Shortlist").click()
    recruiter.fill("#q", "konsult")
    recruiter.get_by_role("button", name="Search").click()
    recruiter.select_option("#consultant_id", str(klara.id))
    recruiter.get_by_role("button", name="Add to the shortlist").click()  # no reason: refused in place
    recruiter.locator("#shortlist-error").wait_for()
    recruiter.fill("#reason", "Led the testing of two bank releases.")
    recruiter.get_by_role("button", name="Add to the shortlist").click()
    recruiter.get_by_text("Led the testing of two bank releases.").wait_for()
    recruiter.goto(f"{live_server}/staff/assignments/{assignment.id}/shortlist?q=konsult")
    recruiter.select_option("#consultant_id", str(other.id))
    recruiter.fill("#reason", "Strong in test automation.")
    recruiter.get_by_role("button", name="Add to the shortlist").click()
    recruiter.get_by_text("Strong in test automation.").wait_for()
    assert_accessible(recruiter)
    recruiter.locator("article", has_text="Klara Konsultsson").get_by_role(
        "button", name="Approve the card for the client").click()
    recruiter.get_by_text("The anonymized card is approved").wait_for()

    client = context_factory(locale="en-GB").new_page()
    sign_in(client, live_server, buyer)
    client.goto(f"{live_server}/buyer/assignments/{assignment.id}")
    assert client.locator("article.candidate").count() == 1  # the unapproved card is not shown
    html = client.content()
    assert [value for value in identifying if value in html] == []
    assert "Test leadership" in html and "Uppsala län" in html  # the real profile's substance is there
    assert_accessible(client)
    client.get_by_role("button", name="Ask to meet").click()
    client.get_by_text("Asked: waiting for the consultant's answer").wait_for()
    assert [value for value in identifying if value in client.content()] == []

    consultant = context_factory(locale="en-GB").new_page()
    sign_in(consultant, live_server, klara)
    consultant.get_by_role("link", name="Requests about you").first.click()
    consultant.get_by_text(assignment.organisation.name).first.wait_for()
    assert_accessible(consultant)
    consultant.get_by_role("button", name="Yes").click()
    consultant.get_by_text("Thank you: your answer is saved.").wait_for()

    recruiter.reload()
    article = recruiter.locator("article", has_text="Klara Konsultsson")
    article.locator("input[name=fields][value=name]").check()
    article.locator("input[name=fields][value=email]").check()
    article.get_by_role("button", name="Release profile").click()
    recruiter.get_by_text("The chosen data is released to the client and logged.").wait_for()

    client.reload()
    released = client.locator("dl.released")
    released.wait_for()
    assert "Klara Konsultsson" in released.inner_text() and "klara.k@example.se" in released.inner_text()
    html = client.content()
    assert klara.phone not in html and other.name not in html and other.email not in html

    consultant.reload()
    row = consultant.locator("table tbody tr").first
    assert assignment.organisation.name in row.inner_text() and "Name, E-mail" in row.inner_text()
    assert_accessible(consultant)
