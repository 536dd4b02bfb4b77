"""The week grid over HTTP (R-CON-3): a plain form POST of the whole week, the htmx cell save, the
correction button, and the 404s for anything that is not the consultant's own week."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa
from flask import render_template

from portal.extensions import db
from portal.models import SensitiveDataRefusal, TimeReport
from portal.services.timesheets import reporting, weeks
from tests.conftest import hx
from tests.timesheets.reporting_factories import counts, engagement, last_week, week_form

EN = {"Accept-Language": "en"}


@pytest.fixture
def consultant(login_as):
    return login_as("consultant", locale="en")


@pytest.fixture
def work(consultant):
    item = engagement(consultant.user)
    db.session.commit()
    return item


def _url(item, monday=None, suffix=""):
    return f"/consultant/engagements/{item.id}/weeks/{(monday or last_week()).isoformat()}{suffix}"


def _report():
    return db.session.scalar(sa.select(TimeReport).order_by(TimeReport.id.desc()).limit(1))


def test_the_grid_is_an_accessible_table_and_a_get_writes_nothing(consultant, work):
    before = counts()
    page = consultant.get(_url(work), headers=EN)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "<caption" in html and html.count('<tr id="day-') == 7  # Monday to Sunday, weekends too
    for day in weeks.days_of(last_week()):
        assert f'<label class="visually-hidden" for="hours-{day}">' in html
        assert f'id="not_working-{day}"' in html and f'id="comment-{day}"' in html
    assert 'aria-describedby="comment-hint' in html and 'id="comment-hint"' in html
    assert "Save draft" in html and "Submit week" in html
    assert f'hx-post="/consultant/engagements/{work.id}/weeks/{last_week()}/days/{last_week()}"' in html
    assert counts() == before


def test_week_navigation_stays_inside_the_period(consultant, work):
    first = weeks.period_of(work).first_week
    html = consultant.get(_url(work, first), headers=EN).get_data(as_text=True)
    assert "Previous week" not in html and _url(work, first + timedelta(weeks=1)) in html
    assert "Outside the assignment" in html  # the Monday and Tuesday before the Wednesday start
    last = weeks.period_of(work).last_week
    assert "Next week" not in consultant.get(_url(work, last), headers=EN).get_data(as_text=True)


def test_the_whole_week_posts_without_javascript(consultant, work):
    data = week_form(last_week(), {0: ("8", False, "Sprint planning"), 1: ("7,5", False, ""), 2: ("", True, "")})
    response = consultant.post(_url(work), data=data, headers=EN)
    assert response.status_code == 303 and response.headers["Location"].endswith(_url(work))
    report = _report()
    assert report.state == "draft" and [(e.minutes, e.not_working) for e in report.entries] == [
        (480, False), (450, False), (0, True)]
    html = consultant.get(_url(work), headers=EN).get_data(as_text=True)
    assert "The draft is saved." in html and "15.5 hours" in html and 'value="7.5"' in html


def test_submit_week(consultant, work):
    data = week_form(last_week(), {0: ("8", False, "")}, action="submit")
    assert consultant.post(_url(work), data=data, headers=EN).status_code == 303
    assert _report().state == "submitted"
    html = consultant.get(_url(work), headers=EN).get_data(as_text=True)
    assert "Submitted, waiting for approval" in html and 'name="hours-' not in html


@pytest.mark.parametrize("values, message", [
    ({0: ("25", False, "")}, "at most 24 hours"),
    ({0: ("-3", False, "")}, "cannot be negative"),
    ({0: ("8", True, "")}, "no hours"),
    ({0: ("4", False, "Var sjuk hela dagen")}, "health"),
    ({0: ("", True, "Sick leave")}, "never why"),
])
def test_a_refused_week_saves_nothing_and_shows_the_error_at_its_field(consultant, work, values, message):
    before = counts()
    response = consultant.post(_url(work), data=week_form(last_week(), values), headers=EN)
    assert response.status_code == 422 and counts() == before
    html = response.get_data(as_text=True)
    assert message in html and 'id="error-summary"' in html and "autofocus" in html
    field = re.search(r'aria-invalid="true" aria-describedby="([a-z_]+-[\d-]+)-error"', html) or re.search(
        r'aria-describedby="comment-hint ([a-z_]+-[\d-]+)-error" aria-invalid="true"', html)
    assert field and f'href="#{field.group(1)}"' in html  # the summary links to the field in error


def test_a_sensitive_comment_is_counted_without_its_text(consultant, work):
    consultant.post(_url(work), data=week_form(last_week(), {1: ("4", False, "sick leave")}), headers=EN)
    refusals = db.session.scalars(sa.select(SensitiveDataRefusal)).all()
    assert [(r.kind, r.field) for r in refusals] == [("health", "comment")]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(TimeReport)) == 0


def test_a_day_outside_the_engagement_is_refused(consultant, work):
    first = weeks.period_of(work).first_week  # its Monday is before the Wednesday start
    before = counts()
    response = consultant.post(_url(work, first, f"/days/{first}"), data={f"hours-{first}": "8"},
                               headers={**EN, **hx()})
    assert response.status_code == 422 and "outside the assignment" in response.get_data(as_text=True)
    response = consultant.post(_url(work, first), data=week_form(first, {0: ("8", False, "")}), headers=EN)
    assert response.status_code == 422 and counts() == before


def test_the_htmx_cell_save_returns_the_row_and_the_total(consultant, work):
    day = last_week() + timedelta(days=2)
    response = consultant.post(_url(work, suffix=f"/days/{day}"), headers={**EN, **hx()},
                               data={f"hours-{day}": "6.25", f"comment-{day}": "Review", "csrf_token": "x"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and html.lstrip().startswith(f'<tr id="day-{day}"')
    assert 'value="6.25"' in html and 'role="status"' in html
    assert '<template><tr id="week-total" data-hx-swap-oob="true">' in html and "6.25 hours" in html
    assert "<html" not in html and "HX-Request" in response.headers["Vary"]
    assert _report().entries[0].minutes == 375


def test_the_htmx_cell_refusal_is_a_422_fragment(consultant, work):
    day = last_week()
    before = counts()
    response = consultant.post(_url(work, suffix=f"/days/{day}"), data={f"hours-{day}": "25"},
                               headers={**EN, **hx()})
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and counts() == before
    assert f'aria-invalid="true" aria-describedby="hours-{day}-error"' in html and 'value="25"' in html
    assert f'<p class="error" id="hours-{day}-error" role="alert">A day has at most 24 hours.</p>' in html


def test_the_cell_endpoint_without_htmx_redirects_to_the_week(consultant, work):
    day = last_week()
    response = consultant.post(_url(work, suffix=f"/days/{day}"), data={f"hours-{day}": "8"}, headers=EN)
    assert response.status_code == 303 and _report().entries[0].minutes == 480


def test_no_change_after_approval(consultant, work):
    """R-CON-3: an approved week never changes; the page offers the correction instead."""
    consultant.post(_url(work), data=week_form(last_week(), {0: ("8", False, "")}))
    report = _report()
    report.state = "approved"
    db.session.commit()
    before = counts()
    day = last_week() + timedelta(days=1)
    refused = consultant.post(_url(work), data=week_form(last_week(), {1: ("8", False, "")}), headers=EN)
    assert refused.status_code == 409
    response = consultant.post(_url(work, suffix=f"/days/{day}"), data={f"hours-{day}": "8"}, headers={**EN, **hx()})
    assert response.status_code == 409 and "approved" in response.get_data(as_text=True)
    assert "<td>0</td>" in response.get_data(as_text=True)  # what is stored, not what was sent
    assert counts() == before
    html = consultant.get(_url(work), headers=EN).get_data(as_text=True)
    assert "Correct this week" in html and 'name="hours-' not in html


def test_the_correction_button_opens_a_linked_draft(consultant, work):
    consultant.post(_url(work), data=week_form(last_week(), {0: ("8", False, "Design")}))
    approved = _report()
    approved.state = "approved"
    db.session.commit()
    response = consultant.post(_url(work, suffix="/correct"), headers=EN)
    assert response.status_code == 303
    correction = _report()
    assert correction.id != approved.id and correction.corrects_id == approved.id and correction.state == "draft"
    db.session.refresh(approved)
    assert approved.state == "approved" and approved.entries[0].minutes == 480
    html = consultant.get(_url(work), headers=EN).get_data(as_text=True)
    assert "correction of the approved week" in html and f'name="hours-{last_week()}"' in html
    assert consultant.post(_url(work, suffix="/correct"), headers=EN).status_code == 409  # a draft: not again


def test_correcting_a_week_that_is_not_approved_is_refused(consultant, work):
    before = counts()
    response = consultant.post(_url(work, suffix="/correct"), headers=EN)
    assert response.status_code == 409 and "Only an approved week" in response.get_data(as_text=True)
    assert counts() == before


def test_another_consultants_engagement_is_not_found(consultant, work, login_as):
    other = login_as("consultant")
    day = last_week()
    before = counts()
    assert other.get(_url(work)).status_code == 404
    assert other.post(_url(work), data=week_form(last_week(), {0: ("8", False, "")})).status_code == 404
    assert other.post(_url(work, suffix=f"/days/{day}"), data={f"hours-{day}": "8"}, headers=hx()).status_code == 404
    assert other.post(_url(work, suffix="/correct")).status_code == 404
    assert counts() == before


@pytest.mark.parametrize("path", [
    "/consultant/engagements/999999/weeks/{week}", "/consultant/engagements/99999999999999999999999/weeks/{week}",
    "/consultant/engagements/{id}/weeks/2026-W49", "/consultant/engagements/{id}/weeks/x",
    "/consultant/engagements/{id}/weeks/{tuesday}", "/consultant/engagements/{id}/weeks/2026-02-30",
    "/consultant/engagements/{id}/weeks/{before}", "/consultant/engagements/{id}/weeks/{after}",
    "/consultant/engagements/{id}/weeks/{week}/days/x", "/consultant/engagements/{id}/weeks/{week}/days/{next_monday}",
])
def test_huge_ids_bad_weeks_and_days_are_not_found(consultant, work, path):
    period = weeks.period_of(work)
    url = path.format(id=work.id, week=last_week(), tuesday=last_week() + timedelta(days=1),
                      before=period.first_week - timedelta(weeks=1), after=period.last_week + timedelta(weeks=1),
                      next_monday=last_week() + timedelta(weeks=1))
    method = consultant.post if "/days/" in url else consultant.get
    assert method(url).status_code == 404


def test_a_post_without_the_csrf_token_is_refused(app, consultant, work):
    app.config["WTF_CSRF_ENABLED"] = True
    before = counts()
    assert consultant.post(_url(work), data=week_form(last_week(), {0: ("8", False, "")})).status_code == 400
    assert counts() == before


def test_the_engagement_weeks_list_shows_each_weeks_state(app, consultant, work):
    consultant.post(_url(work), data=week_form(last_week(), {0: ("8", False, "")}))
    older = last_week() - timedelta(weeks=1)
    consultant.post(_url(work, older), data=week_form(older, {0: ("8", False, "")}))
    rejected = _report()
    rejected.state, rejected.decision_comment = "rejected", "Monday <b>is</b> wrong"
    db.session.commit()
    with app.test_request_context(headers=EN):
        html = render_template("consultant/_engagement_weeks.html", engagement=work)
    assert html.count("<tr>") == 6  # the header and five weeks, this week first
    assert "Not started" in html and "Draft" in html and "Rejected" in html
    assert "Monday &lt;b&gt;is&lt;/b&gt; wrong" in html  # the approver's comment, escaped
    assert _url(work) in html and "<td>8</td>" in html and "<td>–</td>" in html
    assert reporting.week_rows(work)[0].week_start == weeks.this_week()
