"""In Chromium, in English and in Swedish, the whole path of issue #16 through the real pages: a consultant
finds a published assignment with the browser's filters and full-text search, reads how their profile meets
each requirement, applies (an answer per requirement and a rate) and sees the anonymous card staff and the
buyer will see, without their name; "My applications" lists it. A recruiter shortlists the application
with a reason, moves the assignment to shortlisting and approves the card; the buyer sees the anonymous
card (nothing identifying) and asks to meet; the consultant says yes; the recruiter releases and fills with
the engagement's terms; the engagement shows in the consultant's "My assignments" and the buyer's
engagements; the consultant reports a week (hours, one day not working) and submits it; the buyer, the
assignment's contact person and so the engagement's approver, approves it. axe runs on every new page of
the path, and the apply page and the week grid fit 320 px
(R-CON-1, R-CON-3, R-CON-9, R-BUY-1, R-BUY-7, R-STAFF-2)."""
from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.models import Application, Assignment, AssignmentRequirement, Engagement, TimeReport, utcnow
from portal.services.timesheets import weeks
from tests import factories
from tests.browser.conftest import assert_accessible, assert_fits, sign_in
from tests.orgs.helpers import make_assignment
from tests.shortlists.conftest import PERSONNUMMER, give_profile, pool

pytestmark = pytest.mark.browser

TODAY = date.today()
TITLE = "Test lead for the Zephyr release"
ANSWERS = ("Ten years leading test teams for bank releases.", "Streams in two projects, read-only.")


def _scene():
    """The consultant (a profile like six others in the pool), a recruiter, a buyer who is the contact person
    of a published remote assignment that started three weeks ago, and a decoy the filters leave out."""
    staff = factories.make_user(role="staff", staff_roles="recruiter")
    buyer = factories.make_user(role="buyer", name="Bo Buyersson")
    klara = factories.make_user(role="consultant", name="Klara Konsultsson", email="klara.k@example.se",
                                phone="070-111 22 33")
    give_profile(klara)
    pool(6)
    organisation = buyer.memberships[0].organisation
    assignment = make_assignment(organisation, title=TITLE, remote="remote", location="Uppsala", extent=80,
                                 rate_ceiling=1200, contact_person_id=buyer.id, created_by_id=buyer.id,
                                 published_at=utcnow(), answer_deadline=TODAY + timedelta(days=10))
    # Started three weeks ago, so last week is a whole week inside the engagement that can be submitted.
    assignment.start_date = TODAY - timedelta(days=21)
    assignment.requirements = [AssignmentRequirement(kind="must", text="Test leadership", position=0),
                               AssignmentRequirement(kind="should", text="Kafka", weight=3, position=1)]
    decoy = make_assignment(organisation, title="Zephyr tester on site", remote="onsite", published_at=utcnow())
    db.session.commit()
    return staff, buyer, klara, assignment, decoy


def _click_and_wait(page, selector: str, url: re.Pattern) -> None:
    page.locator(selector).click()
    page.wait_for_url(url)


