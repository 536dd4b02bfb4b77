"""Text one person writes never acts in another person's browser (issue 12, finding 1; R-SEC-2).

The attack that worked: a buyer's requirement carrying htmx attributes reached the supplier's offer
form unescaped (through a lazy translation's __html__) and posted an admin invitation from the
supplier's own browser. Each message that repeated a person's text is tried here with hostile text."""
from __future__ import annotations

import io
import zipfile

import sqlalchemy as sa

from portal.extensions import db
from portal.models import Assignment, Invitation
from tests.orgs.helpers import assignment_form
from portal.services.profiles import linkedin_archive
from tests.profiles.helpers import multipart

EN = {"Accept-Language": "en"}
ATTACK = ('<i hx-post="/supplier/colleagues/invite" hx-vals=\'{"email":"x@example.com","is_admin":"y"}\' '
          'hx-trigger="load"></i>')
SHORT = "<i hx-get=x hx-trigger=load>"


def _no_live_markup(html: str) -> None:
    assert "<i hx-" not in html and "<i hx-get" not in html
    assert "&lt;i hx-" in html


def test_a_buyers_requirement_is_inert_text_on_the_suppliers_offer_form(login_as):
    buyer = login_as("buyer")
    assert buyer.post("/buyer/assignments/new", data=assignment_form(**{"requirements-0-text": ATTACK})
                      ).status_code == 303
    item = db.session.scalar(sa.select(Assignment))
    item.state = "published"
    db.session.commit()
    supplier = login_as("supplier")
    for page in (f"/supplier/assignments/{item.id}/offer", f"/supplier/assignments/{item.id}", f"/assignments/{item.id}"):
        html = supplier.get(page, headers=EN).text
        _no_live_markup(html)
    form_page = supplier.get(f"/supplier/assignments/{item.id}/offer", headers=EN).text
    fieldset = form_page[:form_page.index("&lt;i hx-post")].rsplit("<fieldset", 1)[1]
    assert "data-hx-disable" in fieldset.split(">", 1)[0]  # and htmx would ignore it anyway
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Invitation)) == 0


def test_a_must_requirement_with_a_weight_is_refused_with_its_text_escaped(login_as):
    buyer = login_as("buyer")
    response = buyer.post("/buyer/assignments/new", headers=EN, data=assignment_form(
        **{"requirements-0-text": ATTACK, "requirements-0-weight": "3"}))
    assert response.status_code == 422 and "cannot have a weight" in response.text
    _no_live_markup(response.text)


def test_a_duplicate_skill_message_escapes_the_skill_name(login_as):
    consultant = login_as("consultant")
    data = {"skills-name": SHORT, "skills-level": "3", "skills-years": "2"}
    assert consultant.post("/consultant/profile/skills/add", data=data).status_code == 303
    again = consultant.post("/consultant/profile/skills/add", data=data, headers=EN)
    assert again.status_code == 422 and "already in your skills" in again.text
    _no_live_markup(again.text)


def test_a_linkedin_member_name_is_escaped_in_the_refusal(login_as):
    consultant = login_as("consultant")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        # The member's folder carries the markup; its name is one LinkedIn uses, so it is read.
        archive.writestr(f"{SHORT}/Skills.csv", "x" * (linkedin_archive.MAX_MEMBER_BYTES + 10))
    response = consultant.post("/consultant/profile/import", headers=EN,
                               **multipart({"linkedin-archive": (buffer.getvalue(), "export.zip")}))
    assert response.status_code == 422 and "in the archive is too large" in response.text
    _no_live_markup(response.text)


def test_a_duplicate_staff_synonym_message_escapes_both_names(login_as):
    recruiter = login_as("staff", staff_roles="recruiter")
    first = recruiter.post("/staff/skills", data={"alias": SHORT, "canonical": "Svelte"}, headers=EN)
    assert first.status_code in (302, 303)
    again = recruiter.post("/staff/skills", data={"alias": SHORT, "canonical": "Vue"}, headers=EN)
    assert again.status_code == 422 and "already means" in again.text
    _no_live_markup(again.text)
