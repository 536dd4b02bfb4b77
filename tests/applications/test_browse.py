"""R-CON-1: signed-in consultants browse the published assignments that still take answers, with filters and
full text; only public facts, never a draft, never the name of a buyer who chose to stay hidden."""
from __future__ import annotations

from datetime import timedelta

import pytest

from portal.extensions import db
from portal.services.applications import browse
from portal.services.matching import skills
from tests.applications.browse_data import TODAY, assignment, buyer_organisation
from tests.conftest import hx
from tests.hostile import HUGE_IDS

EN = {"Accept-Language": "en"}


def _multi(args):
    from werkzeug.datastructures import MultiDict

    return MultiDict([(k, v) for k, values in args.items() for v in (values if isinstance(values, list) else [values])])


def _found(**args) -> set[str]:
    return {a.title for a in browse.load(browse.matching_ids(browse.parse(_multi(args))))}


@pytest.fixture
def market(login_as):
    consultant = login_as("consultant")
    skills.seed_defaults()
    hidden = buyer_organisation("Hemlig Kund AB")
    shown = buyer_organisation("Öppen Kund AB")
    assignment(hidden, "Pipeline engineer", musts=("Python", "minst fem års erfarenhet av PostgreSQL"),
               location="Örebro", remote="hybrid", extent=80, rate_ceiling=1000,
               start_date=TODAY + timedelta(days=10))
    assignment(shown, "Frontend developer", musts=("JavaScript", "React eller Vue"), location="Stockholm",
               remote="remote", extent=100, rate_ceiling=None, show_buyer=True, start_date=TODAY + timedelta(days=40),
               description="A booking site for a ferry line.")
    assignment(hidden, "Backend developer", musts=("Java",), shoulds=("Kafka",), location="Göteborg",
               remote="onsite", extent=50, rate_ceiling=1300, start_date=TODAY + timedelta(days=70),
               description="Claims handling with event sourcing.")
    for state in ("draft", "submitted", "shortlisting", "filled", "cancelled", "expired"):
        assignment(hidden, f"Closed {state}", state=state)
    assignment(hidden, "Deadline passed", answer_deadline=TODAY - timedelta(days=1))
    db.session.commit()
    return consultant, hidden, shown


def test_only_open_published_assignments_are_listed(market):
    consultant, _hidden, _shown = market
    page = consultant.get("/consultant/assignments", headers=EN).get_data(as_text=True)
    assert "3 assignments found" in page
    for title in ("Pipeline engineer", "Frontend developer", "Backend developer"):
        assert title in page
    assert "Closed" not in page and "Deadline passed" not in page


def test_closed_draft_and_unknown_assignments_are_not_found(market):
    consultant, hidden, _shown = market
    from portal.models import Assignment
    import sqlalchemy as sa

    closed = db.session.scalars(sa.select(Assignment.id).where(Assignment.title.like("Closed %"))).all()
    passed = db.session.scalar(sa.select(Assignment.id).where(Assignment.title == "Deadline passed"))
    for assignment_id in [*closed, passed, 0, *(i for i in HUGE_IDS)]:
        assert consultant.get(f"/consultant/assignments/{assignment_id}").status_code == 404, assignment_id


def test_filters_work_alone_and_combined(market):
    assert _found(region="örebro") == {"Pipeline engineer"}  # Swedish letters in any case
    assert _found(region="STOCKHOLM") == {"Frontend developer"}
    assert _found(remote=["remote", "hybrid"]) == {"Pipeline engineer", "Frontend developer"}
    assert _found(start_from=(TODAY + timedelta(days=30)).isoformat()) == {"Frontend developer", "Backend developer"}
    assert _found(start_until=(TODAY + timedelta(days=30)).isoformat()) == {"Pipeline engineer"}
    assert _found(extent_min="60") == {"Pipeline engineer", "Frontend developer"}
    assert _found(extent_max="80") == {"Pipeline engineer", "Backend developer"}
    # A rate above a stated ceiling hides the assignment; one without a ceiling stays.
    assert _found(rate="1200") == {"Frontend developer", "Backend developer"}
    assert _found(remote="onsite", extent_max="60", rate="1200") == {"Backend developer"}
    assert _found(remote="onsite", region="Örebro") == set()


