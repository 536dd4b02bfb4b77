"""Every page, for every kind of login, has no axe-core WCAG 2.1 A/AA violation (in Chromium). Here in English on
a desktop window; the Swedish pages get the same check at 320 px in test_reflow."""
from __future__ import annotations

import pytest

from tests import site_map
from tests.browser.conftest import axe_violations, every_page

pytestmark = pytest.mark.browser


def test_every_page_for_every_login_passes_axe(app, live_server, context_factory):
    site_map.load_demo()
    problems, checked = [], 0
    for who, url, page in every_page(app, live_server, context_factory, "en-GB", axe=True):
        checked += 1
        problems += [f"{who} {url}: {violation}" for violation in axe_violations(page)]
    assert checked > 100
    assert problems == [], "\n".join(problems[:30])
