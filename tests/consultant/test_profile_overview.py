"""The profile as an overview with a Change link per section (issue #18, R-CON-6, R-RIGHTS-3): saved values
and what is missing, each section's form on its own page or in place, saves back to the overview."""
from __future__ import annotations

import re

import pytest
from flask_babel import force_locale

from portal.consultant.profile_page import SECTIONS
from tests.conftest import hx
from tests.orgs.test_written_text_inert import loose_blocks
from tests.profiles.helpers import VALID_BANKGIRO, VALID_PNR

EN = {"Accept-Language": "en"}
SV = {"Accept-Language": "sv"}
SAVES = {  # section → where its form posts (the entry lists post to /<kind>/add)
    "contact": "/consultant/profile/contact", "identity": "/consultant/profile/identity",
    "payment": "/consultant/profile/payment", "competence": "/consultant/profile/competence",
    "availability": "/consultant/profile/availability", "card": "/consultant/profile/card",
    "attachments": "/consultant/profile/attachments", "linkedin": "/consultant/profile/import",
    **{kind: f"/consultant/profile/{kind}/add" for kind in (
        "skills", "languages", "interests", "industries", "employment", "education", "certificates", "references",
        "exclusions")},
}


def _section(html: str, name: str) -> str:
    """The markup of one section of a page, up to the next section's start."""
    start = html.index(f'<section id="section-{name}"')
    following = html.find('<section id="section-', start + 1)
    return html[start:following if following > 0 else len(html)]


@pytest.fixture
def filled(login_as):
    """A consultant with some of each kind of section saved, and nothing in others."""
    consultant = login_as("consultant", name="Maja Mätare", phone=None)
    saves = [
        ("/consultant/profile/contact", {"name": "Maja Mätare", "email": consultant.user.email, "street": "Storgatan 1",
                                         "postal_code": "111 22", "city": "Uppsala", "country": "SE"}),
        ("/consultant/profile/identity", {"personnummer": VALID_PNR, "citizenship": "SE", "gender": "undisclosed"}),
        ("/consultant/profile/payment", {"bankgiro": VALID_BANKGIRO, "f_tax": "F"}),
        ("/consultant/profile/competence", {"title": "Payments backend lead", "summary": "Builds payment systems."}),
        ("/consultant/profile/availability", {"available_from": "2027-01-01", "extent": "80", "remote": "hybrid"}),
        ("/consultant/profile/skills/add", {"skills-name": "Kotlin", "skills-level": "4", "skills-years": "6"}),
        ("/consultant/profile/references/add", {"references-referee_name": "Rut Referent",
                                                "references-statement": "Delivers on time."}),
    ]
    for url, data in saves:
        assert consultant.post(url, data=data).status_code == 303, url
    return consultant


def test_the_overview_shows_what_is_saved_and_not_given(filled):
    html = filled.get("/consultant/profile", headers=EN).get_data(as_text=True)
    contact = _section(html, "contact")
    assert '<dd id="value-name" data-hx-disable>Maja Mätare</dd>' in contact
    assert "Storgatan 1<br>111 22 Uppsala" in contact
    assert '<dd id="value-country" data-hx-disable>Sweden</dd>' in contact
    assert re.search(r'<dd id="value-phone" data-hx-disable><span class="muted">Not given</span></dd>', contact)
    identity = _section(html, "identity")
    assert "Prefer not to say" in identity and "19811218-****" in identity and VALID_PNR not in html
    assert "****-55" in _section(html, "payment") and VALID_BANKGIRO not in html
    assert "Approved for F-skatt" in _section(html, "payment")
    availability = _section(html, "availability")
    assert "Jan 1, 2027" in availability and "Hybrid" in availability and ">80<" in availability
    assert "Kotlin" in _section(html, "skills") and "level 4" in _section(html, "skills")
    assert "Rut Referent" in _section(html, "references") and "Delivers on time." in _section(html, "references")
    assert "No languages yet." in _section(html, "languages")


def test_each_section_says_what_is_missing_and_why(filled):
    html = filled.get("/consultant/profile", headers=EN).get_data(as_text=True)
    gaps = _section(html, "contact")
    assert 'id="contact-gaps"' in gaps and "a phone number" in gaps and "we ask you by phone" in gaps
    assert "your address" not in gaps  # saved
    assert "at least three skills" in _section(html, "skills")  # one is not enough
    assert 'id="identity-gaps"' not in html and 'id="payment-gaps"' not in html  # complete sections say nothing
    assert "your hourly rate" in _section(html, "availability")
    assert 'id="completeness-percent">' in html