def test_skills_are_read_as_the_ranking_reads_requirements(market):
    assert _found(skills="Postgres") == {"Pipeline engineer"}  # a synonym of PostgreSQL
    assert _found(skills="Java") == {"Backend developer"}  # not JavaScript
    assert _found(skills="vue") == {"Frontend developer"}  # one of "React eller Vue"
    assert _found(skills="Python, PostgreSQL") == {"Pipeline engineer"}
    assert _found(skills="Python, Java") == set()  # every skill must be asked for
    assert _found(skills="Kafka", remote="onsite") == {"Backend developer"}  # should requirements count


def test_full_text_finds_titles_descriptions_and_requirement_texts(market):
    assert _found(q="erfarenhet") == {"Pipeline engineer"}  # only in a requirement's text
    assert _found(q="FERRY booking") == {"Frontend developer"}
    assert _found(q="developer claims") == {"Backend developer"}  # every word must occur
    assert _found(q="nothing-like-this") == set()


def test_full_text_never_searches_the_buyers_name(market):
    assert _found(q="Hemlig") == set()
    assert _found(q="Öppen") == set()


def test_hidden_buyer_is_never_named(market):
    consultant, hidden, _shown = market
    page = consultant.get("/consultant/assignments", headers=EN).get_data(as_text=True)
    assert "Öppen Kund AB" in page  # the buyer who chose to be shown
    assert "Hemlig Kund AB" not in page and "Not disclosed" in page
    detail = consultant.get(f"/consultant/assignments/{_id('Pipeline engineer')}", headers=EN).get_data(as_text=True)
    assert "Hemlig Kund AB" not in detail and "Pipeline engineer" in detail


def _id(title: str) -> int:
    import sqlalchemy as sa

    from portal.models import Assignment

    return db.session.scalar(sa.select(Assignment.id).where(Assignment.title == title))


def test_hostile_text_is_escaped_and_wildcards_are_literal(market):
    consultant, hidden, _shown = market
    assignment(hidden, "<script>alert('hostile')</script>", musts=("100% Python_3",))
    db.session.commit()
    payload = "<script>alert('hostile')</script>"
    html = consultant.get("/consultant/assignments", query_string={"q": payload}, headers=EN).get_data(as_text=True)
    assert "<script>alert(" not in html and "&lt;script&gt;" in html
    assert _found(q="%") == {"<script>alert('hostile')</script>"}  # a literal percent sign, not "anything"
    assert _found(q="_") == {"<script>alert('hostile')</script>"}
    assert _found(q="%_\\%") == set()


@pytest.mark.parametrize("args, message, field", [
    ({"extent_min": "abc"}, "whole percentage", "extent_min"),
    ({"extent_min": "0"}, "whole percentage", "extent_min"),
    ({"extent_max": "101"}, "whole percentage", "extent_max"),
    ({"extent_min": "90", "extent_max": "10"}, "lowest extent", "extent_max"),
    ({"start_from": "2027-02-30"}, "YYYY-MM-DD", "start_from"),
    ({"start_from": "2027-03-01", "start_until": "2027-02-01"}, "first start date", "start_until"),
    ({"remote": "moon"}, "remote", None),  # a group of checkboxes: the fieldset points to the message
    ({"rate": "-5"}, "hourly rate", "rate"),
    ({"rate": str(2**63)}, "hourly rate", "rate"),
    ({"page": "0"}, "no such page", None),
    ({"q": "x" * 101}, "at most 100", "q"),
    ({"skills": ",".join(f"s{i}" for i in range(11))}, "at most 10", "skills"),
    ({"region": ["Stockholm", "Örebro"]}, "once", "region"),
])
def test_invalid_filters_are_a_400_with_a_message(market, args, message, field):
    consultant, _hidden, _shown = market
    response = consultant.get("/consultant/assignments", query_string=args, headers=EN)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert 'role="alert"' in html and message in html
    assert "Pipeline engineer" not in html  # no results under a filter that was not understood
    if field:  # the field in question is marked for assistive technology and points to the message
        (line,) = [line for line in html.splitlines() if f'name="{field}"' in line]
        assert 'aria-invalid="true"' in line and "browse-error" in line


