"""Issue #13: anonymous cards a buyer cannot link or re-identify (R-BUY-7, R-CON-9), the consultant's own
yes field by field, releases with a reason and an end, and the final selection recorded (R-STAFF-2)."""
from __future__ import annotations

import json
import re
from datetime import date, timedelta
from decimal import Decimal

import sqlalchemy as sa

from portal.extensions import db
from portal.models import (Assignment, CardShowing, ConsentRequest, ConsultantProfile, Disclosure, DisclosureEnd,
                           Offer, Reference, Selection, ShortlistEntry, SupplierConsultant)
from portal.services.shortlists import cards
from tests.orgs.helpers import make_assignment
from tests.shortlists.conftest import EN, approve, ask_to_meet, give_profile, last_mail_to, pick, pool, release, say_yes


def _card(entry: ShortlistEntry) -> dict:
    return json.loads(entry.anonymized_card_json)


def _second_buyer_assignment(login_as):
    buyer = login_as("buyer", name="Berit Buyer")
    return buyer, make_assignment(buyer.user.memberships[0].organisation, state="shortlisting", title="Second")


def test_the_same_consultant_on_two_buyers_cards_shows_no_exact_value(scene, login_as):
    """Finding 1: exact rate, start date, years and certificate year made two cards linkable."""
    klara = scene.consultant.user
    _buyer, second = _second_buyer_assignment(login_as)
    db.session.commit()
    first_entry = pick(scene, klara)
    scene.assignment = second
    second_entry = pick(scene, klara)
    for entry in (first_entry, second_entry):
        card, text = _card(entry), entry.anonymized_card_json
        assert entry.card_k >= 5
        assert "950" not in text and "2027-01-01" not in text and "2019" not in text
        assert all(isinstance(s.get("years", "band"), str) for s in card["skills"])
        assert all("year" not in c for c in card["certificates"])
        assert {"summary", "title", "employment", "education", "hourly_rate", "available_from"}.isdisjoint(card)
        assert card["rate"] == {"low": 900, "high": 999} and card["available"] == {"month": "2027-01"}
    assert first_entry.pseudonym != second_entry.pseudonym


def test_a_rare_fact_is_generalised_until_five_share_the_card(scene):
    profile = db.session.scalar(sa.select(ConsultantProfile).where(
        ConsultantProfile.user_id == scene.consultant.user.id))
    profile.hourly_rate = Decimal("2345")  # nobody else near it
    db.session.commit()
    entry = pick(scene, scene.consultant.user)
    card = _card(entry)
    assert "rate" not in card and entry.card_k >= 5
    assert card["skills"] == [{"name": "Test leadership", "years": "6–10"}]  # what matters for fit stays
    page = scene.staff.get(f"/staff/assignments/{scene.assignment.id}/shortlist", headers=EN).get_data(as_text=True)
    assert f"{entry.card_k} consultants in the pool share everything this card shows" in page


def test_no_card_is_made_from_a_pool_smaller_than_k(login_as):
    staff = login_as("staff", staff_roles="recruiter")
    buyer = login_as("buyer")
    alone = login_as("consultant", name="Ensam Konsult").user
    give_profile(alone)
    assignment = make_assignment(buyer.user.memberships[0].organisation, state="shortlisting")
    db.session.commit()
    response = staff.post(f"/staff/assignments/{assignment.id}/shortlist",
                          data={"consultant_id": alone.id, "reason": "Only one."}, headers=EN)
    assert response.status_code == 422 and "Too few consultants" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(ShortlistEntry.id))) == 0


def test_a_card_without_a_proven_k_never_reaches_the_buyer(scene):
    entry = pick(scene, scene.consultant.user)
    approve(scene, entry)
    entry.card_k = None  # as for a card drafted before the check
    db.session.commit()
    html = scene.buyer.get(f"/buyer/assignments/{scene.assignment.id}", headers=EN).get_data(as_text=True)
    assert f"Candidate {entry.pseudonym}" not in html
    assert ask_to_meet(scene, entry).status_code == 404


def test_a_changed_pool_redrafts_the_card_before_approval(scene):
    entry = pick(scene, scene.consultant.user)
    profile = db.session.scalar(sa.select(ConsultantProfile).where(
        ConsultantProfile.user_id == scene.consultant.user.id))
    profile.hourly_rate = Decimal("2345")
    db.session.commit()
    response = scene.staff.post(f"/staff/shortlist/{entry.id}/approve", headers=EN)
    assert response.status_code == 303
    db.session.refresh(entry)
    assert entry.state == "proposed" and "rate" not in _card(entry)  # staff read the new card first
    approve(scene, entry)
    db.session.refresh(entry)
    assert entry.state == "approved_for_buyer"


