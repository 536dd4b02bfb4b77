"""In Chromium (R-CON-3): with JavaScript a changed cell saves itself (htmx) and the total follows, a
refused cell shows its error in place with the focus on it; without JavaScript the whole week posts
and a refusal focuses the error summary. Both languages, axe clean, 320 px wide."""
from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from portal.extensions import db
from portal.models import TimeReport
from tests import factories
from tests.browser.conftest import assert_accessible, assert_fits, sign_in
from tests.timesheets.reporting_factories import engagement, last_week

pytestmark = pytest.mark.browser
LANGUAGES = [("en-GB", "en", "hours"), ("sv-SE", "sv", "timmar")]


def _setting(lang: str):
    consultant = factories.make_user(role="consultant", locale=lang)
    work = engagement(consultant)
    db.session.commit()
    return consultant, work


def _minutes() -> list[int]:
    db.session.expire_all()
    report = db.session.scalar(sa.select(TimeReport))
    return [e.minutes for e in report.entries] if report else []


@pytest.mark.parametrize("locale, lang, hours", LANGUAGES)
def test_with_javascript_a_cell_saves_itself(live_server, context_factory, locale, lang, hours):
    consultant, work = _setting(lang)
    page = context_factory(locale=locale).new_page()
    sign_in(page, live_server, consultant)
    monday, tuesday = last_week(), last_week() + timedelta(days=1)
    page.goto(f"{live_server}/consultant/engagements/{work.id}/weeks/{monday}")
    assert page.locator("html").get_attribute("lang") == lang
    assert_accessible(page)
    assert_fits(page)
    page.fill(f"#hours-{monday}", "7,5" if lang == "sv" else "7.5")
    page.keyboard.press("Tab")  # the change event: htmx saves the day
    page.locator(f"#day-{monday} [role=status]").wait_for()
    expect(page.locator("#week-total")).to_contain_text(f"7{',' if lang == 'sv' else '.'}5 {hours}")
    expect(page.locator(f"#not_working-{monday}")).to_be_focused()  # the focus stays where Tab took it
    assert _minutes() == [450]

    page.fill(f"#hours-{tuesday}", "25")
    page.keyboard.press("Tab")
    page.locator(f"#hours-{tuesday}-error").wait_for()
    expect(page.locator(f"#not_working-{tuesday}")).to_be_focused()  # the error is announced; focus stays
    assert page.locator(f"#hours-{tuesday}-error").get_attribute("role") == "alert"
    assert page.locator(f"#hours-{tuesday}").get_attribute("aria-describedby") == f"hours-{tuesday}-error"
    assert_accessible(page)
    assert _minutes() == [450]  # nothing of the refused day

    page.fill(f"#hours-{tuesday}", "8")
    page.locator("button[value=submit]").click()
    page.wait_for_url(f"{live_server}/consultant/engagements/{work.id}/weeks/{monday}")
    expect(page.locator(f"#day-{tuesday}")).to_contain_text("8")
    assert db.session.scalar(sa.select(TimeReport.state)) == "submitted" and _minutes() == [450, 480]
    assert_accessible(page)


def test_without_javascript_the_week_posts_and_an_error_takes_the_focus(live_server, context_factory):
    consultant, work = _setting("en")
    page = context_factory(locale="en-GB", java_script_enabled=False).new_page()
    sign_in(page, live_server, consultant)
    monday = last_week()
    page.goto(f"{live_server}/consultant/engagements/{work.id}/weeks/{monday}")
    page.fill(f"#hours-{monday}", "8")
    page.fill(f"#comment-{monday}", "sick leave")
    page.locator("button[value=save]").click()
    page.locator("#error-summary").wait_for()
    expect(page.locator("#error-summary")).to_be_focused()
    assert "health" in page.locator("#error-summary").inner_text()
    assert page.locator(f"#comment-{monday}").get_attribute("aria-describedby") == (
        f"comment-hint comment-{monday}-error")
    assert _minutes() == []
    page.fill(f"#comment-{monday}", "Design review")
    page.locator("button[value=save]").click()
    page.locator(".flash").wait_for()
    assert _minutes() == [480]