def test_invalid_filter_from_htmx_is_the_results_fragment_with_422(market):
    consultant, _hidden, _shown = market
    response = consultant.get("/consultant/assignments?extent_min=abc", headers={**EN, **hx()})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert html.lstrip().startswith('<section id="browse-results"') and "whole percentage" in html


def test_htmx_gets_only_the_results(market):
    consultant, _hidden, _shown = market
    response = consultant.get("/consultant/assignments?remote=remote", headers={**EN, **hx()})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "HX-Request" in response.headers["Vary"]
    assert "<html" not in html and "Frontend developer" in html and "Pipeline engineer" not in html


def test_paging(login_as):
    consultant = login_as("consultant")
    organisation = buyer_organisation()
    for n in range(browse.PAGE_SIZE + 5):
        assignment(organisation, f"Assignment number {n:02d}", published_days_ago=n)
    db.session.commit()
    first = consultant.get("/consultant/assignments", headers=EN).get_data(as_text=True)
    assert "25 assignments found" in first and "Assignment number 00" in first and "Page 1 of 2" in first
    assert "Assignment number 20" not in first
    second = consultant.get("/consultant/assignments?page=2", headers=EN).get_data(as_text=True)
    assert "Assignment number 20" in second and "Assignment number 24" in second
    assert "Assignment number 19" not in second
    past = consultant.get("/consultant/assignments?page=9", headers=EN)
    assert past.status_code == 200 and "Assignment number" not in past.get_data(as_text=True)


def test_other_roles_and_visitors_are_refused(market, login_as, client):
    for role in ("buyer", "supplier", "partner"):
        other = login_as(role)
        assert other.get("/consultant/assignments").status_code == 403
        assert other.get(f"/consultant/assignments/{_id('Pipeline engineer')}").status_code == 403
    response = client.get("/consultant/assignments")
    assert response.status_code in (302, 303) and "/auth/login" in response.headers["Location"]


def test_detail_shows_public_facts_fit_and_the_way_to_apply(market):
    consultant, _hidden, _shown = market
    from tests.search.test_ranking_page import make_profile

    make_profile(consultant.user, skills=[("Python", 4)])
    db.session.commit()
    assignment_id = _id("Pipeline engineer")
    html = consultant.get(f"/consultant/assignments/{assignment_id}", headers=EN).get_data(as_text=True)
    assert "How your profile meets the requirements" in html
    assert "1 met, 0 partly met, 1 missing" in html  # Python met; no PostgreSQL at all
    assert "Partly met" not in html and html.count(">Missing<") == 1
    assert f"/consultant/assignments/{assignment_id}/apply" in html
    assert "Public procurement (LOU)" not in html


def test_an_lou_assignment_shows_its_procurement_terms(market):
    consultant, hidden, _shown = market
    item = assignment(hidden, "Tendered work", procurement_reference="DNR 2027-1", call_off_type="direct")
    db.session.commit()
    html = consultant.get(f"/consultant/assignments/{item.id}", headers=EN).get_data(as_text=True)
    assert "Public procurement (LOU)" in html and "DNR 2027-1" in html


def test_the_browser_sees_every_change_at_once(market):
    """browse_index.py keeps the open assignments in the process: a revision, a closing and a reopening show on
    the very next search."""
    from portal.models import Assignment, AssignmentRequirement

    assert _found(q="kotlin") == set()
    item = db.session.get(Assignment, _id("Backend developer"))
    item.title = "Backend developer (Kotlin)"
    item.requirements = [AssignmentRequirement(kind="must", text="Kotlin", position=0)]
    db.session.commit()  # an UPDATE of the row: its version moves, as every revision's does
    assert _found(q="kotlin") == {"Backend developer (Kotlin)"}
    assert _found(skills="Kotlin") == {"Backend developer (Kotlin)"} and _found(skills="Java") == set()
    item.state = "shortlisting"
    db.session.commit()
    assert _found(q="kotlin") == set()
    item.state = "published"
    db.session.commit()
    assert _found(q="kotlin") == {"Backend developer (Kotlin)"}
