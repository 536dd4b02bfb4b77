"""A live server in a thread and a real Chromium driven by Playwright (network closed)."""
from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-gpu", "--no-first-run"]
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture
def live_server(app):
    """Serves `app` on 127.0.0.1 and a free port; yields the base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base_url = f"http://127.0.0.1:{server.server_port}"
    app.config["PUBLIC_URL"] = base_url  # mailed links point at this server
    yield base_url
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def playwright_instance():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def chromium(playwright_instance):
    browser = playwright_instance.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def context_factory(chromium):
    """Fresh browser contexts (own cookies and storage); closed after the test."""
    contexts = []

    def make(**options):
        options.setdefault("locale", "sv-SE")
        context = chromium.new_context(**options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(context_factory):
    return context_factory().new_page()


def axe_violations(page) -> list[dict]:
    """Run axe-core (from npm) in the page; WCAG 2.1 A and AA rules only."""
    # evaluate() runs outside the page's CSP, so our strict policy need not allow it.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return [{"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"]]


def assert_fits(page, width: int = 320) -> None:
    """No horizontal scroll at this width (WCAG 1.4.10 reflow)."""
    page.set_viewport_size({"width": width, "height": 900})
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    assert violations == [], json.dumps(violations, indent=1)


def sign_in(page, base: str, user, password: str | None = None) -> None:
    """Sign in through the login form (and the TOTP step when the account has one)."""
    import re

    from tests import factories
    from tests.conftest import totp_code

    page.goto(base + "/auth/login")
    page.fill("#email", user.email)
    page.fill("#password", password or factories.PASSWORD)
    page.locator("main form button[type=submit]").click()
    if user.totp_secret:
        page.wait_for_url(re.compile(r"/auth/login/code$"))
        page.fill("#code", totp_code(user))
        page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(rf"/{user.role}/$"))