def test_every_section_has_a_change_link_named_for_screen_readers(filled):
    html = filled.get("/consultant/profile", headers=EN).get_data(as_text=True)
    for name in SECTIONS:
        link = re.search(rf'<a class="change-link" id="change-{name}" href="/consultant/profile/{name}" '
                         rf'data-hx-get="/consultant/profile/{name}" data-hx-target="#section-{name}" '
                         rf'data-hx-swap="outerHTML">(\w+)<span class="visually-hidden"> ([^<]+)</span></a>',
                         _section(html, name))
        assert link, name
    assert '>Change<span class="visually-hidden"> contact details</span>' in html
    assert '>Add<span class="visually-hidden"> languages</span>' in html  # an empty list says Add
    assert '>Change<span class="visually-hidden"> skills</span>' in html


@pytest.mark.parametrize("name", list(SECTIONS))
@pytest.mark.parametrize("headers, lang", [(EN, "en"), (SV, "sv")])
def test_each_section_has_its_own_page_in_both_languages(login_as, app, name, headers, lang):
    consultant = login_as("consultant")
    response = consultant.get(f"/consultant/profile/{name}", headers=headers)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    with app.test_request_context(), force_locale(lang):
        title, cancel = str(SECTIONS[name].title), "Cancel" if lang == "en" else "Avbryt"
    assert f'<html lang="{lang}">' in html
    assert f'<h1 id="{name}-heading" tabindex="-1">{title}</h1>' in html
    assert f'<form method="post" action="{SAVES[name]}"' in html
    assert f'<a class="cancel-link" href="/consultant/profile#section-{name}">{cancel}</a>' in html
    assert "data-hx-post" not in _section(html, name)  # an ordinary form: its save goes back to the overview


def test_the_section_pages_speak_swedish(login_as):
    consultant = login_as("consultant")
    html = consultant.get("/consultant/profile/contact", headers=SV).get_data(as_text=True)
    assert '<h1 id="contact-heading" tabindex="-1">Kontakt</h1>' in html and "Tillbaka till din profil" in html
    assert "Titel och sammanfattning" in consultant.get("/consultant/profile/competence", headers=SV).text
    overview = consultant.get("/consultant/profile", headers=SV).get_data(as_text=True)
    assert ">Ändra<span class=\"visually-hidden\"> kontaktuppgifter</span>" in overview
    assert "Inte angivet" in overview


def test_an_unknown_section_is_not_found(login_as):
    consultant = login_as("consultant")
    for path in ("/consultant/profile/nothing", "/consultant/profile/import", "/consultant/profile/SKILLS"):
        assert consultant.get(path).status_code == 404, path


def test_htmx_opens_the_form_in_place_with_the_focus_on_its_heading(login_as):
    consultant = login_as("consultant")
    response = consultant.get("/consultant/profile/availability", headers=hx(**EN))
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "HX-Request" in response.headers["Vary"]
    assert html.lstrip().startswith('<section id="section-availability" class="profile-section card"')
    assert "<html" not in html and 'id="section-contact"' not in html
    assert '<h2 id="availability-heading" tabindex="-1" autofocus>' in html
    assert 'data-hx-post="/consultant/profile/availability" data-hx-target="#section-availability"' in html
    assert 'data-hx-get="/consultant/profile?section=availability"' in html  # Cancel brings the summary back
    skills = consultant.get("/consultant/profile/skills", headers=hx(**EN)).get_data(as_text=True)
    assert '<h3 id="skills-heading" tabindex="-1" autofocus>' in skills  # inside the competence card
    assert 'data-hx-target="#section-skills"' in skills


def test_cancel_in_place_gives_the_summary_back(filled):
    html = filled.get("/consultant/profile?section=competence", headers=hx(**EN)).get_data(as_text=True)
    assert html.lstrip().startswith('<section id="section-competence"')
    assert '<h3 id="competence-heading" tabindex="-1" autofocus>' in html and "Payments backend lead" in html
    assert "role=\"status\"" not in html  # nothing was saved
    whole = filled.get("/consultant/profile?section=competence&saved=bogus", headers=EN).get_data(as_text=True)
    assert "<html" in whole and 'role="status" id="bogus-saved"' not in whole


