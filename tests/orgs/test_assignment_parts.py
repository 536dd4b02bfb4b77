"""The buyer's assignment request as an overview in parts (issue #18, R-BUY-1): each part's saved values with a
Change link, each part's form on its own page or in place, a part's save keeping the other parts as stored."""
from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from portal.buyer.assignment_page import PARTS
from portal.extensions import db
from portal.models import Assignment, Membership
from tests import factories
from tests.conftest import hx
from tests.orgs.helpers import assignment_form, make_assignment
from tests.orgs.test_written_text_inert import FREE, NAME, loose_blocks

EN = {"Accept-Language": "en"}
SV = {"Accept-Language": "sv"}
HOSTILE = '<i hx-get="/x" hx-trigger="load">'
DETAILS = PARTS["details"].fields
PROCUREMENT = PARTS["procurement"].fields


def _part(html: str, name: str) -> str:
    """The markup of one part of a page, up to the next part's start."""
    start = html.index(f'<section id="part-{name}"')
    following = html.find('<section id="part-', start + 1)
    return html[start:following if following > 0 else len(html)]


def _posted(names, **overrides) -> dict:
    """The helper's valid post, only the fields of these parts (requirements: every requirements-… key)."""
    data = {k: v for k, v in assignment_form(**overrides).items() if k.split("-", 1)[0] in names}
    return {**data, **{k: v for k, v in overrides.items() if k == "version"}}


@pytest.fixture
def buyer(login_as):
    return login_as("buyer")


@pytest.fixture
def item(buyer) -> Assignment:
    """A draft made with the whole form: three requirements, an LOU part, the buyer's name shown."""
    assert buyer.post("/buyer/assignments/new", data=assignment_form(show_buyer="y")).status_code == 303
    return db.session.scalar(sa.select(Assignment))


def _requirements(item) -> list[tuple]:
    db.session.refresh(item)
    return [(r.kind, r.text, r.weight) for r in item.requirements]


def _stored(item) -> dict:
    db.session.refresh(item)
    return {name: getattr(item, name) for name in (*DETAILS, *PROCUREMENT) if name != "contact_person_id"}


def test_the_overview_shows_each_part_with_its_values_and_a_change_link(buyer, item):
    html = buyer.get(f"/buyer/assignments/{item.id}", headers=EN).text
    details = _part(html, "details")
    assert '<dd id="value-title" data-hx-disable>Senior Python developer</dd>' in details
    for shown in ("Back-end developer", "Build the new claims system.", "Swedish, English", "Stockholm",
                  "Partly remote", "80 %", "1100 SEK per hour", '<dd id="value-show_buyer" data-hx-disable>Yes</dd>'):
        assert shown in details, shown
    assert '<dd id="value-contact_person_id" data-hx-disable><span class="muted">Not given</span></dd>' in details
    requirements = _part(html, "requirements")
    assert "<li>Python</li>" in requirements and "<li>PostgreSQL</li>" in requirements
    assert "<li>Flask · weight 4</li>" in requirements
    procurement = _part(html, "procurement")
    assert "DNR 2026-117" in procurement and "IT-konsulttjänster 2024" in procurement
    for name in PARTS:
        link = re.search(rf'<a class="change-link" id="change-{name}" href="([^"]+)" data-hx-get="([^"]+)" '
                         rf'data-hx-target="#part-{name}" data-hx-swap="outerHTML">Change'
                         rf'<span class="visually-hidden"> ([^<]+)</span></a>', html)
        assert link and link[1] == link[2] == f"/buyer/assignments/{item.id}/edit/{name}", name
        assert link[3] == str(PARTS[name].change)
    assert ">Revise<" not in html  # the Change links replace the one button for the whole form


def test_empty_values_read_well_and_closed_assignments_have_no_change_links(buyer):
    organisation = buyer.user.active_membership().organisation
    draft = make_assignment(organisation, state="draft")
    filled = make_assignment(organisation, state="filled")
    db.session.commit()
    procurement = _part(buyer.get(f"/buyer/assignments/{draft.id}", headers=EN).text, "procurement")
    assert procurement.count("Not given") == 4
    closed = buyer.get(f"/buyer/assignments/{filled.id}", headers=EN).text
    assert 'id="part-requirements"' in closed and "change-link" not in closed and "Kafka · weight 3" in closed


