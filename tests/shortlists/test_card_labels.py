"""Issue #18: on a buyer's card the label is not doubled ("Kandidat Kandidat K-…") and the card's words follow the
reader's language: years per skill, availability and rate read in Swedish on a Swedish page."""
from __future__ import annotations

import re

from portal.extensions import db
from tests.shortlists.conftest import approve, pick


def _buyer_page(scene, locale: str) -> str:
    scene.buyer.user.locale = locale
    db.session.commit()
    response = scene.buyer.get(f"/buyer/assignments/{scene.assignment.id}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_the_candidate_label_is_said_once_in_the_readers_language(scene):
    approve(scene, pick(scene, scene.consultant.user))
    swedish = _buyer_page(scene, "sv")
    headings = re.findall(r'<h3 id="candidate-\d+">([^<]*)</h3>', swedish)
    assert len(headings) == 1 and re.fullmatch(r"Kandidat K-[0-9A-Z]{4}", headings[0]), headings
    assert "Kandidat Kandidat" not in swedish and "Candidate" not in swedish
    english = _buyer_page(scene, "en")
    assert re.findall(r'<h3 id="candidate-\d+">([^<]*)</h3>', english) == [
        headings[0].replace("Kandidat", "Candidate")]


def test_card_words_are_swedish_on_a_swedish_page(scene):
    approve(scene, pick(scene, scene.consultant.user))
    card = _buyer_page(scene, "sv").split('<h3 id="candidate-', 1)[1].split("</article>", 1)[0]
    assert " år)" in card  # years per skill, as a band
    for english in (" years", "level ", "Not stated", "Within two weeks", "Hourly rate", "Skills", "Languages"):
        assert english not in card, english