def _save_pitch(scene, text: str):
    return scene.consultant.post("/consultant/profile/card", data={"card_pitch": text}, headers=EN)


def test_a_pitch_that_names_the_consultant_is_refused_with_the_reason(scene):
    profile = db.session.scalar(sa.select(ConsultantProfile).where(
        ConsultantProfile.user_id == scene.consultant.user.id))
    profile.references.append(Reference(referee_name="Rut Referent", company="Nordbank AB"))
    db.session.commit()
    for pitch in ("Alumna of Uppsala universitet, loves testing.", "Test lead from Solna with bank experience.",
                  "Ex-Acme test lead who likes releases.", "Rut Referent will tell you I deliver.",
                  "Find me as @klarakonsult.", "Klara leads calm release testing.", "Led Acme Testing 2015–2019."):
        response = _save_pitch(scene, pitch)
        assert response.status_code == 422, pitch
        assert "could" in response.get_data(as_text=True).lower() or "names" in response.get_data(as_text=True)
    db.session.refresh(profile)
    assert profile.card_pitch is None
    assert _save_pitch(scene, "Calm test lead for large releases; likes automation and pairing.").status_code == 303
    entry = pick(scene, scene.consultant.user)
    assert _card(entry)["pitch"] == "Calm test lead for large releases; likes automation and pairing."


def test_a_pitch_that_a_new_employer_makes_identifying_is_left_off_new_cards(scene):
    assert _save_pitch(scene, "Test lead who loves Northwind style releases.").status_code == 303
    profile = db.session.scalar(sa.select(ConsultantProfile).where(
        ConsultantProfile.user_id == scene.consultant.user.id))
    from portal.models import EmploymentEntry
    profile.employment.append(EmploymentEntry(employer="Northwind Traders AB", title="QA", start=date(2020, 1, 1)))
    db.session.commit()
    assert _card(pick(scene, scene.consultant.user))["pitch"] is None


def _released(scene, fields=("name",)) -> tuple[ShortlistEntry, ConsentRequest]:
    entry = pick(scene, scene.consultant.user)
    approve(scene, entry)
    assert ask_to_meet(scene, entry).status_code == 303
    question = db.session.scalar(sa.select(ConsentRequest).where(ConsentRequest.shortlist_entry_id == entry.id))
    assert say_yes(scene, question, fields).status_code == 303
    return entry, question


def test_a_yes_can_be_taken_back_until_release(scene):
    entry, question = _released(scene)
    response = scene.consultant.post(f"/consultant/requests/{question.id}/withdraw", headers=EN)
    assert response.status_code == 303
    db.session.refresh(question)
    db.session.refresh(entry)
    assert question.status == "withdrawn" and entry.state == "consultant_declined"
    assert release(scene, entry).status_code == 422
    html = scene.buyer.get(f"/buyer/assignments/{scene.assignment.id}", headers=EN).get_data(as_text=True)
    assert "Not available" in html and scene.consultant.user.name not in html
    again = scene.consultant.post(f"/consultant/requests/{question.id}/withdraw", headers=EN)
    assert again.status_code == 409


def test_after_release_the_consultant_stops_further_use_and_the_buyer_is_told(scene):
    entry, question = _released(scene, ("name", "contact"))
    assert release(scene, entry, reason="Interview next week.").status_code == 303
    klara = scene.consultant.user
    buyer_url = f"/buyer/assignments/{scene.assignment.id}"
    assert klara.email in scene.buyer.get(buyer_url, headers=EN).get_data(as_text=True)
    withdraw = scene.consultant.post(f"/consultant/requests/{question.id}/withdraw", headers=EN)
    assert withdraw.status_code == 409  # released already: stopping is the way now
    disclosure = db.session.scalar(sa.select(Disclosure))
    assert disclosure.reason == "Interview next week." and disclosure.ends_on > date.today()
    stranger_stop = scene.consultant.post("/consultant/releases/999999/stop")
    assert stranger_stop.status_code == 404
    assert scene.consultant.post(f"/consultant/releases/{disclosure.id}/stop", headers=EN).status_code == 303
    html = scene.buyer.get(buyer_url, headers=EN).get_data(as_text=True)
    assert klara.email not in html and klara.name not in html and "Delete what you have saved" in html
    assert db.session.scalar(sa.select(DisclosureEnd)).disclosure_id == disclosure.id
    told = last_mail_to(scene.buyer.user)  # the buyer's own language: Swedish by default
    assert scene.assignment.title in told.body_text and "/consultant" not in told.body_text
    mine = scene.consultant.get("/consultant/requests", headers=EN).get_data(as_text=True)
    assert "You stopped further use" in mine and "Interview next week." in mine
    assert scene.consultant.post(f"/consultant/releases/{disclosure.id}/stop", headers=EN).status_code == 409