@pytest.mark.parametrize("name, field", [("details", "title"), ("requirements", "requirements-0-text"),
                                         ("procurement", "procurement_reference")])
def test_each_part_has_its_own_page_with_only_its_fields(buyer, item, name, field):
    response = buyer.get(f"/buyer/assignments/{item.id}/edit/{name}", headers=EN)
    html = response.text
    assert response.status_code == 200 and "<html" in html
    assert f'<h1 id="part-{name}-heading" tabindex="-1">{PARTS[name].title}</h1>' in html
    assert f'id="{field}"' in html and f'name="version" type="hidden" value="{item.version}"' in html
    others = {"details": 'id="title"', "requirements": 'id="requirements-0-text"',
              "procurement": 'id="procurement_reference"'}
    assert [other for key, other in others.items() if key != name and other in html] == []
    assert f'action="/buyer/assignments/{item.id}/edit/{name}"' in html and "data-hx-post" not in html
    assert f'href="/buyer/assignments/{item.id}#part-{name}"' in html  # back, and Cancel
    assert 'name="csrf_token"' in html


def test_htmx_opens_a_part_in_place_and_cancel_gives_the_summary_back(buyer, item):
    response = buyer.get(f"/buyer/assignments/{item.id}/edit/requirements", headers=hx(**EN))
    html = response.text
    assert response.status_code == 200 and "HX-Request" in response.headers["Vary"]
    assert html.lstrip().startswith('<section id="part-requirements" class="profile-section"')
    assert "<html" not in html and 'id="part-details"' not in html
    assert '<h3 id="part-requirements-heading" tabindex="-1" autofocus>' in html
    assert (f'data-hx-post="/buyer/assignments/{item.id}/edit/requirements" data-hx-target="#part-requirements" '
            f'data-hx-swap="outerHTML"') in html
    assert f'data-hx-get="/buyer/assignments/{item.id}?part=requirements"' in html
    summary = buyer.get(f"/buyer/assignments/{item.id}?part=requirements", headers=hx(**EN)).text
    assert summary.lstrip().startswith('<section id="part-requirements"')
    assert '<h3 id="part-requirements-heading" tabindex="-1" autofocus>' in summary and "PostgreSQL" in summary
    assert 'role="status"' not in summary and "data-hx-swap-oob" not in summary  # nothing was saved
    whole = buyer.get(f"/buyer/assignments/{item.id}?part=bogus&saved=bogus", headers=EN).text
    assert "<html" in whole and 'id="part-bogus' not in whole and 'tabindex="-1" aria-describedby' not in whole


def test_saving_the_first_part_keeps_the_requirements_and_the_procurement(buyer, item):
    before_requirements, before = _requirements(item), _stored(item)
    data = _posted(DETAILS, title="Lead Python developer", extent="60", version=str(item.version))
    assert "show_buyer" not in data  # unticked now: the box a browser does not send
    data["requirements-0-text"] = "Ignored: not this part's"
    response = buyer.post(f"/buyer/assignments/{item.id}/edit/details", data=data, headers=EN)
    assert response.status_code == 303
    assert response.headers["Location"] == f"/buyer/assignments/{item.id}?saved=details#part-details"
    assert _requirements(item) == before_requirements
    after = _stored(item)
    assert (after["title"], after["extent"], after["show_buyer"]) == ("Lead Python developer", 60, False)
    assert {k: v for k, v in after.items() if k not in ("title", "extent", "show_buyer")} == {
        k: v for k, v in before.items() if k not in ("title", "extent", "show_buyer")}
    page = buyer.get(response.headers["Location"], headers=EN).text
    assert "Your changes are saved." in page
    assert '<section id="part-details" class="profile-section" aria-labelledby="part-details-heading" tabindex="-1">' \
        in page
    assert "Lead Python developer" in _part(page, "details")


def test_saving_the_requirements_keeps_the_first_part_and_the_procurement(buyer, item):
    before = _stored(item)
    response = buyer.post(f"/buyer/assignments/{item.id}/edit/requirements", data={
        "version": str(item.version), "title": "Ignored", "requirements-0-kind": "should",
        "requirements-0-text": "Rust", "requirements-0-weight": "5"})
    assert response.status_code == 303
    assert _requirements(item) == [("should", "Rust", 5)]
    assert _stored(item) == before  # the buyer's name stays shown, the dates and LOU part as they were
    assert item.version == 2


