"""Version 2 of the privacy policy: Swedish and English, IMY named, an effective date and a summary of
changes; version 1 (the seed) still readable at its own address (R-POLICY-1, R-RIGHTS-7, issue 14)."""
from __future__ import annotations

import re

import pytest

from portal.services.privacy import policy

EN = {"Accept-Language": "en"}
SV = {"Accept-Language": "sv"}


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_version_2_is_current_in_both_languages_and_version_1_is_the_seed(app, repo_root):
    versions = policy.versions()
    assert [(v.number, v.published.isoformat()) for v in versions] == [(2, "2026-12-03"), (1, "2019-04-15")]
    current, first = versions
    assert current.languages == ("sv", "en") and current.effective_from.isoformat() == "2026-12-03"
    assert first.languages == ("sv",)
    seed = (repo_root.parent / "shared" / "seed" / "integritetspolicy-2019-04-15.txt")
    if seed.exists():  # the seed beside the repository is the specification; the shipped v1 is its copy
        shipped = (repo_root / "portal" / "content" / "policy-2019-04-15.sv.txt").read_text(encoding="utf-8")
        assert shipped.replace("\r", "").split() == seed.read_text(encoding="utf-8").replace("\r", "").split()


def test_the_english_text_is_a_translation_block_for_block(app):
    """The same headings, paragraphs and lists in the same order, and lists of the same length."""
    current = policy.current()
    swedish, english = list(current.blocks("sv")), list(current.blocks("en"))
    assert [kind for kind, _ in swedish] == [kind for kind, _ in english]
    for (kind, sv), (_, en) in zip(swedish, english):
        if kind == "list":
            assert len(sv) == len(en), (sv, en)
    assert len(swedish) > 100


@pytest.mark.parametrize("fact", ["556706-5981", "dataprotection@customersonly.com", "463 03 00", "imy@imy.se",
                                  "657 61 00", "Box 8114", "LOU", "Google Analytics", "bankgiro", "F-skatt",
                                  "(IMY)", "Katarinavägen 15"])
def test_the_seeds_facts_are_in_both_languages(app, fact):
    current = policy.current()
    for language in ("sv", "en"):
        assert fact.lower() in " ".join(current.texts[language]).lower(), (language, fact)


def test_datainspektionen_is_named_only_as_the_old_name(app):
    for language in ("sv", "en"):
        text = " ".join(policy.current().texts[language])
        assert "datainspektionen@" not in text and "Drottninggatan" not in text
        assert text.count("Datainspektionen") == 1  # "no longer Datainspektionen", in the summary of changes


def test_an_english_reader_gets_the_english_policy(client):
    html = client.get("/privacy-policy", headers=EN).get_data(as_text=True)
    text = _text(html)
    assert '<div lang="en">' in html and "Privacy policy – version 2" in text
    assert "What has changed since version 1?" in text and "Swedish Authority for Privacy Protection" in text
    assert "In effect from 3 December 2026" in text or "In effect from Dec 3, 2026" in text
    assert "Integritetsskyddsmyndigheten (IMY), Box 8114" in text
    assert "published in Swedish only" not in text and "Vad har ändrats" not in text
    assert "<ul>" in html and "<h3>" in html


def test_a_swedish_reader_gets_the_swedish_policy(client):
    html = client.get("/privacy-policy", headers=SV).get_data(as_text=True)
    text = _text(html)
    assert '<div lang="sv">' in html and "Integritetspolicy – version 2" in text
    assert "Vad har ändrats sedan version 1?" in text and "Gäller från" in text
    assert "Integritetsskyddsmyndigheten (IMY)" in text and "What has changed" not in text


def test_version_1_stays_readable_at_its_address_in_swedish(client):
    response = client.get("/privacy-policy/2019-04-15", headers=EN)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    text = _text(html)
    assert "version 1" in text and "earlier version" in text and '<div lang="sv">' in html
    assert "published in Swedish only" in text and "Datainspektionen" in text
    assert "Senaste uppdatering 15 april 2019" in text
    assert client.get("/privacy-policy/2026-12-03", headers=EN).status_code == 200


def test_the_versions_page_lists_both_with_their_dates_and_languages(client):
    text = _text(client.get("/privacy-policy/versions", headers=EN).get_data(as_text=True))
    assert "Current version: version 2" in text and "version 1" in text
    assert "Svenska, English" in text and "In effect from" in text
    swedish = _text(client.get("/privacy-policy/versions", headers=SV).get_data(as_text=True))
    assert "Gällande version: version 2" in swedish and "Gäller från" in swedish


@pytest.mark.parametrize("path", ["/privacy-policy/2026-12-04", "/privacy-policy/2", "/privacy-policy/%00"])
def test_unknown_versions_are_404(client, path):
    assert client.get(path).status_code in (400, 404)


def test_a_version_in_swedish_only_tells_english_readers(app, client, tmp_path):
    (tmp_path / "policy-2030-01-01.sv.txt").write_text("## Rubrik\n\nBara svenska.\n\n- ett\n- två", encoding="utf-8")
    app.config["POLICY_DIR"] = str(tmp_path)
    html = client.get("/privacy-policy", headers=EN).get_data(as_text=True)
    assert "Bara svenska." in html and "published in Swedish only" in html and "<li>två</li>" in html
    assert policy.current().number == 1  # numbered within the directory it was read from