@pytest.mark.parametrize("locale", ["en-GB", "sv-SE"])
def test_find_apply_shortlist_fill_report_and_approve(app, live_server, context_factory, locale):
    staff, buyer, klara, assignment, decoy = _scene()
    base, aid = live_server, assignment.id
    must, should = sorted(assignment.requirements, key=lambda r: r.position)
    identifying = [PERSONNUMMER, PERSONNUMMER.replace("-", ""), klara.name, klara.email, klara.phone, "Storgatan",
                   "Acme Testing", *ANSWERS]

    # 1. The consultant finds the assignment with filters and words, reads the fit, applies.
    consultant = context_factory(locale=locale).new_page()
    sign_in(consultant, base, klara)
    consultant.goto(f"{base}/consultant/assignments")
    assert_accessible(consultant)
    consultant.fill("#browse-q", "zephyr")
    consultant.check("#browse-remote-remote")
    consultant.fill("#browse-rate", "1000")
    consultant.locator("form[role=search] button[type=submit]").click()
    consultant.wait_for_url(re.compile(r"[?&]q=zephyr"))
    results = consultant.locator("#browse-results")
    results.locator(f"a[href$='/consultant/assignments/{aid}']").wait_for()
    assert results.locator(f"a[href$='/consultant/assignments/{decoy.id}']").count() == 0  # on site: filtered out
    assert_accessible(consultant)
    _click_and_wait(consultant, f"#browse-results a[href$='/consultant/assignments/{aid}']",
                    re.compile(rf"/consultant/assignments/{aid}$"))
    fits = consultant.locator("ul.fit-list > li.fit")
    assert fits.count() == 2
    assert fits.nth(0).get_attribute("class").split()[-1] == "fit-met"  # ten years of test leadership
    assert fits.nth(1).get_attribute("class").split()[-1] == "fit-missing"  # no Kafka in the profile
    assert_accessible(consultant)

    _click_and_wait(consultant, f"a[href$='/consultant/assignments/{aid}/apply']",
                    re.compile(rf"/assignments/{aid}/apply$"))
    preview = consultant.locator("article.candidate")
    assert preview.count() == 1
    assert [v for v in (klara.name, klara.email, klara.phone, "Acme Testing") if v in preview.inner_html()] == []
    assert_accessible(consultant)
    assert_fits(consultant)
    consultant.set_viewport_size({"width": 1280, "height": 900})
    consultant.fill(f"#answer_{must.id}", ANSWERS[0])
    consultant.fill(f"#answer_{should.id}", ANSWERS[1])
    consultant.fill("#rate", "1050")
    _click_and_wait(consultant, f"form[action$='/assignments/{aid}/apply'] button[type=submit]",
                    re.compile(r"/consultant/applications$"))
    db.session.expire_all()
    application = db.session.scalars(sa.select(Application).where(Application.consultant_id == klara.id)).one()
    assert (application.state, application.rate, len(application.answers)) == ("submitted", 1050, 2)
    consultant.locator(f"#application-{application.id} form[action$='/withdraw']").wait_for()  # withdrawable
    assert_accessible(consultant)

    # 2. The recruiter shortlists it with a reason, moves the assignment to shortlisting, approves the card.
    recruiter = context_factory(locale=locale).new_page()
    sign_in(recruiter, base, staff)
    recruiter.goto(f"{base}/staff/assignments/{aid}")
    item = recruiter.locator(f"#application-{application.id}")
    assert ANSWERS[0] in item.inner_text()
    assert_accessible(recruiter)
    recruiter.fill(f"#shortlist-reason-{application.id}", "Led the testing of two bank releases.")
    item.locator("form[action$='/shortlist'] button[type=submit]").click()
    item.locator("form[action$='/shortlist']").wait_for(state="detached")
    db.session.expire_all()
    assert db.session.get(Application, application.id).state == "shortlisted"
    entry_id = db.session.get(Application, application.id).shortlist_entry_id
    assert entry_id is not None
    recruiter.locator("button[name=to][value=shortlisting]").click()
    recruiter.locator("button[name=to][value=shortlisting]").wait_for(state="detached")
    db.session.expire_all()
    assert db.session.get(Assignment, aid).state == "shortlisting"
    assert_accessible(recruiter)
    _click_and_wait(recruiter, f"a.button[href$='/staff/assignments/{aid}/shortlist']",
                    re.compile(rf"/staff/assignments/{aid}/shortlist$"))
    recruiter.locator(f"#entry-{entry_id} form[action$='/approve'] button").click()
    recruiter.locator(f"#entry-{entry_id} form[action$='/approve']").wait_for(state="detached")

    # 3. The buyer sees the anonymous card, nothing identifying, and asks to meet.
    client = context_factory(locale=locale).new_page()
    sign_in(client, base, buyer)
    client.goto(f"{base}/buyer/assignments/{aid}")
    card = client.locator("article.candidate")
    assert card.count() == 1
    html = client.content()
    assert [value for value in identifying if value in html] == []
    assert "1050" not in html  # the consultant's rate is for staff
    card.locator("form[action$='/meet'] button").click()
    card.locator("form[action$='/meet']").wait_for(state="detached")

    # 4. The consultant says yes, releasing name and contact details.
    consultant.goto(f"{base}/consultant/requests")
    pending = consultant.locator("#pending-title + article")
    pending.locator("input[name=fields][value=name]").check()
    pending.locator("input[name=fields][value=contact]").check()
    pending.locator("button[value=yes]").click()
    consultant.locator("form[action$='/withdraw']").wait_for()

    # 5. The recruiter releases with a reason and an end, then fills with the engagement's terms.
    recruiter.reload()
    entry = recruiter.locator(f"#entry-{entry_id}")
    entry.locator(f"#release-reason-{entry_id}").fill("Interview on Monday.")
    entry.locator(f"#release-ends-{entry_id}").fill((TODAY + timedelta(days=60)).isoformat())
    entry.locator("form[action$='/release'] button").click()
    recruiter.locator(f"input[name=entries][value='{entry_id}']").wait_for()
    assert recruiter.input_value(f"#rate-{entry_id}") == "1050"  # from the application
    assert_accessible(recruiter)  # the fill form with the engagement's terms
    recruiter.locator(f"input[name=entries][value='{entry_id}']").check()
    recruiter.fill(f"#rate-{entry_id}", "1000")
    end = TODAY + timedelta(days=150)
    recruiter.fill(f"#end_date-{entry_id}", end.isoformat())
    recruiter.fill("#selection_reason", "Best interview.")
    recruiter.locator("form[action$='/selection'] button[type=submit]").click()
    recruiter.get_by_text("Best interview.").wait_for()

    # 6. The engagement exists, for the consultant and for the buyer.
    db.session.expire_all()
    engagement = db.session.scalars(sa.select(Engagement).where(Engagement.assignment_id == aid)).one()
    assert (engagement.consultant_id, engagement.buyer_organisation_id, engagement.rate, engagement.end_date,
            engagement.start_date) == (klara.id, assignment.organisation_id, 1000, end, TODAY - timedelta(days=21))
    assert [a.user_id for a in engagement.approvers] == [buyer.id]  # the contact person approves
    assert db.session.get(Assignment, aid).state == "filled"

    consultant.goto(f"{base}/consultant/engagements")
    assert TITLE in consultant.locator("main").inner_text()
    assert_accessible(consultant)
    _click_and_wait(consultant, f"main a[href$='/consultant/engagements/{engagement.id}']",
                    re.compile(rf"/consultant/engagements/{engagement.id}$"))
    assert_accessible(consultant)

    client.goto(f"{base}/buyer/engagements")
    assert TITLE in client.locator("main").inner_text()
    assert klara.name in client.locator("main").inner_text()  # she released her name to this buyer
    assert_accessible(client)
    _click_and_wait(client, f"main a[href$='/buyer/engagements/{engagement.id}']",
                    re.compile(rf"/buyer/engagements/{engagement.id}$"))
    assert_accessible(client)

    # 7. The consultant reports last week: hours on three days (one saved by htmx), one day not working.
    monday = weeks.monday(TODAY) - timedelta(days=7)
    days = [monday + timedelta(days=n) for n in range(5)]
    _click_and_wait(consultant, f"main a[href$='/weeks/{monday.isoformat()}']",
                    re.compile(rf"/weeks/{monday.isoformat()}$"))
    assert_accessible(consultant)
    assert_fits(consultant)
    consultant.set_viewport_size({"width": 1280, "height": 900})
    with consultant.expect_response(lambda r: f"/days/{days[0].isoformat()}" in r.url) as saved:
        consultant.fill(f"#hours-{days[0].isoformat()}", "8")
        consultant.press(f"#hours-{days[0].isoformat()}", "Tab")  # change: htmx saves the day
    assert saved.value.status == 200
    consultant.locator(f"#day-{days[0].isoformat()} [role=status]").wait_for()
    with consultant.expect_response(lambda r: f"/days/{days[2].isoformat()}" in r.url):
        consultant.check(f"#not_working-{days[2].isoformat()}")
    consultant.locator(f"#day-{days[2].isoformat()} [role=status]").wait_for()
    for day, hours in ((days[1], "7.5"), (days[3], "6:30")):
        with consultant.expect_response(lambda r, d=day: f"/days/{d.isoformat()}" in r.url):
            consultant.fill(f"#hours-{day.isoformat()}", hours)
            consultant.press(f"#hours-{day.isoformat()}", "Tab")
        consultant.locator(f"#day-{day.isoformat()} [role=status]").wait_for()
    with consultant.expect_response(lambda r: f"/days/{days[3].isoformat()}" in r.url):
        consultant.fill(f"#comment-{days[3].isoformat()}", "Release test plan")
        consultant.press(f"#comment-{days[3].isoformat()}", "Tab")
    consultant.locator("button[name=action][value=save]").click()
    consultant.locator(".flash-success").wait_for()
    assert consultant.input_value(f"#hours-{days[1].isoformat()}") in ("7.5", "7,5")
    assert_accessible(consultant)
    consultant.locator("button[name=action][value=submit]").click()
    consultant.locator("button[name=action][value=submit]").wait_for(state="detached")
    db.session.expire_all()
    report = db.session.scalars(sa.select(TimeReport).where(TimeReport.engagement_id == engagement.id)).one()
    assert (report.state, report.week_start) == ("submitted", monday)
    assert {e.day: (e.minutes, e.not_working, e.comment) for e in report.entries} == {
        days[0]: (480, False, ""), days[1]: (450, False, ""), days[2]: (0, True, ""),
        days[3]: (390, False, "Release test plan")}
    assert_accessible(consultant)

    # 8. The buyer, the engagement's approver, approves the week.
    client.goto(f"{base}/buyer/time-approvals")
    assert_accessible(client)
    _click_and_wait(client, f"main a[href$='/buyer/time-approvals/{report.id}']",
                    re.compile(rf"/buyer/time-approvals/{report.id}$"))
    assert "Release test plan" in client.locator("main").inner_text()
    assert_accessible(client)
    client.fill("#comment", "Thank you.")
    _click_and_wait(client, "button[name=decision][value=approve]", re.compile(r"/buyer/time-approvals$"))
    db.session.expire_all()
    report = db.session.get(TimeReport, report.id)
    assert (report.state, report.decided_by_id) == ("approved", buyer.id)
    assert report.decided_at is not None
    assert client.locator(f"#decided-caption ~ tbody a[href$='/buyer/time-approvals/{report.id}']").count() == 1
    assert_accessible(client)