def test_saving_the_procurement_part_keeps_the_rest(buyer, item):
    before_requirements, before = _requirements(item), _stored(item)
    response = buyer.post(f"/buyer/assignments/{item.id}/edit/procurement", data={
        "version": str(item.version), "procurement_reference": "", "framework_agreement": "",
        "call_off_type": "", "evaluation_model": "price"})
    assert response.status_code == 303
    after = _stored(item)
    assert (after["procurement_reference"], after["call_off_type"], after["evaluation_model"]) == (None, None, "price")
    assert {k: after[k] for k in DETAILS if k in after} == {k: before[k] for k in DETAILS if k in before}
    assert _requirements(item) == before_requirements


@pytest.mark.parametrize("name, overrides, message, focus", [
    ("details", {"title": ""}, "Give the assignment a title.", "title"),
    ("details", {"end_date": "2020-01-01"}, "cannot end before it starts", "end_date"),
    ("details", {"extent": "a lot"}, "Not a valid integer", "extent"),
    ("requirements", {"requirements-0-weight": "3"}, "must requirement is pass or fail", None),
    ("requirements", {"requirements-1-text": "x" * 201}, "longer than 200", "requirements-1-text"),
    ("procurement", {"framework_agreement": ""}, "under a framework agreement: name it", "framework_agreement"),
])
def test_bad_input_shows_the_part_again_with_the_message_and_saves_nothing(buyer, item, name, overrides, message,
                                                                          focus):
    version, before_requirements, before = item.version, _requirements(item), _stored(item)
    names = {"details": DETAILS, "requirements": ("requirements",), "procurement": PROCUREMENT}[name]
    response = buyer.post(f"/buyer/assignments/{item.id}/edit/{name}", headers=EN,
                          data=_posted(names, version=str(version), **overrides))
    assert response.status_code == 422
    html = response.text
    assert message in html and f'<h1 id="part-{name}-heading"' in html
    assert [other for other in PARTS if other != name and f'id="part-{other}' in html] == []
    if focus:
        assert re.search(rf'<(input|textarea)[^>]* autofocus id="{focus}"', html), focus
    else:  # a refusal about the requirements as a whole: above the form and beside the rows, focus on the heading
        assert 'role="alert"' in html and 'id="requirements-error"' in html
        assert f'<h1 id="part-{name}-heading" tabindex="-1" autofocus>' in html
    db.session.refresh(item)
    assert (item.version, _requirements(item), _stored(item)) == (version, before_requirements, before)


def test_a_refused_htmx_save_shows_the_part_again_in_place(buyer, item):
    response = buyer.post(f"/buyer/assignments/{item.id}/edit/details", headers=hx(**EN),
                          data=_posted(DETAILS, role="", version=str(item.version)))
    assert response.status_code == 422
    html = response.text
    assert html.lstrip().startswith('<section id="part-details" class="profile-section"')
    assert '<h3 id="part-details-heading" tabindex="-1">' in html  # the field in error gets the focus instead
    assert "Name the role." in html and re.search(r'<input[^>]* autofocus id="role"', html)


def test_a_refusal_about_another_part_is_said_above_the_form(buyer, item, login_as):
    colleague = login_as("buyer", organisation=buyer.user.active_membership().organisation, is_admin=False)
    item.contact_person_id = colleague.user.id
    db.session.commit()
    membership = db.session.scalar(sa.select(Membership).where(Membership.user_id == colleague.user.id))
    assert buyer.post(f"/buyer/colleagues/{membership.id}/remove").status_code == 303  # the contact person left
    db.session.refresh(item)
    response = buyer.post(f"/buyer/assignments/{item.id}/edit/requirements", headers=EN,
                          data=_posted(("requirements",), version=str(item.version)))
    assert response.status_code == 422
    assert re.search(r'<div class="form-errors" role="alert" data-hx-disable>\s*<p>Contact person: ', response.text)


def test_a_stale_version_is_refused_with_409_and_changes_nothing(buyer, item):
    version = item.version
    first = buyer.post(f"/buyer/assignments/{item.id}/edit/procurement",
                       data=_posted(PROCUREMENT, version=str(version), procurement_reference="DNR 1"))
    assert first.status_code == 303
    for name, data in (("details", _posted(DETAILS, title="Late")),
                       ("requirements", {"requirements-0-kind": "must", "requirements-0-text": "Late"})):
        stale = buyer.post(f"/buyer/assignments/{item.id}/edit/{name}", headers=EN,
                           data={**data, "version": str(version)})
        assert stale.status_code == 409 and "reload the page" in stale.text, name
        missing = buyer.post(f"/buyer/assignments/{item.id}/edit/{name}", headers=EN, data=data)
        assert missing.status_code == 409, name  # no version posted: never the stored one
    db.session.refresh(item)
    assert item.title == "Senior Python developer" and item.version == version + 1
    assert "Late" not in [text for _, text, _ in _requirements(item)]