def test_a_release_past_its_end_is_no_longer_shown(scene):
    entry, _question = _released(scene)
    assert release(scene, entry, ends_on=date.today() + timedelta(days=1)).status_code == 303
    from portal.services.shortlists import disclosures
    released, ended = disclosures.released_to_buyer(entry, today=date.today() + timedelta(days=2))
    assert released == {} and ended == {"on": date.today() + timedelta(days=1), "stopped": False}


def test_the_consultant_sees_each_time_their_card_was_shown(scene):
    entry = pick(scene, scene.consultant.user)
    approve(scene, entry)
    for _ in range(2):
        assert scene.buyer.get(f"/buyer/assignments/{scene.assignment.id}").status_code == 200
    showing = db.session.scalars(sa.select(CardShowing)).all()
    assert len(showing) == 1 and showing[0].organisation_id == scene.assignment.organisation_id  # once a day
    html = scene.consultant.get("/consultant/requests", headers=EN).get_data(as_text=True)
    assert "Where your anonymous card was shown" in html and scene.assignment.organisation.name in html


def _buyer_pages(portal, start: str) -> dict[str, str]:
    """Every buyer page reachable by links from `start` (GET, same portal)."""
    seen, queue = {}, [start]
    while queue:
        url = queue.pop()
        if url in seen or len(seen) > 60:
            continue
        response = portal.get(url, headers=EN)
        if response.status_code != 200 or "text/html" not in response.content_type:
            continue
        seen[url] = response.get_data(as_text=True)
        queue += [link for link in re.findall(r'href="(/buyer/[^"#?]*)"', seen[url]) if link not in seen]
    return seen


def test_after_filling_no_buyer_page_names_anyone_who_did_not_say_yes(scene):
    """Finding 2 and R-STAFF-2: the rating list named every supplier-offered consultant."""
    klara, nils = scene.consultant.user, scene.other
    supplier = scene.assignment.organisation  # any organisation will do for the supplier record's FK
    for person, label in ((klara, "Klara K. (supplier's name)"), (nils, "Nils N. (supplier's name)")):
        record = SupplierConsultant(organisation_id=supplier.id, name=label, email=person.email,
                                    claimed_by_user_id=person.id)
        db.session.add(record)
        db.session.flush()
        db.session.add(Offer(assignment_id=scene.assignment.id, organisation_id=supplier.id,
                             supplier_consultant_id=record.id, rate=1000, state="shortlisted"))
    db.session.commit()
    nils_entry = pick(scene, nils)
    approve(scene, nils_entry)
    entry, _question = _released(scene, ("name",))
    url = f"/staff/assignments/{scene.assignment.id}/selection"
    refused = scene.staff.post(url, data={"entries": [nils_entry.id], "selection_reason": "x"}, headers=EN)
    assert refused.status_code == 422  # Nils never said yes
    assert scene.staff.post(url, data={"entries": [entry.id], "selection_reason": " "}).status_code == 422
    transition = scene.staff.post(f"/staff/assignments/{scene.assignment.id}/state", data={"to": "filled"}, headers=EN)
    assert transition.status_code in (409, 422) and db.session.get(Assignment, scene.assignment.id).state != "filled"
    assert release(scene, entry).status_code == 303
    response = scene.staff.post(url, data={"entries": [entry.id], "selection_reason": "Best interview."})
    assert response.status_code == 303
    selection = db.session.scalar(sa.select(Selection))
    assert (selection.consultant_id, selection.decided_by_id, selection.reason) == (
        klara.id, scene.staff.user.id, "Best interview.")
    db.session.expire_all()
    assert db.session.get(Assignment, scene.assignment.id).state == "filled"
    pages = _buyer_pages(scene.buyer, "/buyer/")
    assert f"/buyer/assignments/{scene.assignment.id}" in pages
    everything = "\n".join(pages.values())
    for value in (nils.name, nils.email, nils.phone, "Nils N. (supplier's name)", "Klara K. (supplier's name)",
                  klara.email, klara.phone):
        assert value not in everything, value
    assert klara.name in pages[f"/buyer/assignments/{scene.assignment.id}"]  # she said yes to her name
    assert cards.CARD_VERSION == 2
