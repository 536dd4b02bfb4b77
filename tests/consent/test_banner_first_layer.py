"""The banner's first layer names who receives each optional category's data, from the registry, or
says that no third party receives anything, and links the cookie and the privacy policy; without
JavaScript, in Swedish and English (R-WEB-3, GDPR Art. 13(1)(e), issue 14 finding 6)."""
from __future__ import annotations

import json
import re

import sqlalchemy as sa

from portal.extensions import db
from portal.models import BannerVersion, ConsentRecord
from portal.services.consent import banner_text, cookie_registry
from tests.consent.conftest import EN, form_values

SV = {"Accept-Language": "sv"}


def _banner(html: str) -> str:
    start = html.index('id="consent-banner"')
    return html[start:html.index("</section>", start)]


def _items(banner: str) -> dict[str, str]:
    return {key: re.sub(r"<[^>]+>|\s+", " ", text).strip()
            for key, text in re.findall(r'<li data-category="(\w+)">(.*?)</li>', banner, re.S)}


def test_each_optional_category_names_its_recipients_in_english(client, registry):
    banner = _banner(client.get("/", headers=EN).get_data(as_text=True))
    items = _items(banner)
    assert set(items) == {"preferences", "statistics"}  # necessary needs no choice; nothing in marketing
    assert "No third party receives anything: only Customersonly AB uses it." in items["preferences"]
    assert "Received by: Google Ireland Ltd (Google Analytics) (outside the EEA)." in items["statistics"]
    assert "Who receives data, per category" in banner


def test_the_same_in_swedish(client, registry):
    items = _items(_banner(client.get("/", headers=SV).get_data(as_text=True)))
    assert "Ingen tredje part får något: bara Customersonly AB använder det." in items["preferences"]
    assert "Tas emot av: Google Ireland Ltd (Google Analytics) (utanför EES)." in items["statistics"]


def test_both_policies_are_linked_without_javascript(client, registry):
    for headers, cookie_text, privacy_text in ((EN, "Cookie policy", "Privacy policy"),
                                               (SV, "Policy för kakor", "Integritetspolicy")):
        banner = _banner(client.get("/auth/login", headers=headers).get_data(as_text=True))
        assert re.search(r'<a href="/cookies\?next=[^"]*">' + cookie_text, banner), banner
        assert f'<a href="/privacy-policy">{privacy_text}</a>' in banner
        assert 'method="post" action="/cookies"' in banner  # the form works without htmx


def test_recipients_follow_the_registry(app, client, registry):
    cookie_registry.create(
        __import__("portal.services.actors", fromlist=["SYSTEM"]).SYSTEM,
        cookie_registry.EntryData("preferences", "cookie", "theme", "Vendor AB", "Remembers the theme.",
                                  "Minns temat.", 30, False))
    db.session.commit()
    items = _items(_banner(client.get("/", headers=EN).get_data(as_text=True)))
    assert items["preferences"].endswith("Received by: Vendor AB.")


def test_a_choice_is_tied_to_the_text_with_the_recipients(client, registry, csrf_off):
    html = client.get("/", headers=EN).get_data(as_text=True)
    response = client.post("/cookies", data={**form_values(html), "choice": "reject_all"}, headers=EN)
    assert response.status_code in (302, 303)
    record = db.session.scalar(sa.select(ConsentRecord))
    version = db.session.get(BannerVersion, record.banner_version_id)
    content = json.loads(version.content)
    statistics = next(c for c in content["en"]["categories"] if c["key"] == "statistics")
    assert statistics["recipients"].startswith("Received by: Google Ireland Ltd")
    assert content["sv"]["privacy_link"] == "Integritetspolicy"
    assert version.digest == banner_text.digest(banner_text.build())
