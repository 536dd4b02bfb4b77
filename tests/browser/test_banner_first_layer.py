"""In Chromium, the banner's first layer shows each optional category's recipients and links both
policies, in Swedish and English, and passes axe (R-WEB-3, issue 14 finding 6)."""
from __future__ import annotations

import pytest

from tests.browser.conftest import assert_accessible
from tests.consent.conftest import registry  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("locale, received, nobody, privacy", [
    ("sv-SE", "Tas emot av: Google Ireland Ltd", "Ingen tredje part får något", "Integritetspolicy"),
    ("en-GB", "Received by: Google Ireland Ltd", "No third party receives anything", "Privacy policy"),
])
def test_the_first_layer_names_recipients_and_links_both_policies(live_server, context_factory, registry,  # noqa: F811
                                                                   locale, received, nobody, privacy):
    page = context_factory(locale=locale).new_page()
    page.goto(live_server + "/")
    banner = page.locator("#consent-banner")
    assert banner.is_visible()
    statistics = banner.locator('li[data-category="statistics"]')
    preferences = banner.locator('li[data-category="preferences"]')
    assert statistics.is_visible() and received in statistics.inner_text()
    assert preferences.is_visible() and nobody in preferences.inner_text()
    privacy_link = banner.get_by_role("link", name=privacy, exact=True)
    assert privacy_link.is_visible() and privacy_link.get_attribute("href") == "/privacy-policy"
    assert banner.locator('a[href^="/cookies?next="]').is_visible()
    assert_accessible(page)
    privacy_link.click()
    page.wait_for_url(live_server + "/privacy-policy")
    assert "IMY" in page.locator("article.policy").inner_text()


@pytest.mark.parametrize("path", ["/privacy-policy", "/privacy-policy/2019-04-15", "/privacy-policy/versions",
                                  "/auth/terms/consultants"])
def test_the_policy_and_terms_pages_pass_axe(live_server, page, path):
    page.goto(live_server + path)
    assert page.locator("h1").count() == 1
    assert_accessible(page)
