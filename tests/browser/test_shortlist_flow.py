"""In Chromium, in English and in Swedish, the whole path of issue #13: a recruiter picks with a reason and
sees the card's k; the buyer sees a banded anonymous card (nothing identifying) and asks to meet; the
consultant ticks what may be released and says yes; the recruiter releases with a reason and an end date;
the buyer sees exactly that; the recruiter records the final selection; the consultant sees the showing
and the release and stops further use; the buyer is told to delete. axe runs on every page of the path
(R-STAFF-2, R-BUY-7, R-CON-9)."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from portal.extensions import db
from portal.models import Selection
from tests import factories
from tests.browser.conftest import assert_accessible, sign_in
from tests.orgs.helpers import make_assignment
from tests.shortlists.conftest import PERSONNUMMER, give_profile, pool

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("locale", ["en-GB", "sv-SE"])
def test_card_consent_release_selection_and_stop(app, live_server, context_factory, locale):
    staff = factories.make_user(role="staff", staff_roles="recruiter")
    buyer = factories.make_user(role="buyer")
    klara = factories.make_user(role="consultant", name="Klara Konsultsson", email="klara.k@example.se",
                                phone="070-111 22 33")
    other = factories.make_user(role="consultant", name="Karl Konsultberg", email="karl.k@example.se",
                                phone="073-999 88 77")
    assignment = make_assignment(buyer.memberships[0].organisation, state="shortlisting", title="Test lead")
    give_profile(klara)
    give_profile(other)
    pool(5)
    db.session.commit()
    identifying = [PERSONNUMMER, PERSONNUMMER.replace("-", ""), "Storgatan", "Acme Testing", "950", "2027-01-01"] + [
        v for person in (klara, other) for v in (person.name, person.email, person.phone)]

    recruiter = context_factory(locale=locale).new_page()
    sign_in(recruiter, live_server, staff)
    recruiter.goto(f"{live_server}/staff/assignments/{assignment.id}/shortlist?q=konsult")
    recruiter.locator("form[method=post][action$='/shortlist'] button[type=submit]").click()  # no reason: refused in place
    recruiter.locator("#shortlist-error").wait_for()
    recruiter.select_option("#consultant_id", str(klara.id))
    recruiter.fill("#reason", "Led the testing of two bank releases.")
    recruiter.locator("form[method=post][action$='/shortlist'] button[type=submit]").click()
    recruiter.get_by_text("Led the testing of two bank releases.").wait_for()
    article = recruiter.locator("article", has_text="Klara Konsultsson")
    assert "7" in article.inner_text()  # the k the card reached: Klara and six alike
    assert_accessible(recruiter)
    article.locator("form[action$='/approve'] button").click()
    recruiter.locator(".flash-success").wait_for()

    client = context_factory(locale=locale).new_page()
    sign_in(client, live_server, buyer)
    client.goto(f"{live_server}/buyer/assignments/{assignment.id}")
    card = client.locator("article.candidate")
    assert card.count() == 1
    html = client.content()
    assert [value for value in identifying if value in html] == []
    assert "Test leadership" in html and "Uppsala län" in html and "900–999" in html  # bands, not values
    assert_accessible(client)
    card.locator("form button").click()
    card.locator("form").wait_for(state="detached")

    consultant = context_factory(locale=locale).new_page()
    sign_in(consultant, live_server, klara)
    consultant.goto(f"{live_server}/consultant/requests")
    assert_accessible(consultant)
    pending = consultant.locator("#pending-title + article")
    pending.locator("input[name=fields][value=name]").check()
    pending.locator("input[name=fields][value=contact]").check()
    pending.locator("button[value=yes]").click()
    consultant.locator("form[action$='/withdraw']").wait_for()

    recruiter.reload()
    article = recruiter.locator("article", has_text="Klara Konsultsson")
    article.locator("input[name=reason][id^=release-reason]").fill("Interview on Monday.")
    article.locator("input[name=ends_on]").fill((date.today() + timedelta(days=60)).isoformat())
    article.locator("form[action$='/release'] button").click()
    recruiter.locator("input[name=entries]").first.wait_for()
    assert_accessible(recruiter)
    recruiter.locator("input[name=entries]").first.check()
    recruiter.fill("#selection_reason", "Best interview.")
    recruiter.locator("form[action$='/selection'] button").click()
    recruiter.get_by_text("Best interview.").wait_for()
    db.session.expire_all()
    assert db.session.query(Selection).one().reason == "Best interview."

    client.reload()
    released = client.locator("dl.released")
    released.wait_for()
    assert "Klara Konsultsson" in released.inner_text() and "klara.k@example.se" in released.inner_text()
    assert other.name not in client.content() and other.email not in client.content()

    consultant.reload()
    assert "Interview on Monday." in consultant.content()
    assert assignment.organisation.name in consultant.locator("#showings-caption + thead + tbody").inner_text()
    assert_accessible(consultant)
    consultant.locator("form[action$='/stop'] button").click()
    consultant.locator("#disclosures-title ~ div form[action$='/stop']").wait_for(state="detached")

    client.reload()
    client.locator("article.candidate .notice").wait_for()
    assert "klara.k@example.se" not in client.content()
    assert_accessible(client)

    consultant.goto(f"{live_server}/consultant/profile/card")
    consultant.fill("#card_pitch", "Klara from Uppsala, ex Acme.")
    consultant.locator("#section-card form button[type=submit]").click()
    consultant.locator("#section-card .form-errors, #section-card .error").first.wait_for()
    assert_accessible(consultant)