def test_a_published_assignment_changed_through_a_part_goes_back_to_review(buyer, item):
    item.state = "published"
    db.session.commit()
    page = buyer.get(f"/buyer/assignments/{item.id}/edit/requirements", headers=EN).text
    assert "goes back to us for review" in page
    response = buyer.post(f"/buyer/assignments/{item.id}/edit/requirements", headers=EN, data={
        "version": str(item.version), "requirements-0-kind": "must", "requirements-0-text": "Rust"})
    assert response.status_code == 303
    db.session.refresh(item)
    assert item.state == "submitted"
    html = buyer.get(response.headers["Location"], headers=EN).text
    assert "the assignment is back with us for review" in html and "State: Submitted" in html


def test_sent_back_with_htmx_the_whole_page_loads(buyer, item):
    item.state = "published"
    db.session.commit()
    response = buyer.post(f"/buyer/assignments/{item.id}/edit/details", headers=hx(**EN),
                          data=_posted(DETAILS, title="Changed", version=str(item.version)))
    assert response.status_code == 204
    assert response.headers["HX-Redirect"] == f"/buyer/assignments/{item.id}?saved=details#part-details"
    db.session.refresh(item)
    assert item.state == "submitted"
    assert "back with us for review" in buyer.get(response.headers["HX-Redirect"], headers=EN).text


def test_an_htmx_save_gives_the_fresh_summary_and_what_else_changed(buyer, item):
    response = buyer.post(f"/buyer/assignments/{item.id}/edit/details", headers=hx(**EN),
                          data=_posted(DETAILS, title="Renamed request", version=str(item.version)))
    assert response.status_code == 200
    html = response.text
    assert html.lstrip().startswith('<section id="part-details" class="profile-section"')
    assert ('<h3 id="part-details-heading" tabindex="-1" autofocus aria-describedby="part-details-saved">'
            in html)
    assert '<p class="flash flash-success" role="status" id="part-details-saved">Saved: The assignment.</p>' in html
    assert "<title>Renamed request – Customersonly</title>" in html
    assert '<h1 id="assignment-title" data-hx-swap-oob="true" data-hx-disable>Renamed request</h1>' in html
    assert '<section id="state-card" class="card" aria-labelledby="state-title" data-hx-swap-oob="true">' in html
    assert '<section id="evaluate-card" class="card" aria-labelledby="evaluate-title" data-hx-swap-oob="true">' in html
    assert 'id="part-requirements"' not in html and "<form" in html  # the state card's buttons come along


def test_unknown_parts_foreign_and_huge_ids_are_not_found(buyer, item, login_as):
    for path in ("nothing", "DETAILS", "version", "requirements-0-text"):
        assert buyer.get(f"/buyer/assignments/{item.id}/edit/{path}").status_code == 404, path
        assert buyer.post(f"/buyer/assignments/{item.id}/edit/{path}", data={}).status_code == 404, path
    other = login_as("buyer")
    for name in PARTS:
        assert other.get(f"/buyer/assignments/{item.id}/edit/{name}").status_code == 404
        refused = other.post(f"/buyer/assignments/{item.id}/edit/{name}",
                             data=_posted((*DETAILS, "requirements", *PROCUREMENT), version=str(item.version),
                                          title="Hijacked"))
        assert refused.status_code == 404
        assert buyer.get(f"/buyer/assignments/{10**20}/edit/{name}").status_code == 404
        assert buyer.get(f"/buyer/assignments/{2**31}/edit/{name}").status_code == 404
    assert "Senior Python developer" not in other.get(f"/buyer/assignments/{item.id}/edit/details").text
    db.session.refresh(item)
    assert item.title == "Senior Python developer"


def test_other_roles_are_refused(item, login_as):
    for role in ("supplier", "consultant"):
        assert login_as(role).get(f"/buyer/assignments/{item.id}/edit/details").status_code == 403, role