def test_a_save_goes_back_to_the_overview_with_a_message_at_the_section(login_as):
    consultant = login_as("consultant")
    response = consultant.post("/consultant/profile/competence", data={"title": "Architect", "summary": ""})
    assert response.status_code == 303
    assert response.headers["Location"] == "/consultant/profile?saved=competence#section-competence"
    html = consultant.get(response.headers["Location"], headers=EN).get_data(as_text=True)
    section = _section(html, "competence")
    assert ('<h3 id="competence-heading" tabindex="-1" autofocus aria-describedby="competence-saved">'
            in section)
    assert '<p class="flash flash-success" role="status" id="competence-saved">Saved: Title and summary.</p>' in section
    assert "Architect" in section and html.count('role="status" id=') == 1


def test_an_entry_saved_goes_back_to_its_own_list(login_as):
    consultant = login_as("consultant")
    response = consultant.post("/consultant/profile/languages/add", data={"languages-name": "Finnish",
                                                                          "languages-level": "B1"})
    assert response.headers["Location"] == "/consultant/profile?saved=languages#section-languages"
    fragment = consultant.post("/consultant/profile/exclusions/add", data={"exclusions-name": "Acme AB"},
                               headers=hx(**EN)).get_data(as_text=True)
    assert fragment.lstrip().startswith('<section id="section-exclusions"')
    assert "Saved: Clients you must not be proposed to." in fragment and "Acme AB" in fragment
    assert 'data-hx-swap-oob="true"' in fragment  # the meter comes along


def test_a_refused_save_shows_the_errors_on_the_section_page(login_as):
    consultant = login_as("consultant")
    response = consultant.post("/consultant/profile/identity", data={"personnummer": "19811218-9875"}, headers=EN)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "<title>Identity for assignments – My profile – Customersonly</title>" in html
    assert '<h1 id="identity-heading" tabindex="-1">' in html and "not a valid personnummer" in html
    assert re.search(r'<input aria-describedby="[^"]*personnummer-error" aria-invalid="true"[^>]* autofocus '
                     r'id="personnummer"', html)
    assert "data-hx-post" not in html  # without JavaScript it stays an ordinary page
    added = consultant.post("/consultant/profile/skills/add", data={"skills-name": ""}, headers=EN)
    assert added.status_code == 422 and '<h1 id="skills-heading"' in added.text
    assert 'id="skills-name-error"' in added.text


def test_a_refused_htmx_save_shows_the_form_again_in_place(login_as):
    consultant = login_as("consultant")
    response = consultant.post("/consultant/profile/competence", headers=hx(**EN), data={
        "title": "Developer", "summary": "I was on sick leave for burnout in 2020."})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert html.lstrip().startswith('<section id="section-competence" class="profile-section"')
    assert '<h3 id="competence-heading" tabindex="-1">' in html  # the field in error gets the focus instead
    assert "health or illness" in html and re.search(r'<textarea[^>]* autofocus id="summary"', html)
    assert 'data-hx-post="/consultant/profile/competence"' in html


def test_another_consultants_data_never_appears(filled, login_as):
    other = login_as("consultant")
    pages = ["/consultant/profile", *(f"/consultant/profile/{name}" for name in SECTIONS)]
    for url in pages:
        html = other.get(url, headers=EN).get_data(as_text=True)
        # (skill names are not here: the skill vocabulary is shared, its names are offered to everyone)
        for secret in ("Maja Mätare", "Storgatan", "19811218", "Payments backend lead", "Rut Referent",
                       "Delivers on time", filled.user.email):
            assert secret not in html, (url, secret)
    html = filled.get("/consultant/profile/skills", headers=EN).get_data(as_text=True)
    edit = re.search(r'href="(/consultant/profile/skills/\d+/edit)"', html).group(1)
    assert other.get(edit).status_code == 404


def test_what_the_consultant_wrote_is_inert_on_every_section_page(login_as):
    consultant = login_as("consultant")
    free = "<i hx-get=/x hx-trigger=load>free</i>"
    for url, data in (("/consultant/profile/competence", {"title": free, "summary": free}),
                      ("/consultant/profile/card", {"card_pitch": "Calm and steady."}),
                      ("/consultant/profile/interests/add", {"interests-text": free}),
                      ("/consultant/profile/references/add", {"references-referee_name": free,
                                                              "references-relation": free})):
        assert consultant.post(url, data=data).status_code == 303, url
    for url in ["/consultant/profile", *(f"/consultant/profile/{name}" for name in SECTIONS)]:
        html = consultant.get(url, headers=EN).get_data(as_text=True)
        assert "<i hx-get" not in html and loose_blocks(html) == [], url