def test_a_post_without_the_csrf_token_is_refused(app, buyer, item):
    app.config["WTF_CSRF_ENABLED"] = True
    response = buyer.post(f"/buyer/assignments/{item.id}/edit/details",
                          data=_posted(DETAILS, title="Forged", version=str(item.version)))
    assert response.status_code == 400
    db.session.refresh(item)
    assert item.title == "Senior Python developer"


def test_the_overview_and_the_parts_speak_swedish(buyer, item, login_as):
    html = buyer.get(f"/buyer/assignments/{item.id}", headers=SV).text
    assert '<html lang="sv">' in html
    for swedish in ("Uppdraget", "Krav", "Offentlig upphandling (LOU)", "Ändra", "Inte angivet", "Ja",
                    "Delvis på distans"):
        assert swedish in html, swedish
    part = buyer.get(f"/buyer/assignments/{item.id}/edit/requirements", headers=SV).text
    assert '<h1 id="part-requirements-heading" tabindex="-1">Krav</h1>' in part and "Avbryt" in part
    refused = buyer.post(f"/buyer/assignments/{item.id}/edit/details", headers=SV,
                         data=_posted(DETAILS, title="", version=str(item.version)))
    assert refused.status_code == 422 and '<html lang="sv">' in refused.text
    swedish_user = login_as("buyer", locale="sv", organisation=buyer.user.active_membership().organisation)
    assert "Uppdraget" in swedish_user.get(f"/buyer/assignments/{item.id}", headers=EN).text


def test_what_the_buyer_wrote_is_escaped_and_inert_on_the_overview_and_the_parts(buyer):
    response = buyer.post("/buyer/assignments/new", data=assignment_form(**{
        "title": HOSTILE, "description": FREE, "requirements-0-text": FREE, "requirements-1-text": HOSTILE,
        "procurement_reference": NAME, "location": FREE}))
    assert response.status_code == 303
    item = db.session.scalar(sa.select(Assignment))
    pages = [f"/buyer/assignments/{item.id}", *(f"/buyer/assignments/{item.id}/edit/{name}" for name in PARTS)]
    for url in pages:
        for headers in (EN, hx(**EN)):
            html = buyer.get(url, headers=headers).text
            assert "<i hx-get" not in html and "<b hx-post" not in html and loose_blocks(html) == [], url
    overview = buyer.get(pages[0], headers=EN).text
    assert "&lt;i hx-get=&#34;/x&#34; hx-trigger=&#34;load&#34;&gt;" in _part(overview, "details")
    assert "&lt;i hx-get=&#34;/x&#34;" in _part(overview, "requirements")
    saved = buyer.post(f"/buyer/assignments/{item.id}/edit/details", headers=hx(**EN),
                       data=_posted(DETAILS, title=HOSTILE, location=FREE, version=str(item.version)))
    assert saved.status_code == 200 and "<i hx-get" not in saved.text and loose_blocks(saved.text) == []


def test_the_whole_form_still_saves_every_part(buyer, item):
    response = buyer.post(f"/buyer/assignments/{item.id}/edit", data=assignment_form(
        title="All at once", version=str(item.version), **{"requirements-2-text": ""}))
    assert response.status_code == 303 and response.headers["Location"] == f"/buyer/assignments/{item.id}"
    assert [text for _, text, _ in _requirements(item)] == ["Python", "PostgreSQL"]
    assert item.title == "All at once"


def test_a_new_draft_has_no_contact_person_by_default(buyer):
    """The part's form offers the organisation's representatives, and "Choose…" when none is chosen."""
    colleague = factories.make_user(role="buyer", organisation=buyer.user.active_membership().organisation,
                                    name="Cecilia Kontakt")
    db.session.commit()
    draft = make_assignment(buyer.user.active_membership().organisation, state="draft")
    db.session.commit()
    form = buyer.get(f"/buyer/assignments/{draft.id}/edit/details", headers=EN).text
    assert "Cecilia Kontakt" in form and '<option selected value="0">Choose…</option>' in form
    response = buyer.post(f"/buyer/assignments/{draft.id}/edit/details", data=_posted(
        DETAILS, contact_person_id=str(colleague.id), version=str(draft.version)))
    assert response.status_code == 303
    overview = buyer.get(f"/buyer/assignments/{draft.id}", headers=EN).text
    assert '<dd id="value-contact_person_id" data-hx-disable>Cecilia Kontakt</dd>' in overview
